import { labelText, normalise } from './dom';
import { LABELS, LABEL_HINT, type LabelKind } from './profile';

/**
 * Telling a credential label on a console page from any other text: the one rule both the full look
 * (./detect.ts) and the detector that runs in every console frame (./signs.ts) use, so the detector
 * never misses a label the full look would take.
 */

export const MAX_LABEL_LENGTH = 48;
/** Text longer than this is no label, nor a piece of one. */
export const MAX_LABEL_TEXT = MAX_LABEL_LENGTH * 2;

export function labelKind(el: Element): LabelKind | null {
  const text = normalise(labelText(el, MAX_LABEL_LENGTH)).replace(/[\s:*]+$/, '');
  if (!text || text.length > MAX_LABEL_LENGTH) return null;
  for (const [kind, re] of LABELS) if (re.test(text)) return kind;
  return null;
}

/** Whether a text node may be (part of) a label: short, with a label word in it. */
export function mayBeLabelText(data: string): boolean {
  return data.length <= MAX_LABEL_TEXT && LABEL_HINT.test(data);
}

/**
 * The label element a short text node belongs to, and its kind: "Account <b>SID</b>" puts the
 * label's words in two nodes, so the node's ancestors are tried while their text stays short. An
 * element in `seen` was taken already (its other text nodes lead to it again); the one found is added.
 */
export function labelAt(text: Text, seen: Set<Element>): { kind: LabelKind; el: Element } | null {
  for (let el = text.parentElement, i = 0; el && i < 3; el = el.parentElement, i++) {
    if ((el.textContent ?? '').length > MAX_LABEL_TEXT) break;
    if (seen.has(el)) break;
    const kind = labelKind(el);
    if (kind) {
      seen.add(el);
      return { kind, el };
    }
  }
  return null;
}

/** A field labelled only for assistive technology: `<input aria-label="Account SID" value="AC…">`. */
export function fieldLabelKind(field: Element): LabelKind | null {
  const text = normalise(field.getAttribute('aria-label') ?? '');
  return LABELS.find(([, re]) => re.test(text))?.[0] ?? null;
}
