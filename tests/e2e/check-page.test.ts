import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CHECK_ANCHOR_TEXT, text } from '../../components/text';
import { CHECK_ANCHORS, type CheckAnchor } from '../../utils/messages';
import { startStandIns, type StandIns } from '../stand-ins/start';
import { launchExtension, type ExtensionBrowser } from './harness';
import { CRM_PAGE, crmRecord } from './support/flows';
import { openPopup } from './support/popup';

/**
 * "Check this page" end to end (issue 6 item 2): the production build in Chromium, the CRM stand-in,
 * the popup opened in front of the CRM tab as Chrome shows it. The check runs the driver's look-ups
 * in that tab and reports every anchor; it writes nothing, and where the page is not what the driver
 * needs it names what is missing and what to do, in the popup.
 */
let sites: StandIns;
let ext: ExtensionBrowser;
const pages: Page[] = [];

beforeAll(async () => {
  sites = await startStandIns();
  ext = await launchExtension({ hostResolverRules: sites.hostResolverRules });
});

beforeEach(() => sites.crm.reset());

afterEach(async () => {
  await Promise.all(pages.splice(0).map((page) => (page.isClosed() ? undefined : page.close())));
});

afterAll(async () => {
  await ext?.close();
  await sites?.close();
});

async function crmPage(url: string): Promise<Page> {
  const page = await ext.context.newPage();
  pages.push(page);
  await page.goto(url);
  return page;
}

type Line = { anchor: CheckAnchor; found: boolean; text: string };

/** Opens the popup over `page`, clicks Check this page and reads the report as the admin sees it. */
async function checkInPopup(page: Page): Promise<{ lines: Line[]; notice: string }> {
  const popup = await openPopup(ext, page);
  pages.push(popup);
  await popup.getByRole('button', { name: text.checkPage }).click();
  const report = popup.locator('ul.check');
  await report.waitFor({ timeout: 60_000 });
  const items = await report.locator('li').evaluateAll((lis) =>
    lis.map((li) => ({ found: li.classList.contains('check--found'), text: (li.textContent ?? '').replace(/\s+/g, ' ').trim() })),
  );
  const lines = items.map((item) => {
    const anchor = CHECK_ANCHORS.find((candidate) => item.text.includes(CHECK_ANCHOR_TEXT[candidate].name));
    if (!anchor) throw new Error(`A report line names no anchor: ${item.text}`);
    return { anchor, ...item };
  });
  const notice = (await popup.locator('.banner .notice').textContent()) ?? '';
  return { lines, notice };
}

/** No write, no submission, and no search typed by the check (it reads the list as it is) since `from`. */
function expectNothingWritten(from = 0): void {
  expect(crmRecord(sites)).toEqual({ writes: [], submissions: [] });
  expect(sites.crm.state.listRequests.slice(from).filter((request) => request.search)).toEqual([]);
}

describe('"Check this page" in the popup', () => {
  it('on Phone Integration: reports every anchor found and writes nothing', async () => {
    const page = await crmPage(CRM_PAGE);
    const { lines, notice } = await checkInPopup(page);

    expect(lines.map(({ anchor }) => anchor)).toEqual([...CHECK_ANCHORS]);
    for (const line of lines) {
      expect(line, line.text).toMatchObject({ found: true });
      expect(line.text).toBe(`${text.checkPageFound} ${CHECK_ANCHOR_TEXT[line.anchor].name}`);
    }
    expect(notice).toBe(text.checkPageAllFound);
    expectNothingWritten();
    // No menu or dialog was opened on the page.
    expect(await page.locator('[role="dialog"]').count()).toBe(0);
    expect(await page.locator('.hr-dropdown-menu').count()).toBe(0);
  });

  it('on the dashboard: names the missing Phone Integration page and how to get there', async () => {
    const page = await crmPage('https://app.gohighlevel.com/');
    await page.getByText('Dashboard').first().waitFor();
    const { lines, notice } = await checkInPopup(page);

    expect(lines).toEqual([
      {
        anchor: 'page',
        found: false,
        text: `${text.checkPageMissing} ${CHECK_ANCHOR_TEXT.page.name} · ${CHECK_ANCHOR_TEXT.page.missing}`,
      },
    ]);
    expect(CHECK_ANCHOR_TEXT.page.missing).toMatch(/Settings → Phone Integration/);
    expect(notice).toBe('');
    expectNothingWritten();
  });

  it('on the older layout (pencil, Save): finds every anchor too, and opens nothing', async () => {
    sites.crm.switches.layout = 'legacy';
    const page = await crmPage(CRM_PAGE);
    const { lines, notice } = await checkInPopup(page);

    expect(lines.map(({ anchor }) => anchor)).toEqual([...CHECK_ANCHORS]);
    expect(lines.filter(({ found }) => !found)).toEqual([]);
    expect(notice).toBe(text.checkPageAllFound);
    expectNothingWritten();
    expect(await page.locator('[role="dialog"]').count()).toBe(0);
  });

  it('on a list the admin filtered to nothing: says the rows are missing and to clear the search, then finds them', async () => {
    const page = await crmPage(CRM_PAGE);
    await page.getByText('Sub Account Settings', { exact: true }).click();
    await page.getByPlaceholder(/Search sub-accounts/).fill('no such location anywhere');
    await page.getByText('No Data').waitFor();
    const typed = sites.crm.state.listRequests.length;

    const first = await checkInPopup(page);
    expect(first.lines.filter(({ found }) => !found)).toEqual([
      {
        anchor: 'rows',
        found: false,
        text: `${text.checkPageMissing} ${CHECK_ANCHOR_TEXT.rows.name} · ${CHECK_ANCHOR_TEXT.rows.missing}`,
      },
    ]);
    expect(CHECK_ANCHOR_TEXT.rows.missing).toMatch(/Clear the search box/);
    // The anchors before the rows were found; the ones that need rows were not looked for.
    expect(first.lines.map(({ anchor }) => anchor)).toEqual(['page', 'loaded', 'tab', 'table', 'name-column', 'managed-by-column', 'search-box', 'rows']);
    expect(first.notice).toBe('');
    expectNothingWritten(typed);

    // What the popup said to do: clear the search box, check again.
    await page.getByPlaceholder(/Search sub-accounts/).fill('');
    await page.locator('.subaccount-cell__name').first().waitFor();
    const again = await checkInPopup(page);
    expect(again.lines.filter(({ found }) => !found)).toEqual([]);
    expect(again.notice).toBe(text.checkPageAllFound);
    expect(crmRecord(sites)).toEqual({ writes: [], submissions: [] });
  });
});
