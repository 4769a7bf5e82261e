import { browser } from 'wxt/browser';
import { reportCopy } from '../clipboard/report';
import type { OverlayHandoff, OverlayReply } from '../messages';
import { onHandoffUpdate, requestHandoff } from './messaging';
import { clipboardText } from './overlay-state';
import { CORNER_KEY, type Corner, isCorner } from './placement';
import { CredentialsReadError, readCredentials } from './read';
import { t } from '../i18n';

/**
 * What the overlay's buttons do, behind one interface so the component stays UI only. The token lives
 * in local variables of one call: read, handed to the background or the clipboard, dropped.
 */

/** The token could not be read; `pageCopy`: the page has a Copy button next to it, for the admin to press. */
export type Unreadable = { kind: 'unreadable'; reason: string; pageCopy: boolean };

export type SendOutcome = { kind: 'sent'; handoff: OverlayHandoff } | Unreadable | { kind: 'error'; message: string };

/** `clears`: the background will clear the clipboard of it (utils/background/clipboard.ts). */
export type CopyOutcome = { kind: 'copied'; clears: boolean } | Unreadable | { kind: 'error'; message: string };

export interface OverlayActions {
  /** Reads the pair of the account `sid` on the page and sends `capture`. */
  send(sid: string): Promise<SendOutcome>;
  /** Reads the pair, writes it to the clipboard (see clipboardText) and reports the copy to the background. */
  copy(sid: string): Promise<CopyOutcome>;
  confirmReplace(handoffId: string): Promise<OverlayReply>;
  refresh(handoffId: string): Promise<OverlayReply>;
  /** Handoff updates from the background, for one handoff; returns the unsubscribe. */
  watch(handoffId: string, onUpdate: (handoff: OverlayHandoff) => void): () => void;
  /** The corner the admin chose for the box (storage.local, a setting), if any. */
  loadCorner(): Promise<Corner | undefined>;
  saveCorner(corner: Corner): void;
}

function readFailure(error: unknown): Unreadable | { kind: 'error'; message: string } {
  if (error instanceof CredentialsReadError) {
    const pageCopy = error.code === 'token-copy-only';
    return pageCopy || error.code === 'token-unreadable'
      ? { kind: 'unreadable', reason: error.reason, pageCopy }
      : { kind: 'error', message: error.reason };
  }
  return { kind: 'error', message: t('overlayReadFailed') };
}

export function createOverlayActions(doc: Document, signal: AbortSignal): OverlayActions {
  return {
    async send(sid) {
      let pair;
      try {
        pair = await readCredentials(doc, sid, { signal });
      } catch (error) {
        return readFailure(error);
      }
      const reply = await requestHandoff({
        type: 'capture',
        sid: pair.sid,
        token: pair.token,
        pageAccountName: pair.accountName?.slice(0, 500),
      });
      return reply.ok ? { kind: 'sent', handoff: reply.handoff } : { kind: 'error', message: reply.message };
    },

    async copy(sid) {
      let pair;
      try {
        pair = await readCredentials(doc, sid, { signal });
      } catch (error) {
        return readFailure(error);
      }
      const copied = clipboardText(pair.sid, pair.token);
      try {
        // The async Clipboard API fires no copy event the page could listen to (execCommand would).
        await navigator.clipboard.writeText(copied);
      } catch {
        return {
          kind: 'error',
          message: t('overlayClipboardRefused'),
        };
      }
      return { kind: 'copied', clears: await reportCopy(copied) };
    },

    confirmReplace: (handoffId) => requestHandoff({ type: 'confirm-replace', handoffId }),
    refresh: (handoffId) => requestHandoff({ type: 'get-handoff', handoffId }),
    loadCorner: () =>
      browser.storage.local.get(CORNER_KEY).then(
        (stored) => (isCorner(stored[CORNER_KEY]) ? stored[CORNER_KEY] : undefined),
        () => undefined,
      ),
    saveCorner: (corner) => void browser.storage.local.set({ [CORNER_KEY]: corner }).catch(() => undefined),
    watch: (handoffId, onUpdate) =>
      onHandoffUpdate((handoff) => {
        if (handoff.id === handoffId) onUpdate(handoff);
      }),
  };
}
