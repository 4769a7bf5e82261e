import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConsoleMessage, Page, Request, Route, Worker } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { storedReasonText } from '../../../components/text';
import { FINAL_STATES, type Handoff, type HandoffState } from '../../../utils/handoff/types';
import { startStandIns, type StandIns } from '../../stand-ins/start';
import type { CrmLocation } from '../../stand-ins/crm/server';
import { dashboardUrl } from '../../stand-ins/twilio-console/server';
import { CHROME_TEST_BUILD_DIR, launchExtension, type ExtensionBrowser } from '../harness';
import { openDashboard, sendToCrm, until } from './flows';
import { searchableContents, snappyDecompress } from './leveldb';
import { clickOverlayButton, overlayButtons } from './overlay';

/**
 * The fault matrix of issue 6 item 3, shared by its two files (faults-recovery.test.ts: the worker
 * stopped, the CRM tab closed or reloaded; faults-sites.test.ts: Twilio's and the CRM's own faults,
 * handoffs at once, master mode), which run side by side. The test build (the production build with
 * the watchdog after 20 s instead of 45 s, nothing else changed: tests/e2e/harness.ts) in real Chromium
 * against the stand-ins, with one fault injected per case. Each case ends in exactly one write to the
 * right location, or in zero writes with a reason the admin can read; never two writes, never a write
 * elsewhere. Timing is steered with the stand-ins' own delays (and, for the one moment no delay
 * reaches, by holding the CRM's answer in the test's network layer), never with hooks in the
 * extension. The handoff's step log shows where each fault landed. Afterwards each file's closed
 * profile and every console line are searched for the tokens it saw.
 */
export let sites: StandIns;
export let ext: ExtensionBrowser;
let buildCopy: string;
let browserClosed = false;
/** An extension page kept open to read storage.session (see storedHandoffs). */
let observer: Page | undefined;
export const pages: Page[] = [];
export const tokensSeen: Array<{ sid: string; token: string }> = [];
/** Every console line and page error of every page and service worker, for the final search. */
const consoleLines: string[] = [];
/** One row per case, printed at the end: the counts issue 6 asks for. */
export const ledger: Array<{ name: string; faults: number; writes: number; submissions: number; state: string; note?: string }> = [];

export const ACCOUNT_PATH = /^\/2010-04-01\/Accounts\/AC[0-9a-f]{32}\.json$/;
const AUTHORIZE_URL = /\/api\/v1\/phone-integration\/sub-accounts\/[^/]+\/twilio$/;
const CONSOLE_CONTROL = 'faults-console-control';

function collectConsole(kind: 'page' | 'worker') {
  return (message: ConsoleMessage) => consoleLines.push(`[${kind} ${message.location().url}] ${message.type()}: ${message.text()}`);
}

function watchPage(page: Page): void {
  page.on('console', collectConsole('page'));
  page.on('pageerror', (error) => consoleLines.push(`[pageerror ${page.url()}] ${error.name}: ${error.message}\n${error.stack ?? ''}`));
}

function watchWorker(worker: Worker): void {
  worker.on('console', collectConsole('worker'));
}

/**
 * The fault matrix's stand-ins and browser for one test file: a copy of the test build in its own
 * profile, every console line collected, each case starting from reset stand-ins without a CRM tab;
 * the ledger printed when the file ends.
 */
export function useFaultMatrix(): void {
  beforeAll(async () => {
    sites = await startStandIns();
    // A copy of the build: another run of `wxt build` during these minutes must not change the extension under test.
    buildCopy = mkdtempSync(join(tmpdir(), 'handoff-faults-build-'));
    cpSync(CHROME_TEST_BUILD_DIR, buildCopy, { recursive: true });
    ext = await launchExtension({ hostResolverRules: sites.hostResolverRules, extensionDir: buildCopy, keepProfile: true });
    ext.context.pages().forEach(watchPage);
    ext.context.on('page', watchPage);
    ext.context.serviceWorkers().forEach(watchWorker);
    ext.context.on('serviceworker', watchWorker);
    // The controls that prove the collectors hear both kinds of context.
    await (await ext.worker()).evaluate((text) => console.log(text), `${CONSOLE_CONTROL} worker`);
    const blank = await newPage();
    await blank.evaluate((text) => console.log(text), `${CONSOLE_CONTROL} page`);
  });

  beforeEach(() => {
    sites.crm.reset();
    sites.console.reset();
    sites.api.reset();
  });

  afterEach(async () => {
    if (browserClosed) return;
    await ext.context.unrouteAll({ behavior: 'ignoreErrors' });
    await Promise.all(pages.splice(0).map((p) => p.close().catch(() => undefined)));
    // Each case starts without a CRM tab; it opens one through the extension.
    for (const page of ext.context.pages()) if (page.url().includes('gohighlevel.com')) await page.close().catch(() => undefined);
  });

  afterAll(async () => {
    if (ext && !browserClosed) await ext.close();
    if (ext) rmSync(ext.profileDir, { recursive: true, force: true });
    await sites?.close();
    if (buildCopy) rmSync(buildCopy, { recursive: true, force: true });
    const faults = ledger.reduce((sum, row) => sum + row.faults, 0);
    const writes = ledger.reduce((sum, row) => sum + row.writes, 0);
    const count = (writesInCase: (n: number) => boolean) => ledger.filter((r) => writesInCase(r.writes)).length;
    console.log(
      `fault matrix: ${ledger.length} cases, ${faults} faults injected, ${writes} writes observed (${count((n) => n === 1)} cases with exactly one, ${count((n) => n === 0)} with none, ${count((n) => n > 1)} with more)\n` +
        ledger.map((r) => `  ${r.name}: ${r.faults} fault(s), ${r.writes} write(s), ${r.submissions} submission(s), ${r.state}${r.note ? ` (${r.note})` : ''}`).join('\n'),
    );
  });
}

async function newPage(): Promise<Page> {
  const page = await ext.context.newPage();
  pages.push(page);
  return page;
}

export function subaccount(name: string) {
  const account = sites.api.state.createAccount(name);
  tokensSeen.push({ sid: account.sid, token: account.authToken });
  return account;
}

/** A console tab on the sub-account's dashboard. */
export async function consoleTab(sid: string): Promise<Page> {
  const page = await newPage();
  await openDashboard(page, sid);
  return page;
}

/**
 * A console page in a window of its own, as with two windows side by side: the overlay of a tab behind
 * another in the same window has no box to click, so two overlays clicked at once need two windows.
 */
export async function consoleWindow(sid: string): Promise<Page> {
  await storedHandoffs();
  const url = dashboardUrl(sid);
  const opened = ext.context.waitForEvent('page', { predicate: (p) => p.url() === url, timeout: 30_000 });
  await observer!.evaluate((u) => (globalThis as unknown as { chrome: typeof import('wxt/browser').browser }).chrome.windows.create({ url: u, type: 'normal' }), url);
  const page = await opened;
  pages.push(page);
  await page.getByText('Account SID', { exact: false }).first().waitFor();
  return page;
}

/**
 * Every stored handoff, read from an extension page rather than through the service worker: reading
 * storage from a page neither wakes a stopped worker nor keeps one alive, so what the tests see is
 * what the extension does by itself. (A Playwright handle on a stopped worker also waits until
 * something else restarts it.)
 */
async function storedHandoffs(): Promise<Handoff[]> {
  if (!observer || observer.isClosed()) observer = await ext.openExtensionPage('popup.html');
  const session = await observer.evaluate(() => (globalThis as unknown as { chrome: typeof import('wxt/browser').browser }).chrome.storage.session.get(null));
  return Object.entries(session)
    .filter(([key]) => key.startsWith('handoff:'))
    .map(([, value]) => value as Handoff)
    .sort((a, b) => b.createdAt - a.createdAt);
}

async function handoffNow(sid: string): Promise<Handoff | undefined> {
  return (await storedHandoffs()).find((h) => h.sid === sid);
}

export async function handoffsOf(sid: string): Promise<Handoff[]> {
  return (await storedHandoffs()).filter((h) => h.sid === sid);
}

const isFinal = (state: HandoffState) => (FINAL_STATES as readonly string[]).includes(state);

/** Waits until `ready` holds for the handoff of `sid` (polled every 100 ms). */
export async function handoffWhen(sid: string, what: string, ready: (h: Handoff) => boolean, timeout = 60_000): Promise<Handoff> {
  return (await until(() => handoffNow(sid), (h) => h !== undefined && ready(h), what, timeout, 100))!;
}

/** Waits for the handoff to settle (a final state) and checks it is `state`. */
export async function settles(sid: string, state: HandoffState, timeout = 90_000): Promise<Handoff> {
  const handoff = await handoffWhen(sid, `the handoff to settle (expecting ${state})`, (h) => isFinal(h.state), timeout);
  expect(handoff.state, `${handoff.state}: ${storedReasonText(handoff) ?? ''} ${stepNames(handoff).join(' ')}`).toBe(state);
  return handoff;
}

/** Waits for a state that waits for the admin (not final, not working). */
export async function settlesNotFinal(sid: string, state: HandoffState, timeout = 60_000): Promise<Handoff> {
  const handoff = await handoffWhen(sid, `the handoff to wait as ${state}`, (h) => h.state === state || isFinal(h.state), timeout);
  expect(handoff.state, storedReasonText(handoff)).toBe(state);
  return handoff;
}

export const stepNames = (h: Handoff) => h.steps.map((s) => s.step);
/** The steps logged since `snapshot` was read. */
export const stepsSince = (h: Handoff, snapshot: Handoff) => stepNames(h).slice(snapshot.steps.length);
export const lastStep = (h: Handoff) => h.steps.at(-1)?.step;
/** The driver's steps logged since the handoff last entered `state`. */
export function crmStepsSince(h: Handoff, state: HandoffState): string[] {
  const names = stepNames(h);
  return names.slice(names.lastIndexOf(state) + 1).filter((s) => s.startsWith('crm:'));
}

/** Stops the service worker as Chrome stops an idle or stuck one, once the handoff shows `where`. */
export async function stopWorkerWhen(sid: string, where: string, ready: (h: Handoff) => boolean, timeout = 60_000): Promise<Handoff> {
  const snapshot = await handoffWhen(sid, where, ready, timeout);
  await ext.stopServiceWorker();
  return snapshot;
}

/**
 * The CRM backend's record for this case: exactly `writes` (0 or 1) writes, all to `location` with
 * this exact pair, and exactly `submissions` Authorize requests, none for any other location.
 */
export function expectCrmRecord(name: string, faults: number, location: CrmLocation, account: { sid: string; authToken: string }, writes: 0 | 1, submissions: number, handoff: Handoff, note?: string) {
  const { state } = sites.crm;
  expect(state.writes.filter((w) => w.locationId !== location.id), 'a write elsewhere').toEqual([]);
  expect(state.submissions.filter((s) => s.locationId !== location.id), 'a submission elsewhere').toEqual([]);
  expect(state.writes).toEqual(writes ? [expect.objectContaining({ locationId: location.id, accountSid: account.sid, authToken: account.authToken })] : []);
  expect(state.submissions).toHaveLength(submissions);
  expect(handoff.submissions).toBe(submissions > 0 ? 1 : 0);
  ledger.push({ name, faults, writes: state.writes.length, submissions: state.submissions.length, state: `${handoff.state}${handoff.reasonCode ? ` ${handoff.reasonCode}` : ''}`, note });
}

/** One location named like the sub-account among a few others. */
export function crmWith(name: string, others = ['Quiet Harbor Dental - Erie', 'Red Rock Vets - Moab']): CrmLocation {
  sites.crm.setLocations([...others.map((n) => ({ name: n })), { name }]);
  return sites.crm.state.locations.find((l) => l.name === name)!;
}

/** Starts a handoff the way the admin does: the sub-account's dashboard, Send to CRM. */
export async function send(name: string, prepare?: () => void) {
  const account = subaccount(name);
  const location = crmWith(name);
  prepare?.();
  const page = await consoleTab(account.sid);
  await sendToCrm(page);
  return { account, location, page };
}

const OLD_SID = 'AC' + 'c'.repeat(32);

/**
 * A handoff waiting at the Replace credentials question (the location holds another SID): a pause the
 * admin controls, so a fault can be set up before the fill run starts. With `freshTab` the CRM tab is
 * closed meanwhile and the fill run opens a new one, whose page and list load at the stand-in's pace
 * (a run in the tab that found the location could otherwise reuse the rows already on screen).
 */
export async function pausedBeforeFill(name: string, freshTab: boolean) {
  const account = subaccount(name);
  sites.crm.setLocations([{ name: 'Quiet Harbor Dental - Erie' }, { name, sid: OLD_SID }]);
  const location = sites.crm.state.locations.find((l) => l.name === name)!;
  const page = await consoleTab(account.sid);
  await sendToCrm(page);
  await settlesNotFinal(account.sid, 'needs-replace-confirmation');
  await until(async () => (await overlayButtons(page).catch(() => [])).some((b) => b.name === 'Replace credentials'), Boolean, 'Replace credentials');
  if (freshTab) for (const tab of crmTabs()) await tab.close();
  return {
    account,
    location,
    page,
    replace: () => clickOverlayButton(page, 'Replace credentials'),
  };
}

/** The write a Replace leaves: this pair, where the location held OLD_SID. */
export function expectReplaced(account: { sid: string }) {
  expect(sites.crm.state.writes.map((w) => [w.accountSid, w.previousSid])).toEqual([[account.sid, OLD_SID]]);
}

export function accountRequests(sid: string) {
  return sites.api.requests.filter((r) => r.authSid === sid && ACCOUNT_PATH.test(r.path));
}

/**
 * The requests as the stand-in saw them, with the gap before each: Chromium repeats a request lost on
 * a reused keep-alive connection at once, by itself; ky's retries come after its backoff (0.5 s, 1 s, 2 s).
 */
export function requestLog(sid: string): string {
  const requests = accountRequests(sid);
  return requests.map((r, i) => `${r.outcome}${r.status ? ` ${r.status}` : ''}${i ? ` +${r.at.getTime() - requests[i - 1]!.at.getTime()} ms` : ''}`).join(', ');
}

/** The stand-in's answer to a request the CRM page made, fetched by the test itself (the write happens now). */
function forwardToCrm(request: Request): Promise<{ status: number; headers: Record<string, string>; body: Buffer }> {
  const url = new URL(request.url());
  return new Promise((resolve, reject) => {
    const forwarded = httpsRequest(
      {
        host: '127.0.0.1',
        port: sites.crm.port,
        path: url.pathname + url.search,
        method: request.method(),
        headers: { host: url.host, 'content-type': request.headers()['content-type'] ?? 'application/json' },
        rejectUnauthorized: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const headers: Record<string, string> = {};
          for (const [key, value] of Object.entries(res.headers)) if (typeof value === 'string') headers[key] = value;
          resolve({ status: res.statusCode ?? 502, headers, body: Buffer.concat(chunks) });
        });
        res.on('error', reject);
      },
    );
    forwarded.on('error', reject);
    forwarded.end(request.postDataBuffer() ?? undefined);
  });
}

/**
 * Lets the CRM backend take the Authorize request and write, then holds its answer back from the page
 * until `release()`: the moment after the write and before the driver can see the result.
 */
export async function holdAuthorizeAnswer(): Promise<{ release: () => void }> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  await ext.context.route(AUTHORIZE_URL, async (route: Route) => {
    if (route.request().method() !== 'PUT') return route.fallback();
    const answer = await forwardToCrm(route.request());
    await released;
    await route.fulfill({ status: answer.status, headers: answer.headers, body: answer.body });
  });
  return { release };
}

export function crmTabs(): Page[] {
  return ext.context.pages().filter((p) => p.url().startsWith('https://app.gohighlevel.com/'));
}

/** Last in each file: the token search of its closed profile and console lines. */
export function describeAfterTheMatrix(): void {
  describe('after the matrix', () => {
    it('the profile search reads Snappy-compressed LevelDB blocks (the control for compacted stores)', () => {
      // "abc", then a 9-byte copy from 3 back: a run, as Snappy stores a repeated value.
      expect(snappyDecompress(Buffer.from([0x0c, 0x08, 0x61, 0x62, 0x63, 0x15, 0x03])).toString('latin1')).toBe('abcabcabcabc');
    });

    it('the closed profile and every console line hold no token, nor base64 of SID:token', async () => {
      expect(tokensSeen.length).toBeGreaterThan(0);
      const profileDir = ext.profileDir;
      await ext.close();
      browserClosed = true;

      const needles = tokensSeen.flatMap(({ sid, token }) => {
        const basic = Buffer.from(`${sid}:${token}`).toString('base64');
        return [token, basic].flatMap((text) => [
          { text, what: text === token ? 'token' : 'base64(SID:token)', bytes: Buffer.from(text, 'latin1') },
          { text, what: `${text === token ? 'token' : 'base64(SID:token)'} as UTF-16LE`, bytes: Buffer.from(text, 'utf16le') },
        ]);
      });
      const files = filesUnder(profileDir);
      expect(files.length).toBeGreaterThan(50);
      const hits: string[] = [];
      const withSid: string[] = [];
      for (const file of files) {
        for (const content of searchableContents(file, readFileSync(file))) {
          for (const needle of needles) if (content.includes(needle.bytes)) hits.push(`${file}: ${needle.what}`);
          if (tokensSeen.some(({ sid }) => content.includes(Buffer.from(sid, 'latin1')))) withSid.push(file);
        }
      }
      expect(hits).toEqual([]);
      // The control: SIDs, which the extension does keep in storage.local (locations as last seen, the
      // audit log), are found by the same search in that store's LevelDB.
      expect(withSid.some((file) => file.includes(join('Default', 'Local Extension Settings')))).toBe(true);

      const text = consoleLines.join('\n');
      expect(text).toContain(`${CONSOLE_CONTROL} worker`);
      expect(text).toContain(`${CONSOLE_CONTROL} page`);
      for (const needle of needles) expect(text.includes(needle.text), `console output holds a ${needle.what}`).toBe(false);
    });
  });
}

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(full));
    else if (entry.isFile()) out.push(full);
  }
  return out;
}
