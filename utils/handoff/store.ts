import { browser } from 'wxt/browser';
import * as z from 'zod/mini';
import { Handoff } from './types';

/**
 * Handoffs and their tokens, in storage.session only: memory-backed, gone when the browser closes,
 * and (after `restrictSessionToTrustedContexts`) unreadable from content scripts. Each handoff has
 * its own key so two handoffs updated at once never overwrite each other. The token has a key of its
 * own so it can be wiped while the handoff stays listed.
 */
const HANDOFF_PREFIX = 'handoff:';
const TOKEN_PREFIX = 'token:';

const StoredToken = z.object({ token: z.string(), expiresAt: z.number() });

/** Called once at background start-up, before anything is stored. */
export async function restrictSessionToTrustedContexts(): Promise<void> {
  await browser.storage.session.setAccessLevel({ accessLevel: 'TRUSTED_CONTEXTS' });
}

export async function saveHandoff(handoff: Handoff): Promise<void> {
  await browser.storage.session.set({ [HANDOFF_PREFIX + handoff.id]: handoff });
}

export async function loadHandoff(id: string): Promise<Handoff | undefined> {
  const key = HANDOFF_PREFIX + id;
  const parsed = Handoff.safeParse((await browser.storage.session.get(key))[key]);
  return parsed.success ? parsed.data : undefined;
}

/** What a stored handoff says of itself before it is parsed: enough to pick the few worth parsing. */
export type StoredHandoffGlance = Partial<Pick<Handoff, 'id' | 'sid' | 'state' | 'targetLocationId' | 'createdAt'>>;

/**
 * The stored handoffs `wanted` picks by a glance at each (all of them without it), parsed, newest
 * first. Picking before parsing matters in a bulk run: hundreds of finished handoffs stay listed
 * until they expire, and parsing every one on each look grew each location's time as the run went
 * on (measured: 1.5 s a location over the first quarter of 465, 2.1 s over the second).
 */
export async function listHandoffs(wanted?: (glance: StoredHandoffGlance) => boolean): Promise<Handoff[]> {
  const all = await browser.storage.session.get(null);
  const handoffs: Handoff[] = [];
  for (const [key, value] of Object.entries(all)) {
    if (!key.startsWith(HANDOFF_PREFIX)) continue;
    if (wanted && !(typeof value === 'object' && value !== null && wanted(value as StoredHandoffGlance))) continue;
    const parsed = Handoff.safeParse(value);
    if (parsed.success) handoffs.push(parsed.data);
  }
  return handoffs.sort((a, b) => b.createdAt - a.createdAt);
}

/** The newest handoff aimed at this location and started at `since` or later, if there is one. */
export async function handoffForLocation(locationId: string, since: number): Promise<Handoff | undefined> {
  const aimed = (h: { targetLocationId?: string }) => h.targetLocationId === locationId;
  return (await listHandoffs(aimed)).find((h) => aimed(h) && h.createdAt >= since);
}

export async function deleteHandoff(id: string): Promise<void> {
  await browser.storage.session.remove([HANDOFF_PREFIX + id, TOKEN_PREFIX + id]);
}

export async function saveToken(id: string, token: string, expiresAt: number): Promise<void> {
  await browser.storage.session.set({ [TOKEN_PREFIX + id]: { token, expiresAt } });
}

/** The token, or undefined when there is none or it has expired (an expired one is wiped here). */
export async function loadToken(id: string, now = Date.now()): Promise<string | undefined> {
  const key = TOKEN_PREFIX + id;
  const parsed = StoredToken.safeParse((await browser.storage.session.get(key))[key]);
  if (!parsed.success) return undefined;
  if (parsed.data.expiresAt <= now) {
    await wipeToken(id);
    return undefined;
  }
  return parsed.data.token;
}

export async function wipeToken(id: string): Promise<void> {
  await browser.storage.session.remove(TOKEN_PREFIX + id);
}

/** The storage.session key a handoff is kept under (for a page watching one handoff's changes). */
export function handoffKey(id: string): string {
  return HANDOFF_PREFIX + id;
}

/** True when a change in storage.session concerns handoffs (for live views in the popup). */
export function isHandoffKey(key: string): boolean {
  return key.startsWith(HANDOFF_PREFIX);
}
