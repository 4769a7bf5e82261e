import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { allowNotifications, notificationsAllowed, stopNotifications } from '../utils/notifications-permission';
import { notificationsText } from './notifications-text';
import { text } from './text';

/** Whether the browser grants notifications now; follows grants and revocations made anywhere. */
function useNotificationsAllowed(): [allowed: boolean | undefined, refresh: () => Promise<void>] {
  const [allowed, setAllowed] = useState<boolean | undefined>(undefined);
  const refresh = () => notificationsAllowed().then(setAllowed, () => undefined);
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

/** The optional system notifications (issue 13 item 2): off until the admin turns them on here. */
export function NotificationsSection() {
  const [allowed, refresh] = useNotificationsAllowed();
  /** The admin's answer while the browser's prompt is open, so the box does not flip back meanwhile. */
  const [asked, setAsked] = useState<boolean | undefined>(undefined);
  const [notice, setNotice] = useState('');

  /** Runs synchronously up to the permission request: no await may come before it. */
  const toggle = (on: boolean) => {
    let pending: Promise<boolean>;
    try {
      pending = on ? allowNotifications() : stopNotifications();
    } catch (error) {
      setNotice(text.failedWith(error instanceof Error ? error.message : String(error)));
      return;
    }
    setAsked(on);
    setNotice(text.working);
    pending
      .then(
        (done) => setNotice(on ? (done ? notificationsText.on : notificationsText.denied) : notificationsText.off),
        (error: unknown) => setNotice(text.failedWith(error instanceof Error ? error.message : String(error))),
      )
      .then(refresh)
      .finally(() => setAsked(undefined));
  };

  if (allowed === undefined) return null;
  return (
    <section class="card" aria-labelledby="notifications-heading">
      <h2 id="notifications-heading">{notificationsText.heading}</h2>
      <label class="choice">
        <input
          type="checkbox"
          checked={asked ?? allowed}
          aria-describedby="notifications-hint"
          onChange={(event) => toggle(event.currentTarget.checked)}
        />
        <span>{notificationsText.toggle}</span>
      </label>
      {/* Outside the label, so the box's name is the short sentence and the hint its description. */}
      <p class="hint" id="notifications-hint">
        {notificationsText.hint}
      </p>
      <p class="notice" role="status">
        {notice}
      </p>
    </section>
  );
}
