import { useEffect, useState } from 'preact/hooks';
import { text } from './text';

interface Props {
  label: string;
  accessibleLabel: string;
  /** The value to copy, read only on click; undefined when there is nothing to copy any more. */
  read: () => Promise<string | undefined>;
  unavailable: string;
  disabled?: boolean;
}

/** Copies on click and says so for a moment; the value itself is never rendered. */
export function CopyButton({ label, accessibleLabel, read, unavailable, disabled }: Props) {
  const [status, setStatus] = useState('');
  useEffect(() => {
    if (!status) return;
    const timer = setTimeout(() => setStatus(''), 2000);
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
      setStatus(text.copied);
    } catch {
      setStatus(text.copyFailed);
    }
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
