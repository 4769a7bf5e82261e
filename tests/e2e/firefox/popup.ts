import type { ElementHandle, Page } from 'puppeteer-core';
import { until } from '../support/flows';

/**
 * The popup page in Firefox, opened as an extension page in a tab (FirefoxExtension.openExtensionPage):
 * read with its own DOM, clicked with the real mouse (puppeteer's ElementHandle.click).
 */

/** Waits for the popup to render its list of handoffs. */
export async function popupReady(popup: Page): Promise<void> {
  await until(() => popup.evaluate(() => document.querySelector('#handoffs-heading') !== null), Boolean, 'the popup to render');
}

/** Types the pair into the popup's paste field (under "Paste credentials") and sends it; returns the field's notice. */
export async function pasteCredentials(popup: Page, sid: string, token: string): Promise<string> {
  await popupReady(popup);
  const summary = await popup.waitForSelector('details > summary');
  await summary!.click();
  await popup.type('#paste-sid', sid);
  await popup.type('#paste-token', token);
  await (await popup.waitForSelector('form.paste button[type="submit"]'))!.click();
  return until(
    () => popup.evaluate(() => document.querySelector('form.paste [role="status"]')?.textContent?.trim() ?? ''),
    (notice) => notice !== '' && !/Working/i.test(notice),
    'the paste field to answer',
  );
}

/** The card of one handoff (an article named by its heading, the sub-account's name), once the popup shows it. */
async function card(popup: Page, friendlyName: string): Promise<ElementHandle<HTMLElement>> {
  const find = () =>
    popup.evaluateHandle((name) => {
      for (const article of document.querySelectorAll('article')) {
        const heading = document.getElementById(article.getAttribute('aria-labelledby') ?? '');
        if (heading?.textContent?.trim() === name) return article;
      }
      return null;
    }, friendlyName);
  await until(async () => (await (await find()).jsonValue()) !== null, Boolean, `the popup's card for ${friendlyName}`);
  return (await find()) as ElementHandle<HTMLElement>;
}

/** The text the card shows (its state, reason and buttons). */
export async function cardText(popup: Page, friendlyName: string): Promise<string> {
  return (await card(popup, friendlyName)).evaluate((article) => article.innerText.replace(/\s+/g, ' ').trim());
}

/** Clicks a button of the card by its text, once the card offers it. */
export async function clickCardButton(popup: Page, friendlyName: string, label: string): Promise<void> {
  const button = await until(
    async () => {
      const handle = await (await card(popup, friendlyName)).evaluateHandle(
        (article, wanted) => [...article.querySelectorAll('button')].find((b) => b.textContent?.trim() === wanted) ?? null,
        label,
      );
      return (await handle.jsonValue()) === null ? null : (handle as ElementHandle<HTMLButtonElement>);
    },
    (handle) => handle !== null,
    `a "${label}" button on the card of ${friendlyName}`,
  );
  await button!.click();
}
