import { chromium, type Browser, type BrowserContext, type Frame, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { throwawayCertificate } from '../cert.ts';
import { startTwilioApi, type TwilioApiStandIn } from '../twilio-api/server.ts';
import {
  API_KEYS_PATH,
  consoleUrl,
  dashboardUrl,
  FRAMED_SETTINGS_URL,
  framedSettingsUrl,
  LEGACY_SETTINGS_URL,
  regionalToken,
  startTwilioConsole,
  SUBACCOUNTS_URL,
  type AccountInfoVariant,
  type ApiKeysTestLabels,
  type ConsoleStandIn,
  type ShowControl,
} from './server.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

let api: TwilioApiStandIn;
let site: ConsoleStandIn;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  const cert = throwawayCertificate();
  api = await startTwilioApi({ cert });
  site = await startTwilioConsole({ api: api.state, cert });
  const rules = [
    `MAP console.twilio.com 127.0.0.1:${site.port}`,
    `MAP www.twilio.com 127.0.0.1:${site.port}`,
    'MAP * ~NOTFOUND',
    'EXCLUDE 127.0.0.1',
  ].join(', ');
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--ignore-certificate-errors',
      `--host-resolver-rules=${rules}`,
    ],
  });
});

afterEach(async () => {
  await Promise.all(contexts.splice(0).map((context) => context.close()));
  site.reset();
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
  await api?.close();
});

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ignoreHTTPSErrors: true });
  contexts.push(context);
  return context.newPage();
}

/** Everything a content script could read: markup, attribute and input values, in every frame. */
async function pageText(page: Page): Promise<string> {
  const parts = await Promise.all(
    page.frames().map((frame: Frame) =>
      frame.evaluate(() => {
        const values = [...document.querySelectorAll('input')].map((input) => input.value);
        return [document.documentElement.outerHTML, document.body.innerText, ...values].join('\n');
      }),
    ),
  );
  return parts.join('\n');
}

/** A sub-account made through the shared state, switched into through the console's URL. */
async function openSubaccount(page: Page, name: string) {
  const account = api.state.createAccount(name);
  await page.goto(dashboardUrl(account.sid));
  await page.getByRole('heading', { level: 1, name }).waitFor();
  return account;
}

describe('twilio console stand-in', () => {
  it('creates a sub-account through the UI, lists it, and switches into it without a page load', async () => {
    const page = await newPage();
    await page.goto(SUBACCOUNTS_URL);
    await page.getByRole('heading', { name: 'Subaccounts' }).waitFor();
    await page.getByRole('row').nth(1).waitFor();

    await page.getByRole('button', { name: 'Create Account' }).click();
    await page.getByRole('heading', { name: 'Create new subaccount' }).waitFor();
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    await expect(page.getByText('Enter a friendly name for the subaccount.').isVisible()).resolves.toBe(true);
    await page.getByLabel('Friendly name').fill('Acme Dental - Austin');
    await page.screenshot({ path: '/tmp/console-create.png', fullPage: true });
    await page.getByRole('button', { name: 'Create', exact: true }).click();

    await page.getByRole('link', { name: 'Acme Dental - Austin' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/us1/account/manage-account/subaccounts');
    await page.getByRole('status').getByText('was created').waitFor();
    const account = api.state.listSubaccounts(api.state.master.sid).find((a) => a.friendlyName === 'Acme Dental - Austin');
    expect(account).toBeDefined();
    if (!account) return;
    await expect(page.getByRole('row').filter({ hasText: account.sid }).count()).resolves.toBe(1);
    await page.screenshot({ path: '/tmp/console-subaccounts.png', fullPage: true });

    // A marker in the page's window survives a pushState route change, not a page load.
    await page.evaluate(() => Object.assign(window, { sameDocument: true }));
    await page.getByRole('link', { name: 'Acme Dental - Austin' }).click();
    await page.getByRole('heading', { level: 1, name: 'Acme Dental - Austin' }).waitFor();
    expect(page.url()).toBe(dashboardUrl(account.sid));
    await expect(page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).resolves.toBe(true);
    await expect(page.getByRole('button', { name: /Acme Dental - Austin/ }).getAttribute('aria-haspopup')).resolves.toBe('menu');

    const panel = page.getByRole('article', { name: 'Account Info' });
    await panel.getByText(account.sid).waitFor();
    expect(await pageText(page)).not.toContain(account.authToken);
    expect(site.reveals).toEqual([]);
    await page.screenshot({ path: '/tmp/console-dashboard.png', fullPage: true });

    await panel.getByRole('button', { name: 'Show', exact: true }).click();
    await panel.getByText(account.authToken).waitFor();
    expect(site.reveals).toEqual([{ accountSid: account.sid, credentials: 'live', host: 'console.twilio.com' }]);
    await panel.getByRole('button', { name: 'Hide', exact: true }).click();
    await panel.getByRole('button', { name: 'Show', exact: true }).waitFor();
    expect(await pageText(page)).not.toContain(account.authToken);
  });

  it('switches accounts from the header menu', async () => {
    const page = await newPage();
    const first = await openSubaccount(page, 'Menu Switch One');
    const second = api.state.createAccount('Menu Switch Two');
    await page.getByRole('button', { name: /Menu Switch One/ }).click();
    await page.getByRole('menuitem', { name: 'Menu Switch Two' }).click();
    await page.getByRole('heading', { level: 1, name: 'Menu Switch Two' }).waitFor();
    await page.getByText(second.sid).waitFor();
    expect(await pageText(page)).not.toContain(first.sid);
  });

  it('shows the main account on its own dashboard', async () => {
    const page = await newPage();
    await page.goto(dashboardUrl());
    const master = api.state.master;
    await page.getByRole('heading', { level: 1, name: master.friendlyName }).waitFor();
    await page.getByText(master.sid).first().waitFor();
    await page.getByRole('button', { name: 'Show', exact: true }).click();
    await page.getByText(master.authToken).waitFor();
    await page.screenshot({ path: '/tmp/console-master.png', fullPage: true });
  });

  it('shows the switched-into account on the legacy page and inside the console frame', async () => {
    const page = await newPage();
    const account = await openSubaccount(page, 'Legacy Dental - Reno');
    const test = api.state.testCredentials(account.sid);

    await page.goto(LEGACY_SETTINGS_URL);
    const live = page.getByRole('table').filter({ hasText: account.sid });
    await live.waitFor();
    await expect(page.getByLabel('Project Name').inputValue()).resolves.toBe('Legacy Dental - Reno');
    await page.getByText('LIVE Credentials').waitFor();
    await page.getByText(test.sid).waitFor();
    expect(await pageText(page)).not.toContain(account.authToken);
    await page.screenshot({ path: '/tmp/console-legacy.png', fullPage: true });
    await live.getByRole('button', { name: 'Show auth token' }).click();
    await live.getByText(account.authToken).waitFor();
    expect(await pageText(page)).not.toContain(test.token);

    await page.goto(FRAMED_SETTINGS_URL);
    const iframe = page.locator('iframe');
    await iframe.waitFor();
    const src = new URL((await iframe.getAttribute('src')) ?? '');
    expect(src.origin + src.pathname).toBe(LEGACY_SETTINGS_URL);
    expect(src.searchParams.get('x-target-region')).toBe('us1');
    const frame = page.frameLocator('iframe');
    await frame.getByText(account.sid).waitFor();
    await page.getByRole('button', { name: /Legacy Dental - Reno/ }).waitFor();
    expect(await pageText(page)).not.toContain(account.authToken);
    await page.screenshot({ path: '/tmp/console-framed.png', fullPage: true });
    await frame.getByRole('table').filter({ hasText: account.sid }).getByRole('button', { name: 'Show auth token' }).click();
    await frame.getByText(account.authToken).waitFor();
  });

  it('shows the account named by ?accountSid= on the legacy page, the main account without a selection', async () => {
    const account = api.state.createAccount('Query Param Clinic');
    const page = await newPage();
    await page.goto(LEGACY_SETTINGS_URL);
    await page.getByText(api.state.master.sid).waitFor();
    await page.goto(`${LEGACY_SETTINGS_URL}?accountSid=${account.sid}`);
    await page.getByText(account.sid).waitFor();
  });

  const variants: Array<{ variant: AccountInfoVariant; show: { name: string } }> = [
    { variant: 'paste-card', show: { name: 'Show' } },
    { variant: 'table', show: { name: 'Show auth token' } },
    { variant: 'password-input', show: { name: 'Show Auth Token' } },
  ];

  it.each(variants)('Account Info variant $variant keeps the token out of the page until its Show control', async ({ variant, show }) => {
    site.switches.variant = variant;
    const page = await newPage();
    const account = await openSubaccount(page, `Variant ${variant}`);
    const panel = page.locator('article').filter({ has: page.getByRole('heading', { name: /^Account info$/i }) });
    if (variant === 'password-input') {
      await expect(panel.getByLabel('Account SID').inputValue()).resolves.toBe(account.sid);
      await expect(panel.getByLabel('Auth Token').getAttribute('type')).resolves.toBe('password');
    } else {
      await panel.getByText(account.sid).waitFor();
      await panel.getByText(/^Auth token$/i).waitFor();
    }
    expect(await pageText(page)).not.toContain(account.authToken);
    await page.screenshot({ path: `/tmp/console-variant-${variant}.png`, fullPage: true });

    await panel.getByRole('button', { name: show.name, exact: true }).click();
    if (variant === 'password-input') {
      await expect.poll(() => panel.getByLabel('Auth Token').inputValue()).toBe(account.authToken);
      await expect(panel.getByLabel('Auth Token').getAttribute('type')).resolves.toBe('text');
    } else {
      await panel.getByText(account.authToken).waitFor();
    }
    expect(site.reveals.map((reveal) => reveal.accountSid)).toEqual([account.sid]);
  });

  it('tokenVisible: the token is on the page from the start', async () => {
    site.switches.tokenVisible = true;
    const page = await newPage();
    const account = await openSubaccount(page, 'Visible Token Co');
    await page.getByText(account.authToken).waitFor();
    await page.getByRole('button', { name: 'Hide', exact: true }).waitFor();
  });

  it('revealDisabled: Show is disabled and the token endpoint refuses', async () => {
    site.switches.revealDisabled = true;
    const page = await newPage();
    const account = await openSubaccount(page, 'No Permission Co');
    const showButton = page.getByRole('button', { name: 'Show', exact: true });
    await expect(showButton.isDisabled()).resolves.toBe(true);
    await page.getByText('Only the account owner or an administrator can view the Auth Token.').waitFor();
    const status = await page.evaluate(
      (sid) => fetch(`/api/accounts/${sid}/auth-token`).then((response) => response.status),
      account.sid,
    );
    expect(status).toBe(403);
    expect(await pageText(page)).not.toContain(account.authToken);
    await page.screenshot({ path: '/tmp/console-reveal-disabled.png', fullPage: true });
  });

  it.each(['paste-card', 'table', 'password-input'] as const)('revealHidden (%s): no Show control at all', async (variant) => {
    site.switches.revealHidden = true;
    site.switches.variant = variant;
    const page = await newPage();
    const account = await openSubaccount(page, `Hidden Reveal ${variant}`);
    await page.getByText('Only the account owner or an administrator can view the Auth Token.').waitFor();
    await expect(page.getByRole('button', { name: /show/i }).count()).resolves.toBe(0);
    expect(await pageText(page)).not.toContain(account.authToken);
  });

  it('copy-only variant: the token masked with no Show control at all, only the page’s Copy button', async () => {
    site.switches.variant = 'copy-only';
    const page = await newPage();
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: 'https://console.twilio.com' });
    const account = await openSubaccount(page, 'Copy Only Co');
    const panel = page.getByRole('article', { name: 'Account Info' });
    await panel.getByText(account.sid).waitFor();
    await expect(panel.getByRole('button', { name: /show|reveal|view|eye/i }).count()).resolves.toBe(0);
    await expect(panel.getByRole('link', { name: /show/i }).count()).resolves.toBe(0);
    expect(await pageText(page)).not.toContain(account.authToken);
    expect(site.reveals).toEqual([]);
    await page.screenshot({ path: '/tmp/console-variant-copy-only.png', fullPage: true });

    await panel.getByRole('button', { name: 'Copy', exact: true }).click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(account.authToken);
    expect(site.reveals).toEqual([{ accountSid: account.sid, credentials: 'live', host: 'console.twilio.com' }]);
    expect(await pageText(page)).not.toContain(account.authToken);
  });

  it.each<{ showControl: ShowControl; role: 'link' }>([
    { showControl: 'link', role: 'link' },
    { showControl: 'role-link', role: 'link' },
  ])('showControl $showControl: Show and Hide are links, and work', async ({ showControl, role }) => {
    site.switches.showControl = showControl;
    const page = await newPage();
    const account = await openSubaccount(page, `Show Link ${showControl}`);
    const panel = page.getByRole('article', { name: 'Account Info' });
    const show = panel.getByRole(role, { name: 'Show', exact: true });
    await show.waitFor();
    await expect(panel.getByRole('button', { name: 'Show', exact: true }).count()).resolves.toBe(0);
    await expect(show.evaluate((el) => [el.tagName, el.getAttribute('href')])).resolves.toEqual(
      showControl === 'link' ? ['A', '#'] : ['SPAN', null],
    );
    const before = page.url();
    await show.click();
    await panel.getByText(account.authToken).waitFor();
    // The page handles the click itself: the "#" is never followed.
    expect(page.url()).toBe(before);
    await panel.getByRole(role, { name: 'Hide', exact: true }).click();
    await show.waitFor();
    expect(await pageText(page)).not.toContain(account.authToken);
    await page.screenshot({ path: `/tmp/console-show-${showControl}.png`, fullPage: true });
  });

  it.each<ApiKeysTestLabels>(['prefixed', 'plain'])(
    'API keys & tokens page (test labels %s): Live credentials masked with Show, Test credentials in full, API keys',
    async (labels) => {
      site.switches.apiKeysTestLabels = labels;
      const page = await newPage();
      const account = api.state.createAccount(`Keys Page ${labels}`);
      const test = api.state.testCredentials(account.sid);
      await page.goto(consoleUrl('us1', API_KEYS_PATH, account.sid));
      await page.getByRole('heading', { level: 1, name: 'API keys & tokens' }).waitFor();
      await expect(page.getByRole('link', { name: 'API keys & tokens' }).getAttribute('aria-current')).resolves.toBe('page');

      const live = page.getByRole('region', { name: 'Live credentials' });
      await live.getByText(account.sid).waitFor();
      const testSection = page.getByRole('region', { name: 'Test credentials' });
      await testSection.getByText(test.sid).waitFor();
      await testSection.getByText(test.token).waitFor();
      const [sidLabel, tokenLabel] = labels === 'prefixed' ? ['Test Account SID', 'Test Auth Token'] : ['Account SID', 'Auth Token'];
      await testSection.getByText(sidLabel, { exact: true }).waitFor();
      await testSection.getByText(tokenLabel, { exact: true }).waitFor();
      const keys = page.getByRole('table', { name: 'API keys' });
      await expect(keys.getByText(/^SK[0-9a-f]{32}$/).count()).resolves.toBe(2);
      expect(await pageText(page)).not.toContain(account.authToken);
      expect(site.reveals).toEqual([{ accountSid: account.sid, credentials: 'test', host: 'console.twilio.com' }]);
      await page.screenshot({ path: `/tmp/console-api-keys-${labels}.png`, fullPage: true });

      await live.getByRole('button', { name: 'Show', exact: true }).click();
      await live.getByText(account.authToken).waitFor();
      expect(site.reveals.at(-1)).toEqual({ accountSid: account.sid, credentials: 'live', host: 'console.twilio.com' });
      await live.getByRole('button', { name: 'Request a secondary token' }).waitFor();
    },
  );

  it('region ie1: routes under /ie1/, the header says so, framed pages get x-target-region=ie1, tokens are the region’s', async () => {
    site.switches.region = 'ie1';
    const page = await newPage();
    const account = api.state.createAccount('Dublin Dental');
    const ieToken = regionalToken(account.authToken, 'ie1');
    expect(ieToken).toMatch(/^[0-9a-f]{32}$/);
    expect(ieToken).not.toBe(account.authToken);

    await page.goto(consoleUrl('ie1', '/account/dashboard', account.sid));
    await page.getByRole('heading', { level: 1, name: 'Dublin Dental' }).waitFor();
    await expect(page.getByRole('banner').innerText()).resolves.toContain('Region: IE1 (Ireland)');
    for (const name of ['Subaccounts', 'API keys & tokens', 'General settings']) {
      await expect(page.getByRole('link', { name, exact: true }).getAttribute('href')).resolves.toMatch(/^\/ie1\//);
    }
    await page.getByRole('button', { name: 'Show', exact: true }).click();
    await page.getByText(ieToken).waitFor();
    expect(await pageText(page)).not.toContain(account.authToken);
    await page.screenshot({ path: '/tmp/console-region-ie1.png', fullPage: true });

    // The console's root names no region in its URL; the header still does.
    await page.goto(dashboardUrl(account.sid));
    await page.getByRole('heading', { level: 1, name: 'Dublin Dental' }).waitFor();
    await expect(page.getByRole('banner').innerText()).resolves.toContain('Region: IE1 (Ireland)');

    await page.goto(consoleUrl('us1', '/account/dashboard'));
    await page.getByText('No page at /us1/account/dashboard').waitFor();

    await page.goto(framedSettingsUrl('ie1'));
    const iframe = page.locator('iframe');
    await iframe.waitFor();
    expect(new URL((await iframe.getAttribute('src')) ?? '').searchParams.get('x-target-region')).toBe('ie1');
    const frame = page.frameLocator('iframe');
    await frame.getByText(account.sid).waitFor();
    await frame.getByRole('table').filter({ hasText: account.sid }).getByRole('button', { name: 'Show auth token' }).click();
    await frame.getByText(ieToken).waitFor();

    await page.goto(consoleUrl('ie1', API_KEYS_PATH));
    await page.getByRole('heading', { level: 1, name: 'API keys & tokens' }).waitFor();
  });

  it('delayMs: the Account Info panel appears late, after a skeleton', async () => {
    site.switches.delayMs = 1500;
    const page = await newPage();
    const account = api.state.createAccount('Slow Load Co');
    const started = Date.now();
    await page.goto(dashboardUrl(account.sid));
    await page.locator('[data-paste-element="SKELETON_LOADER"]').first().waitFor();
    await page.getByText(account.sid).waitFor({ timeout: 10_000 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1500);
  });

  it('tokenDelayMs and tokenFetchFails: a slow Show, then a failing one', async () => {
    site.switches.tokenDelayMs = 800;
    const page = await newPage();
    const account = await openSubaccount(page, 'Slow Token Co');
    await page.getByRole('button', { name: 'Show', exact: true }).click();
    await page.getByRole('button', { name: 'Loading…' }).waitFor();
    await page.getByText(account.authToken).waitFor();

    site.switches.tokenFetchFails = true;
    await page.getByRole('button', { name: 'Hide', exact: true }).click();
    await page.getByRole('button', { name: 'Show', exact: true }).click();
    await page.getByRole('alert').getByText('couldn’t load the Auth Token').waitFor();
    expect(await pageText(page)).not.toContain(account.authToken);
  });

  it('copies the SID and, while masked, the token', async () => {
    const page = await newPage();
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: 'https://console.twilio.com' });
    const account = await openSubaccount(page, 'Clipboard Co');
    await page.getByRole('button', { name: 'Copy Account SID' }).click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(account.sid);
    await page.getByRole('button', { name: 'Copy Auth Token' }).click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(account.authToken);
    expect(await pageText(page)).not.toContain(account.authToken);
  });

  it.each([
    { legacyVariant: 'table' as const, show: 'Show auth token', sidLabel: 'ACCOUNT SID' },
    { legacyVariant: 'definition-list' as const, show: 'View Auth Token', sidLabel: 'Account SID' },
  ])('legacy variant $legacyVariant', async ({ legacyVariant, show, sidLabel }) => {
    site.switches.legacyVariant = legacyVariant;
    const account = api.state.createAccount(`Legacy ${legacyVariant}`);
    const page = await newPage();
    await page.goto(`${LEGACY_SETTINGS_URL}?accountSid=${account.sid}`);
    await page.getByText(account.sid).waitFor();
    // The source text; the definition list shows it uppercased through CSS only.
    await expect(page.getByText(sidLabel, { exact: true }).count()).resolves.toBe(2);
    await expect(page.getByText(sidLabel, { exact: true }).first().evaluate((el) => (el as HTMLElement).innerText)).resolves.toBe('ACCOUNT SID');
    await page.screenshot({ path: `/tmp/console-legacy-${legacyVariant}.png`, fullPage: true });
    await page.getByRole('button', { name: show, exact: true }).first().click();
    await page.getByText(account.authToken).waitFor();

    site.switches.legacyTestCredentials = false;
    await page.reload();
    await page.getByText(account.sid).waitFor();
    await expect(page.getByText('TEST Credentials').count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: show, exact: true }).count()).resolves.toBe(1);
  });

  it('legacy page honours tokenVisible and revealDisabled', async () => {
    const account = api.state.createAccount('Legacy Switches');
    const page = await newPage();
    site.switches.tokenVisible = true;
    await page.goto(`${LEGACY_SETTINGS_URL}?accountSid=${account.sid}`);
    await page.getByText(account.authToken).waitFor();
    site.switches.tokenVisible = false;
    site.switches.revealDisabled = true;
    await page.reload();
    await page.getByText(account.sid).waitFor();
    await expect(page.getByRole('button', { name: 'Show auth token' }).first().isDisabled()).resolves.toBe(true);
    expect(await pageText(page)).not.toContain(account.authToken);
  });

  it('renders generated class names and Paste markup, no test ids', async () => {
    const page = await newPage();
    const pages = [
      { url: SUBACCOUNTS_URL, ready: page.getByRole('button', { name: 'Create Account' }) },
      { url: dashboardUrl(api.state.master.sid), ready: page.getByText(api.state.master.sid) },
      { url: LEGACY_SETTINGS_URL, ready: page.getByText(api.state.master.sid).first() },
    ];
    for (const { url, ready } of pages) {
      await page.goto(url);
      await ready.waitFor();
      await page.waitForLoadState('networkidle');
      const found = await page.evaluate(() => ({
        classes: [...new Set([...document.querySelectorAll('[class]')].flatMap((el) => [...el.classList]))],
        paste: document.querySelectorAll('[data-paste-element]').length,
        testIds: document.querySelectorAll('[data-testid], [data-test], [data-test-id], [data-cy]').length,
      }));
      expect(found.classes.length).toBeGreaterThan(10);
      for (const name of found.classes) expect(name).toMatch(/^css-[A-Za-z0-9_-]{6}$/);
      expect(found.testIds).toBe(0);
      if (!url.startsWith(LEGACY_SETTINGS_URL)) expect(found.paste).toBeGreaterThan(10);
    }
  });

  it('serves each host its own pages', async () => {
    const page = await newPage();
    const legacyOnConsole = await page.goto('https://console.twilio.com/console/project/settings');
    expect(legacyOnConsole?.status()).toBe(404);
    const consoleOnWww = await page.goto('https://www.twilio.com/us1/account/manage-account/subaccounts');
    expect(consoleOnWww?.status()).toBe(404);
    const legacy = await page.goto(LEGACY_SETTINGS_URL);
    expect(legacy?.headers()['content-security-policy']).toContain('https://console.twilio.com');
  });
});
