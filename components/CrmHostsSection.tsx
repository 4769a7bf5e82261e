import { useState } from 'preact/hooks';
import { resemblesDefaultHost } from '../utils/active-tab';
import { enableCrmHost, normaliseHost, removeCrmHost } from '../utils/hosts';
import { updateSettings } from '../utils/settings';
import { useCrmHosts, useSettings } from './hooks';
import { HOST_PROBLEM_TEXT, text } from './text';

function errorText(error: unknown): string {
  return text.failedWith(error instanceof Error ? error.message : String(error));
}

/** The default CRM host and the admin's white-label hosts: add, allow again, remove, choose. */
export function CrmHostsSection() {
  const hosts = useCrmHosts();
  const settings = useSettings();
  const [input, setInput] = useState('');
  const [inputError, setInputError] = useState('');
  const [notice, setNotice] = useState('');
  /** A host named like HighLevel's that the admin asked for: added only after a second, explicit click. */
  const [lookalike, setLookalike] = useState<string | undefined>(undefined);

  /** Runs synchronously up to the permission request: no await may come before it. */
  const enable = (host: string, onEnabled?: () => void) => {
    let pending: Promise<'enabled' | 'denied'>;
    try {
      pending = enableCrmHost(host);
    } catch (error) {
      setNotice(errorText(error));
      return;
    }
    setNotice(text.working);
    pending.then(
      (answer) => {
        if (answer === 'enabled') onEnabled?.();
        setNotice(answer === 'enabled' ? text.hostAdded(host) : text.hostDenied(host));
      },
      (error: unknown) => setNotice(errorText(error)),
    );
  };

  const add = (event: Event) => {
    event.preventDefault();
    const check = normaliseHost(input);
    if (!check.ok) {
      setInputError(HOST_PROBLEM_TEXT[check.problem]);
      return;
    }
    setInputError('');
    const listed = hosts?.find((status) => status.host === check.host);
    if (listed?.granted) {
      setNotice(text.hostAlreadyListed(check.host));
      return;
    }
    if (resemblesDefaultHost(check.host)) {
      setLookalike(check.host);
      return;
    }
    enable(check.host, () => setInput(''));
  };

  /** Runs synchronously up to the permission request, like `enable`. */
  const addAnyway = (host: string) => {
    setLookalike(undefined);
    enable(host, () => setInput(''));
  };

  const remove = async (host: string) => {
    setNotice(text.working);
    try {
      const { revoked } = await removeCrmHost(host);
      setNotice(revoked ? text.hostRemoved(host) : text.hostRemovedKept(host));
    } catch (error) {
      setNotice(errorText(error));
    }
  };

  const enabled = (hosts ?? []).filter((status) => status.granted);

  return (
    <section class="card" aria-labelledby="hosts-heading">
      <h2 id="hosts-heading">{text.hostsHeading}</h2>
      <p class="hint">{text.hostsLead}</p>
      <ul class="host-list">
        {(hosts ?? []).map((status) => (
          <li key={status.host}>
            <span class="host">{status.host}</span>
            <span class="muted">
              {status.isDefault ? text.hostAlwaysOn : status.granted ? text.hostEnabled : text.hostNotAllowed}
            </span>
            {!status.isDefault && !status.granted && (
              <button
                type="button"
                class="button button--primary"
                aria-label={text.hostAllowLabel(status.host)}
                onClick={() => enable(status.host)}
              >
                {text.hostAllow}
              </button>
            )}
            {!status.isDefault && (
              <button
                type="button"
                class="button"
                aria-label={text.hostRemoveLabel(status.host)}
                onClick={() => void remove(status.host)}
              >
                {text.hostRemove}
              </button>
            )}
          </li>
        ))}
      </ul>
      <form class="inline-form" onSubmit={add} noValidate>
        <div class="grow">
          <label class="field-label" for="host-input">
            {text.hostAddLabel}
          </label>
          <input
            id="host-input"
            class="input"
            placeholder={text.hostAddPlaceholder}
            autocomplete="off"
            spellcheck={false}
            value={input}
            aria-invalid={inputError ? true : undefined}
            aria-describedby={inputError ? 'host-input-error' : undefined}
            onInput={(event) => {
              setInput(event.currentTarget.value);
              setLookalike(undefined);
            }}
          />
        </div>
        <button type="submit" class="button button--primary">
          {text.hostAdd}
        </button>
      </form>
      {inputError && (
        <p class="error" id="host-input-error">
          {inputError}
        </p>
      )}
      {lookalike && (
        <div class="warning" role="alert">
          <p>{text.hostLookalike(lookalike)}</p>
          <div class="actions">
            <button type="button" class="button" onClick={() => addAnyway(lookalike)}>
              {text.hostAddAnyway(lookalike)}
            </button>
            <button type="button" class="button" onClick={() => setLookalike(undefined)}>
              {text.cancel}
            </button>
          </div>
        </div>
      )}
      {settings && enabled.length > 1 && (
        <>
          <label class="field-label" for="preferred-host">
            {text.preferredHost}
          </label>
          <select
            id="preferred-host"
            class="input narrow-select"
            value={settings.preferredCrmHost}
            onChange={(event) => {
              const preferredCrmHost = event.currentTarget.value;
              void updateSettings((current) => ({ ...current, preferredCrmHost }));
            }}
          >
            {enabled.map((status) => (
              <option key={status.host} value={status.host}>
                {status.host}
              </option>
            ))}
          </select>
        </>
      )}
      <p class="notice" role="status">
        {notice}
      </p>
    </section>
  );
}
