import { useEffect, useState } from 'preact/hooks';
import { masterErrorText } from '../utils/master/errors-text';
import type { MasterCredentials } from '../utils/master/session';
import { createMasterClient } from '../utils/twilio/master';
import type { TwilioAccount, IncomingPhoneNumber } from '../utils/twilio/schemas';
import { numbersText } from './master-text';

type Result = { number: string; ok: true } | { number: string; ok: false; message: string };

/**
 * Moves phone numbers from the master account to one of its sub-accounts (issue 12 item 6; the help
 * article says "contact Twilio support"). One number at a time, each with its own result: Twilio may
 * refuse one (tied to a messaging service, a regulatory bundle) and take the next.
 */
export function MoveNumbersSection({ master, baseUrl }: { master: MasterCredentials; baseUrl?: string }) {
  const [numbers, setNumbers] = useState<IncomingPhoneNumber[] | undefined>(undefined);
  const [subaccounts, setSubaccounts] = useState<TwilioAccount[]>([]);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  // The health page's "Move numbers…" names the sub-account that has none (options.html?to=AC…).
  const [target, setTarget] = useState(() => new URLSearchParams(location.search).get('to') ?? '');
  const [results, setResults] = useState<Result[]>([]);
  const [notice, setNotice] = useState('');
  const [busy, setBusy] = useState(false);
  const client = () => createMasterClient({ sid: master.sid, token: master.token, ...(baseUrl && { baseUrl }) });

  const load = async () => {
    setNotice(numbersText.loading);
    try {
      const api = client();
      const [own, subs] = await Promise.all([api.listIncomingNumbers(master.sid), api.listSubaccounts({ status: 'active' })]);
      setNumbers(own);
      setSubaccounts(subs);
      setNotice(own.length === 0 ? numbersText.none : '');
    } catch (error) {
      setNotice(masterErrorText(error));
    }
  };
  useEffect(() => {
    void load();
  }, [master.sid]);

  const toggle = (sid: string, on: boolean) => {
    const next = new Set(chosen);
    if (on) next.add(sid);
    else next.delete(sid);
    setChosen(next);
  };

  const move = async (event: Event) => {
    event.preventDefault();
    // A target from the URL counts only when it is one of the listed active sub-accounts.
    if (!subaccounts.some((s) => s.sid === target) || chosen.size === 0 || busy) return;
    setBusy(true);
    const done: Result[] = [];
    const api = client();
    for (const number of (numbers ?? []).filter((n) => chosen.has(n.sid))) {
      setNotice(numbersText.moving(number.phoneNumber));
      try {
        await api.transferNumber(number.sid, master.sid, target);
        done.push({ number: number.phoneNumber, ok: true });
      } catch (error) {
        done.push({ number: number.phoneNumber, ok: false, message: masterErrorText(error) });
      }
      setResults([...done]);
    }
    setChosen(new Set());
    // Listed again (a moved number is no longer the master's), then the count is what stays said.
    await load();
    setBusy(false);
    setNotice(numbersText.finished(done.filter((r) => r.ok).length, done.length));
  };

  return (
    <section class="card" id="move-numbers" aria-labelledby="numbers-heading">
      <h2 id="numbers-heading">{numbersText.heading}</h2>
      <p class="hint">{numbersText.lead}</p>
      {numbers && numbers.length > 0 && (
        <form onSubmit={(e) => void move(e)}>
          <fieldset>
            <legend>{numbersText.pick}</legend>
            {numbers.map((number) => (
              <label key={number.sid} class="choice">
                <input type="checkbox" checked={chosen.has(number.sid)} onChange={(e) => toggle(number.sid, e.currentTarget.checked)} />
                <span>
                  {number.phoneNumber}
                  {number.friendlyName && number.friendlyName !== number.phoneNumber ? ` — ${number.friendlyName}` : ''}
                </span>
              </label>
            ))}
          </fieldset>
          <label class="field-label" for="numbers-target">
            {numbersText.target}
          </label>
          <select id="numbers-target" class="input narrow-select" value={target} onChange={(e) => setTarget(e.currentTarget.value)}>
            <option value="">{numbersText.choose}</option>
            {subaccounts.map((account) => (
              <option key={account.sid} value={account.sid}>
                {account.friendlyName ? `${account.friendlyName} (${account.sid})` : account.sid}
              </option>
            ))}
          </select>
          <div class="actions">
            <button type="submit" class="button button--primary" aria-disabled={busy || !target || chosen.size === 0 ? true : undefined}>
              {numbersText.move(chosen.size)}
            </button>
          </div>
        </form>
      )}
      {results.length > 0 && (
        <ul aria-label={numbersText.resultsLabel}>
          {results.map((result) => (
            <li key={result.number}>
              {result.ok ? numbersText.moved(result.number) : numbersText.notMoved(result.number, result.message)}
            </li>
          ))}
        </ul>
      )}
      <p class="notice" role="status">
        {notice}
      </p>
    </section>
  );
}
