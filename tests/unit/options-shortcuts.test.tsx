import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { CHROME_SHORTCUTS_URL, ShortcutsSection } from '../../components/ShortcutsSection';
import { shortcutsText } from '../../components/shortcuts-text';
import { text } from '../../components/text';
import { App } from '../../entrypoints/options/App';
import { installFakes, type Fakes } from './support/extension-fakes';

/**
 * The options page's Keyboard shortcuts: the bindings the browser has (commands.getAll, so a
 * shortcut the admin changed or another extension took shows as it is), and where to change them.
 */

let fakes: Fakes;

beforeEach(() => {
  fakes = installFakes();
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const FIREFOX = 'Mozilla/5.0 (X11; Linux x86_64; rv:142.0) Gecko/20100101 Firefox/142.0';

async function section(): Promise<HTMLElement> {
  return screen.findByRole('region', { name: text.shortcutsHeading });
}

describe('options: keyboard shortcuts', () => {
  it('lists each command with the key the browser binds, and "not set" where none is', async () => {
    fakes.commands[1]!.shortcut = '';
    render(<App />);
    const items = within(await section())
      .getAllByRole('listitem')
      .map((item) => item.textContent);
    expect(items).toEqual([
      `${text.shortcutOpenPopup}: Alt+Shift+H`,
      `Send the credentials on this page to the CRM: ${text.shortcutNone}`,
      // The box's own key on console pages, not a browser command: always listed, never changed.
      `${shortcutsText.overlayKey}: Alt+Shift+O. ${shortcutsText.overlayKeyEscape}`,
    ]);
  });

  it('reads them again when the admin comes back from the shortcuts page', async () => {
    render(<ShortcutsSection />);
    await section();
    fakes.commands[0]!.shortcut = 'Ctrl+Shift+Y';
    window.dispatchEvent(new Event('focus'));
    await waitFor(() => expect(screen.getByText('Ctrl+Shift+Y')).toBeTruthy());
  });

  it('in Chrome and Edge, links to chrome://extensions/shortcuts and opens it as a tab (a page’s link cannot)', async () => {
    const create = vi.spyOn(fakeBrowser.tabs, 'create');
    render(<ShortcutsSection userAgent="Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/156.0.0.0 Safari/537.36" />);
    const link = within(await section()).getByRole('link', { name: text.shortcutsChrome });
    expect(link.getAttribute('href')).toBe(CHROME_SHORTCUTS_URL);
    fireEvent.click(link);
    expect(create.mock.calls).toEqual([[{ url: CHROME_SHORTCUTS_URL }]]);
  });

  it('in Firefox, says the way through about:addons, with a button where Firefox can open it itself', async () => {
    const open = vi.fn(async () => undefined);
    render(<ShortcutsSection userAgent={FIREFOX} />);
    expect(within(await section()).getByText(/about:addons/)).toBeTruthy();
    expect(screen.queryByRole('link', { name: text.shortcutsChrome })).toBeNull();
    cleanup();
    (fakeBrowser.commands as unknown as { openShortcutSettings: unknown }).openShortcutSettings = open;
    render(<ShortcutsSection userAgent={FIREFOX} />);
    fireEvent.click(within(await section()).getByRole('button', { name: text.shortcutsChrome }));
    expect(open).toHaveBeenCalledTimes(1);
  });

  it('lists only the box’s own key rather than failing where the browser has no commands API', async () => {
    (fakeBrowser.commands as unknown as { getAll: unknown }).getAll = () => {
      throw new Error('not here');
    };
    render(<ShortcutsSection />);
    expect(within(await section()).queryAllByRole('listitem').map((item) => item.textContent)).toEqual([`${shortcutsText.overlayKey}: Alt+Shift+O. ${shortcutsText.overlayKeyEscape}`]);
  });
});
