import { SKIPPED } from './dom';
import { fieldLabelKind, labelAt, mayBeLabelText } from './labels';
import { ARIA_LABELLED_FIELDS, SID_ANYWHERE, type LabelKind } from './profile';

/**
 * Cheap looks at a console page for signs of an account's credentials, without reading it as the
 * full look does (./detect.ts: visibility, where values sit, which account). Each walks the page's
 * text once, and at most MAX_TEXT_NODES text nodes of it, so a look costs the same on a page that
 * never stops growing as on one of that size.
 *
 * - `lookForCredentials`: the detector's question in every console frame. "Yes" needs an Account
 *   SID label and an Auth Token label, by the very rule the full look reads labels with
 *   (./labels.ts), without the full look's further conditions: every page the full look takes is a
 *   "yes" here, and only then does the overlay's code come into the frame.
 * - `credentialPrint`: what the overlay compares between two looks once it is in the frame: the
 *   credential labels and the Account SIDs in text, in order. Only a change in it, or in the panel
 *   it shows (./watch.ts), is worth the full look.
 */

/** About 2–5 ms of walking at most on the machines measured (docs/performance.md). */
export const MAX_TEXT_NODES = 20_000;

const CREDENTIAL_KINDS: ReadonlySet<LabelKind> = new Set(['sid', 'token', 'other-sid', 'other-token']);

/**
 * Calls `visit` for each text node under `root` in document order, text no one reads (scripts,
 * styles, templates) left out, until `visit` returns true or `max` nodes were seen. Returns whether
 * the walk covered the whole subtree (or was stopped by `visit`).
 */
function walkText(root: Node, max: number, visit: (text: Text) => boolean | void): boolean {
  const walker = (root.ownerDocument ?? (root as Document)).createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let count = 0, t = walker.nextNode() as Text | null; t; t = walker.nextNode() as Text | null, count++) {
    if (count >= max) return false;
    if (SKIPPED.has(t.parentNode?.nodeName ?? '')) continue;
    if (visit(t)) return true;
  }
  return true;
}

/** Labels of fields labelled only for assistive technology, in document order. */
function fieldLabels(root: Element): LabelKind[] {
  const kinds: LabelKind[] = [];
  for (const field of root.querySelectorAll(ARIA_LABELLED_FIELDS)) {
    const kind = fieldLabelKind(field);
    if (kind) kinds.push(kind);
  }
  return kinds;
}

/**
 * `credentials`: the page has an Account SID label and an Auth Token label; `none`: it has not;
 * `too-large`: the page has more text than one look reads, and none of it so far was both.
 */
export type Signs = 'credentials' | 'none' | 'too-large';

export function lookForCredentials(root: Element, maxTextNodes = MAX_TEXT_NODES): Signs {
  let sid = false;
  let token = false;
  for (const kind of fieldLabels(root)) {
    sid ||= kind === 'sid';
    token ||= kind === 'token';
  }
  const seen = new Set<Element>();
  const complete = walkText(root, maxTextNodes, (t) => {
    if (!mayBeLabelText(t.data)) return;
    const kind = labelAt(t, seen)?.kind;
    sid ||= kind === 'sid';
    token ||= kind === 'token';
    return sid && token;
  });
  if (sid && token) return 'credentials';
  return complete ? 'none' : 'too-large';
}

/**
 * The credential labels (by kind) and the Account SIDs the text under `root` holds, in document
 * order, as one string; the same page gives the same string whatever nodes it was re-rendered into.
 */
export function credentialPrint(root: Element, maxTextNodes = MAX_TEXT_NODES): string {
  const parts: string[] = fieldLabels(root);
  const seen = new Set<Element>();
  walkText(root, maxTextNodes, (t) => {
    const data = t.data;
    // An Account SID is 34 characters: another account's, anywhere, makes the page ambiguous.
    if (data.length >= 34) for (const m of data.matchAll(SID_ANYWHERE)) parts.push(m[0].toLowerCase());
    if (!mayBeLabelText(data)) return;
    const kind = labelAt(t, seen)?.kind;
    if (kind && CREDENTIAL_KINDS.has(kind)) parts.push(kind);
  });
  return parts.join(' ');
}
