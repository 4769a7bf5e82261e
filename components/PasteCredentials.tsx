import { useState } from 'preact/hooks';
import { credentialProblemText, parseAccountSid, parseAuthToken } from '../utils/twilio/credentials';
import { sendCommand } from './send';
import { text } from './text';

/**
 * The pair typed or pasted here, for a Twilio page that did not let the overlay read the token
 * (an input on that page would show every keystroke to the page). Checked here for format, then
 * handled by the background like a capture.
 */
export function PasteCredentials() {
  const [sid, setSid] = useState('');
  const [token, setToken] = useState('');
  const [sidError, setSidError] = useState('');
  const [tokenError, setTokenError] = useState('');
  const [notice, setNotice] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    const parsedSid = parseAccountSid(sid);
    const parsedToken = parseAuthToken(token);
    setSidError(parsedSid.ok ? '' : credentialProblemText(parsedSid.problem));
    setTokenError(parsedToken.ok ? '' : credentialProblemText(parsedToken.problem));
    setNotice('');
    if (!parsedSid.ok || !parsedToken.ok) return;
    setBusy(true);
    const outcome = await sendCommand({ type: 'paste-credentials', sid: parsedSid.value, token: parsedToken.value });
    setBusy(false);
    if (outcome.ok) {
      setSid('');
      setToken('');
      setNotice(text.pasteSent);
    } else {
      setNotice(outcome.message);
    }
  };

  return (
    <form class="paste" onSubmit={submit} noValidate>
      <p class="hint">{text.pasteLead}</p>
      <label class="field-label" for="paste-sid">
        {text.pasteSid}
      </label>
      <input
        id="paste-sid"
        class="input input--mono"
        autocomplete="off"
        spellcheck={false}
        value={sid}
        aria-invalid={sidError ? true : undefined}
        aria-describedby={sidError ? 'paste-sid-error' : undefined}
        onInput={(event) => setSid(event.currentTarget.value)}
      />
      {sidError && (
        <p class="error" id="paste-sid-error">
          {sidError}
        </p>
      )}
      <label class="field-label" for="paste-token">
        {text.pasteToken}
      </label>
      <input
        id="paste-token"
        class="input input--mono"
        type="password"
        autocomplete="off"
        spellcheck={false}
        value={token}
        aria-invalid={tokenError ? true : undefined}
        aria-describedby={tokenError ? 'paste-token-error' : undefined}
        onInput={(event) => setToken(event.currentTarget.value)}
      />
      {tokenError && (
        <p class="error" id="paste-token-error">
          {tokenError}
        </p>
      )}
      <div class="actions">
        <button type="submit" class="button button--primary" aria-disabled={busy}>
          {text.pasteSend}
        </button>
      </div>
      <p class="notice" role="status">
        {busy ? text.working : notice}
      </p>
    </form>
  );
}
