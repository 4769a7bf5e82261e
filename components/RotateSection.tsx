import { useState } from 'preact/hooks';
import { listLocations } from '../utils/bulk/page-ports';
import { locationsCsv } from '../utils/bulk/report';
import { masterCredentials } from '../utils/master/session';
import { accountsHostAllowed, allowAccountsHost } from '../utils/rotate/permission';
import { buildRotationPlan, carryOver, holdsUnpromoted } from '../utils/rotate/plan';
import { rotatePorts } from '../utils/rotate/page-ports';
import { askFor, drive, IN_FLIGHT, progress, retryable, settle } from '../utils/rotate/run';
import { clearRotation, isRotationKey, loadRotation, setRotationStatus, storeRotation } from '../utils/rotate/store';
import type { RotateRun } from '../utils/rotate/types';
import { createMasterClient } from '../utils/twilio/master';
import { bulkText } from './bulk-text';
import { downloadCsv } from './download';
import { useStored } from './hooks';
import { messageOf, RunNotice, useRunDriver } from './run-driver';
import { rotateOutcome, rotateReason, rotateText } from './rotate-text';

/**
 * A rotation that goes on by itself (the page reopened) needs accounts.twilio.com as much as one the
 * admin starts: without it (taken back in the browser's settings) it pauses, and Resume asks again.
 */
async function driveWithPermission(): Promise<void> {
  if (!(await accountsHostAllowed())) {
    await setRotationStatus('paused');
    throw new RunNotice(rotateText.permissionGone);
  }
  await drive(rotatePorts);
}

function download(run: RotateRun): void {
  const csv = locationsCsv(run.rows.map((row) => [row.location.name, row.location.id, row.sid ?? '', rotateOutcome(row), rotateReason(row)]));
  downloadCsv(csv, `twilio-handoff-rotation-${new Date(run.createdAt).toISOString().slice(0, 10)}.csv`);
}

function statusText(status: RotateRun['status'], inFlight: boolean): string {
  if (status === 'paused') return inFlight ? rotateText.pausing : rotateText.paused;
  if (status === 'cancelled') return inFlight ? rotateText.cancelling : rotateText.cancelled;
  return status === 'finished' ? rotateText.finished : '';
}

/**
 * Token rotation on the bulk connect page: the connected locations read from the CRM, then a rotation
 * per row or for the rows ticked, one at a time, resumable, with its report (utils/rotate/run.ts).
 */
export function RotateSection({ host, unlocked }: { host: string; unlocked: boolean }) {
  const stored = useStored('local', async () => ({ run: await loadRotation() }), isRotationKey, []);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [busy, setBusy] = useState('');
  const [error, setError] = useState('');
  const run = stored?.run;
  const { go, driving, elsewhere } = useRunDriver('rotate-run', driveWithPermission, run?.status, unlocked, setError);

  if (!stored) return null;

  const makePlan = async () => {
    setError('');
    setBusy(rotateText.reading);
    try {
      const master = await masterCredentials();
      if (!master) throw new Error(bulkText.locked);
      const listed = await listLocations(host, '');
      if (!listed.ok) throw new Error(listed.message);
      const subaccounts = await createMasterClient({ sid: master.sid, token: master.token, pageSize: 1000 }).listSubaccounts();
      // Rows whose CRM may hold an unpromoted secondary stay as they are (carryOver says why).
      const rows = carryOver(await loadRotation(), buildRotationPlan(listed.locations, subaccounts.map((s) => s.sid)));
      await storeRotation({ id: crypto.randomUUID(), host, createdAt: Date.now(), status: 'planned', rows });
      setSelected(new Set());
    } catch (e) {
      setError(bulkText.failedWith(messageOf(e)));
    } finally {
      setBusy('');
    }
  };

  /** Rotate rows: the browser's prompt for accounts.twilio.com first, in the click's own task. */
  const rotate = (locationIds: readonly string[]) => {
    const allowed = allowAccountsHost().catch(() => false);
    void (async () => {
      setError('');
      if (!(await allowed)) return setError(rotateText.permissionRefused);
      const current = await loadRotation();
      if (!current) return;
      await storeRotation(askFor(current, locationIds));
      setSelected(new Set());
      void go();
    })();
  };

  const settled = async (locationId: string) => {
    const current = await loadRotation();
    if (current) await storeRotation(settle(current, locationId));
  };

  const control = (status: RotateRun['status']) => {
    // Resume asks for accounts.twilio.com in the click's own task, as Rotate does.
    const allowed = status === 'running' ? allowAccountsHost().catch(() => false) : Promise.resolve(true);
    void (async () => {
      if (!(await allowed)) return setError(rotateText.permissionGone);
      await setRotationStatus(status);
      if (status === 'running' || status === 'cancelled') void go();
    })();
  };

  const inFlight = run?.rows.some((r) => IN_FLIGHT.includes(r.state)) ?? false;
  const asking = unlocked && !driving && !inFlight;
  const p = run && progress(run);
  const rotatable = run?.rows.filter(retryable).map((row) => row.location.id) ?? [];
  const toggle = (id: string, on: boolean) => {
    const next = new Set(selected);
    if (on) next.add(id);
    else next.delete(id);
    setSelected(next);
  };
  return (
    <section class="card" aria-labelledby="rotate-heading">
      <h2 id="rotate-heading">{rotateText.heading}</h2>
      <p class="hint">{rotateText.lead}</p>
      {error && <p class="error" role="alert">{error}</p>}
      <div class="actions">
        {!inFlight && (
          <button type="button" class="button" disabled={!unlocked || busy !== ''} onClick={() => void makePlan()}>{rotateText.read}</button>
        )}
        {run && !inFlight && !run.rows.some(holdsUnpromoted) && (
          <button type="button" class="button button--quiet" onClick={() => void clearRotation()}>{rotateText.startOver}</button>
        )}
      </div>
      {busy && <p class="muted" role="status">{busy}</p>}
      {run && p && (
        <>
          <p>{rotateText.counts({ ready: run.rows.filter((r) => r.state !== 'skipped').length, skipped: run.rows.filter((r) => r.state === 'skipped').length })}</p>
          {p.total > 0 && (
            <>
              <progress max={Math.max(p.total, 1)} value={p.finished} aria-label={rotateText.progressLabel} />
              <p role="status" data-testid="rotate-progress">{rotateText.progress(p)}</p>
              <p class="muted">{statusText(run.status, inFlight)}</p>
              {elsewhere && <p class="notice">{rotateText.elsewhere}</p>}
            </>
          )}
          <div class="actions">
            {rotatable.length > 1 &&
              (selected.size === rotatable.length ? (
                <button type="button" class="button button--quiet" disabled={!asking} onClick={() => setSelected(new Set())}>{rotateText.selectNone}</button>
              ) : (
                <button type="button" class="button button--quiet" disabled={!asking} onClick={() => setSelected(new Set(rotatable))}>{rotateText.selectAll(rotatable.length)}</button>
              ))}
            <button type="button" class="button button--primary" disabled={!asking || selected.size === 0} onClick={() => rotate([...selected])}>{rotateText.rotateSelected}</button>
            {run.status === 'running' && <button type="button" class="button" onClick={() => control('paused')}>{rotateText.pause}</button>}
            {run.status === 'paused' && <button type="button" class="button button--primary" disabled={!unlocked} onClick={() => control('running')}>{rotateText.resume}</button>}
            {(run.status === 'running' || run.status === 'paused') && <button type="button" class="button button--danger" onClick={() => control('cancelled')}>{rotateText.cancel}</button>}
            <button type="button" class="button button--quiet" onClick={() => download(run)}>{rotateText.csv}</button>
          </div>
          <table class="bulk-table">
            <thead>
              <tr>
                <th scope="col">{rotateText.columns.pick}</th>
                <th scope="col">{rotateText.columns.location}</th>
                <th scope="col">{rotateText.columns.sid}</th>
                <th scope="col">{rotateText.columns.outcome}</th>
                <th scope="col">{rotateText.columns.reason}</th>
                <th scope="col">{rotateText.columns.action}</th>
              </tr>
            </thead>
            <tbody>
              {run.rows.map((row) => {
                const can = retryable(row);
                return (
                  <tr key={row.location.id} data-rotate-location-id={row.location.id} data-state={row.state}>
                    <td>
                      {can && (
                        <input
                          type="checkbox"
                          aria-label={rotateText.select(row.location.name)}
                          checked={selected.has(row.location.id)}
                          disabled={!asking}
                          onChange={(e) => toggle(row.location.id, (e.target as HTMLInputElement).checked)}
                        />
                      )}
                    </td>
                    <td>{row.location.name}</td>
                    <td>{row.sid ?? ''}</td>
                    <td>{rotateOutcome(row)}</td>
                    <td>{rotateReason(row)}</td>
                    <td>
                      {can && (
                        <button
                          type="button"
                          class="button button--quiet"
                          disabled={!asking}
                          aria-label={`${row.state === 'stopped' ? rotateText.retry : rotateText.rotate} ${row.location.name}`}
                          onClick={() => rotate([row.location.id])}
                        >
                          {row.state === 'stopped' ? rotateText.retry : rotateText.rotate}
                        </button>
                      )}
                      {holdsUnpromoted(row) && !row.resumeAt && (
                        <button type="button" class="button button--quiet" disabled={!asking} onClick={() => void settled(row.location.id)}>
                          {rotateText.settled}
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
