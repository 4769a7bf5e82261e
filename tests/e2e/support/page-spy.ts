import type { BrowserContext, Page } from 'playwright-core';

/**
 * A listener in the page's own JavaScript world, installed at document start in every frame: what a
 * hostile or merely nosy page script could see of ours. It records window messages, capture-phase
 * key, clipboard, input and change events (with the field they hit), every CustomEvent dispatched
 * anywhere, and DOM mutations (added text, attributes). Tests then search the record for a secret.
 */
export interface SpyRecord {
  kind: string;
  /** For events on form fields: the field's accessible label (aria-label, <label>, placeholder). */
  field?: string;
  data: string;
  url: string;
}

const SPY = String.raw`(() => {
  if (window.__handoffSpy) return;
  const record = [];
  Object.defineProperty(window, '__handoffSpy', { value: record });
  const url = location.href;
  const text = (value) => { try { return typeof value === 'string' ? value : JSON.stringify(value) ?? String(value); } catch { return String(value); } };
  const labelOf = (el) => {
    if (!(el instanceof Element)) return '';
    const aria = el.getAttribute('aria-label');
    if (aria) return aria;
    if (el.id) { const l = document.querySelector('label[for="' + CSS.escape(el.id) + '"]'); if (l) return l.textContent.trim(); }
    const item = el.closest('.hr-form-item, .n-form-item, .hl-form-item, .form-group, label');
    if (item) { const l = item.querySelector('label, .hr-form-item-label__text, .n-form-item-label__text, .hl-form-item-label__text'); if (l) return l.textContent.trim(); }
    return el.getAttribute('placeholder') || el.tagName;
  };
  window.addEventListener('message', (e) => record.push({ kind: 'message', data: text(e.data), url }), true);
  for (const type of ['keydown', 'keyup', 'keypress', 'beforeinput', 'input', 'change', 'paste', 'copy', 'cut']) {
    document.addEventListener(type, (e) => {
      const t = e.target;
      const parts = [e.key, e.data, t && 'value' in t ? t.value : undefined, e.clipboardData ? e.clipboardData.getData('text') : undefined];
      record.push({ kind: type, field: labelOf(t), data: parts.filter((p) => p != null).join(' '), url });
    }, true);
  }
  const dispatch = EventTarget.prototype.dispatchEvent;
  EventTarget.prototype.dispatchEvent = function (event) {
    if (event instanceof CustomEvent) record.push({ kind: 'custom-event:' + event.type, data: text(event.detail), url });
    return dispatch.call(this, event);
  };
  new MutationObserver((mutations) => {
    for (const m of mutations) {
      if (m.type === 'attributes') record.push({ kind: 'attribute', field: labelOf(m.target), data: m.attributeName + '=' + (m.target.getAttribute(m.attributeName) ?? ''), url });
      else if (m.type === 'characterData') record.push({ kind: 'text', data: m.target.data, url });
      else for (const n of m.addedNodes) record.push({ kind: 'added', data: n.nodeType === 1 ? n.outerHTML : n.textContent ?? '', url });
    }
  }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
})();`;

export async function installPageSpy(context: BrowserContext): Promise<void> {
  await context.addInitScript({ content: SPY });
}

/** Everything the spy recorded in the page and its frames. */
export async function spyRecords(page: Page): Promise<SpyRecord[]> {
  const all = await Promise.all(
    page.frames().map((frame) =>
      frame.evaluate(() => [...((window as unknown as { __handoffSpy?: SpyRecord[] }).__handoffSpy ?? [])]).catch(() => [] as SpyRecord[]),
    ),
  );
  return all.flat();
}

/** The records that contain `secret` (or its base64 as part of `sid:secret`). */
export function sightings(records: SpyRecord[], secret: string, sid?: string): SpyRecord[] {
  const needles = [secret];
  if (sid) needles.push(Buffer.from(`${sid}:${secret}`).toString('base64'));
  return records.filter((r) => needles.some((n) => r.data.includes(n)));
}
