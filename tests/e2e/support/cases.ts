import { afterEach, beforeEach, expect } from 'vitest';
import type { StandIns } from '../../stand-ins/start';
import type { StorageReader } from './flows';

/**
 * What every case of an end-to-end file does around itself: the stand-ins reset before it; after it,
 * no Auth Token of any sub-account made so far in storage.local or sync, then the case's pages
 * closed. Registers the hooks; `subaccount` makes a sub-account in the Twilio stand-in and remembers
 * its token for that check. The getters are read when the hooks run (after beforeAll).
 */
export function eachCase(get: { sites(): StandIns; ext(): StorageReader; closePages(): Promise<unknown> }) {
  const tokensSeen: string[] = [];
  beforeEach(() => {
    get.sites().crm.reset();
    get.sites().console.reset();
  });
  afterEach(async () => {
    const persisted = JSON.stringify([await get.ext().readStorage('local'), await get.ext().readStorage('sync')]);
    for (const token of tokensSeen) expect(persisted).not.toContain(token);
    await get.closePages();
  });
  return {
    subaccount(name: string) {
      const account = get.sites().api.state.createAccount(name);
      tokensSeen.push(account.authToken);
      return account;
    },
  };
}
