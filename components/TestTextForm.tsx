import { useState } from 'preact/hooks';
import { masterErrorText } from '../utils/master/errors-text';
import { masterCredentials } from '../utils/master/session';
import { createMasterClient } from '../utils/twilio/master';
import { healthText } from './health-text';

const E164 = /^\+[1-9]\d{6,14}$/;

/**
 * The optional test text of the post-connect check (issue 12 item 7), on a healthy row of the health
 * page: from one of the sub-account's own numbers, to a number the admin types, sent with the
 * master's pair. Opened by the admin, never sent by itself (Twilio charges for it).
 */
export function TestTextForm({ sid, locationName }: { sid: string; locationName: string }) {
  const [numbers, setNumbers] = useState<string[] | undefined>(undefined);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);

  const client = async () => {
    const master = await masterCredentials();
    if (!master) throw new Error(healthText.locked);
    return createMasterClient({ sid: master.sid, token: master.token });
  };

  const open = async () => {
    setBusy(true);
    setNote('');
    try {
      const listed = (await (await client()).listIncomingNumbers(sid)).map((n) => n.phoneNumber);
      setNumbers(listed);
      setFrom(listed[0] ?? '');
      if (listed.length === 0) setNote(healthText.testNoNumbers);
    } catch (error) {
      setNote(error instanceof Error && !('operation' in error) ? error.message : masterErrorText(error));
    } finally {
      setBusy(false);
    }
  };

  const send = async (event: Event) => {
    event.preventDefault();
    const target = to.trim();
    if (!E164.test(target)) return setNote(healthText.testBadNumber);
    setBusy(true);
    setNote('');
    try {
      const sent = await (await client()).sendTestMessage(sid, { from, to: target, body: healthText.testBody(locationName) });
      setNote(healthText.testSent(target, sent.status));
    } catch (error) {
      setNote(error instanceof Error && !('operation' in error) ? error.message : masterErrorText(error));
    } finally {
      setBusy(false);
    }
  };

  if (!numbers) {
    return (
      <>
        <button type="button" class="button button--quiet" disabled={busy} aria-label={healthText.testLabel(locationName)} onClick={() => void open()}>
          {healthText.testOpen}
        </button>
        {note && <p role="status">{note}</p>}
      </>
    );
  }
  return (
    <form class="test-text" onSubmit={(e) => void send(e)} aria-label={healthText.testLabel(locationName)}>
      {numbers.length > 0 && (
        <>
          <label class="field-label">
            {healthText.testFrom}
            <select class="input" value={from} onChange={(e) => setFrom(e.currentTarget.value)}>
              {numbers.map((n) => <option key={n} value={n}>{n}</option>)}
            </select>
          </label>
          <label class="field-label">
            {healthText.testTo}
            <input class="input input--mono" type="tel" autocomplete="off" placeholder="+15551234567" value={to} onInput={(e) => setTo(e.currentTarget.value)} />
          </label>
          <p class="hint">{healthText.testCost}</p>
          <button type="submit" class="button" disabled={busy}>{healthText.testSend}</button>
        </>
      )}
      {note && <p role="status">{note}</p>}
    </form>
  );
}
