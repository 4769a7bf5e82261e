import { browser } from 'wxt/browser';
import { loadToken, saveToken, wipeToken } from '../handoff/store';
import { RotateRun } from './types';

/**
 * The rotation run in storage.local (it survives a browser restart), its rows and its status under
 * a key each as the bulk run's are (utils/bulk/store.ts: the page's controls and the run never
 * overwrite each other). The new tokens are kept apart, in storage.session only, as handoff tokens
 * are (`token:rotate:<SID>`, trusted contexts, with an expiry checked on every read).
 */
export const ROTATE_RUN_KEY = 'rotate-run';
export const ROTATE_STATUS_KEY = 'rotate-status';
/** How long a new token is kept while its rotation needs it (a stopped row's retry needs it too). */
export const KEPT_TOKEN_MS = 60 * 60_000;

export async function loadRotation(): Promise<RotateRun | undefined> {
  const stored = await browser.storage.local.get([ROTATE_RUN_KEY, ROTATE_STATUS_KEY]);
  const parsed = RotateRun.safeParse({ ...(stored[ROTATE_RUN_KEY] as object | undefined), status: stored[ROTATE_STATUS_KEY] });
  return parsed.success ? parsed.data : undefined;
}

/** The rows; the status only when the run itself ends it (finished). */
export async function saveRotation(run: RotateRun): Promise<void> {
  const { status, ...rest } = run;
  await browser.storage.local.set({ [ROTATE_RUN_KEY]: rest, ...(status === 'finished' && { [ROTATE_STATUS_KEY]: status }) });
}

/** A new plan, or rows asked for with the status that goes with them: both written at once. */
export async function storeRotation(run: RotateRun): Promise<void> {
  const { status, ...rest } = run;
  await browser.storage.local.set({ [ROTATE_RUN_KEY]: rest, [ROTATE_STATUS_KEY]: status });
}

export async function setRotationStatus(status: RotateRun['status']): Promise<void> {
  await browser.storage.local.set({ [ROTATE_STATUS_KEY]: status });
}

export async function clearRotation(): Promise<void> {
  await browser.storage.local.remove([ROTATE_RUN_KEY, ROTATE_STATUS_KEY]);
}

export const isRotationKey = (key: string): boolean => key === ROTATE_RUN_KEY || key === ROTATE_STATUS_KEY;

const tokenId = (sid: string) => `rotate:${sid}`;
export const keepNewToken = (sid: string, token: string, now = Date.now()) => saveToken(tokenId(sid), token, now + KEPT_TOKEN_MS);
export const keptNewToken = (sid: string) => loadToken(tokenId(sid));
export const dropNewToken = (sid: string) => wipeToken(tokenId(sid));
