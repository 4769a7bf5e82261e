import { DomError } from './errors';

/**
 * Finding elements the way a person does: by visible text, label, role and accessible name, with
 * selector lists that come from a site profile. Every finder that must pick one element fails with
 * `not-found` or `ambiguous` instead of taking the first of several (fail closed, DESIGN.md §6).
 */

/*
 * The one way both content scripts read a page as a person does (the CRM driver here, the console's
 * detector through utils/console/dom.ts): the same text normalisation, the same case folding, the
 * same accessible-name order.
 */

const SPACES = /[\s\u00a0\u2000-\u200a\u202f\u205f\u3000]+/g;
/** Zero-width characters and BOMs that frameworks and copy widgets leave in text: not even a space. */
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff]/g;

/** Text as the page shows it: invisible characters dropped, runs of white space collapsed, trimmed. */
export function normalizeText(text: string | null | undefined): string {
  return (text ?? '').replace(INVISIBLE, '').replace(SPACES, ' ').trim();
}

/** Text folded for comparison: compatibility forms and case ignored. */
export function foldText(text: string | null | undefined): string {
  return normalizeText((text ?? '').normalize('NFKC')).toLowerCase();
}

/** The comparable form of a label: folded, and a trailing `:` or `*` ignored. */
export function textKey(text: string | null | undefined): string {
  return foldText(text).replace(/[\s:*]+$/, '').trim();
}

export function textOf(element: Element): string {
  return normalizeText(element.textContent);
}

export type TextMatch = 'exact' | 'prefix' | 'contains';

/** Whether `actual` matches one of `texts` (compared as text keys). */
export function matchesText(actual: string | null | undefined, texts: readonly string[], match: TextMatch = 'exact'): boolean {
  const key = textKey(actual);
  if (!key) return false;
  return texts.some((text) => {
    const wanted = textKey(text);
    if (!wanted) return false;
    if (match === 'exact') return key === wanted;
    if (match === 'prefix') return key.startsWith(wanted);
    return key.includes(wanted);
  });
}

/** Rendered and not hidden by CSS (display or visibility) on itself or an ancestor. */
export function isVisible(element: Element): boolean {
  // The hidden attribute hides in every browser's own style sheet; checked here too for DOMs without one.
  if (!element.isConnected) return false;
  for (let e: Element | null = element; e; e = e.parentElement) if (e instanceof HTMLElement && e.hidden) return false;
  // Engines without checkVisibility() (older ones, some test DOMs) count what is in the page as shown.
  const check = (element as Element & { checkVisibility?: Element['checkVisibility'] }).checkVisibility;
  return typeof check === 'function' ? check.call(element, { visibilityProperty: true, checkVisibilityCSS: true }) : true;
}

/** Elements matching any of `selectors`, once each, in document order. */
export function queryAll(root: ParentNode, selectors: readonly string[]): Element[] {
  if (selectors.length === 0) return [];
  return Array.from(root.querySelectorAll(selectors.join(', ')));
}

/** Whether `element` matches one of `selectors`. */
export function matchesAny(element: Element, selectors: readonly string[]): boolean {
  return selectors.length > 0 && element.matches(selectors.join(', '));
}

/** Matches one of `selectors` itself or holds an element that does (an icon inside a button). */
export function hasAny(element: Element, selectors: readonly string[]): boolean {
  return matchesAny(element, selectors) || queryAll(element, selectors).length > 0;
}

export function queryVisible(root: ParentNode, selectors: readonly string[]): Element[] {
  return queryAll(root, selectors).filter(isVisible);
}

/** Drops elements that sit inside another element of the list (a modal card inside its wrapper). */
export function outermost(elements: readonly Element[]): Element[] {
  return elements.filter((element) => !elements.some((other) => other !== element && other.contains(element)));
}

/** Drops elements that contain another element of the list. */
export function innermost(elements: readonly Element[]): Element[] {
  return elements.filter((element) => !elements.some((other) => other !== element && element.contains(other)));
}

function byIds(element: Element, ids: string): string {
  const doc = element.ownerDocument;
  return ids
    .split(/\s+/)
    .map((id) => doc.getElementById(id))
    .filter((found): found is HTMLElement => found !== null)
    .map((found) => textOf(found))
    .join(' ');
}

/** Where an icon-only control keeps its name when it has no aria-label or title (a site profile says). */
export interface IconNames {
  /** An SVG's `<title>` inside the control. */
  iconTitle?: string;
  /** An image with alt text inside the control. */
  imageAlt?: string;
}

/**
 * A practical accessible name, in the order of the accessible-name computation: aria-labelledby,
 * aria-label, associated labels, a button's value, the text content, the title, then an icon's
 * `<title>` or an image's alt where the profile says to look. Icon-only buttons usually carry only
 * aria-label or title. As the page writes it; compare with `textKey`/`foldText`.
 */
export function accessibleName(element: Element, icons: IconNames = {}): string {
  const labelledBy = element.getAttribute('aria-labelledby');
  if (labelledBy) {
    const name = normalizeText(byIds(element, labelledBy));
    if (name) return name;
  }
  const ariaLabel = normalizeText(element.getAttribute('aria-label'));
  if (ariaLabel) return ariaLabel;
  if (isField(element) && element.labels) {
    const name = normalizeText(Array.from(element.labels, (label) => label.textContent ?? '').join(' '));
    if (name) return name;
  }
  if (element instanceof HTMLInputElement && ['button', 'submit', 'reset'].includes(element.type)) {
    const value = normalizeText(element.value);
    if (value) return value;
  }
  if (!isField(element)) {
    const text = textOf(element);
    if (text) return text;
  }
  const title = normalizeText(element.getAttribute('title'));
  if (title) return title;
  const iconTitle = icons.iconTitle ? normalizeText(element.querySelector(icons.iconTitle)?.textContent) : '';
  if (iconTitle) return iconTitle;
  return icons.imageAlt ? normalizeText(element.querySelector(icons.imageAlt)?.getAttribute('alt')) : '';
}

export interface FindOptions {
  /** Named in errors: what the caller calls it ("search-box", "submit-button"). */
  what: string;
}

/**
 * Visible elements matching `selectors` whose accessible name is one of `texts`. Texts are tried in
 * order and the first text that matches anything wins, so a list can go from specific to generic.
 */
export function findAllByName(root: ParentNode, selectors: readonly string[], texts: readonly string[]): Element[] {
  const pool = queryVisible(root, selectors);
  for (const text of texts) {
    const hits = innermost(pool.filter((element) => matchesText(accessibleName(element), [text])));
    if (hits.length > 0) return hits;
  }
  return [];
}

/** Exactly one element matching the name; `not-found` or `ambiguous` otherwise. */
export function findByName(root: ParentNode, selectors: readonly string[], texts: readonly string[], options: FindOptions): Element {
  return exactlyOne(findAllByName(root, selectors, texts), options.what);
}

/** `name`: what the page or the site's profile calls it, kept in the error (DomErrorFacts). */
export function exactlyOne<T extends Element>(elements: readonly T[], what: string, name?: string): T {
  const named = name === undefined ? {} : { name };
  if (elements.length === 0) throw new DomError('not-found', what, named);
  if (elements.length > 1) throw new DomError('ambiguous', what, { count: elements.length, ...named });
  return elements[0]!;
}

/**
 * The innermost element under `element` whose own text matches: the place a person clicks. Vue
 * components often listen on an inner node (naive-ui's dropdown option body), and events bubble
 * up, never down.
 */
export function clickTarget(element: Element, texts: readonly string[]): Element {
  const matching = [element, ...Array.from(element.querySelectorAll('*'))].filter((node) => matchesText(textOf(node), texts));
  return innermost(matching)[0] ?? element;
}

export type Field = HTMLInputElement | HTMLTextAreaElement;

const NOT_TEXT_INPUTS = new Set(['hidden', 'checkbox', 'radio', 'submit', 'button', 'reset', 'file', 'image', 'range', 'color']);

export function isField(element: Element): element is Field {
  if (element instanceof HTMLTextAreaElement) return true;
  return element instanceof HTMLInputElement && !NOT_TEXT_INPUTS.has(element.type);
}

/** Visible text inputs under `root`. */
export function fieldsIn(root: ParentNode): Field[] {
  return Array.from(root.querySelectorAll('input, textarea')).filter(isField).filter(isVisible);
}

/** Clues that describe one field; many clues, not one selector (as Bitwarden's autofill does). */
export interface FieldClues {
  /** Named in errors: what the caller calls it ("sid-field"). */
  what: string;
  /** Label texts and their variants ("Account SID", "Twilio Account SID"). */
  labels: readonly string[];
  /** name/id attribute values (compared without case and separators: account_sid = accountSid). */
  names: readonly string[];
}

/**
 * The label text nearest to a field: its own accessible name if it has one, otherwise the first known
 * label text found while walking up through ancestors that contain no other field (a form item's
 * `<label>` next to the input, as naive-ui and Bootstrap forms render them). Only texts in
 * `knownLabels` count, so help text and headings never become labels; two different known labels
 * at the same distance mean none.
 */
export function nearestLabel(field: Field, knownLabels: readonly string[], fields: readonly Field[]): string | undefined {
  const explicit = textKey(accessibleName(field));
  if (explicit) return explicit;
  const known = new Set(knownLabels.map(textKey));
  let ancestor = field.parentElement;
  while (ancestor && fields.every((other) => other === field || !ancestor!.contains(other))) {
    const found = new Set<string>();
    for (const element of Array.from(ancestor.querySelectorAll('*'))) {
      if (element.contains(field)) continue;
      const key = textKey(element.textContent);
      if (known.has(key)) found.add(key);
    }
    if (found.size === 1) return [...found][0];
    if (found.size > 1) return undefined;
    ancestor = ancestor.parentElement;
  }
  return undefined;
}

function compactName(text: string | null): string {
  return (text ?? '').toLowerCase().replace(/[^a-z0-9]/g, '');
}

/**
 * The one field described by `clues`, trying the strongest clue first: its label (explicit or the
 * nearest known label), then its placeholder containing a label text, then its name/id attribute.
 * `knownLabels` lists the labels of every field the form may have, so each field claims only its own.
 */
export function findField(root: ParentNode, clues: FieldClues, knownLabels: readonly string[]): Field {
  const fields = fieldsIn(root);
  const labelKeys = clues.labels.map(textKey);
  const byLabel = fields.filter((field) => {
    const label = nearestLabel(field, [...knownLabels, ...clues.labels], fields);
    return label !== undefined && labelKeys.includes(label);
  });
  if (byLabel.length > 0) return exactlyOne(byLabel, clues.what);
  const byPlaceholder = fields.filter((field) => matchesText(field.placeholder, clues.labels, 'contains'));
  if (byPlaceholder.length > 0) return exactlyOne(byPlaceholder, clues.what);
  const names = clues.names.map(compactName);
  const byName = fields.filter((field) => names.includes(compactName(field.name)) || names.includes(compactName(field.id)));
  return exactlyOne(byName, clues.what);
}

/** Disabled for a user: the property, aria-disabled, or a profile's disabled classes. */
export function isDisabled(element: Element, disabledSelectors: readonly string[] = []): boolean {
  if ((element as HTMLButtonElement).disabled === true) return true;
  if (element.getAttribute('aria-disabled') === 'true') return true;
  return matchesAny(element, disabledSelectors);
}

/** The deepest element containing both, for "closest to the table" tie-breaks. */
export function commonAncestorDepth(a: Element, b: Element): number {
  let depth = 0;
  for (let node: Element | null = a; node; node = node.parentElement) {
    if (node.contains(b)) {
      for (let up: Element | null = node; up; up = up.parentElement) depth++;
      return depth;
    }
  }
  return 0;
}
