import { clipboardDigest } from './shared';

/**
 * Clearing the clipboard only while it still holds what the extension put there. Anything else on it
 * (text the admin copied since, an image, nothing readable) is left alone: the extension never
 * empties a clipboard it cannot read.
 */

/**
 * What a clear did: emptied it, found something else there, could not read it, could not write; or
 * `nothing`: no copy was waiting (already looked at, or clearing was turned off meanwhile).
 */
export const CLEAR_OUTCOMES = ['cleared', 'changed', 'unreadable', 'unwritten', 'nothing'] as const;
export type ClearOutcome = (typeof CLEAR_OUTCOMES)[number];

/** The clipboard as plain text; `read` answers undefined when the browser does not let it look. */
export interface ClipboardAccess {
  read(): Promise<string | undefined>;
  write(text: string): Promise<boolean>;
}

export async function clearIfOurs(clipboard: ClipboardAccess, digest: string): Promise<ClearOutcome> {
  const now = await clipboard.read();
  if (now === undefined) return 'unreadable';
  if ((await clipboardDigest(now)) !== digest) return 'changed';
  return (await clipboard.write('')) ? 'cleared' : 'unwritten';
}

/**
 * Chrome's offscreen document: it can have no focus, which the async Clipboard API needs, so it
 * pastes into a textarea (the `clipboardRead` permission lets an extension page do that) and copies
 * a selection whose copy event carries the text instead.
 */
export function documentClipboard(doc: Document): ClipboardAccess {
  return {
    async read() {
      const area = doc.createElement('textarea');
      doc.body.append(area);
      area.focus();
      try {
        return doc.execCommand('paste') ? area.value : undefined;
      } finally {
        area.remove();
      }
    },
    async write(text) {
      // Chrome runs the copy command only on a selection (this document never has focus): a
      // selected space, which the copy event replaces with the text (should the event carry no
      // data, the space is what is copied: still not the token).
      const area = doc.createElement('textarea');
      area.value = ' ';
      doc.body.append(area);
      area.select();
      const onCopy = (event: ClipboardEvent) => {
        if (!event.clipboardData) return;
        event.clipboardData.setData('text/plain', text);
        event.preventDefault();
      };
      doc.addEventListener('copy', onCopy);
      try {
        return doc.execCommand('copy');
      } finally {
        doc.removeEventListener('copy', onCopy);
        area.remove();
      }
    },
  };
}

/**
 * Firefox's background (an event page, no offscreen documents): the async Clipboard API, which reads
 * with `clipboardRead` and writes without a click with `clipboardWrite`.
 */
export function navigatorClipboard(clipboard: Clipboard): ClipboardAccess {
  return {
    read: () => clipboard.readText().catch(() => undefined),
    write: (text) => clipboard.writeText(text).then(() => true, () => false),
  };
}
