import { useState } from 'preact/hooks';
import {
  forgetSealedMaster,
  isMasterKey,
  keepMaster,
  loadSealedMaster,
  lockMaster,
  masterCredentials,
  masterInfo,
  saveSealedMaster,
  type MasterCredentials,
  type MasterInfo,
} from '../utils/master/session';
import { addAgencyAccount } from '../utils/agency-accounts';
import { open, PASSPHRASE_MIN_LENGTH, seal, WrongPassphraseError, type SealedPair } from '../utils/master/vault';
import { verifyMaster } from '../utils/master/verify';
import { useStored } from './hooks';
import { masterText } from './master-text';
import { MoveNumbersSection } from './MoveNumbersSection';
import { text } from './text';
import { uiLocale } from '../utils/i18n';

interface View {
  info: MasterInfo | undefined;
  sealed: SealedPair | undefined;
  /** With the token: for the work this page does with the master account (moving numbers). */
  credentials: MasterCredentials | undefined;
}

async function readMasterView(): Promise<View> {
  return { info: await masterInfo(), sealed: await loadSealedMaster(), credentials: await masterCredentials() };
}

/** The master in memory (storage.session) and its sealed copy (storage.local), read again as either changes. */
const useMasterView = () => useStored(['session', 'local'], readMasterView, isMasterKey, []);

function passphraseProblem(passphrase: string, again: string): string {
  if (passphrase.length < PASSPHRASE_MIN_LENGTH) return masterText.passphraseShort;
  if (passphrase !== again) return masterText.passphraseMismatch;
  return '';
}

const errorText = (error: unknown) => text.failedWith(error instanceof Error ? error.message : String(error));

/** The agency's master account: connect (checked with Twilio), keep for the session, optionally sealed. */
export function MasterAccountSection() {
  const view = useMasterView();
  const [sid, setSid] = useState('');
  const [token, setToken] = useState('');
  const [remember, setRemember] = useState(false);
  const [passphrase, setPassphrase] = useState('');
  const [again, setAgain] = useState('');
  const [notice, setNotice] = useState('');
  const [error, setError] = useState('');
  const [enterAnother, setEnterAnother] = useState(false);

  const reset = () => {
    setToken('');
    setPassphrase('');
    setAgain('');
  };

  const connect = async (event: Event) => {
    event.preventDefault();
    setError('');
    const problem = remember ? passphraseProblem(passphrase, again) : '';
    if (problem) {
      setError(problem);
      return;
    }
    setNotice(masterText.checking);
    try {
      const checked = await verifyMaster(sid, token);
      if (!checked.ok) {
        setNotice('');
        setError(checked.message);
        return;
      }
      await keepMaster({ sid: checked.sid, friendlyName: checked.friendlyName }, checked.token);
      // The master's sub-accounts are the agency's: from now on, others are refused.
      await addAgencyAccount(checked.sid);
      if (remember) await saveSealedMaster(await seal({ sid: checked.sid, token: checked.token }, passphrase));
      reset();
      setEnterAnother(false);
      setNotice(remember ? masterText.saved : '');
    } catch (caught) {
      setNotice(errorText(caught));
    }
  };

  const unlock = async (event: Event, sealed: SealedPair) => {
    event.preventDefault();
    setError('');
    setNotice(masterText.checking);
    try {
      const pair = await open(sealed, passphrase);
      const checked = await verifyMaster(pair.sid, pair.token);
      if (!checked.ok) {
        setNotice('');
        setError(masterText.twilioRefusedSaved(checked.message));
        return;
      }
      await keepMaster({ sid: checked.sid, friendlyName: checked.friendlyName }, checked.token);
      reset();
      setNotice('');
    } catch (caught) {
      setNotice('');
      if (caught instanceof WrongPassphraseError) setError(masterText.wrongPassphrase);
      else setError(errorText(caught));
    }
  };

  const saveSealed = async (event: Event) => {
    event.preventDefault();
    const problem = passphraseProblem(passphrase, again);
    setError(problem);
    if (problem) return;
    const current = await masterCredentials();
    if (!current) return;
    await saveSealedMaster(await seal({ sid: current.sid, token: current.token }, passphrase));
    reset();
    setNotice(masterText.saved);
  };

  const act = (work: () => Promise<void>, done: string) => () => {
    setError('');
    work().then(
      () => setNotice(done),
      (caught: unknown) => setNotice(errorText(caught)),
    );
  };

  if (!view) return null;
  const { info, sealed } = view;
  const passphraseFields = (
    <>
      <label class="field-label" for="master-passphrase">
        {masterText.passphrase}
      </label>
      <input id="master-passphrase" class="input" type="password" autocomplete="new-password" value={passphrase} aria-describedby="master-passphrase-hint" onInput={(e) => setPassphrase(e.currentTarget.value)} />
      <p class="hint" id="master-passphrase-hint">
        {masterText.passphraseHint}
      </p>
      <label class="field-label" for="master-passphrase-again">
        {masterText.passphraseAgain}
      </label>
      <input id="master-passphrase-again" class="input" type="password" autocomplete="new-password" value={again} onInput={(e) => setAgain(e.currentTarget.value)} />
    </>
  );

  const section = (
    <section class="card" aria-labelledby="master-heading">
      <h2 id="master-heading">{masterText.heading}</h2>
      <p class="hint">{masterText.lead}</p>
      {info ? (
        <>
          <p>{masterText.unlocked(info.friendlyName, info.sid, new Date(info.expiresAt).toLocaleTimeString(uiLocale()))}</p>
          <div class="actions">
            <button type="button" class="button" onClick={act(lockMaster, masterText.locked)}>
              {masterText.lock}
            </button>
            {sealed && (
              <button type="button" class="button" onClick={act(forgetSealedMaster, masterText.forgotten)}>
                {masterText.forget}
              </button>
            )}
          </div>
          {sealed ? (
            <p class="hint">{masterText.savedFor(sealed.sid)}</p>
          ) : (
            <form onSubmit={(e) => void saveSealed(e)} noValidate>
              <p class="hint">{masterText.remember}</p>
              {passphraseFields}
              <button type="submit" class="button">
                {masterText.saveNow}
              </button>
            </form>
          )}
        </>
      ) : sealed && !enterAnother ? (
        <form onSubmit={(e) => void unlock(e, sealed)} noValidate>
          <p>{masterText.savedFor(sealed.sid)}</p>
          <label class="field-label" for="master-unlock">
            {masterText.unlockLabel}
          </label>
          <input id="master-unlock" class="input" type="password" autocomplete="current-password" value={passphrase} aria-invalid={error ? true : undefined} aria-describedby={error ? 'master-error' : undefined} onInput={(e) => setPassphrase(e.currentTarget.value)} />
          <div class="actions">
            <button type="submit" class="button button--primary">
              {masterText.unlock}
            </button>
            <button type="button" class="button" onClick={act(forgetSealedMaster, masterText.forgotten)}>
              {masterText.forget}
            </button>
            <button type="button" class="button" onClick={() => setEnterAnother(true)}>
              {masterText.another}
            </button>
          </div>
        </form>
      ) : (
        <form onSubmit={(e) => void connect(e)} noValidate>
          <label class="field-label" for="master-sid">
            {masterText.sid}
          </label>
          <input id="master-sid" class="input input--mono" autocomplete="off" spellcheck={false} value={sid} onInput={(e) => setSid(e.currentTarget.value)} />
          <label class="field-label" for="master-token">
            {masterText.token}
          </label>
          <input id="master-token" class="input input--mono" type="password" autocomplete="off" spellcheck={false} value={token} onInput={(e) => setToken(e.currentTarget.value)} />
          <label class="choice choice--spaced">
            <input type="checkbox" checked={remember} onChange={(e) => setRemember(e.currentTarget.checked)} />
            <span>{masterText.remember}</span>
          </label>
          {remember && passphraseFields}
          <div class="actions">
            <button type="submit" class="button button--primary">
              {masterText.connect}
            </button>
          </div>
        </form>
      )}
      {error && (
        <p class="error" id="master-error" role="alert">
          {error}
        </p>
      )}
      <p class="notice" role="status">
        {notice}
      </p>
    </section>
  );
  return (
    <>
      {section}
      {view.credentials && <MoveNumbersSection master={view.credentials} />}
    </>
  );
}
