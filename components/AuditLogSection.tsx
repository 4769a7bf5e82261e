import { useState } from 'preact/hooks';
import { auditToCsv, clearAudit, type AuditEntry } from '../utils/audit';
import { shortSid } from '../utils/twilio/credentials';
import { useAuditLog } from './hooks';
import { EmptyState } from './EmptyState';
import { OUTCOME_TEXT, storedReasonText, text } from './text';

function download(entries: readonly AuditEntry[]): void {
  const blob = new Blob([auditToCsv(entries, storedReasonText)], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = `twilio-handoff-audit-${new Date().toISOString().slice(0, 10)}.csv`;
  link.click();
  // The click starts the download synchronously; the object URL is not needed after it.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** The audit log, newest first, with CSV export and a confirmed clear. */
export function AuditLogSection() {
  const entries = useAuditLog();
  const [confirming, setConfirming] = useState(false);
  const newestFirst = entries ? [...entries].reverse() : [];

  return (
    <section class="card" aria-labelledby="audit-heading">
      <h2 id="audit-heading">{text.auditHeading}</h2>
      <p class="hint">{text.auditLead}</p>
      {entries && entries.length === 0 && <EmptyState>{text.auditEmpty}</EmptyState>}
      {entries && entries.length > 0 && (
        <>
          <div class="actions">
            <button type="button" class="button" onClick={() => download(entries)}>
              {text.auditExport}
            </button>
            {confirming ? (
              <>
                <span>{text.auditClearConfirm}</span>
                <button
                  type="button"
                  class="button button--danger"
                  onClick={() => {
                    setConfirming(false);
                    void clearAudit();
                  }}
                >
                  {text.auditClear}
                </button>
                <button type="button" class="button" onClick={() => setConfirming(false)}>
                  {text.cancel}
                </button>
              </>
            ) : (
              <button type="button" class="button" onClick={() => setConfirming(true)}>
                {text.auditClear}
              </button>
            )}
          </div>
          <div class="table-wrap" tabIndex={0} aria-label={text.auditTable} role="region">
            <table>
              <caption>{text.auditCount(entries.length)}</caption>
              <thead>
                <tr>
                  <th scope="col">{text.auditWhen}</th>
                  <th scope="col">{text.auditAccount}</th>
                  <th scope="col">{text.auditSid}</th>
                  <th scope="col">{text.auditLocation}</th>
                  <th scope="col">{text.auditReplaced}</th>
                  <th scope="col">{text.auditOutcome}</th>
                  <th scope="col">{text.auditReason}</th>
                </tr>
              </thead>
              <tbody>
                {newestFirst.map((entry, row) => (
                  <tr key={`${entry.at}-${row}`}>
                    <td>{text.formatDateTime(entry.at)}</td>
                    <td>{entry.friendlyName ?? ''}</td>
                    <td>
                      <code title={entry.sid}>{shortSid(entry.sid)}</code>
                    </td>
                    <td>{entry.locationName ?? ''}</td>
                    <td>{entry.replacedSid ? <code title={entry.replacedSid}>{shortSid(entry.replacedSid)}</code> : ''}</td>
                    <td>{OUTCOME_TEXT[entry.outcome]}</td>
                    <td>{storedReasonText(entry) ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
