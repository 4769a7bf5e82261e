import { afterEach, describe, expect, it } from 'vitest';
import { detectCredentialsPanel, findCopyControl, findShowControl, readTokenField } from '../../utils/console/detect';

/**
 * The credentials panel is found by its visible labels and the value formats in every markup the
 * console has used or may use (DESIGN.md §3), and refused where it is not one account's panel.
 */

const HEX = 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6';
const SID = `AC${HEX}`;
const OTHER_SID = `AC${'9'.repeat(32)}`;
const TOKEN = '0f1e2d3c4b5a69788796a5b4c3d2e1f0';
const TEST_TOKEN = 'fedcba98765432100123456789abcdef';
const DOTS = '•'.repeat(32);

function page(html: string): Document {
  document.body.innerHTML = html;
  return document;
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('detectCredentialsPanel finds the account', () => {
  it.each<[string, string, { sid: string; accountName?: string }]>([
    [
      'Paste-like dl/dt/dd, masked token, Show button',
      `<main><section><h2>Account Info</h2><dl>
        <dt>Account SID</dt><dd><code>${SID}</code><button aria-label="Copy Account SID"><svg><title>Copy</title></svg></button></dd>
        <dt>Auth Token</dt><dd><span>${DOTS}</span><button type="button">Show</button></dd>
      </dl></section></main>`,
      { sid: SID },
    ],
    [
      'label + span in nested divs, upper-case labels, asterisks',
      `<div><div><div><span>ACCOUNT SID</span></div><div><span>${SID}</span></div></div>
        <div><div><span>AUTH TOKEN</span></div><div><span>********************************</span><a href="#" role="button">Show</a></div></div></div>`,
      { sid: SID },
    ],
    [
      'table rows th/td, "Account Sid", "Primary Auth Token"',
      `<table><tbody><tr><th>Account Sid</th><td>${SID}</td></tr>
        <tr><th>Primary Auth Token</th><td>${TOKEN}</td></tr></tbody></table>`,
      { sid: SID },
    ],
    [
      'label for= inputs, readonly SID, password token',
      `<form><label for="sid">Account SID</label><input id="sid" readonly value="${SID}">
        <label for="tok">Auth Token</label><input id="tok" type="password" readonly value="${TOKEN}"></form>`,
      { sid: SID },
    ],
    [
      'inputs labelled only by aria-label',
      `<div><input aria-label="Account SID" readonly value="${SID}"><input aria-label="Auth Token" type="password" value="${DOTS}"><button aria-label="Show Auth Token"></button></div>`,
      { sid: SID },
    ],
    [
      'SID split over spans and a <wbr>',
      `<dl><dt>Account SID</dt><dd><code><span>AC</span><span>${HEX.slice(0, 16)}</span><wbr>${HEX.slice(16)}</code></dd>
        <dt>Auth Token</dt><dd>${DOTS}<button>Show</button></dd></dl>`,
      { sid: SID },
    ],
    [
      'labels with a colon, an info icon, words split over elements',
      `<div class="x1"><p><b>Account <span>SID</span>:</b> <code>${SID}</code></p>
        <p><b>Auth Token<svg><title>More information</title></svg>:</b> <span>${DOTS}</span> <button><svg><title>Show</title></svg></button></p></div>`,
      { sid: SID },
    ],
    [
      'legacy settings page: live and test credentials, friendly name field',
      `<div><h1>Settings</h1><label for="fn">Friendly Name</label><input id="fn" value="Acme Dental - Austin">
        <h2>API Credentials</h2>
        <div><h3>LIVE Credentials</h3><div><span>ACCOUNT SID</span><span>${SID}</span></div>
          <div><span>AUTH TOKEN</span><span>${DOTS}</span><button>Show</button></div></div>
        <div><h3>TEST Credentials</h3><div><span>TEST ACCOUNT SID</span><span>${OTHER_SID}</span></div>
          <div><span>TEST AUTH TOKEN</span><span>${DOTS}</span><button>Show</button></div></div></div>`,
      { sid: SID, accountName: 'Acme Dental - Austin' },
    ],
    [
      'legacy settings page: TEST credentials under the same labels, told apart by their heading',
      `<div><section><h2>Project Info</h2><div><label for="pn">Project Name</label><input id="pn" readonly value="Acme Dental - Austin"></div></section>
        <section><h2>API Credentials</h2><div><div><h3>LIVE Credentials</h3><table><tbody>
          <tr><th>ACCOUNT SID</th><td><span>${SID}</span></td></tr>
          <tr><th>AUTH TOKEN</th><td><span>${DOTS}</span><button aria-label="Show auth token"></button></td></tr></tbody></table></div>
        <div><h3>TEST Credentials</h3><table><tbody>
          <tr><th>ACCOUNT SID</th><td><span>${OTHER_SID}</span></td></tr>
          <tr><th>AUTH TOKEN</th><td><span>${DOTS}</span><button aria-label="Show auth token"></button></td></tr></tbody></table></div></div></section></div>`,
      { sid: SID, accountName: 'Acme Dental - Austin' },
    ],
    [
      'account name labelled in the panel',
      `<section><dl><dt>Account Name</dt><dd>Acme Dental &lt;Austin&gt;</dd>
        <dt>Account SID</dt><dd>${SID}</dd><dt>Auth Token</dt><dd>${DOTS} <button>Show</button></dd></dl></section>`,
      { sid: SID, accountName: 'Acme Dental <Austin>' },
    ],
    [
      'value above its caption (a stat card)',
      `<div><div><div><code>${SID}</code><small>Account SID</small></div></div>
        <div><div><code>${DOTS}</code><small>Auth Token</small><button>Show</button></div></div></div>`,
      { sid: SID },
    ],
    [
      'the same SID shown twice (page header and panel)',
      `<header><span>Account SID</span> <span>${SID}</span></header>
        <main><dl><dt>Account SID</dt><dd>${SID}</dd><dt>Auth Token</dt><dd>${DOTS}<button>Show</button></dd></dl></main>`,
      { sid: SID },
    ],
    [
      'upper-case hex in the SID',
      `<dl><dt>Account SID</dt><dd>AC${HEX.toUpperCase()}</dd><dt>Auth Token</dt><dd>${DOTS}</dd></dl>`,
      { sid: SID },
    ],
  ])('%s', (_name, html, expected) => {
    const found = detectCredentialsPanel(page(html));
    expect(found).not.toBeNull();
    expect({ sid: found!.sid, accountName: found!.accountName }).toEqual({
      sid: expected.sid,
      accountName: expected.accountName,
    });
  });
});

describe('detectCredentialsPanel refuses pages that are not one account’s panel', () => {
  it.each<[string, string]>([
    ['no credentials at all', `<main><h1>Phone Numbers</h1><p>Nothing about SIDs or tokens.</p></main>`],
    [
      'only an API key SID (SK…) and its secret',
      `<dl><dt>SID</dt><dd>SK${HEX}</dd><dt>Secret</dt><dd>${TOKEN}</dd></dl>`,
    ],
    [
      'an SK value under an "Account SID" label',
      `<dl><dt>Account SID</dt><dd>SK${HEX}</dd><dt>Auth Token</dt><dd>${DOTS}</dd></dl>`,
    ],
    [
      'sub-accounts list: a column header and many rows',
      `<table><thead><tr><th>Friendly name</th><th>Account SID</th><th>Status</th></tr></thead><tbody>
        <tr><td>Acme Dental - Austin</td><td>${SID}</td><td>Active</td></tr>
        <tr><td>Acme Dental - Dallas</td><td>${OTHER_SID}</td><td>Active</td></tr></tbody></table>
        <p>Auth Token</p>`,
    ],
    [
      'two accounts, each with a labelled SID and token',
      `<div><dl><dt>Account SID</dt><dd>${SID}</dd><dt>Auth Token</dt><dd>${DOTS}</dd></dl>
        <dl><dt>Account SID</dt><dd>${OTHER_SID}</dd><dt>Auth Token</dt><dd>${DOTS}</dd></dl></div>`,
    ],
    [
      'a panel that also shows another account’s SID without a label',
      `<section><p>Owned by ${OTHER_SID}</p><dl><dt>Account SID</dt><dd>${SID}</dd><dt>Auth Token</dt><dd>${DOTS}</dd></dl></section>`,
    ],
    ['an Account SID with no Auth Token anywhere', `<dl><dt>Account SID</dt><dd>${SID}</dd></dl>`],
    [
      'only test credentials',
      `<dl><dt>Test Account SID</dt><dd>${SID}</dd><dt>Test Auth Token</dt><dd>${TOKEN}</dd></dl>`,
    ],
    [
      'a hidden panel (display: none)',
      `<div style="display:none"><dl><dt>Account SID</dt><dd>${SID}</dd><dt>Auth Token</dt><dd>${DOTS}</dd></dl></div>`,
    ],
    [
      'a hidden panel (hidden attribute)',
      `<div hidden><dl><dt>Account SID</dt><dd>${SID}</dd><dt>Auth Token</dt><dd>${DOTS}</dd></dl></div>`,
    ],
    [
      'labels far apart (an Auth Token label deep elsewhere on the page)',
      `<div><dl><dt>Account SID</dt><dd>${SID}</dd></dl></div>
        <div><div><div><div><div><div><div><div><div><p>Auth Token</p></div></div></div></div></div></div></div></div></div>`,
    ],
  ])('%s', (_name, html) => {
    expect(detectCredentialsPanel(page(html))).toBeNull();
  });

  it('reads split text nodes made by a framework (no markup between them)', () => {
    page('<dl><dt>Account SID</dt><dd id="v"></dd><dt>Auth Token</dt><dd>••••</dd></dl>');
    const dd = document.getElementById('v')!;
    dd.append(document.createTextNode('AC'), document.createTextNode(HEX.slice(0, 10)), document.createTextNode(HEX.slice(10)));
    expect(detectCredentialsPanel(document)?.sid).toBe(SID);
  });
});

describe('readTokenField', () => {
  it.each<[string, string, 'readable' | 'hidden', boolean]>([
    ['token as text', `<dl><dt>Account SID</dt><dd>${SID}</dd><dt>Auth Token</dt><dd><code>${TOKEN}</code><button>Hide</button></dd></dl>`, 'readable', false],
    ['masked with dots and Show', `<dl><dt>Account SID</dt><dd>${SID}</dd><dt>Auth Token</dt><dd>${DOTS}<button>Show</button></dd></dl>`, 'hidden', true],
    [
      'password input holding the token',
      `<label for="s">Account SID</label><input id="s" value="${SID}"><label for="t">Auth Token</label><input id="t" type="password" value="${TOKEN}">`,
      'readable',
      false,
    ],
    [
      'password input holding dots, eye icon button',
      `<div><label for="s">Account SID</label><input id="s" value="${SID}"></div><div><label for="t">Auth Token</label><input id="t" type="password" value="${DOTS}"><button><svg><title>eye</title></svg></button></div>`,
      'hidden',
      true,
    ],
    [
      'masked, only a copy button',
      `<dl><dt>Account SID</dt><dd>${SID}</dd><dt>Auth Token</dt><dd>${DOTS}<button aria-label="Copy Auth Token"></button></dd></dl>`,
      'hidden',
      false,
    ],
    [
      'masked, a dangerous control next to it is never a Show control',
      `<dl><dt>Account SID</dt><dd>${SID}</dd><dt>Auth Token</dt><dd>${DOTS}<button>View secondary token request</button></dd></dl>`,
      'hidden',
      false,
    ],
    [
      'SID split as AC + 32 hex just before a masked token: the hex is not a token',
      `<div><span>Auth Token</span><span>${DOTS}</span><span>Account SID</span><code><span>AC</span><span>${HEX}</span></code></div>`,
      'hidden',
      false,
    ],
    [
      'token row before the SID row, SID split',
      `<div><div><span>Auth Token</span><span>${DOTS}</span></div><div><span>Account SID</span><code><span>AC</span><span>${HEX}</span></code></div></div>`,
      'hidden',
      false,
    ],
  ])('%s', (_name, html, kind, hasShow) => {
    const detection = detectCredentialsPanel(page(html));
    expect(detection).not.toBeNull();
    const field = readTokenField(detection!);
    expect(field.kind).toBe(kind);
    if (field.kind === 'readable') expect(field.raw.toLowerCase()).toBe(TOKEN);
    if (field.kind === 'hidden') expect(field.show !== null).toBe(hasShow);
    expect(findShowControl(detection!) !== null).toBe(hasShow);
  });
});

/**
 * The console's "API keys & tokens" page: Live credentials (the account's SID and its token, masked
 * with Show), Test credentials (another SID and its token, both shown in full) and a table of API
 * keys (SK…). The Test section is labelled "Test Account SID" / "Test Auth Token", or plain
 * "Account SID" / "Auth Token" under its "Test credentials" heading.
 */
function apiKeysPage(testLabels: 'prefixed' | 'plain', liveToken = DOTS): string {
  const [testSid, testToken] = testLabels === 'prefixed' ? ['Test Account SID', 'Test Auth Token'] : ['Account SID', 'Auth Token'];
  return `<main><h1>API keys &amp; tokens</h1>
    <article><h2>Auth tokens</h2>
      <section><h3>Live credentials</h3><dl>
        <div><dt>Account SID</dt><dd><span>${SID}</span><button aria-label="Copy Account SID"></button></dd></div>
        <div><dt>Auth token</dt><dd><span>${liveToken}</span><button>${liveToken === DOTS ? 'Show' : 'Hide'}</button><button aria-label="Copy Auth Token"></button></dd></div>
      </dl><button>Request a secondary token</button></section>
      <section><h3>Test credentials</h3><p>Requests made with these are free and change nothing.</p><dl>
        <div><dt>${testSid}</dt><dd><span>${OTHER_SID}</span></dd></div>
        <div><dt>${testToken}</dt><dd><span>${TEST_TOKEN}</span></dd></div>
      </dl></section></article>
    <article><h2>API keys</h2><table><thead><tr><th>Friendly name</th><th>SID</th><th>Type</th></tr></thead>
      <tbody><tr><td>CRM sync</td><td>SK${HEX}</td><td>Standard</td></tr></tbody></table></article></main>`;
}

describe('the API keys & tokens page: the Live pair, never the Test one', () => {
  it.each(['prefixed', 'plain'] as const)('Test section labelled %s: the live SID, the live token masked with its Show', (labels) => {
    const detection = detectCredentialsPanel(page(apiKeysPage(labels)));
    expect(detection?.sid).toBe(SID);
    const field = readTokenField(detection!);
    // The Test Auth Token is on the page in full, below: it is not this account's token.
    expect(field).toEqual({ kind: 'hidden', show: expect.any(HTMLButtonElement) });
    expect(field.kind === 'hidden' && field.show?.textContent).toBe('Show');
  });

  it.each(['prefixed', 'plain'] as const)('Test section labelled %s: the live token once shown', (labels) => {
    const detection = detectCredentialsPanel(page(apiKeysPage(labels, TOKEN)));
    expect(detection?.sid).toBe(SID);
    expect(readTokenField(detection!)).toEqual({ kind: 'readable', raw: TOKEN });
  });

  it.each<[string, string]>([
    [
      'plain labels under a "Test credentials" heading',
      `<section><h3>Test credentials</h3><dl><dt>Account SID</dt><dd>${SID}</dd><dt>Auth Token</dt><dd>${TEST_TOKEN}</dd></dl></section>`,
    ],
    [
      'plain labels in a table under a "TEST Credentials" heading',
      `<div><h3>TEST Credentials</h3><table><tbody><tr><th>ACCOUNT SID</th><td>${SID}</td></tr>
        <tr><th>AUTH TOKEN</th><td>${TEST_TOKEN}</td></tr></tbody></table></div>`,
    ],
  ])('only a Test section (%s) is no account’s panel', (_name, html) => {
    expect(detectCredentialsPanel(page(html))).toBeNull();
  });
});

describe('Show as a link', () => {
  it.each<[string, string]>([
    ['an anchor to "#"', '<a href="#">Show</a>'],
    ['an element with role=link', '<span role="link" tabindex="0">Show</span>'],
  ])('%s is the Show control', (_name, control) => {
    const detection = detectCredentialsPanel(
      page(`<dl><dt>Account SID</dt><dd>${SID}</dd><dt>Auth Token</dt><dd><span>${DOTS}</span> ${control}</dd></dl>`),
    );
    const show = findShowControl(detection!);
    expect(show?.textContent).toBe('Show');
  });
});

describe('findCopyControl: the page’s Copy button next to the token, to name it to the admin', () => {
  it.each<[string, string, boolean]>([
    ['a Copy button', `<button>Copy</button>`, true],
    ['an icon named by aria-label', `<button aria-label="Copy Auth Token"><svg></svg></button>`, true],
    ['an icon named by its svg title', `<button><svg><title>Copy to clipboard</title></svg></button>`, true],
    ['a disabled Copy button (a role that may not see the token)', `<button disabled>Copy</button>`, false],
    ['a Copy link marked aria-disabled', `<a href="#" aria-disabled="true">Copy</a>`, false],
    ['a Show button only', `<button>Show</button>`, false],
    ['nothing', ``, false],
  ])('%s: found %s', (_name, controls, found) => {
    const detection = detectCredentialsPanel(
      page(`<dl><dt>Account SID</dt><dd>${SID}<button aria-label="Copy Account SID"></button></dd>
        <dt>Auth Token</dt><dd id="token">${DOTS}${controls}</dd></dl>`),
    )!;
    const copy = findCopyControl(detection);
    expect(copy !== null).toBe(found);
    if (copy) expect(copy.parentElement?.id).toBe('token');
  });

  it('is not the Account SID’s Copy button', () => {
    const detection = detectCredentialsPanel(
      page(`<dl><dt>Account SID</dt><dd>${SID}<button>Copy</button></dd><dt>Auth Token</dt><dd>${DOTS}</dd></dl>`),
    )!;
    expect(findCopyControl(detection)).toBeNull();
  });
});
