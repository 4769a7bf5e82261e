import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { browserFamily } from '../utils/browser-family';
import { shortcutsText } from './shortcuts-text';
import { text } from './text';

/** Chrome's page for every extension's shortcuts (Edge opens its own for this address too). */
export const CHROME_SHORTCUTS_URL = 'chrome://extensions/shortcuts';

interface Shortcut {
  name: string;
  description: string;
  shortcut: string;
}

/** The bindings the browser has now (the admin may have changed or cleared them), read again on return. */
function useShortcuts(): Shortcut[] | undefined {
  const [shortcuts, setShortcuts] = useState<Shortcut[] | undefined>(undefined);
  useEffect(() => {
    const read = () =>
      // In a promise: a browser without the API throws rather than rejects; the list is then empty.
      void Promise.resolve()
        .then(() => browser.commands.getAll())
        .then(
        (commands) =>
          setShortcuts(
            commands.map((command) => ({
              name: command.name ?? '',
              description: command.description || text.shortcutOpenPopup,
              shortcut: command.shortcut ?? '',
            })),
          ),
        () => setShortcuts([]),
      );
    read();
    // Changed on the browser's shortcuts page, in another tab: show the new ones when the admin is back.
    window.addEventListener('focus', read);
    return () => window.removeEventListener('focus', read);
  }, []);
  return shortcuts;
}

/**
 * The extension's keyboard shortcuts as the browser binds them (`commands.getAll`: a suggested key
 * another extension already took is not bound), and where to change them. Chrome's shortcuts page is
 * a chrome:// address a link cannot open from a page, so the link opens it as a tab; Firefox lets no
 * extension open about:addons, so there its own `openShortcutSettings` is used where it has one, and
 * the way is written out.
 */
export function ShortcutsSection({ userAgent = navigator.userAgent }: { userAgent?: string }) {
  const shortcuts = useShortcuts();
  const firefox = browserFamily(userAgent) === 'firefox';
  const commands = browser.commands as { openShortcutSettings?: () => Promise<void> };
  if (!shortcuts) return null;
  return (
    <section class="card" aria-labelledby="shortcuts-heading">
      <h2 id="shortcuts-heading">{text.shortcutsHeading}</h2>
      <ul>
        {shortcuts.map((s) => (
          <li key={s.name}>
            {s.description}: <kbd>{s.shortcut || text.shortcutNone}</kbd>
          </li>
        ))}
        <li>
          {/* i18n-ignore: key names, as the keyboard shows them. */}
          {shortcutsText.overlayKey}: <kbd>Alt+Shift+O</kbd>. {shortcutsText.overlayKeyEscape}
        </li>
      </ul>
      {firefox ? (
        <p>
          {commands.openShortcutSettings ? (
            <button type="button" class="button" onClick={() => void commands.openShortcutSettings?.()}>
              {text.shortcutsChrome}
            </button>
          ) : null}{' '}
          {text.shortcutsFirefox}
        </p>
      ) : (
        <p>
          <a
            href={CHROME_SHORTCUTS_URL}
            onClick={(event) => {
              event.preventDefault();
              void browser.tabs.create({ url: CHROME_SHORTCUTS_URL });
            }}
          >
            {text.shortcutsChrome}
          </a>{' '}
          ({CHROME_SHORTCUTS_URL})
        </p>
      )}
    </section>
  );
}
