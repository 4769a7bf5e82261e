import type { ExtensionBrowser } from '../harness';

/** The handoffs the background holds for `sid` in `storage.session`, and their tokens. */
export async function handoffsFor(ext: ExtensionBrowser, sid: string): Promise<{ handoffIds: string[]; tokens: string[] }> {
  const all = await ext.readStorage('session');
  const handoffIds = Object.entries(all)
    .filter(([key, value]) => key.startsWith('handoff:') && (value as { sid?: string }).sid === sid)
    .map(([key]) => key.slice('handoff:'.length));
  const tokens = handoffIds
    .map((id) => (all[`token:${id}`] as { token?: string } | undefined)?.token)
    .filter((t): t is string => typeof t === 'string');
  return { handoffIds, tokens };
}
