import { afterEach, describe, expect, it } from 'vitest';
import { detectCredentialsPanel } from '../../utils/console/detect';
import { type Signs, credentialPrint, drewCredentialWords, lookForCredentials } from '../../utils/console/signs';
import { ACCOUNT_PANELS, DOTS, OTHER_SID, SID, TOKEN, apiKeysPage } from './support/console-panels';

/**
 * The detector's look (utils/console/signs.ts): what runs in every console frame says "credentials"
 * on every page the full look takes, and "none" on the console's other pages, reading at most a
 * capped number of text nodes. And the overlay's print of a page, which changes exactly when the
 * page's credential labels or Account SIDs do.
 */

function body(html: string): HTMLElement {
  document.body.innerHTML = html;
  return document.body;
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('lookForCredentials says "credentials" wherever the full look finds an account', () => {
  it.each<[string, string]>([
    ...ACCOUNT_PANELS.map(([name, html]): [string, string] => [name, html]),
    ['the API keys page, Test section labelled "Test …"', apiKeysPage('prefixed')],
    ['the API keys page, plain labels under "Test credentials"', apiKeysPage('plain')],
  ])('%s', (_name, html) => {
    const root = body(html);
    // The premise: the full look finds an account here.
    expect(detectCredentialsPanel(document)).not.toBeNull();
    expect(lookForCredentials(root)).toBe('credentials');
  });
});

describe('lookForCredentials on the console’s other pages', () => {
  it.each<[string, string, Signs]>([
    ['a page about phone numbers', '<main><h1>Phone Numbers</h1><table><tr><td>+1 555 0100</td><td>Riverside Dental</td></tr></table></main>', 'none'],
    ['a call log: "Call SID" is no Account SID label', `<table><thead><tr><th>Call SID</th><th>From</th></tr></thead><tbody><tr><td>CA${'1'.repeat(32)}</td><td>+1 555 0100</td></tr></tbody></table>`, 'none'],
    ['an Account SID label alone', `<dl><dt>Account SID</dt><dd>${SID}</dd></dl>`, 'none'],
    ['an Auth Token label alone', `<dl><dt>Auth Token</dt><dd>${DOTS}</dd></dl>`, 'none'],
    ['only test credentials, labelled so', `<dl><dt>Test Account SID</dt><dd>${SID}</dd><dt>Test Auth Token</dt><dd>${TOKEN}</dd></dl>`, 'none'],
    ['only a parent account’s SID', `<dl><dt>Parent Account SID</dt><dd>${OTHER_SID}</dd><dt>Secondary Token</dt><dd>${DOTS}</dd></dl>`, 'none'],
    ['help text that names both (a sentence, not labels)', '<p>Your Account SID and Auth Token are on the account’s dashboard.</p>', 'none'],
    ['the labels only inside a script and a template', '<script type="text/plain">Account SID</script><template><dt>Auth Token</dt></template>', 'none'],
    ['an SID in text without labels', `<p>${SID}</p><p>${TOKEN}</p>`, 'none'],
    // Superset of the full look on purpose: it judges visibility and which account; the overlay's code
    // comes and finds nothing to show (tests/e2e/console-detector.test.ts counts what such a page runs).
    ['labels in a hidden panel (the full look refuses it)', `<div hidden><dl><dt>Account SID</dt><dd>${SID}</dd><dt>Auth Token</dt><dd>${DOTS}</dd></dl></div>`, 'credentials'],
    ['fields labelled for assistive technology only', `<input aria-label="Account SID" value="${SID}"><input aria-label="Primary Auth Token" type="password">`, 'credentials'],
    ['an aria-labelled SID field and a token label in text', `<input aria-label="Account SID" value="${SID}"><span>Auth Token</span>`, 'credentials'],
  ])('%s', (_name, html, expected) => {
    expect(lookForCredentials(body(html))).toBe(expected);
  });
});

describe('lookForCredentials reads a capped number of text nodes', () => {
  const rows = (n: number) => Array.from({ length: n }, (_, i) => `<p>Row ${i}</p>`).join('');
  const PANEL = `<dl><dt>Account SID</dt><dd>${SID}</dd><dt>Auth Token</dt><dd>${DOTS}</dd></dl>`;

  it.each<[string, string, number, Signs]>([
    ['a panel before the cap', PANEL + rows(50), 10, 'credentials'],
    ['a page within the cap, no panel', rows(9), 10, 'none'],
    ['a page over the cap without the words of the labels: its text alone says so', rows(50), 10, 'none'],
    ['a page over the cap whose text names both, no labels in what was read', rows(50) + '<p>Your Account SID and Auth Token are on the dashboard.</p>', 10, 'too-large'],
    ['a panel past the cap: not read, the page is too large for one look', rows(50) + PANEL, 10, 'too-large'],
  ])('%s', (_name, html, cap, expected) => {
    expect(lookForCredentials(body(html), cap)).toBe(expected);
  });
});

describe('credentialPrint', () => {
  const panel = (sid: string, extra = '') =>
    `<main><h1>Dashboard</h1>${extra}<dl><dt>Account SID</dt><dd>${sid}</dd><dt>Auth Token</dt><dd>${DOTS}<button>Show</button></dd></dl></main>`;

  it('is the words of the credential labels and the SIDs, in order', () => {
    expect(credentialPrint(body(panel(SID)))).toBe(`sid ${SID.toLowerCase()} token`);
    const apiKeys = credentialPrint(body(apiKeysPage('prefixed')));
    expect(apiKeys).toContain(`sid ${SID.toLowerCase()} token`);
    expect(apiKeys).toContain(`sid ${OTHER_SID.toLowerCase()} token`);
    expect(credentialPrint(body(`<input aria-label="Account SID" value="${SID}"><input aria-label="Auth Token">`))).toBe('sid token');
  });

  it.each<[string, string, string, boolean]>([
    ['the same panel drawn again', panel(SID), panel(SID), false],
    ['rows of other text added', panel(SID), panel(SID, '<table><tr><td>Riverside Dental</td><td>+1 555 0100</td><td>Considered</td></tr></table>'), false],
    // Texts run together: "CAc1…" and the "completed" after it hold "Ac1…c", 32 hex after an "A".
    ['a call log’s rows, a call SID and its status', panel(SID), panel(SID, `<table><tr><td>CAc${'17c31a5c'.repeat(4).slice(1)}</td><td>completed</td></tr></table>`), false],
    ['another account in the same panel', panel(SID), panel(OTHER_SID), true],
    ['another account’s SID elsewhere on the page', panel(SID), panel(SID, `<p>Owned by ${OTHER_SID}</p>`), true],
    ['the panel gone', panel(SID), '<main><h1>Dashboard</h1></main>', true],
    ['a second Auth Token label', panel(SID), panel(SID, '<p>Auth Token</p>'), true],
  ])('%s', (_name, before, after, changed) => {
    const first = credentialPrint(body(before));
    expect(credentialPrint(body(after)) !== first).toBe(changed);
  });
});

describe('drewCredentialWords (the detector looks at once, without waiting for quiet)', () => {
  const dt = (text: string) => Object.assign(document.createElement('dt'), { textContent: text });
  const built = (html: string) => Object.assign(document.createElement('div'), { innerHTML: html });
  /** The records a MutationObserver gives for `change` made to the page. */
  async function recordsOf(change: (root: HTMLElement) => void, html = '<div id="app"></div>'): Promise<MutationRecord[]> {
    const root = body(html);
    const records: MutationRecord[] = [];
    const observer = new MutationObserver((batch) => records.push(...batch));
    observer.observe(root, { childList: true, subtree: true, characterData: true });
    change(root);
    await Promise.resolve();
    observer.disconnect();
    return records;
  }
  const app = (root: HTMLElement) => root.querySelector('#app')!;

  it.each<[string, (root: HTMLElement) => void, boolean]>([
    // Built off the page and put in at once, as an app's render does (happy-dom reports innerHTML node by node).
    ['a credentials panel drawn in one go', (r) => app(r).append(built(ACCOUNT_PANELS[0]![1])), true],
    ['its labels and the SID added as siblings in one task', (r) => app(r).append(dt('Account SID'), dt(SID), dt('Auth Token')), true],
    ['the labels drawn before their values (the overlay would find no SID yet)', (r) => app(r).append(dt('Account SID'), dt('Loading…'), dt('Auth Token')), false],
    ['a text node changed in place to the words and the SID', (r) => ((app(r).firstChild as Text).data = `Account SID ${SID} · Auth Token`), true],
    ['one of the two words only', (r) => app(r).append(built(`<p>Account SID</p><p>${SID}</p>`)), false],
    ['rows of a call log', (r) => app(r).append(built(`<table><tr><td>Outbound call ${SID.replace('AC', 'CA')}</td><td>completed</td></tr></table>`)), false],
    ['the words and a SID in a script the page added', (r) => app(r).append(Object.assign(document.createElement('script'), { textContent: `const sid = '${SID}', token = 2;` })), false],
    ['a node taken away', (r) => app(r).replaceChildren(), false],
  ])('%s: %s', async (_name, change, expected) => {
    const records = await recordsOf(change, '<div id="app">Account SID · Auth Token in the help text<p>old</p></div>');
    expect(records.length).toBeGreaterThan(0);
    expect(drewCredentialWords(records)).toBe(expected);
  });

  it('many records at once (a big list drawn node by node): left to the quiet look', async () => {
    const records = await recordsOf((r) => {
      for (let i = 0; i < 17; i++) app(r).append(Object.assign(document.createElement('p'), { textContent: `Account SID ${SID} Auth Token` }));
    });
    expect(records.length).toBe(17);
    expect(drewCredentialWords(records)).toBe(false);
    expect(drewCredentialWords(records.slice(0, 2))).toBe(true);
  });
});
