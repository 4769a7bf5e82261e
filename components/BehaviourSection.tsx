import { useEffect, useState } from 'preact/hooks';
import { TOKEN_LIFETIME_MINUTES, updateSettings, type Settings } from '../utils/settings';
import { useSettings } from './hooks';
import { text } from './text';

/** How handoffs run: authorize by themselves or wait, how long a token is kept, testing after. */
export function BehaviourSection() {
  const stored = useSettings();
  /**
   * What was just saved, shown until storage reports the change: a render in between (the "Saved."
   * notice) would otherwise put the controlled radios and checkbox back to the old value for a moment.
   */
  const [justSaved, setJustSaved] = useState<Settings | undefined>(undefined);
  useEffect(() => setJustSaved(undefined), [stored]);
  const settings = justSaved ?? stored;
  const [notice, setNotice] = useState('');
  /** What the admin is typing; undefined shows the stored value. */
  const [draft, setDraft] = useState<string | undefined>(undefined);
  const [lifetimeError, setLifetimeError] = useState('');

  const save = async (change: Partial<Settings>) => {
    try {
      setJustSaved(await updateSettings((current) => ({ ...current, ...change })));
      setNotice(text.saved);
    } catch (error) {
      setNotice(text.failedWith(error instanceof Error ? error.message : String(error)));
    }
  };

  const saveLifetime = (value: string) => {
    const minutes = value.trim() === '' ? Number.NaN : Number(value);
    const { min, max } = TOKEN_LIFETIME_MINUTES;
    if (!Number.isInteger(minutes) || minutes < min || minutes > max) {
      setLifetimeError(text.tokenLifetimeHint(min, max));
      return;
    }
    setLifetimeError('');
    if (minutes !== settings?.tokenLifetimeMinutes) void save({ tokenLifetimeMinutes: minutes });
  };

  if (!settings) return null;
  const { min, max } = TOKEN_LIFETIME_MINUTES;
  return (
    <section class="card" aria-labelledby="behaviour-heading">
      <h2 id="behaviour-heading">{text.behaviourHeading}</h2>
      <fieldset>
        <legend>{text.whenMatched}</legend>
        <label class="choice">
          <input
            type="radio"
            name="authorize"
            checked={settings.autoAuthorize}
            aria-describedby="auto-hint"
            onChange={() => void save({ autoAuthorize: true })}
          />
          <span>
            {text.autoAuthorize}
            <span class="hint" id="auto-hint">
              {text.autoAuthorizeHint}
            </span>
          </span>
        </label>
        <label class="choice">
          <input
            type="radio"
            name="authorize"
            checked={!settings.autoAuthorize}
            aria-describedby="wait-hint"
            onChange={() => void save({ autoAuthorize: false })}
          />
          <span>
            {text.fillAndWait}
            <span class="hint" id="wait-hint">
              {text.fillAndWaitHint}
            </span>
          </span>
        </label>
      </fieldset>
      <label class="field-label" for="token-lifetime">
        {text.tokenLifetime}
      </label>
      <input
        id="token-lifetime"
        class="input narrow"
        type="number"
        inputMode="numeric"
        min={min}
        max={max}
        step={1}
        value={draft ?? String(settings.tokenLifetimeMinutes)}
        aria-invalid={lifetimeError ? true : undefined}
        aria-describedby="token-lifetime-hint"
        onInput={(event) => setDraft(event.currentTarget.value)}
        onChange={(event) => saveLifetime(event.currentTarget.value)}
      />
      <p class={lifetimeError ? 'error' : 'hint'} id="token-lifetime-hint">
        {text.tokenLifetimeHint(min, max)}
      </p>
      <label class="choice choice--spaced">
        <input
          type="checkbox"
          checked={settings.testAfterAuthorize}
          aria-describedby="test-hint"
          onChange={(event) => void save({ testAfterAuthorize: event.currentTarget.checked })}
        />
        <span>
          {text.testAfterAuthorize}
          <span class="hint" id="test-hint">
            {text.testAfterAuthorizeHint}
          </span>
        </span>
      </label>
      <p class="notice" role="status">
        {notice}
      </p>
    </section>
  );
}
