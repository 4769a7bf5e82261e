import { accessibleName as nameOf, foldText, isVisible as shown } from '../dom/find';
import { ICON_TITLE, IMAGE_ALT, LABEL_CONTROLS } from './profile';

/**
 * Small readers of the page as a person sees it: the text of a label, whether something is visible,
 * the accessible name of a control, and the nodes that follow a label up to the next label. No class
 * names: the console's are hashed and change with every deploy (DESIGN.md §3).
 */

/** Subtrees that never hold what a person reads as a label or a value. */
export const SKIPPED: ReadonlySet<string> = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT', 'svg', 'SVG']);

/**
 * Lower case, single spaces, no invisible characters, compatibility forms folded: the shared reading
 * of utils/dom/find.ts, so both content scripts compare text alike.
 */
export function normalise(text: string): string {
  return foldText(text);
}

/** The CRM driver's test (utils/dom/find.ts): in the page, no hidden ancestor, not display:none or visibility:hidden. */
export function isVisible(el: Element): boolean {
  return shown(el);
}

/**
 * The text a label shows, without what its icons and buttons carry: `<dt>Auth Token <svg><title>More
 * info</title></svg></dt>` reads "Auth Token".
 */
export function labelText(el: Element, maxLength = 64): string {
  let out = '';
  const walker = el.ownerDocument.createTreeWalker(el, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
    acceptNode: (n) =>
      n.nodeType === Node.ELEMENT_NODE &&
      (SKIPPED.has(n.nodeName) || (n as Element).matches(LABEL_CONTROLS))
        ? NodeFilter.FILTER_REJECT
        : NodeFilter.FILTER_ACCEPT,
  });
  for (let n = walker.nextNode(); n && out.length <= maxLength; n = walker.nextNode()) {
    if (n.nodeType === Node.TEXT_NODE) out += n.nodeValue ?? '';
  }
  return out;
}

/**
 * The accessible name as the shared layer computes it (utils/dom/find.ts), with the icon clues the
 * console profile names, folded for the console's patterns: good enough to tell "Show" from "Copy".
 */
export function accessibleName(el: Element): string {
  return foldText(nameOf(el, { iconTitle: ICON_TITLE, imageAlt: IMAGE_ALT }));
}

/** Elements and text inside `container`, skipping hidden subtrees and non-content elements. */
function visibleWalker(container: Node): TreeWalker {
  const doc = container.ownerDocument ?? (container as Document);
  return doc.createTreeWalker(container, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
    acceptNode: (n) =>
      n.nodeType === Node.ELEMENT_NODE && (SKIPPED.has(n.nodeName) || !isVisible(n as Element))
        ? NodeFilter.FILTER_REJECT
        : NodeFilter.FILTER_ACCEPT,
  });
}

/**
 * Nodes after `start` in document order, inside `container`, without `start`'s own subtree (or all
 * of the container's nodes when `start` is the container), stopping
 * before any node in `stops` (the next label) and after `limit` nodes. Hidden subtrees are skipped.
 */
export function* nodesAfter(
  start: Node,
  container: Node,
  stops: ReadonlySet<Node>,
  limit = 300,
): Generator<Node> {
  const walker = visibleWalker(container);
  // With start === container: the container's own descendants.
  let next: Node | null = start === container ? walker.nextNode() : null;
  for (let cur: Node | null = start; cur && cur !== container; cur = cur.parentNode) {
    walker.currentNode = cur;
    next = walker.nextSibling();
    if (next) break;
  }
  for (let count = 0; next && count < limit; count++) {
    if (stops.has(next)) return;
    yield next;
    next = walker.nextNode();
  }
}

/** Nodes before `start` inside `container`, nearest first, stopping at a node in `stops`. */
export function* nodesBefore(
  start: Node,
  container: Node,
  stops: ReadonlySet<Node>,
  limit = 100,
): Generator<Node> {
  const walker = visibleWalker(container);
  walker.currentNode = start;
  for (let n = walker.previousNode(), count = 0; n && count < limit; n = walker.previousNode(), count++) {
    if (n === container) return;
    // previousNode() visits ancestors of start too; they contain the label, not a value before it.
    if (n.contains(start)) continue;
    // Walking backwards reaches a label's text before the label itself.
    if (stops.has(n) || (n.parentNode && stops.has(n.parentNode))) return;
    yield n;
  }
}

/** The ancestor `levels` steps up, or the highest one below the document. */
export function ancestor(el: Element, levels: number): Element {
  let cur = el;
  for (let i = 0; i < levels && cur.parentElement; i++) cur = cur.parentElement;
  return cur;
}

/** Lowest common ancestor and how many steps up each side took to reach it. */
export function commonAncestor(a: Element, b: Element): { node: Element; fromA: number; fromB: number } | null {
  const depthOf = new Map<Element, number>();
  let d = 0;
  for (let cur: Element | null = a; cur; cur = cur.parentElement) depthOf.set(cur, d++);
  d = 0;
  for (let cur: Element | null = b; cur; cur = cur.parentElement, d++) {
    const fromA = depthOf.get(cur);
    if (fromA !== undefined) return { node: cur, fromA, fromB: d };
  }
  return null;
}
