import { useState } from 'preact/hooks';
import { addAgencyAccount, AGENCY_ACCOUNTS_KEY, loadAgencyAccounts, removeAgencyAccount } from '../utils/agency-accounts';
import { parseAccountSid } from '../utils/twilio/credentials';
import { useStored } from './hooks';
import { agencyText } from './master-text';
import { text } from './text';

/** The agency's own Twilio accounts: sub-accounts of any other are refused (issue 11 item 9). */
export function AgencyAccountsSection() {
  const accounts = useStored('local', loadAgencyAccounts, (key) => key === AGENCY_ACCOUNTS_KEY, []);
  const [input, setInput] = useState('');
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');

  const run = (work: () => Promise<unknown>, done: string) => {
    // The list itself follows storage (useStored); only the notice is this click's.
    work().then(
      () => setNotice(done),
      (caught: unknown) => setNotice(text.failedWith(caught instanceof Error ? caught.message : String(caught))),
    );
  };

  const add = (event: Event) => {
    event.preventDefault();
    const sid = parseAccountSid(input);
    if (!sid.ok) {
      setError(agencyText.invalid);
      return;
    }
    setError('');
    setInput('');
    run(() => addAgencyAccount(sid.value), agencyText.added(sid.value));
  };

  return (
    <section class="card" aria-labelledby="agency-heading">
      <h2 id="agency-heading">{agencyText.heading}</h2>
      <p class="hint">{agencyText.lead}</p>
      {accounts?.length === 0 && <p class="muted">{agencyText.none}</p>}
      <ul class="host-list">
        {(accounts ?? []).map((sid) => (
          <li key={sid}>
            <span class="host">{sid}</span>
            <button type="button" class="button" aria-label={agencyText.removeLabel(sid)} onClick={() => run(() => removeAgencyAccount(sid), agencyText.removed(sid))}>
              {agencyText.remove}
            </button>
          </li>
        ))}
      </ul>
      <form class="inline-form" onSubmit={add} noValidate>
        <div class="grow">
          <label class="field-label" for="agency-input">
            {agencyText.addLabel}
          </label>
          <input
            id="agency-input"
            class="input input--mono"
            autocomplete="off"
            spellcheck={false}
            value={input}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'agency-input-error' : undefined}
            onInput={(event) => setInput(event.currentTarget.value)}
          />
        </div>
        <button type="submit" class="button button--primary">
          {agencyText.add}
        </button>
      </form>
      {error && (
        <p class="error" id="agency-input-error">
          {error}
        </p>
      )}
      <p class="notice" role="status">
        {notice}
      </p>
    </section>
  );
}
