import { useState } from 'preact/hooks';
import { clearAllData } from '../utils/clear-data';
import { text } from './text';

/** Everything the extension keeps, gone after one confirmation. */
export function ClearDataSection() {
  const [confirming, setConfirming] = useState(false);
  const [notice, setNotice] = useState('');

  const clear = async () => {
    setConfirming(false);
    setNotice(text.working);
    try {
      await clearAllData();
      setNotice(text.cleared);
    } catch (error) {
      setNotice(text.failedWith(error instanceof Error ? error.message : String(error)));
    }
  };

  return (
    <section class="card" aria-labelledby="clear-heading">
      <h2 id="clear-heading">{text.clearHeading}</h2>
      <p class="hint">{text.clearLead}</p>
      <div class="actions">
        {confirming ? (
          <>
            <span>{text.clearConfirm}</span>
            <button type="button" class="button button--danger" onClick={() => void clear()}>
              {text.clearConfirmButton}
            </button>
            <button type="button" class="button" onClick={() => setConfirming(false)}>
              {text.cancel}
            </button>
          </>
        ) : (
          <button type="button" class="button" onClick={() => setConfirming(true)}>
            {text.clearButton}
          </button>
        )}
      </div>
      <p class="notice" role="status">
        {notice}
      </p>
    </section>
  );
}
