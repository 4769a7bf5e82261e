import * as z from 'zod/mini';
import { normalizeText, textKey } from '../dom/find';
import type { CrmProfile } from './profile';

/**
 * Label variants an admin may add in the options page when the CRM changes its wording (issue 6
 * item 1), and how they join a site profile (./profile.ts). Only texts, never selectors: a text can at
 * worst fail to match, it cannot reach into other parts of the page. Each kind names the profile list
 * it extends. Apart from the profile itself, so the settings (read by the background and the popup)
 * do not carry the whole built-in profile.
 */
const LABEL_PLACES = {
  sidLabel: ['dialog', 'sidLabels'],
  tokenLabel: ['dialog', 'tokenLabels'],
  submitButton: ['dialog', 'submit'],
  updateCredentials: ['menu', 'updateCredentials'],
  searchBox: ['search', 'texts'],
  subAccountTab: ['tabs', 'subAccount'],
  cancelButton: ['dialog', 'cancel'],
  lcPhone: ['managedBy', 'lcPhone'],
} as const;
export type LabelVariantKind = keyof typeof LABEL_PLACES;
/** In the order the options page offers them. */
export const LABEL_VARIANT_KINDS = Object.keys(LABEL_PLACES) as LabelVariantKind[];

export const LABEL_VARIANT_MAX_LENGTH = 60;
export const LABEL_VARIANTS_PER_KIND = 20;
/** Control and invisible format characters (zero-width, bidi overrides) and markup brackets. */
const NOT_PLAIN = /[\p{Cc}\p{Cf}<>]/u;

export type LabelVariantProblem = 'empty' | 'too-long' | 'not-plain' | 'duplicate' | 'built-in' | 'conflict' | 'too-many';

/**
 * Kinds whose texts must stay apart: a label shared by the Account SID and Auth Token fields makes
 * both look-ups find both fields (the driver then refuses), and a Cancel text among the Authorize
 * texts would close the dialog instead of submitting it.
 */
export const LABEL_VARIANT_CONFLICTS: Partial<Record<LabelVariantKind, LabelVariantKind>> = {
  sidLabel: 'tokenLabel',
  tokenLabel: 'sidLabel',
  submitButton: 'cancelButton',
  cancelButton: 'submitButton',
};

/** Why a text cannot be a label variant as it stands (already normalised), or undefined when it can. */
function variantProblem(text: string): LabelVariantProblem | undefined {
  if (text === '') return 'empty';
  if (text.length > LABEL_VARIANT_MAX_LENGTH) return 'too-long';
  if (NOT_PLAIN.test(text) || normalizeText(text) !== text) return 'not-plain';
  return undefined;
}

export type LabelVariants = Partial<Record<LabelVariantKind, string[]>>;

/**
 * The admin's variants when `raw` is a valid set of them: known kinds only, at most
 * LABEL_VARIANTS_PER_KIND plain texts each, no two alike. Plain code rather than a schema: the CRM
 * content script checks what it reads from storage, and its budget is 20 KB gzipped.
 */
export function parseLabelVariants(raw: unknown): LabelVariants | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined;
  const valid = Object.entries(raw).every(
    ([kind, texts]) =>
      Object.hasOwn(LABEL_PLACES, kind) &&
      (texts === undefined ||
        (Array.isArray(texts) &&
          texts.length <= LABEL_VARIANTS_PER_KIND &&
          texts.every((text) => typeof text === 'string' && variantProblem(text) === undefined) &&
          new Set(texts.map(textKey)).size === texts.length)),
  );
  return valid ? (raw as LabelVariants) : undefined;
}

/** The same rules as a schema, for the settings. */
export const LabelVariants = z.custom<LabelVariants>(
  (raw) => parseLabelVariants(raw) !== undefined,
  // i18n-ignore: zod's message for a stored value that failed its check: a developer's words, never shown.
  'label variants: known kinds, at most 20 plain texts of at most 60 characters each, no duplicates',
);

/** The profile's texts of one kind. */
export function labelTexts(profile: CrmProfile, kind: LabelVariantKind): readonly string[] {
  const [section, key] = LABEL_PLACES[kind];
  return (profile[section] as Record<string, readonly string[]>)[key]!;
}

/**
 * The options page's check of one text the admin types (white space collapsed): plain, not too long,
 * not already added nor built in, not a text of a kind it must stay apart from. Refusals are reasons
 * the options page words for the admin.
 */
export function checkLabelVariant(
  kind: LabelVariantKind,
  input: string,
  added: LabelVariants,
  profile: CrmProfile,
): { ok: true; text: string } | { ok: false; problem: LabelVariantProblem } {
  const text = normalizeText(input);
  // Line breaks and tabs from a paste are white space; other control characters are not text.
  const problem = NOT_PLAIN.test(input.replace(/[\t\n\r]/g, ' ')) ? 'not-plain' : variantProblem(text);
  if (problem) return { ok: false, problem };
  const key = textKey(text);
  const known = (of: LabelVariantKind) => [...labelTexts(profile, of), ...(added[of] ?? [])].some((other) => textKey(other) === key);
  if ((added[kind] ?? []).some((other) => textKey(other) === key)) return { ok: false, problem: 'duplicate' };
  if (labelTexts(profile, kind).some((other) => textKey(other) === key)) return { ok: false, problem: 'built-in' };
  const apart = LABEL_VARIANT_CONFLICTS[kind];
  if (apart && known(apart)) return { ok: false, problem: 'conflict' };
  if ((added[kind] ?? []).length >= LABEL_VARIANTS_PER_KIND) return { ok: false, problem: 'too-many' };
  return { ok: true, text };
}

/**
 * The profile with the admin's variants appended after the built-in texts (built-in ones are tried
 * first), each text once. The result needs no new schema check: the base profile is checked by its
 * test, and the variants are valid texts by their own rules.
 */
export function mergeLabelVariants(profile: CrmProfile, variants: LabelVariants): CrmProfile {
  const merged = { ...profile } as unknown as Record<string, Record<string, unknown>>;
  for (const kind of LABEL_VARIANT_KINDS) {
    const base = labelTexts(profile, kind);
    const texts = [...base];
    for (const text of variants[kind] ?? []) if (!texts.some((known) => textKey(known) === textKey(text))) texts.push(text);
    if (texts.length === base.length) continue;
    const [section, key] = LABEL_PLACES[kind];
    merged[section] = { ...merged[section], [key]: texts };
  }
  return merged as unknown as CrmProfile;
}

/**
 * The profile a driver run uses: the built-in one with the wording the admin added in the options
 * page, read from the stored settings as they are (any version: the field is absent before version 2).
 * Variants that do not parse are refused whole, so a bad entry never half-applies: the built-in
 * texts still work where the CRM did not change, and a missing anchor is reported as usual.
 */
export function profileWithAdminWording(profile: CrmProfile, storedSettings: unknown): CrmProfile {
  const variants = parseLabelVariants((storedSettings as { labelVariants?: unknown } | null | undefined)?.labelVariants);
  return variants ? mergeLabelVariants(profile, variants) : profile;
}
