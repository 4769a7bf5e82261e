import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { OptionalPermission } from '../utils/optional-permission';
import { text } from './text';

interface Props {
  /** Prefix of the ids of the heading and the hint; unique on the page. */
  id: string;
  words: { heading: string; toggle: string; hint: string; on: string; off: string; denied: string };
  option: OptionalPermission;
}

/** Whether the browser grants the permission now; follows grants and revocations made anywhere. */
function usePermission(allowedNow: () => Promise<boolean>): [allowed: boolean | undefined, refresh: () => Promise<void>] {
  const [allowed, setAllowed] = useState<boolean | undefined>(undefined);
  const refresh = () => allowedNow().then(setAllowed, () => undefined);
  useEffect(() => {
    const listener = () => void refresh();
    browser.permissions.onAdded.addListener(listener);
    browser.permissions.onRemoved.addListener(listener);
    listener();
    return () => {
      browser.permissions.onAdded.removeListener(listener);
      browser.permissions.onRemoved.removeListener(listener);
    };
  }, []);
  return [allowed, refresh];
}

/**
 * An options-page section whose option is an optional browser permission itself (notifications,
 * reading the clipboard; utils/optional-permission.ts): a checkbox that shows whether the browser
 * grants it now and asks for it, or gives it back, from the admin's click.
 */
export function PermissionToggle({ id, words, option }: Props) {
  const [allowed, refresh] = usePermission(option.allowed);
  /** The admin's answer while the browser's prompt is open, so the box does not flip back meanwhile. */
  const [asked, setAsked] = useState<boolean | undefined>(undefined);
  const [notice, setNotice] = useState('');

  /** Runs synchronously up to the permission request: no await may come before it. */
  const toggle = (on: boolean) => {
    let pending: Promise<boolean>;
    try {
      pending = on ? option.allow() : option.stop();
    } catch (error) {
      setNotice(text.failedWith(error instanceof Error ? error.message : String(error)));
      return;
    }
    setAsked(on);
    setNotice(text.working);
    pending
      .then(
        (done) => setNotice(on ? (done ? words.on : words.denied) : words.off),
        (error: unknown) => setNotice(text.failedWith(error instanceof Error ? error.message : String(error))),
      )
      .then(refresh)
      .finally(() => setAsked(undefined));
  };

  if (allowed === undefined) return null;
  return (
    <section class="card" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{words.heading}</h2>
      <label class="choice">
        <input
          type="checkbox"
          checked={asked ?? allowed}
          aria-describedby={`${id}-hint`}
          onChange={(event) => toggle(event.currentTarget.checked)}
        />
        <span>{words.toggle}</span>
      </label>
      {/* Outside the label, so the box's name is the short sentence and the hint its description. */}
      <p class="hint" id={`${id}-hint`}>
        {words.hint}
      </p>
      <p class="notice" role="status">
        {notice}
      </p>
    </section>
  );
}
