import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Handoff, HandoffState } from '../../../utils/handoff/types';

export const NOW = Date.now();
export const SID = 'AC' + '1a'.repeat(16);
export const OTHER_SID = 'AC' + '2b'.repeat(16);
export const TOKEN = '3c'.repeat(16);

let next = 0;

export function makeHandoff(state: HandoffState, extra: Partial<Handoff> = {}): Handoff {
  next += 1;
  return {
    id: `h${next}`,
    state,
    createdAt: NOW - next * 1000,
    updatedAt: NOW - next * 500,
    expiresAt: NOW + 10 * 60_000,
    sid: SID,
    friendlyName: `Account ${next}`,
    crmHost: 'app.gohighlevel.com',
    submissions: 0,
    steps: [],
    ...extra,
  };
}

/** Writes handoffs (and tokens) the way utils/handoff/store.ts keeps them. */
export async function storeHandoffs(handoffs: Handoff[], tokens: Record<string, string> = {}): Promise<void> {
  const items: Record<string, unknown> = {};
  for (const handoff of handoffs) items[`handoff:${handoff.id}`] = handoff;
  for (const [id, token] of Object.entries(tokens)) items[`token:${id}`] = { token, expiresAt: NOW + 10 * 60_000 };
  await fakeBrowser.storage.session.set(items);
}
