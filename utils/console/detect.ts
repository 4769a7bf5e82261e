import { parseAccountSid } from '../twilio/credentials';
import { accessibleName, ancestor, commonAncestor, isVisible, nodesAfter, nodesBefore, normalise } from './dom';
import { fieldLabelKind, labelAt, mayBeLabelText } from './labels';
import {
  ARIA_LABELLED_FIELDS,
  COLUMN_HEADERS,
  CONTROLS,
  COPY_NAME,
  DISABLED,
  HEADINGS,
  HIDE_NAME,
  LABELLED_BY,
  REFUSED_NAME,
  SHOW_NAME,
  SID_ANYWHERE,
  SID_PREFIX,
  SID_VALUE,
  TABLE_HEADS,
  TERM_CELLS,
  TEST_SECTION,
  TOKEN_VALUE,
  type LabelKind,
} from './profile';

/**
 * Finds one account's credentials panel on a Twilio console page (DESIGN.md §3): the new console's
 * Account Info and API keys pages, the legacy /console/project/settings page. Anchored on the visible
 * labels and the value formats (Account SID = AC + 32 hex, Auth Token = 32 hex), never on class
 * names; every text, pattern and selector comes from the console profile (./profile.ts).
 */

/** How far (element levels) a value may sit from its label, and the two labels of a panel apart. */
const VALUE_LEVELS = 4;
const PANEL_LEVELS = 8;
/** An account name sits in the same page section, not necessarily in the credentials panel. */
const NAME_LEVELS = 10;
/** More "Account SID" labels than this is a list of accounts, not one account's panel. */
const MAX_SID_LABELS = 10;

interface Label {
  kind: LabelKind;
  el: Element;
}

export interface PanelDetection {
  /** The Account SID the panel shows, normalised (AC + lower-case hex). */
  sid: string;
  /** The account's name when the page labels one. */
  accountName?: string;
  sidLabel: Element;
  tokenLabel: Element;
  /** Lowest element holding both labels. */
  panel: Element;
}

export type TokenField =
  /** A 32-hex value is on the page (text, or an input's value, even a password input's). */
  | { kind: 'readable'; raw: string }
  /** Masked or not rendered; `show` is the page's own Show / eye control, if it has one. */
  | { kind: 'hidden'; show: HTMLElement | null };

/** A column header labels every row below it: a list, not one account. */
function isColumnHeader(el: Element): boolean {
  return el.matches(COLUMN_HEADERS) || !!el.closest(TABLE_HEADS);
}

function scope(root: Document | Element): Element {
  if (root.nodeType !== Node.DOCUMENT_NODE) return root as Element;
  const doc = root as Document;
  return doc.body ?? doc.documentElement;
}

interface Scan {
  labels: Label[];
  /** Text nodes that hold an Account SID (AC + 32 hex), by lower-cased SID. */
  sidTexts: Map<string, Text[]>;
}

/**
 * One pass over the text under root: every visible credential label (innermost element per label,
 * document order) and every SID in text. On a large page this walk is the whole cost of a look-up.
 */
function scan(root: Document | Element): Scan {
  const base = scope(root);
  const doc = base.ownerDocument;
  const found: Label[] = [];
  const sidTexts = new Map<string, Text[]>();
  const seen = new Set<Element>();
  const walker = doc.createTreeWalker(base, NodeFilter.SHOW_TEXT);
  for (let t = walker.nextNode() as Text | null; t; t = walker.nextNode() as Text | null) {
    const data = t.data;
    // An SID is 34 characters: shorter text (most of a page) skips the regex.
    if (data.length >= 34) {
      for (const m of data.matchAll(SID_ANYWHERE)) {
        const key = m[0].toLowerCase();
        sidTexts.set(key, [...(sidTexts.get(key) ?? []), t]);
      }
    }
    if (!mayBeLabelText(data)) continue;
    const label = labelAt(t, seen);
    if (label && isVisible(label.el) && !isColumnHeader(label.el)) found.push(label);
  }
  // Fields labelled only for assistive technology: <input aria-label="Account SID" value="AC…">.
  for (const input of base.querySelectorAll(ARIA_LABELLED_FIELDS)) {
    const kind = fieldLabelKind(input);
    if (kind && isVisible(input) && !seen.has(input)) found.push({ kind, el: input });
  }
  for (const label of found) {
    if ((label.kind === 'sid' || label.kind === 'token') && inTestSection(label.el)) {
      label.kind = label.kind === 'sid' ? 'other-sid' : 'other-token';
    }
  }
  return { labels: found, sidTexts };
}

/**
 * The legacy settings page repeats "ACCOUNT SID" / "AUTH TOKEN" under a "TEST Credentials" heading
 * next to the "LIVE Credentials" ones: the nearest heading before a label says which it is.
 */
function inTestSection(label: Element): boolean {
  for (let el = label.parentElement, i = 0; el && i < 6; el = el.parentElement, i++) {
    let nearest: Element | null = null;
    for (const h of el.querySelectorAll(HEADINGS)) {
      if (h.compareDocumentPosition(label) & Node.DOCUMENT_POSITION_FOLLOWING && !h.contains(label)) nearest = h;
    }
    if (nearest) return TEST_SECTION.test(normalise(nearest.textContent ?? ''));
  }
  return false;
}

type Matcher = (text: string, node: Node) => boolean;

function compactText(text: string): string {
  return text.replace(/[\s\u200b-\u200d\u2060\ufeff]/g, '');
}

function isField(n: Node): n is HTMLInputElement | HTMLTextAreaElement {
  return n instanceof HTMLInputElement || n instanceof HTMLTextAreaElement;
}

/** The value a node shows, when it is only that value: text of a leaf-ish element, a text node, an input. */
function valueOf(n: Node, matches: Matcher): { node: Node; raw: string } | null {
  if (isField(n)) return matches(n.value.trim(), n) ? { node: n, raw: n.value } : null;
  const text = n.textContent ?? '';
  if (text.length > 120) return null;
  const compact = compactText(text);
  return compact && matches(compact, n) ? { node: n, raw: compact } : null;
}

/** Places the markup ties a value to its label explicitly: <label for>, aria-labelledby, dt→dd, th→td. */
function explicitTargets(label: Element): Element[] {
  if (isField(label)) return [label];
  const out: Element[] = [];
  if (label instanceof HTMLLabelElement && label.control) out.push(label.control);
  if (label.id) {
    for (const el of label.ownerDocument.querySelectorAll(LABELLED_BY)) {
      if (el.getAttribute('aria-labelledby')!.split(/\s+/).includes(label.id)) out.push(el);
    }
  }
  const cell = label.closest(TERM_CELLS);
  if (cell?.tagName === 'DT') {
    for (let s = cell.nextElementSibling; s && s.tagName !== 'DT'; s = s.nextElementSibling) out.push(s);
  } else if (cell?.tagName === 'TH' && cell.parentElement?.tagName === 'TR') {
    for (let s = cell.nextElementSibling; s && s.tagName !== 'TH'; s = s.nextElementSibling) out.push(s);
  }
  return out;
}

/**
 * The value that belongs to a label: first where the markup says so, then the first matching value
 * after the label (up to the next label, within a few levels), then one just before it (a caption
 * under a big value).
 */
function findValue(
  label: Element,
  matches: Matcher,
  stops: ReadonlySet<Node>,
): { node: Node; raw: string } | null {
  for (const target of explicitTargets(label)) {
    const own = valueOf(target, matches);
    if (own) return own;
    for (const n of nodesAfter(target, target, stops)) {
      const v = valueOf(n, matches);
      if (v) return v;
    }
  }
  const after = ancestor(label, VALUE_LEVELS);
  for (const n of nodesAfter(label, after, stops)) {
    const v = valueOf(n, matches);
    if (v) return v;
  }
  const before = ancestor(label, 2);
  for (const n of nodesBefore(label, before, stops)) {
    const v = valueOf(n, matches);
    if (v) return v;
  }
  return null;
}

const isSid: Matcher = (t) => SID_VALUE.test(t);

/**
 * A SID rendered in pieces (`<span>AC</span><span>…32 hex…</span>`) has a 32-hex piece: that is
 * the SID's tail, not a token.
 */
function isSidTail(node: Node, hex: string): boolean {
  const tail = (SID_PREFIX + hex).toLowerCase();
  for (let el = node.parentElement, i = 0; el && i < 2; el = el.parentElement, i++) {
    const text = el.textContent ?? '';
    if (text.length <= 200 && compactText(text).toLowerCase().includes(tail)) return true;
  }
  return false;
}

const isToken: Matcher = (t, node) => TOKEN_VALUE.test(t) && !isSidTail(node, t);

function readName(label: Element, stops: ReadonlySet<Node>): string | undefined {
  const targets = explicitTargets(label);
  const scopes: Array<[Node, Node]> = targets.length
    ? targets.map((t) => [t, t] as [Node, Node])
    : [[label, ancestor(label, VALUE_LEVELS)]];
  for (const [start, container] of scopes) {
    if (isField(start)) return start.value.trim().slice(0, 200) || undefined;
    for (const n of nodesAfter(start, container, stops, 50)) {
      if (isField(n)) return n.value.trim().slice(0, 200) || undefined;
      if (n.nodeType !== Node.TEXT_NODE || n.parentElement?.closest(CONTROLS)) continue;
      const text = (n.nodeValue ?? '').replace(/\s+/g, ' ').trim();
      if (text) return text.slice(0, 200);
    }
  }
  return undefined;
}

/** Distinct Account SIDs the page shows: in visible text (from the scan) and in visible fields. */
function shownSids(root: Document | Element, sidTexts: Map<string, Text[]>): Set<string> {
  const out = new Set<string>();
  for (const [sid, texts] of sidTexts) {
    if (texts.some((t) => !t.parentElement || isVisible(t.parentElement))) out.add(sid);
  }
  for (const f of scope(root).querySelectorAll('input, textarea')) {
    if (!isVisible(f)) continue;
    for (const m of (f as HTMLInputElement).value.matchAll(SID_ANYWHERE)) out.add(m[0].toLowerCase());
  }
  return out;
}

/**
 * The one account whose Account SID and Auth Token this page shows, or null: no such panel, only an
 * API key (SK…), or more than one account (a list of sub-accounts).
 */
export function detectCredentialsPanel(root: Document | Element): PanelDetection | null {
  const { labels, sidTexts } = scan(root);
  const sidLabels = labels.filter((l) => l.kind === 'sid');
  if (sidLabels.length === 0 || sidLabels.length > MAX_SID_LABELS) return null;
  const stops = new Set<Node>(labels.map((l) => l.el));

  const sids = new Map<Element, string>();
  for (const { el } of sidLabels) {
    const v = findValue(el, isSid, stops);
    const parsed = v ? parseAccountSid(v.raw) : null;
    if (parsed?.ok) sids.set(el, parsed.value);
  }
  const distinct = new Set(sids.values());
  if (distinct.size !== 1) return null;
  const sid = [...distinct][0]!;

  // The closest SID label / Auth Token label pair: the page may show the SID twice (a header too).
  let best: { sidLabel: Element; label: Element; panel: Element; distance: number } | null = null;
  for (const sidLabel of sids.keys()) {
    for (const { kind, el } of labels) {
      if (kind !== 'token') continue;
      const lca = commonAncestor(sidLabel, el);
      if (!lca || lca.fromA > PANEL_LEVELS || lca.fromB > PANEL_LEVELS) continue;
      const distance = lca.fromA + lca.fromB;
      if (!best || distance < best.distance) best = { sidLabel, label: el, panel: lca.node, distance };
    }
  }
  if (!best) return null;
  const { sidLabel } = best;

  // Any other account's SID on the page (a list, a second panel) makes "the account" ambiguous;
  // test credentials are labelled as such and belong to the page's account.
  const otherSids = new Set<string>();
  for (const { kind, el } of labels) {
    if (kind !== 'other-sid') continue;
    const v = findValue(el, isSid, stops);
    if (v) otherSids.add(v.raw.toLowerCase());
  }
  for (const shown of shownSids(root, sidTexts)) {
    if (shown !== sid.toLowerCase() && !otherSids.has(shown)) return null;
  }

  let accountName: string | undefined;
  let nameDistance = Infinity;
  for (const { kind, el } of labels) {
    if (kind !== 'name') continue;
    const lca = commonAncestor(sidLabel, el);
    if (!lca || lca.fromA > NAME_LEVELS || lca.fromB > NAME_LEVELS) continue;
    const name = readName(el, stops);
    if (name && lca.fromA + lca.fromB < nameDistance) {
      accountName = name;
      nameDistance = lca.fromA + lca.fromB;
    }
  }

  return { sid, accountName, sidLabel, tokenLabel: best.label, panel: best.panel };
}

/**
 * The labels a walk from the Auth Token label may reach (it goes at most VALUE_LEVELS up): each ends
 * the token's value. Taken from that whole subtree, not the panel alone, so a section below the panel
 * ("Test credentials" with its token shown in full) is never read as this account's token.
 */
function tokenStops(detection: PanelDetection): Set<Node> {
  return new Set<Node>(scan(ancestor(detection.tokenLabel, VALUE_LEVELS)).labels.map((l) => l.el));
}

/** The page's controls next to the Auth Token: inside its label, then after it up to the next label. */
function tokenControls(detection: PanelDetection): HTMLElement[] {
  const label = detection.tokenLabel;
  const candidates: Element[] = [...label.querySelectorAll(CONTROLS)];
  for (const n of nodesAfter(label, ancestor(label, VALUE_LEVELS), tokenStops(detection))) {
    if (n instanceof Element && n.matches(CONTROLS)) candidates.push(n);
  }
  return candidates.filter((el): el is HTMLElement => el instanceof HTMLElement);
}

/** The page's control next to the Auth Token whose name matches `name`, never a refused one. */
function findTokenControl(detection: PanelDetection, name: RegExp): HTMLElement | null {
  for (const el of tokenControls(detection)) {
    const accessible = accessibleName(el);
    if (name.test(accessible) && !REFUSED_NAME.test(accessible)) return el;
  }
  return null;
}

export function findShowControl(detection: PanelDetection): HTMLElement | null {
  return findTokenControl(detection, SHOW_NAME);
}

export function findHideControl(detection: PanelDetection): HTMLElement | null {
  return findTokenControl(detection, HIDE_NAME);
}

/**
 * The page's Copy control next to the Auth Token, if the admin can press it (a role that may not see
 * the token gets a disabled one). Never clicked (the extension does not press Copy buttons, nor read
 * the clipboard): found only so the overlay can tell the admin to press it.
 */
export function findCopyControl(detection: PanelDetection): HTMLElement | null {
  return tokenControls(detection).find((el) => COPY_NAME.test(accessibleName(el)) && !el.matches(DISABLED)) ?? null;
}

/** What the page shows for the Auth Token right now. */
export function readTokenField(detection: PanelDetection): TokenField {
  const stops = tokenStops(detection);
  const value = findValue(detection.tokenLabel, isToken, stops);
  if (value) return { kind: 'readable', raw: value.raw };
  return { kind: 'hidden', show: findShowControl(detection) };
}
