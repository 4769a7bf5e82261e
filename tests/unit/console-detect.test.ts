import { afterEach, describe, expect, it } from 'vitest';
import { detectCredentialsPanel, findCopyControl, findShowControl, readTokenField } from '../../utils/console/detect';
import { ACCOUNT_PANELS, DOTS, HEX, OTHER_SID, SID, TEST_TOKEN, TOKEN, apiKeysPage } from './support/console-panels';

/**
 * The credentials panel is found by its visible labels and the value formats in every markup the
 * console has used or may use (DESIGN.md §3), and refused where it is not one account's panel.
 */

function page(html: string): Document {
  document.body.innerHTML = html;
  return document;
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('detectCredentialsPanel finds the account', () => {
  it.each(ACCOUNT_PANELS)('%s', (_name, html, expected) => {
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
