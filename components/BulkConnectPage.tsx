import { Component } from 'preact';
import { useState } from 'preact/hooks';
import { buildPlan, planCounts } from '../utils/bulk/plan';
import { listLocations, pagePorts } from '../utils/bulk/page-ports';
import { bulkToCsv } from '../utils/bulk/report';
import { drive, progress } from '../utils/bulk/run';
import { clearRun, isBulkKey, loadRun, setStatus, startPlan } from '../utils/bulk/store';
import type { BulkRow, BulkRun } from '../utils/bulk/types';
import { isMasterKey, masterCredentials, masterInfo, type MasterInfo } from '../utils/master/session';
import { DEFAULT_CRM_HOST, loadSettings } from '../utils/settings';
import { createMasterClient } from '../utils/twilio/master';
import { bulkText, planText, rowOutcome, rowReason } from './bulk-text';
import { healthText } from './health-text';
import { downloadCsv } from './download';
import { useStored } from './hooks';
import { messageOf, useRunDriver } from './run-driver';
import { RotateSection } from './RotateSection';

interface View {
  run: BulkRun | undefined;
  master: MasterInfo | undefined;
  hosts: string[];
  preferred: string;
}

async function readView(): Promise<View> {
  const settings = await loadSettings();
  return { run: await loadRun(), master: await masterInfo(), hosts: [DEFAULT_CRM_HOST, ...settings.crmHosts], preferred: settings.preferredCrmHost };
}

/** The run (storage.local) and the master account (storage.session), read again whenever either changes. */
const useView = () => useStored(['local', 'session'], readView, (key) => isBulkKey(key) || isMasterKey(key), []);

function download(run: BulkRun): void {
  downloadCsv(bulkToCsv(run, rowOutcome, rowReason), `twilio-handoff-bulk-connect-${new Date(run.createdAt).toISOString().slice(0, 10)}.csv`);
}

/** Bulk connect (issue 12 item 3): the plan first, then one location at a time, resumable. */
export function BulkConnectPage() {
  const view = useView();
  const [host, setHost] = useState<string | undefined>(undefined);
  const [createMissing, setCreateMissing] = useState(false);
  const [busy, setBusy] = useState('');
  const [error, setError] = useState('');

  const run = view?.run;
  const unlocked = view?.master !== undefined;
  const { go, elsewhere } = useRunDriver('bulk-connect-run', () => drive(pagePorts), run?.status, unlocked, setError);

  if (!view) return null;
  const chosenHost = host ?? run?.host ?? view.preferred;

  const makePlan = async () => {
    setError('');
    setBusy(bulkText.reading);
    try {
      const master = await masterCredentials();
      if (!master) throw new Error(bulkText.locked);
      const listed = await listLocations(chosenHost, '');
      if (!listed.ok) throw new Error(listed.message);
      const subaccounts = await createMasterClient({ sid: master.sid, token: master.token, pageSize: 1000 }).listSubaccounts();
      const rows = buildPlan(listed.locations, subaccounts, createMissing);
      await startPlan({ id: crypto.randomUUID(), host: chosenHost, createdAt: Date.now(), createMissing, status: 'planned', rows });
    } catch (e) {
      setError(bulkText.failedWith(messageOf(e)));
    } finally {
      setBusy('');
    }
  };

  const control = async (status: BulkRun['status']) => {
    await setStatus(status);
    if (status === 'running' || status === 'cancelled') void go();
  };

  const p = run && progress(run);
  const inFlight = run?.rows.some((r) => r.state === 'starting' || r.state === 'running') ?? false;
  return (
    <main class="options-main bulk-main">
      <header class="top">
        <h1>{bulkText.title}</h1>
        <nav class="actions">
          <a href="/health.html">{healthText.navLink}</a>
          <a href="/options.html">{bulkText.settings}</a>
        </nav>
      </header>
      <p class="hint">{bulkText.lead}</p>
      {!unlocked && <p class="warning" role="status">{bulkText.locked}</p>}
      {error && <p class="error" role="alert">{error}</p>}
      {(!run || run.status === 'planned' || run.status === 'finished' || run.status === 'cancelled') && (
        <section class="card" aria-labelledby="plan-heading">
          <h2 id="plan-heading">{bulkText.planHeading}</h2>
          {view.hosts.length > 1 && (
            <label class="field-label">
              {bulkText.host}
              <select class="input" value={chosenHost} onChange={(e) => setHost((e.target as HTMLSelectElement).value)}>
                {view.hosts.map((h) => <option key={h} value={h}>{h}</option>)}
              </select>
            </label>
          )}
          <label>
            <input type="checkbox" checked={createMissing} onChange={(e) => setCreateMissing((e.target as HTMLInputElement).checked)} /> {bulkText.createMissing}
          </label>
          <div class="actions">
            <button type="button" class="button" disabled={!unlocked || busy !== ''} onClick={() => void makePlan()}>{bulkText.makePlan}</button>
          </div>
          {busy && <p class="muted" role="status">{busy}</p>}
        </section>
      )}
      {run && p && (
        <section class="card" aria-labelledby="run-heading">
          <h2 id="run-heading">{run.host}</h2>
          <p>{bulkText.counts(planCounts(run.rows))}{run.createMissing ? ` ${bulkText.willCreate}` : ''}</p>
          {run.status !== 'planned' && (
            <>
              <progress max={Math.max(p.total, 1)} value={p.finished} aria-label={bulkText.progressLabel} />
              <p role="status" data-testid="bulk-progress">
                {bulkText.progress(p)}
                {p.etaMs !== undefined && run.status === 'running' ? ` · ${bulkText.eta(p.etaMs)}` : ''}
              </p>
              <p class="muted">{statusText(run.status, inFlight)}</p>
              {elsewhere && <p class="notice">{bulkText.elsewhere}</p>}
              {p.needsYou > 0 && <p class="hint">{bulkText.needsYouHint}</p>}
            </>
          )}
          <div class="actions">
            {run.status === 'planned' && <button type="button" class="button button--primary" disabled={!unlocked || p.total === 0} onClick={() => void control('running')}>{bulkText.run}</button>}
            {run.status === 'running' && <button type="button" class="button" onClick={() => void control('paused')}>{bulkText.pause}</button>}
            {run.status === 'paused' && <button type="button" class="button button--primary" disabled={!unlocked} onClick={() => void control('running')}>{bulkText.resume}</button>}
            {(run.status === 'running' || run.status === 'paused') && <button type="button" class="button button--danger" onClick={() => void control('cancelled')}>{bulkText.cancel}</button>}
            {(run.status === 'finished' || run.status === 'cancelled' || run.status === 'planned') && !inFlight && (
              <button type="button" class="button button--quiet" onClick={() => void clearRun()}>{bulkText.newPlan}</button>
            )}
            <button type="button" class="button button--quiet" onClick={() => download(run)}>{bulkText.csv}</button>
          </div>
          <table class="bulk-table">
            <TableHead />
            <tbody>
              {run.rows.filter((row) => row.action !== 'skip').map(planRow)}
            </tbody>
          </table>
          <SkippedRows runId={run.id} rows={run.rows} />
        </section>
      )}
      <RotateSection host={chosenHost} unlocked={unlocked} />
    </main>
  );
}

function TableHead() {
  return (
    <thead>
      <tr>
        <th scope="col">{bulkText.columns.location}</th>
        <th scope="col">{bulkText.columns.plan}</th>
        <th scope="col">{bulkText.columns.outcome}</th>
        <th scope="col">{bulkText.columns.reason}</th>
      </tr>
    </thead>
  );
}

function planRow(row: BulkRow) {
  return (
    <tr key={row.location.id} data-location-id={row.location.id} data-action={row.action} data-state={row.state}>
      <td>{row.location.name}</td>
      <td>{planText(row)}</td>
      <td>{rowOutcome(row)}</td>
      <td>{row.action === 'skip' || row.state === 'pending' ? '' : rowReason(row)}</td>
    </tr>
  );
}

/** Above this many, the skipped rows start folded away (a long list the admin opens when wanted). */
const SKIPPED_SHOWN_OPEN = 50;

/**
 * The rows the plan skips, in a table of their own under the rows it works on. They never change
 * while the run lives, so they are drawn once per run; and being another table, the run's changes
 * to its own rows never lay them out again (measured at 5,000 locations: one table of every row
 * kept the page's thread busy for about a third of the run, slowing each location's start).
 */
class SkippedRows extends Component<{ runId: string; rows: readonly BulkRow[] }> {
  override shouldComponentUpdate(next: { runId: string }): boolean {
    return next.runId !== this.props.runId;
  }

  override render() {
    const skipped = this.props.rows.filter((row) => row.action === 'skip');
    if (skipped.length === 0) return null;
    return (
      <details class="bulk-skipped" open={skipped.length <= SKIPPED_SHOWN_OPEN}>
        <summary>{bulkText.skippedHeading(skipped.length)}</summary>
        <table class="bulk-table">
          <TableHead />
          <tbody>{skipped.map(planRow)}</tbody>
        </table>
      </details>
    );
  }
}

function statusText(status: BulkRun['status'], inFlight: boolean): string {
  switch (status) {
    case 'paused':
      return inFlight ? bulkText.pausing : bulkText.paused;
    case 'cancelled':
      return inFlight ? bulkText.cancelling : bulkText.cancelled;
    case 'finished':
      return bulkText.finished;
    default:
      return '';
  }
}
