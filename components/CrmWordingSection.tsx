import { useState } from 'preact/hooks';
import { LABEL_VARIANT_KINDS, checkLabelVariant, labelTexts, type LabelVariantKind } from '../utils/crm/label-variants';
import { HIGHLEVEL_PROFILE } from '../utils/crm/profile';
import { updateSettings } from '../utils/settings';
import { useSettings } from './hooks';
import { LABEL_VARIANT_KIND_TEXT, LABEL_VARIANT_PROBLEM_TEXT, text } from './text';

function errorText(error: unknown): string {
  return text.failedWith(error instanceof Error ? error.message : String(error));
}

/**
 * Wording the CRM uses that the built-in profile lacks (issue 6 item 1): the admin adds a label or
 * button text the CRM now shows, and the CRM driver tries it after the built-in ones from the next
 * run on. Each text is checked here (utils/crm/label-variants.ts checkLabelVariant) and again when saved.
 */
export function CrmWordingSection() {
  const settings = useSettings();
  const [kind, setKind] = useState<LabelVariantKind>('tokenLabel');
  const [input, setInput] = useState('');
  const [inputError, setInputError] = useState('');
  const [notice, setNotice] = useState('');

  const add = async (event: Event) => {
    event.preventDefault();
    if (!settings) return;
    const check = checkLabelVariant(kind, input, settings.labelVariants, HIGHLEVEL_PROFILE);
    if (!check.ok) {
      setInputError(LABEL_VARIANT_PROBLEM_TEXT[check.problem]);
      return;
    }
    setInputError('');
    try {
      await updateSettings((current) => {
        // Checked again against what is stored now: another options page may have added it meanwhile.
        const again = checkLabelVariant(kind, check.text, current.labelVariants, HIGHLEVEL_PROFILE);
        if (!again.ok) throw new Error(LABEL_VARIANT_PROBLEM_TEXT[again.problem]);
        const labelVariants = { ...current.labelVariants, [kind]: [...(current.labelVariants[kind] ?? []), again.text] };
        return { ...current, labelVariants };
      });
      setInput('');
      setNotice(text.wordingAdded(check.text));
    } catch (error) {
      setNotice(errorText(error));
    }
  };

  const remove = async (of: LabelVariantKind, wording: string) => {
    try {
      await updateSettings((current) => {
        const left = (current.labelVariants[of] ?? []).filter((other) => other !== wording);
        return { ...current, labelVariants: { ...current.labelVariants, [of]: left } };
      });
      setNotice(text.wordingRemoved(wording));
    } catch (error) {
      setNotice(errorText(error));
    }
  };

  if (!settings) return null;
  const added = LABEL_VARIANT_KINDS.flatMap((of) => (settings.labelVariants[of] ?? []).map((wording) => ({ of, wording })));

  return (
    <section class="card" aria-labelledby="wording-heading">
      <h2 id="wording-heading">{text.wordingHeading}</h2>
      <p class="hint">{text.wordingLead}</p>
      {added.length === 0 ? (
        <p class="muted">{text.wordingNone}</p>
      ) : (
        <ul class="host-list" aria-label={text.wordingListLabel}>
          {added.map(({ of, wording }) => (
            <li key={`${of}\u0000${wording}`}>
              <span class="host">{wording}</span>
              <span class="muted">{LABEL_VARIANT_KIND_TEXT[of]}</span>
              <button
                type="button"
                class="button"
                aria-label={text.wordingRemoveLabel(wording, LABEL_VARIANT_KIND_TEXT[of])}
                onClick={() => void remove(of, wording)}
              >
                {text.wordingRemove}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form class="inline-form" onSubmit={(event) => void add(event)} noValidate>
        <div>
          <label class="field-label" for="wording-kind">
            {text.wordingKind}
          </label>
          <select
            id="wording-kind"
            class="input"
            value={kind}
            aria-describedby="wording-built-in"
            onChange={(event) => setKind(event.currentTarget.value as LabelVariantKind)}
          >
            {LABEL_VARIANT_KINDS.map((of) => (
              <option key={of} value={of}>
                {LABEL_VARIANT_KIND_TEXT[of]}
              </option>
            ))}
          </select>
        </div>
        <div class="grow">
          <label class="field-label" for="wording-text">
            {text.wordingText}
          </label>
          <input
            id="wording-text"
            class="input"
            placeholder={text.wordingPlaceholder}
            autocomplete="off"
            value={input}
            aria-invalid={inputError ? true : undefined}
            aria-describedby={inputError ? 'wording-error' : undefined}
            onInput={(event) => setInput(event.currentTarget.value)}
          />
        </div>
        <button type="submit" class="button button--primary">
          {text.wordingAdd}
        </button>
      </form>
      {inputError && (
        <p class="error" id="wording-error">
          {inputError}
        </p>
      )}
      <p class="hint" id="wording-built-in">
        {text.wordingBuiltIn(labelTexts(HIGHLEVEL_PROFILE, kind))}
      </p>
      <p class="notice" role="status">
        {notice}
      </p>
    </section>
  );
}
