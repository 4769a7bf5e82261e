import { useEffect, useState } from 'preact/hooks';
import { reportCopy } from '../utils/clipboard/report';
import { COPY_CLEARS, COPY_STAYS } from './clipboard-text';
import { text } from './text';

interface Props {
  label: string;
  accessibleLabel: string;
  /** The value to copy, read only on click; undefined when there is nothing to copy any more. */
  read: () => Promise<string | undefined>;
  unavailable: string;
  disabled?: boolean;
  /**
   * The value is a secret (the Auth Token): the copy is reported to the background, which clears it
   * from the clipboard after a while if the admin turned that on, and the status says which.
   */
  secret?: boolean;
}

/** How long the status stays: a moment for "Copied", long enough to read a sentence about the clipboard. */
const SHORT_MS = 2000;
const LONG_MS = 8000;

/** Copies on click and says so for a moment; the value itself is never rendered. */
export function CopyButton({ label, accessibleLabel, read, unavailable, disabled, secret }: Props) {
  const [status, setStatus] = useState('');
  useEffect(() => {
    if (!status) return;
    const timer = setTimeout(() => setStatus(''), status.length > text.copied.length ? LONG_MS : SHORT_MS);
    return () => clearTimeout(timer);
  }, [status]);

  const copy = async () => {
    const value = await read();
    if (value === undefined) {
      setStatus(unavailable);
      return;
    }
    try {
      await navigator.clipboard.writeText(value);
    } catch {
      setStatus(text.copyFailed);
      return;
    }
    setStatus(secret ? `${text.copied}. ${(await reportCopy(value)) ? COPY_CLEARS : COPY_STAYS}` : text.copied);
  };

  return (
    <span class="copy">
      <button type="button" class="button" aria-label={accessibleLabel} disabled={disabled} onClick={copy}>
        {label}
      </button>
      <span class="copy__status" role="status">
        {status}
      </span>
    </span>
  );
}
