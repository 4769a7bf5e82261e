import { afterEach, describe, expect, it } from 'vitest';
import { detectCredentialsPanel } from '../../utils/console/detect';
import { CredentialsReadError, readCredentials } from '../../utils/console/read';
import { TokenRevealError, revealToken } from '../../utils/console/reveal';

/**
 * The token is read the way an admin would: click the page's own Show control, wait (bounded) for
 * 32 hex characters, and put the mask back afterwards.
 */

const SID = `AC${'a1'.repeat(16)}`;
const TOKEN = '0f1e2d3c4b5a69788796a5b4c3d2e1f0';
const DOTS = '•'.repeat(32);

/** A panel whose Show button fetches the token after `delayMs` and re-renders (like the console). */
function panel(options: { delayMs?: number; rerenderAll?: boolean; reveals?: boolean; toggleOnly?: boolean } = {}) {
  const { delayMs = 20, rerenderAll = false, reveals = true, toggleOnly = false } = options;
  const clicks: string[] = [];
  let shown = false;
  const renderPanel = () => {
    const control = toggleOnly
      ? `<button aria-label="Show auth token" aria-pressed="${shown}">👁</button>`
      : `<button>${shown ? 'Hide' : 'Show'}</button>`;
    const tokenCell = `<code>${shown ? TOKEN : DOTS}</code>${control}`;
    const existing = document.querySelectorAll('dd')[1];
    if (existing && !rerenderAll) {
      existing.innerHTML = tokenCell;
      return;
    }
    document.body.innerHTML = `<section><h2>Account Info</h2><dl><dt>Account SID</dt><dd><code>${SID}</code></dd>
      <dt>Auth Token</dt><dd>${tokenCell}</dd></dl></section>`;
  };
  renderPanel();
  document.body.addEventListener('click', (event) => {
    const button = (event.target as Element).closest('button');
    if (!button) return;
    clicks.push(button.getAttribute('aria-label') ?? button.textContent ?? '');
    if (shown) {
      shown = false;
      renderPanel();
    } else if (reveals) {
      setTimeout(() => {
        shown = true;
        renderPanel();
      }, delayMs);
    }
  }, { signal: listeners.signal });
  return { clicks };
}

let listeners = new AbortController();

afterEach(() => {
  listeners.abort();
  listeners = new AbortController();
  document.body.innerHTML = '';
});

describe('revealToken', () => {
  it('clicks Show, waits for the token, and hides it again', async () => {
    const { clicks } = panel();
    const revealed = await revealToken(detectCredentialsPanel(document)!, { timeoutMs: 1000 });
    expect(revealed.raw).toBe(TOKEN);
    expect(document.body.textContent).toContain(TOKEN);
    revealed.rehide();
    expect(clicks).toEqual(['Show', 'Hide']);
    expect(document.body.textContent).not.toContain(TOKEN);
  });

  it('follows a page that renders the whole panel again', async () => {
    const { clicks } = panel({ rerenderAll: true });
    const revealed = await revealToken(detectCredentialsPanel(document)!, { timeoutMs: 1000 });
    expect(revealed.raw).toBe(TOKEN);
    revealed.rehide();
    expect(clicks).toEqual(['Show', 'Hide']);
  });

  it('hides again through a toggle that keeps its name (aria-pressed)', async () => {
    const { clicks } = panel({ toggleOnly: true, rerenderAll: true });
    const revealed = await revealToken(detectCredentialsPanel(document)!, { timeoutMs: 1000 });
    revealed.rehide();
    expect(clicks).toEqual(['Show auth token', 'Show auth token']);
    expect(document.body.textContent).not.toContain(TOKEN);
  });

  it('reads a token that is already shown without clicking anything', async () => {
    document.body.innerHTML = `<dl><dt>Account SID</dt><dd>${SID}</dd><dt>Auth Token</dt><dd>${TOKEN}<button>Hide</button></dd></dl>`;
    let clicked = false;
    document.body.addEventListener('click', () => (clicked = true), { signal: listeners.signal });
    const revealed = await revealToken(detectCredentialsPanel(document)!);
    revealed.rehide();
    expect(revealed.raw).toBe(TOKEN);
    expect(clicked).toBe(false);
  });

  it('fails with no-show-control when the page has no control next to the token', async () => {
    document.body.innerHTML = `<dl><dt>Account SID</dt><dd>${SID}</dd><dt>Auth Token</dt><dd>${DOTS}</dd></dl>`;
    await expect(revealToken(detectCredentialsPanel(document)!)).rejects.toEqual(new TokenRevealError('no-show-control'));
  });

  it.each([
    ['a Copy button', '<button>Copy</button>'],
    ['a copy icon named by aria-label', '<button aria-label="Copy Auth Token"><svg></svg></button>'],
    ['a copy icon named by its title', '<button><svg><title>Copy to clipboard</title></svg></button>'],
  ])('fails with copy-only when the only control is %s, and never clicks it', async (_name, control) => {
    document.body.innerHTML = `<dl><dt>Account SID</dt><dd>${SID}<button>Copy</button></dd><dt>Auth Token</dt><dd>${DOTS}${control}</dd></dl>`;
    let clicked = false;
    document.body.addEventListener('click', () => (clicked = true), { signal: listeners.signal });
    await expect(revealToken(detectCredentialsPanel(document)!)).rejects.toEqual(new TokenRevealError('copy-only'));
    expect(clicked).toBe(false);
  });

  it('fails with show-disabled at once when the Show control is disabled', async () => {
    document.body.innerHTML = `<dl><dt>Account SID</dt><dd>${SID}</dd><dt>Auth Token</dt><dd>${DOTS}<button disabled>Show</button></dd></dl>`;
    await expect(revealToken(detectCredentialsPanel(document)!)).rejects.toEqual(new TokenRevealError('show-disabled'));
  });

  it('fails with not-shown when the token never appears, within the bound', async () => {
    panel({ reveals: false });
    const started = Date.now();
    await expect(revealToken(detectCredentialsPanel(document)!, { timeoutMs: 200 })).rejects.toEqual(
      new TokenRevealError('not-shown'),
    );
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('stops when the page switches to another account meanwhile', async () => {
    panel({ reveals: false });
    const detection = detectCredentialsPanel(document)!;
    const pending = revealToken(detection, { timeoutMs: 1000 });
    document.body.innerHTML = `<dl><dt>Account SID</dt><dd>AC${'b2'.repeat(16)}</dd><dt>Auth Token</dt><dd>${DOTS}<button>Show</button></dd></dl>`;
    await expect(pending).rejects.toEqual(new TokenRevealError('panel-changed'));
  });
});

describe('readCredentials', () => {
  it('returns the validated pair and the page’s account name', async () => {
    panel();
    await expect(readCredentials(document, SID, { timeoutMs: 1000 })).resolves.toEqual({
      sid: SID,
      token: TOKEN,
      accountName: undefined,
    });
  });

  it.each<[string, string, string, RegExp]>([
    ['no panel', '<p>Nothing here</p>', 'panel-gone', /no longer shows an Account SID/],
    [
      'another account than the overlay shows',
      `<dl><dt>Account SID</dt><dd>AC${'b2'.repeat(16)}</dd><dt>Auth Token</dt><dd>${TOKEN}</dd></dl>`,
      'account-changed',
      /another account/,
    ],
    [
      'masked with no Show control',
      `<dl><dt>Account SID</dt><dd>${SID}</dd><dt>Auth Token</dt><dd>${DOTS}</dd></dl>`,
      'token-unreadable',
      /no Show button/,
    ],
    [
      'masked with only a Copy button',
      `<dl><dt>Account SID</dt><dd>${SID}</dd><dt>Auth Token</dt><dd>${DOTS}<button aria-label="Copy"></button></dd></dl>`,
      'token-copy-only',
      /only a Copy button, which the extension never presses/,
    ],
  ])('%s → %s', async (_name, html, code, reason) => {
    document.body.innerHTML = html;
    const error = await readCredentials(document, SID).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CredentialsReadError);
    expect((error as CredentialsReadError).code).toBe(code);
    expect((error as CredentialsReadError).reason).toMatch(reason);
  });
});
