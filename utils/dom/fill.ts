import { DomError } from './errors';
import type { Field } from './find';

/**
 * Filling a framework-bound field so the framework keeps the value. Vue's v-model (and naive-ui's
 * inputs) copy `event.target.value` into state on `input`; a value set without that event is
 * reverted on the next render (DESIGN.md §3). The sequence is fixed and the same for every field,
 * as Bitwarden's autofill does, so tests can assert on it:
 * focus → value through the native setter → input → change → blur.
 */
export function fillField(field: Field, value: string, what: string): void {
  if (field.disabled || field.readOnly) throw new DomError('not-editable', what);
  field.focus();
  // The prototype's setter, not the element's own property: wrappers such as React's value tracker
  // replace the instance setter and would swallow a plain assignment.
  const prototype = Object.getPrototypeOf(field) as HTMLInputElement | HTMLTextAreaElement;
  const setter = Object.getOwnPropertyDescriptor(prototype, 'value')?.set;
  if (setter) setter.call(field, value);
  else field.value = value;
  field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  field.dispatchEvent(new Event('change', { bubbles: true }));
  field.blur();
}

/**
 * A click as a mouse makes it: pointer and mouse events in order, exactly one `click`. Dropdown
 * triggers differ in what they listen to (hover, mousedown, click); this sequence serves them all.
 */
export function clickElement(element: Element): void {
  const view = element.ownerDocument.defaultView ?? window;
  const rect = element.getBoundingClientRect();
  const at = { clientX: rect.left + rect.width / 2, clientY: rect.top + rect.height / 2 };
  for (const type of ['pointerover', 'pointerenter', 'mouseover', 'mouseenter', 'pointerdown', 'mousedown', 'pointerup', 'mouseup', 'click']) {
    // *enter events do not bubble in a browser; a bubbling copy would reach the row's own listeners.
    const init = { bubbles: !type.endsWith('enter'), cancelable: true, composed: true, view, button: 0, ...at };
    const Pointer = type.startsWith('pointer') ? view.PointerEvent : undefined;
    element.dispatchEvent(Pointer ? new Pointer(type, { ...init, pointerType: 'mouse', isPrimary: true }) : new view.MouseEvent(type, init));
  }
}

/** Escape on the focused element (or the body): how modals and menus are dismissed by keyboard. */
export function pressEscape(doc: Document): void {
  const target = doc.activeElement ?? doc.body;
  for (const type of ['keydown', 'keyup']) {
    // i18n-ignore: a key's name (KeyboardEvent.key), not words.
    target.dispatchEvent(new KeyboardEvent(type, { key: 'Escape', code: 'Escape', bubbles: true, cancelable: true, composed: true }));
  }
}
