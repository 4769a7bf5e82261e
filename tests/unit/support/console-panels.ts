/**
 * Account credentials panels in every markup the console has used or may use (DESIGN.md §3), each
 * with the account the full look must find there. Shared by the full look's tests
 * (tests/unit/console-detect.test.ts) and the detector's (tests/unit/console-signs.test.ts), which
 * must say "credentials" wherever the full look finds an account.
 */

export const HEX = 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6';
export const SID = `AC${HEX}`;
export const OTHER_SID = `AC${'9'.repeat(32)}`;
export const TOKEN = '0f1e2d3c4b5a69788796a5b4c3d2e1f0';
export const TEST_TOKEN = 'fedcba98765432100123456789abcdef';
export const DOTS = '•'.repeat(32);

export const ACCOUNT_PANELS: ReadonlyArray<[name: string, html: string, expected: { sid: string; accountName?: string }]> = [
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
];

/**
 * The console's "API keys & tokens" page: Live credentials (the account's SID and its token, masked
 * with Show), Test credentials (another SID and its token, both shown in full) and a table of API
 * keys (SK…). The Test section is labelled "Test Account SID" / "Test Auth Token", or plain
 * "Account SID" / "Auth Token" under its "Test credentials" heading.
 */
export function apiKeysPage(testLabels: 'prefixed' | 'plain', liveToken = DOTS): string {
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
