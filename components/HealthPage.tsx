import { useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { listLocations } from '../utils/bulk/page-ports';
import { checkHealth, type HealthPorts, type HealthReport } from '../utils/health/check';
import { HEALTH_PROBLEMS, type HealthProblem, problemCounts, type RowHealth, severity } from '../utils/health/classify';
import { isHealthKey, loadReport, saveReport } from '../utils/health/store';
import { masterErrorText } from '../utils/master/errors-text';
import { isMasterKey, masterCredentials, masterInfo, type MasterInfo } from '../utils/master/session';
import type { ConnectLocationMessage, HandoffReply } from '../utils/messages';
import { DEFAULT_CRM_HOST, loadSettings } from '../utils/settings';
import { createMasterClient } from '../utils/twilio/master';
import { healthText, PROBLEM_NAME, PROBLEM_TEXT, stateText } from './health-text';
import { useStored } from './hooks';
import { TestTextForm } from './TestTextForm';

interface View {
  stored: HealthReport | undefined;
  master: MasterInfo | undefined;
  hosts: string[];
  preferred: string;
}

async function readView(): Promise<View> {
  const settings = await loadSettings();
  return { stored: await loadReport(), master: await masterInfo(), hosts: [DEFAULT_CRM_HOST, ...settings.crmHosts], preferred: settings.preferredCrmHost };
}

const useView = () => useStored(['local', 'session'], readView, (key) => isHealthKey(key) || isMasterKey(key), []);

/**
 * Problems a "connect its own sub-account" handoff fixes: the background finds the one named like the
 * location, and asks before replacing. One SID on two rows is fixed on the row whose name is not the
 * sub-account's (other-name), not on the one it belongs to.
 */
const CONNECT_FIXES: readonly HealthProblem[] = ['master-sid', 'not-ours', 'closed', 'other-name'];

type Filter = 'all' | 'problems' | 'healthy' | HealthProblem;

/** The rows the filter keeps; a row just acted on stays (with what happened) until the filter changes. */
function shown(rows: readonly RowHealth[], filter: Filter, actedOn: Record<string, string>): RowHealth[] {
  const kept = rows.filter((row) => {
    if (filter === 'all' || actedOn[row.location.id]) return true;
    if (filter === 'problems') return row.problems.length > 0;
    if (filter === 'healthy') return !row.lcPhone && row.problems.length === 0;
    return row.problems.includes(filter);
  });
  return kept.sort((a, b) => severity(a) - severity(b));
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Health of every location's Twilio connection (issue 12 item 4), shown beside the CRM's table as
 * it read it: the extension's own page rather than badges drawn into the CRM's rows, so a CRM page
 * nobody is driving still runs none of our code (issue 10). Each finding has its fix here.
 */
export function HealthPage() {
  const view = useView();
  const [host, setHost] = useState<string | undefined>(undefined);
  const [fresh, setFresh] = useState<{ report: HealthReport; kept: boolean } | undefined>(undefined);
  const [busy, setBusy] = useState('');
  const [error, setError] = useState('');
  const [filter, setFilter] = useState<Filter>('problems');
  const [rowNotes, setRowNotes] = useState<Record<string, string>>({});

  if (!view) return null;
  const unlocked = view.master !== undefined;
  const report = fresh?.report ?? view.stored;
  const chosenHost = host ?? report?.host ?? view.preferred;

  const check = async () => {
    setError('');
    setRowNotes({});
    setBusy(healthText.reading);
    try {
      const master = await masterCredentials();
      if (!master) throw new Error(healthText.locked);
      const client = createMasterClient({ sid: master.sid, token: master.token, pageSize: 1000 });
      const ports: HealthPorts = {
        async locations() {
          const listed = await listLocations(chosenHost, '');
          if (!listed.ok) throw new Error(listed.message);
          return listed.locations;
        },
        subaccounts: () => client.listSubaccounts().catch((e) => Promise.reject(new Error(masterErrorText(e)))),
        countNumbers: async (sid) => (await client.listIncomingNumbers(sid)).length,
        now: Date.now,
      };
      const next = await checkHealth(chosenHost, master.sid, ports, (done, total) => {
        if (total > 0) setBusy(healthText.counting(done, total));
      });
      setFresh({ report: next, kept: await saveReport(next) });
    } catch (e) {
      setError(healthText.failed(messageOf(e)));
    } finally {
      setBusy('');
    }
  };

  const note = (id: string, text: string) => setRowNotes((notes) => ({ ...notes, [id]: text }));

  const connect = async (row: RowHealth) => {
    if (!report) return;
    note(row.location.id, healthText.starting);
    const message: ConnectLocationMessage = { type: 'connect-location', host: report.host, location: row.location };
    try {
      const reply = (await browser.runtime.sendMessage(message)) as HandoffReply | undefined;
      note(row.location.id, !reply ? healthText.noAnswer : reply.ok ? healthText.started : reply.message);
    } catch (e) {
      note(row.location.id, messageOf(e));
    }
  };

  const reactivate = async (row: RowHealth) => {
    if (!report || typeof row.sid !== 'string') return;
    const master = await masterCredentials();
    if (!master) return note(row.location.id, healthText.locked);
    try {
      await createMasterClient({ sid: master.sid, token: master.token }).reactivateSubaccount(row.sid);
      note(row.location.id, healthText.reactivated);
      // What Twilio just said replaces the finding; the numbers are counted at the next check.
      const rows = report.rows.map((r) =>
        r.sid === row.sid && r.subaccount ? { ...r, subaccount: { ...r.subaccount, status: 'active' as const }, problems: r.problems.filter((p) => p !== 'suspended') } : r,
      );
      const next = { ...report, rows };
      setFresh({ report: next, kept: await saveReport(next) });
    } catch (e) {
      note(row.location.id, masterErrorText(e));
    }
  };

  const counts = report && problemCounts(report.rows);
  const rows = report ? shown(report.rows, filter, rowNotes) : [];
  return (
    <main class="options-main bulk-main">
      <header class="top">
        <h1>{healthText.title}</h1>
        <nav class="actions">
          <a href="/connect.html">{healthText.bulk}</a>
          <a href="/options.html">{healthText.settings}</a>
        </nav>
      </header>
      <p class="hint">{healthText.lead}</p>
      {!unlocked && <p class="warning" role="status">{healthText.locked}</p>}
      {error && <p class="error" role="alert">{error}</p>}
      <section class="card" aria-labelledby="check-heading">
        <h2 id="check-heading">{report ? report.host : healthText.check}</h2>
        {view.hosts.length > 1 && (
          <label class="field-label">
            {healthText.host}
            <select class="input" value={chosenHost} onChange={(e) => setHost((e.target as HTMLSelectElement).value)}>
              {view.hosts.map((h) => <option key={h} value={h}>{h}</option>)}
            </select>
          </label>
        )}
        <div class="actions">
          <button type="button" class="button button--primary" disabled={!unlocked || busy !== ''} onClick={() => void check()}>
            {report ? healthText.checkAgain : healthText.check}
          </button>
        </div>
        {busy && <p class="muted" role="status">{busy}</p>}
        {report && counts && (
          <>
            <p data-testid="health-summary">
              {healthText.summary({ total: report.rows.length, healthy: counts.healthy, lcPhone: counts.lcPhone, problems: report.rows.filter((r) => r.problems.length > 0).length })}{' '}
              <span class="muted">{healthText.checkedAt(report.checkedAt)}</span>
            </p>
            {fresh && !fresh.kept && <p class="notice">{healthText.notKept}</p>}
            <label class="field-label">
              {healthText.filter}
              <select
                class="input narrow-select"
                value={filter}
                onChange={(e) => {
                  setRowNotes({});
                  setFilter((e.target as HTMLSelectElement).value as Filter);
                }}
              >
                <option value="problems">{healthText.problemsOnly}</option>
                <option value="all">{healthText.all}</option>
                <option value="healthy">{`${healthText.healthy} (${counts.healthy})`}</option>
                {HEALTH_PROBLEMS.filter((p) => counts.byProblem[p]).map((p) => (
                  <option key={p} value={p}>{`${PROBLEM_NAME[p]} (${counts.byProblem[p]})`}</option>
                ))}
              </select>
            </label>
            {rows.length === 0 ? (
              <p class="muted">{healthText.none}</p>
            ) : (
              <table class="bulk-table">
                <thead>
                  <tr>
                    <th scope="col">{healthText.columns.location}</th>
                    <th scope="col">{healthText.columns.sid}</th>
                    <th scope="col">{healthText.columns.state}</th>
                    <th scope="col">{healthText.columns.findings}</th>
                    <th scope="col">{healthText.columns.fix}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((row) => (
                    <tr key={row.location.id} data-location-id={row.location.id} data-problems={row.problems.join(' ')}>
                      <td>{row.location.name}</td>
                      <td>{row.sid ? <code>{row.sid}</code> : ''}</td>
                      <td>{stateText(row)}</td>
                      <td>
                        {row.problems.map((p) => <p key={p}>{PROBLEM_TEXT[p](row)}</p>)}
                        {rowNotes[row.location.id] && <p role="status">{rowNotes[row.location.id]}</p>}
                      </td>
                      <td>{fixFor(row, unlocked, { connect, reactivate })}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </>
        )}
      </section>
    </main>
  );
}

function fixFor(row: RowHealth, unlocked: boolean, act: { connect: (row: RowHealth) => Promise<void>; reactivate: (row: RowHealth) => Promise<void> }) {
  const name = row.location.name;
  if (row.problems.includes('suspended')) {
    return <button type="button" class="button" disabled={!unlocked} aria-label={healthText.reactivateLabel(name)} onClick={() => void act.reactivate(row)}>{healthText.reactivate}</button>;
  }
  if (row.problems.includes('not-connected')) {
    return <button type="button" class="button" disabled={!unlocked} aria-label={healthText.connectLabel(name)} onClick={() => void act.connect(row)}>{healthText.connect}</button>;
  }
  if (row.problems.some((p) => CONNECT_FIXES.includes(p))) {
    return <button type="button" class="button" disabled={!unlocked} aria-label={healthText.connectLabel(name)} onClick={() => void act.connect(row)}>{healthText.connectOwn}</button>;
  }
  if (row.problems.includes('no-numbers') && typeof row.sid === 'string') {
    return <a href={`/options.html?to=${encodeURIComponent(row.sid)}#move-numbers`}>{healthText.moveNumbers}</a>;
  }
  // The post-connect check's optional test text: an active sub-account of this master with a number.
  if (unlocked && typeof row.sid === 'string' && row.subaccount?.status === 'active' && (row.numbers ?? 0) > 0) {
    return <TestTextForm sid={row.sid} locationName={name} />;
  }
  return null;
}
