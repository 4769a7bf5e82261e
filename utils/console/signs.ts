import { SKIPPED } from './dom';
import { fieldLabelKind, labelAt, mayBeLabelText } from './labels';
import { ARIA_LABELLED_FIELDS, CREDENTIAL_TEXT, CREDENTIAL_WORDS, SID_IN_TEXT, SID_WORD, TOKEN_WORD, type LabelKind } from './profile';

/**
 * Cheap looks at a console page for signs of an account's credentials, without reading it as the
 * full look does (./detect.ts: visibility, where values sit, which account). Each starts with one
 * read of the page's whole text as the browser joins it (`textContent`: no node of it handed to our
 * script one by one, which costs about a microsecond a node in a content script's world), and only
 * a page whose text holds the words of both labels is walked node by node, at most MAX_TEXT_NODES.
 *
 * - `lookForCredentials`: the detector's question in every console frame. "Yes" needs an Account
 *   SID label and an Auth Token label, by the very rule the full look reads labels with
 *   (./labels.ts), without the full look's further conditions: every page the full look takes is a
 *   "yes" here, and only then does the overlay's code come into the frame.
 * - `credentialPrint`: what the detector and the overlay compare between two looks: the words of the
 *   credential labels and the Account SIDs in the page's text, in order. The detector walks the page
 *   again only when it changed; the overlay runs the full look only when it or the panel it shows
 *   (./watch.ts) changed.
 */

/** About 2–5 ms of walking at most on the machines measured (docs/performance.md). */
export const MAX_TEXT_NODES = 20_000;

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
 * `too-large`: the page has more text than one look walks, and none of it so far was both.
 */
export type Signs = 'credentials' | 'none' | 'too-large';

export function lookForCredentials(root: Element, maxTextNodes = MAX_TEXT_NODES): Signs {
  let sid = false;
  let token = false;
  for (const kind of fieldLabels(root)) {
    sid ||= kind === 'sid';
    token ||= kind === 'token';
  }
  if (sid && token) return 'credentials';
  const text = root.textContent ?? '';
  if (!(sid || SID_WORD.test(text)) || !(token || TOKEN_WORD.test(text))) return 'none';
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
 * More records than this in one callback (a list drawn node by node) are left to the look once the
 * page is quiet: a panel drawn by an app's render comes in a few.
 */
const MAX_URGENT_RECORDS = 16;

/**
 * Whether the changes in `records` drew both label words ("sid" and "token") and an Account SID, as a
 * credentials panel drawn in one go by the console's app does: the detector then looks without
 * waiting for the page to be quiet (./quiet-look.ts), which was most of the overlay's delay after the
 * panel appears. The SID too, because the overlay, once it comes, needs it on screen: labels drawn
 * before their values are left to the quiet look. Reads the text of what was added or changed only,
 * and nothing when there are many records; script and style text does not count.
 */
export function drewCredentialWords(records: readonly MutationRecord[]): boolean {
  if (records.length > MAX_URGENT_RECORDS) return false;
  let sid = false;
  let token = false;
  let value = false;
  const read = (node: Node) => {
    if (SKIPPED.has(node.nodeName)) return;
    const text = node.textContent ?? '';
    sid ||= SID_WORD.test(text);
    token ||= TOKEN_WORD.test(text);
    value ||= SID_IN_TEXT.test(text);
  };
  for (const record of records) {
    if (record.type === 'characterData') read(record.target);
    else for (const node of record.addedNodes) read(node);
    if (sid && token && value) return true;
  }
  return false;
}

/**
 * The words of the credential labels and the Account SIDs in the text under `root`, and the labels of
 * fields labelled for assistive technology, in document order, as one string: the same page gives the
 * same string whatever nodes it was drawn into. `anywhere`: the words also inside other words (the
 * detector's, which must never skip a look that could find a label drawn in pieces).
 */
export function credentialPrint(root: Element, anywhere = false): string {
  const words = (root.textContent ?? '').match(anywhere ? CREDENTIAL_TEXT : CREDENTIAL_WORDS) ?? [];
  return [...fieldLabels(root), ...words].join(' ').toLowerCase();
}
