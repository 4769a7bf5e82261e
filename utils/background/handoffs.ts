import { browser } from 'wxt/browser';
import * as z from 'zod/mini';
import { storedReasonText } from '../../components/reason-text';
import { appendAudit, auditEntryFromHandoff } from '../audit';
import { transition, waitsForAdmin, type HandoffEvent, type TransitionResult } from '../handoff/machine';
import { loadHandoff, saveHandoff, wipeToken } from '../handoff/store';
import type { Handoff, HandoffState } from '../handoff/types';
import type { HandoffReply, OverlayHandoff, OverlayReply, ToConsole } from '../messages';
import { updateBadge } from './badge';
import { serialise } from './serialise';

/** States in which something is under way; a watchdog alarm looks after each of them. */
const WORKING: readonly HandoffState[] = ['captured', 'verifying', 'verified', 'matched', 'filling', 'submitting'];
/** After these the token has no further use and is wiped at once. */
const WIPE_TOKEN: readonly HandoffState[] = ['authorized', 'discarded', 'expired'];
/**
 * Long enough for the slowest step (a 10 s CRM answer plus search), short enough to notice a lost
 * worker. 45 s in every build a person installs; only the test build (`npm run build:test`) sets
 * WXT_WATCHDOG_MS at build time, so the end-to-end tests of the watchdog need not wait it out.
 */
export const WATCHDOG_MS = Number(import.meta.env.WXT_WATCHDOG_MS ?? 45_000);

export const watchdogAlarm = (id: string) => `watch:${id}`;
export const expiryAlarm = (id: string) => `expire:${id}`;

/** Applies one event to a stored handoff, one at a time per handoff, and does what follows from it. */
export function applyEvent(id: string, event: HandoffEvent): Promise<TransitionResult> {
  return serialise(id, async () => {
    const current = await loadHandoff(id);
    if (!current) return { ok: false, reason: { code: 'handoff-gone', params: {} } };
    const result = transition(current, event, Date.now());
    if (!result.ok) return result;
    await saveHandoff(result.handoff);
    await afterChange(current, result.handoff);
    return result;
  });
}

/** Bookkeeping that is not a state change (the CRM tab in use, a run id, a test result). */
export function patchHandoff(id: string, patch: (handoff: Handoff) => Handoff): Promise<Handoff | undefined> {
  return serialise(id, async () => {
    const current = await loadHandoff(id);
    if (!current) return undefined;
    const patched = patch(current);
    // A patch that changes nothing (a stale run's report) must not look like news to anyone.
    if (patched === current) return current;
    const next = { ...patched, updatedAt: Date.now() };
    await saveHandoff(next);
    // Bookkeeping the overlay does not show (a step of the CRM run, the tab in use) is no news to it.
    if (overlayView(next) !== overlayView(current)) tellConsole(next);
    return next;
  });
}

async function afterChange(previous: Handoff, next: Handoff): Promise<void> {
  if (WIPE_TOKEN.includes(next.state)) await wipeToken(next.id);
  if (WORKING.includes(next.state)) {
    await browser.alarms.create(watchdogAlarm(next.id), { when: Date.now() + WATCHDOG_MS });
  } else {
    await browser.alarms.clear(watchdogAlarm(next.id));
  }
  const entry = next.state !== previous.state && next.state !== 'discarded' ? auditEntryFromHandoff(next, next.updatedAt) : undefined;
  if (entry) await appendAudit(entry);
  // The badge counts the handoffs waiting for the admin: only a change into or out of waiting moves it.
  if (waitsForAdmin(previous.state) !== waitsForAdmin(next.state)) await updateBadge();
  tellConsole(next);
}

/**
 * Tells the console without holding the handoff's record meanwhile: each message is a round trip to
 * the console tab, which the next step (the CRM driver's ask to submit, say) would otherwise wait
 * out. In their own queue, so they still go in the order of the changes: two changes in the same
 * millisecond (verified, then refused as a master account) carry the same `updatedAt`, and the
 * overlay keeps the one that arrives last.
 */
function tellConsole(handoff: Handoff): void {
  serialise(`console-notice:${handoff.id}`, () => notifyConsole(handoff)).catch(() => undefined);
}

/**
 * Only the fields OverlayHandoff names: what the overlay shows, nothing more in a content script.
 * The reason goes worded: the console's script has no room for the wording of every code.
 */
export function toOverlayHandoff(h: Handoff): OverlayHandoff {
  const reason = storedReasonText(h);
  return {
    id: h.id,
    state: h.state,
    updatedAt: h.updatedAt,
    sid: h.sid,
    ...(h.friendlyName !== undefined && { friendlyName: h.friendlyName }),
    ...(h.location && { location: { name: h.location.name } }),
    ...(h.previousSid !== undefined && { previousSid: h.previousSid }),
    ...(reason !== undefined && { reason }),
  };
}

/** What the overlay shows of a handoff, apart from when it changed. */
const overlayView = (h: Handoff): string => JSON.stringify({ ...toOverlayHandoff(h), updatedAt: 0 });

/** A reply to the console: its handoff as the overlay reads it, the reason worded. */
export function toOverlayReply(reply: HandoffReply): OverlayReply {
  return reply.ok ? { ok: true, handoff: toOverlayHandoff(reply.handoff) } : reply;
}

const ConsoleFrame = z.object({ tabId: z.number(), frameId: z.number() });
type ConsoleFrame = z.infer<typeof ConsoleFrame>;
const WATCHERS_PREFIX = 'console-watchers:';
const MAX_WATCHERS = 10;
const sameFrame = (a: ConsoleFrame, b: ConsoleFrame) => a.tabId === b.tabId && a.frameId === b.frameId;

async function loadWatchers(id: string): Promise<ConsoleFrame[]> {
  const key = WATCHERS_PREFIX + id;
  const parsed = z.array(ConsoleFrame).safeParse((await browser.storage.session.get(key))[key]);
  return parsed.success ? parsed.data : [];
}

/**
 * Another console overlay clicked Send to CRM for a handoff already under way and joined it: it gets
 * the same updates as the one that started it, or it would show the step it joined at for good.
 */
export function addConsoleWatcher(handoff: Handoff, frame: ConsoleFrame): Promise<void> {
  if (handoff.source && sameFrame(handoff.source, frame)) return Promise.resolve();
  return serialise(WATCHERS_PREFIX + handoff.id, async () => {
    const watchers = await loadWatchers(handoff.id);
    if (watchers.some((w) => sameFrame(w, frame))) return;
    await browser.storage.session.set({ [WATCHERS_PREFIX + handoff.id]: [...watchers, { tabId: frame.tabId, frameId: frame.frameId }].slice(-MAX_WATCHERS) });
  });
}

/**
 * Tells the overlays that started or joined the handoff, with only the fields they show (no tab,
 * candidates or step log in a content script); a closed tab or frame is not an error.
 */
export async function notifyConsole(handoff: Handoff): Promise<void> {
  const frames = [...(handoff.source ? [handoff.source] : []), ...(await loadWatchers(handoff.id))];
  if (frames.length === 0) return;
  const message: ToConsole = { type: 'handoff-update', handoff: toOverlayHandoff(handoff) };
  await Promise.all(
    frames.map((frame) => browser.tabs.sendMessage(frame.tabId, message, { frameId: frame.frameId }).catch(() => undefined)),
  );
}
