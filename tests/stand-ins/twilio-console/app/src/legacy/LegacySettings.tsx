import { useEffect, useId, useState } from 'react';
import type { AccountResponse, ConsoleFlags, SessionResponse } from '../../../wire.ts';
import { api } from '../shared/api.ts';
import { HideIcon, ShowIcon, TwilioLogo } from '../shared/icons.tsx';
import css from './legacy.module.css';

const MASK = '•'.repeat(32);

type Credentials = 'live' | 'test';

interface TokenControl {
  token: string | null;
  error: string | null;
  canReveal: boolean;
  showControl: boolean;
  toggle(): void;
}

function useToken(sid: string, credentials: Credentials, flags: ConsoleFlags): TokenControl {
  const [token, setToken] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const canReveal = !flags.revealDisabled && !flags.revealHidden;

  useEffect(() => {
    if (!flags.tokenVisible) return;
    api.authToken(sid, credentials).then(setToken, () => setError('Could not load the auth token.'));
  }, [sid, credentials, flags.tokenVisible]);

  return {
    token,
    error,
    canReveal,
    showControl: !flags.revealHidden,
    toggle: () => {
      if (token !== null) {
        setToken(null);
        return;
      }
      if (!canReveal) return;
      setError(null);
      api.authToken(sid, credentials).then(setToken, () => setError('Could not load the auth token.'));
    },
  };
}

/** The old console's credentials grid: uppercase row headers, an eye button named by aria-label. */
function CredentialsTable({ title, sid, control }: { title: string; sid: string; control: TokenControl }) {
  return (
    <div>
      <h3 className={css.columnTitle}>{title}</h3>
      <table className={css.grid}>
        <tbody>
          <tr>
            <th>ACCOUNT SID</th>
            <td>
              <span className={css.mono}>{sid}</span>
            </td>
          </tr>
          <tr>
            <th>AUTH TOKEN</th>
            <td>
              <span className={control.token === null ? `${css.mono} ${css.masked}` : css.mono}>{control.token ?? MASK}</span>
              {control.showControl ? (
                <button
                  type="button"
                  className={css.eye}
                  aria-label={control.token === null ? 'Show auth token' : 'Hide auth token'}
                  disabled={control.token === null && !control.canReveal}
                  onClick={control.toggle}
                >
                  {control.token === null ? <ShowIcon size={16} /> : <HideIcon size={16} />}
                </button>
              ) : null}
            </td>
          </tr>
        </tbody>
      </table>
      {control.error ? <p className={css.error}>{control.error}</p> : null}
    </div>
  );
}

/** A later template: a definition list, labels uppercased by CSS only, an eye icon named by its svg title. */
function CredentialsTerms({ title, sid, control }: { title: string; sid: string; control: TokenControl }) {
  return (
    <section>
      <h3 className={css.columnTitle}>{title}</h3>
      <dl className={css.terms}>
        <dt className={css.term}>Account SID</dt>
        <dd className={css.detail}>
          <code className={css.mono}>{sid}</code>
        </dd>
        <dt className={css.term}>Auth Token</dt>
        <dd className={css.detail}>
          <code className={control.token === null ? `${css.mono} ${css.masked}` : css.mono}>{control.token ?? MASK}</code>
          {control.showControl ? (
            <button
              type="button"
              className={css.eye}
              disabled={control.token === null && !control.canReveal}
              onClick={control.toggle}
            >
              {control.token === null ? <ShowIcon size={16} title="View Auth Token" /> : <HideIcon size={16} title="Hide Auth Token" />}
            </button>
          ) : null}
        </dd>
      </dl>
      {control.error ? <p className={css.error}>{control.error}</p> : null}
    </section>
  );
}

function ApiCredentials({ data, flags }: { data: AccountResponse; flags: ConsoleFlags }) {
  const live = useToken(data.account.sid, 'live', flags);
  const test = useToken(data.account.sid, 'test', flags);
  const Block = flags.legacyVariant === 'table' ? CredentialsTable : CredentialsTerms;
  return (
    <>
      <p className={css.intro}>
        Use these credentials to authenticate requests to the REST API. Keep your Auth Token secret; anyone with it
        can use your account.
      </p>
      <div className={css.columns}>
        <Block title="LIVE Credentials" sid={data.account.sid} control={live} />
        {flags.legacyTestCredentials ? <Block title="TEST Credentials" sid={data.testAccountSid} control={test} /> : null}
      </div>
      {!live.canReveal && live.token === null ? (
        <p className={css.note}>Your role does not allow viewing the auth token. Ask the account owner.</p>
      ) : null}
    </>
  );
}

export function LegacySettings() {
  const nameId = useId();
  const [session, setSession] = useState<SessionResponse | null>(null);
  const [data, setData] = useState<AccountResponse | null>(null);
  const [error, setError] = useState<string | null>(null);

  // Which account: `?accountSid=` when the link names one, otherwise the account the new console
  // switched into (the session cookie both hosts share), otherwise the main account.
  useEffect(() => {
    (async () => {
      const loaded = await api.session();
      setSession(loaded);
      const sid = new URLSearchParams(window.location.search).get('accountSid') ?? loaded.current.sid;
      setData(await api.account(sid));
    })().catch((reason: unknown) => setError(reason instanceof Error ? reason.message : String(reason)));
  }, []);

  useEffect(() => {
    if (data) document.title = `Settings | ${data.account.friendlyName} | Twilio`;
  }, [data]);

  // Framed by the new console, the old page drops its own header and rail (the console shows them).
  const framed = window.self !== window.top;
  const content = (
    <div className={css.content}>
      <div className={css.crumbs}>
        <a href="/console">Dashboard</a> › Settings › General
      </div>
      <h1 className={css.title}>Settings</h1>
      {error ? <p className={css.error}>{error}</p> : null}
      {!session || !data ? (
        error ? null : <div className={css.loading}>Loading…</div>
      ) : (
        <>
          <section className={css.panel}>
            <h2 className={css.panelTitle}>Project Info</h2>
            <div className={css.panelBody}>
              <div className={css.field}>
                <label className={css.fieldLabel} htmlFor={nameId}>
                  Project Name
                </label>
                <input id={nameId} className={css.textInput} readOnly value={data.account.friendlyName} />
              </div>
              <div className={css.field}>
                <span className={css.fieldLabel}>Status</span>
                <span>{data.account.status === 'active' ? 'Active' : data.account.status}</span>
              </div>
            </div>
          </section>
          <section className={css.panel}>
            <h2 className={css.panelTitle}>API Credentials</h2>
            <div className={css.panelBody}>
              <ApiCredentials data={data} flags={session.flags} />
            </div>
          </section>
        </>
      )}
    </div>
  );
  if (framed) return <div className={css.framedPage}>{content}</div>;

  return (
    <div className={css.page}>
      <header className={css.header}>
        <TwilioLogo size={24} />
        <span className={css.project}>
          Project:<strong>{data?.account.friendlyName ?? '…'}</strong>
        </span>
        <nav className={css.headerLinks} aria-label="Account">
          <a href="/console/project/subaccounts">Subaccounts</a>
          <a href="/console/billing">Billing</a>
          <a href="/docs">Docs</a>
        </nav>
      </header>
      <nav className={css.rail} aria-label="Products">
        <span className={`${css.railIcon} ${css.railIconActive}`} />
        <span className={css.railIcon} />
        <span className={css.railIcon} />
        <span className={css.railIcon} />
      </nav>
      {content}
    </div>
  );
}
