import { useEffect, useState } from 'preact/hooks';
import { MasterLockedError } from '../utils/bulk/page-ports';
import { bulkText } from './bulk-text';

export const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** A run stopped for a reason already worded for the admin: shown as it is. */
export class RunNotice extends Error {}

/**
 * Drives a run the bulk connect page keeps in storage (bulk connect, rotation) from this tab: one tab
 * at a time holds the Web Lock named `lock` (another tab of the page shows the run and waits; the lock
 * goes when the page closes, so a page opened later takes over where it stopped). A run left
 * `running` goes on by itself once the master account is unlocked. A locked master pauses the run
 * (the page says to unlock it); any other failure is handed to `onError` in the admin's words.
 */
export function useRunDriver(lock: string, driveRun: () => Promise<unknown>, status: string | undefined, unlocked: boolean, onError: (message: string) => void) {
  const [driving, setDriving] = useState(false);
  const [elsewhere, setElsewhere] = useState(false);

  const go = async () => {
    if (driving) return;
    setDriving(true);
    onError('');
    try {
      await navigator.locks.request(lock, { ifAvailable: true }, async (held) => {
        if (!held) return setElsewhere(true);
        await driveRun();
      });
    } catch (e) {
      if (e instanceof RunNotice) onError(e.message);
      else if (!(e instanceof MasterLockedError)) onError(bulkText.failedWith(messageOf(e)));
    } finally {
      setDriving(false);
    }
  };

  useEffect(() => {
    if (status === 'running' && unlocked && !driving && !elsewhere) void go();
  }, [status, unlocked]);

  return { go, driving, elsewhere };
}
