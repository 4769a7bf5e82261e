// First: the words of the modules below come from the English catalogue in node.
import '../../scripts/lib/node-i18n';
import { LIST_RENDERED_MARK } from '../../components/HandoffList';
import { newHandoff } from '../../utils/handoff/machine';
import { HANDOFF_STATES, type Handoff } from '../../utils/handoff/types';
import { launchExtension, type ExtensionBrowser } from '../e2e/harness';
import type { StandIns } from '../stand-ins/start';
import { summarise, type Summary } from './stats';

/**
 * Popup (issue 5 item 5): time from opening popup.html to its first contentful paint and to the
 * handoff list being in the DOM (the `handoff-list-rendered` mark of components/HandoffList.tsx),
 * with 50 handoffs stored. The page is opened as a tab, as the tests do: the toolbar popup loads the
 * same document, but a headless browser has no toolbar to click.
 */

export interface PopupResult {
  handoffs: number;
  reps: number;
  firstContentfulPaintMs: Summary;
  listRenderedMs: Summary;
}

/** `count` handoffs in every state, as the background stores them (storage.session, one key each). */
export function seedHandoffs(count: number, now = Date.now()): Record<string, Handoff> {
  const out: Record<string, Handoff> = {};
  for (let i = 0; i < count; i++) {
    const base = newHandoff({
      id: `bench-${String(i).padStart(3, '0')}`,
      sid: `AC${i.toString(16).padStart(32, '0')}`,
      pageAccountName: `Bench Client ${i + 1} - Springfield`,
      crmHost: 'app.gohighlevel.com',
      now: now - i * 60_000,
      lifetimeMs: 3_600_000,
    });
    const state = HANDOFF_STATES[i % HANDOFF_STATES.length]!;
    out[`handoff:${base.id}`] = {
      ...base,
      state,
      location: { id: `loc${String(i).padStart(17, '0')}`, name: `Bench Client ${i + 1} - Springfield`, sid: null },
      ...(state === 'failed' || state === 'rejected' || state === 'needs-check' ? { reason: 'The CRM answered with an error.' } : {}),
    };
  }
  return out;
}

async function seed(ext: ExtensionBrowser, items: Record<string, Handoff>): Promise<void> {
  const worker = await ext.worker();
  await worker.evaluate(
    (values) => (globalThis as unknown as { chrome: typeof import('wxt/browser').browser }).chrome.storage.session.set(values),
    items,
  );
}

export async function benchPopup(sites: StandIns, options: { buildDir: string; reps: number; handoffs: number }): Promise<PopupResult> {
  const ext = await launchExtension({ hostResolverRules: sites.hostResolverRules, extensionDir: options.buildDir });
  try {
    await seed(ext, seedHandoffs(options.handoffs));
    // One load first: the figures are for a popup opened again, as an admin does many times a day.
    await (await ext.openExtensionPage('popup.html')).close();
    const fcp: number[] = [];
    const listed: number[] = [];
    for (let rep = 0; rep < options.reps; rep++) {
      const page = await ext.openExtensionPage('popup.html');
      const times = await page.waitForFunction(
        (mark) => {
          const paint = performance.getEntriesByName('first-contentful-paint')[0];
          const list = performance.getEntriesByName(mark)[0];
          return paint && list ? { fcp: paint.startTime, list: list.startTime, items: document.querySelectorAll('.handoffs > li').length } : null;
        },
        LIST_RENDERED_MARK,
        { timeout: 30_000 },
      );
      const value = (await times.jsonValue())!;
      if (value.items !== options.handoffs) throw new Error(`the popup listed ${value.items} handoffs, expected ${options.handoffs}`);
      fcp.push(value.fcp);
      listed.push(value.list);
      await page.close();
    }
    return { handoffs: options.handoffs, reps: options.reps, firstContentfulPaintMs: summarise(fcp), listRenderedMs: summarise(listed) };
  } finally {
    await ext.close();
  }
}
