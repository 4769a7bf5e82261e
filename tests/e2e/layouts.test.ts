import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storedReasonText } from '../../components/reason-text';
import type { Handoff } from '../../utils/handoff/types';
import { startStandIns, type StandIns } from '../stand-ins/start';
import { allPairsLayouts, layoutName, layoutSwitches, randomLayouts, type MatrixLayout } from '../stand-ins/crm/layouts';
import { DEFAULT_LAYOUT } from '../stand-ins/crm/server';
import { launchExtension, REPO_ROOT, type ExtensionBrowser } from './harness';
import { CRM_PAGE, handoffFor, until } from './support/flows';
import { handoffCard, openPopup } from './support/popup';

/**
 * The layout matrix (drift-proof driver): the production build in Chromium drives the CRM stand-in
 * through every layout of an all-pairs covering set of its switches (SID shown whole, masked, cut or
 * not at all; ⋮ menu, pencil → menu, pencil → editor; three menu wordings; modal or drawer; labels
 * or aria-labels; Authorize, Save or Connect; extra Delete/Create buttons; toast, inline or silent
 * result; pages or "Load more"; server or client search; default tab; ids shown or not; an Address
 * column; an LC Phone agency). Each layout gets a fresh CRM tab and one handoff whose location
 * holds no SID, this very SID (a token update) or another one (asked, then replaced), in turn.
 *
 * What a person could do there must end in exactly one write of the exact pair to the right
 * location; what a person could not (an LC Phone agency offers no credentials entry) in no write and
 * a reason; and in every layout no write anywhere else and no destructive control pressed.
 *
 * `npm run test:layouts -- --seed N --count K` runs K random layouts instead (LAYOUT_SEED, LAYOUT_COUNT).
 */

type Holds = 'none' | 'same' | 'other';
const HOLDS: readonly Holds[] = ['none', 'same', 'other'];

const seed = process.env.LAYOUT_SEED;
const LAYOUTS: MatrixLayout[] = seed ? randomLayouts(Number(seed), Number(process.env.LAYOUT_COUNT ?? 20)) : allPairsLayouts();

/**
 * What the location holds, per layout: chosen so that every way of showing the SID, every row action
 * and every result meets each of none / same / other in some layout a person can write in (the
 * pairs the old driver got wrong), the rest in turn.
 */
const PAIRED: readonly (keyof MatrixLayout)[] = ['sidDisplay', 'rowAction', 'result'];
function holdsFor(layouts: readonly MatrixLayout[]): Holds[] {
  const seen = new Set<string>();
  return layouts.map((layout, index) => {
    if (layout.agencyOnLcPhone) return HOLDS[index % HOLDS.length]!;
    const gain = (holds: Holds) => PAIRED.filter((dim) => !seen.has(`${dim}=${String(layout[dim])}:${holds}`)).length;
    const best = [...HOLDS].sort((a, b) => gain(b) - gain(a))[0]!;
    for (const dim of PAIRED) seen.add(`${dim}=${String(layout[dim])}:${best}`);
    return best;
  });
}
const HOLDS_PER_LAYOUT = holdsFor(LAYOUTS);

interface Result {
  layout: string;
  holds: Holds;
  state: string;
  asked: boolean;
  writes: number;
  pressedForbidden: number;
  ms: number;
}
const results: Result[] = [];

let sites: StandIns;
let ext: ExtensionBrowser;
let extensionPage: Page;

beforeAll(async () => {
  sites = await startStandIns();
  ext = await launchExtension({ hostResolverRules: sites.hostResolverRules });
  extensionPage = await ext.openExtensionPage('popup.html');
});

afterAll(async () => {
  await ext?.close();
  await sites?.close();
  // The table docs/layout-matrix.md shows, from this run.
  const dir = join(REPO_ROOT, 'test-results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `layout-matrix${seed ? `-seed-${seed}` : ''}`);
  writeFileSync(`${file}.json`, JSON.stringify(results, null, 2));
  writeFileSync(`${file}.md`, matrixTable(results));
});

/** The run as a Markdown table (docs/layout-matrix.md holds the one of the last full run). */
function matrixTable(rows: readonly Result[]): string {
  const lines = [
    '| # | Layout (what differs from the default page) | Location held | Replace asked | End state | Writes | Forbidden presses | Time |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows.map((row, i) => `| ${i + 1} | ${row.layout.replaceAll('|', '/')} | ${row.holds} | ${row.asked ? 'yes' : 'no'} | ${row.state} | ${row.writes} | ${row.pressedForbidden} | ${(row.ms / 1000).toFixed(1)} s |`),
  ];
  return `${lines.join('\n')}\n`;
}

/** A message from an extension page, as the popup sends it. */
function send(message: Record<string, unknown>): Promise<unknown> {
  return extensionPage.evaluate((m) => (globalThis as unknown as { chrome: typeof import('wxt/browser').browser }).chrome.runtime.sendMessage(m), message);
}

async function openCrmInFront(): Promise<void> {
  const page = await ext.context.newPage();
  await page.goto(CRM_PAGE);
  await page.bringToFront();
}

async function closeCrmTabs(): Promise<void> {
  for (const page of ext.context.pages()) if (page.url().includes('app.gohighlevel.com')) await page.close();
}

const SETTLED: readonly Handoff['state'][] = ['authorized', 'failed', 'rejected', 'needs-check', 'needs-choice', 'needs-replace-confirmation', 'expired'];

function settled(sid: string): Promise<Handoff | undefined> {
  return until(() => handoffFor(ext, sid), (h) => h !== undefined && SETTLED.includes(h.state), 'the handoff to settle', 60_000);
}

/**
 * The target and twelve rows whose names contain its name and sort before it, so a search for it
 * answers with two pages (or a "Load more"), and the target is on the second.
 */
function locationsFor(name: string, holds: string | null) {
  const annexes = Array.from({ length: 12 }, (_, i) => ({ name: `Annex ${String(i + 1).padStart(2, '0')} of ${name}`, sid: null }));
  const others = ['Bright Smile Orthodontics - Dallas', 'Lakeside Med Spa - Tampa'].map((other) => ({ name: other, sid: 'AC' + 'e'.repeat(32) }));
  return [...annexes, ...others, { name, sid: holds, managedBy: holds ? ('twilio' as const) : ('not-available' as const) }];
}

describe(`CRM layout matrix: ${LAYOUTS.length} layouts${seed ? ` (random, seed ${seed})` : ' (all pairs)'}`, () => {
  it('pairs every SID display, row action and result with each of none / same / other', () => {
    if (seed) return;
    const writable = LAYOUTS.map((layout, i) => [layout, HOLDS_PER_LAYOUT[i]!] as const).filter(([layout]) => !layout.agencyOnLcPhone);
    for (const dim of PAIRED) {
      const values = new Set(LAYOUTS.map((layout) => String(layout[dim])));
      for (const value of values) for (const holds of HOLDS) expect(writable.some(([l, h]) => String(l[dim]) === value && h === holds), `${dim}=${value} with ${holds}`).toBe(true);
    }
  });

  it.each(LAYOUTS.map((layout, index) => [index + 1, layoutName(layout), HOLDS_PER_LAYOUT[index]!, layout] as const))(
    '%i: %s; the location holds %s',
    async (index, name, holds, layout) => {
      const started = Date.now();
      const { api, crm } = sites;
      crm.reset();
      Object.assign(crm.switches, layoutSwitches(layout), { loaderDelayMs: 50 });
      const locationName = `Matrix Dental ${String(index).padStart(2, '0')} ${seed ?? 'p'} - Austin`;
      const account = api.state.createAccount(locationName);
      const previous = api.state.createAccount(`${locationName} (old)`);
      const held = holds === 'none' ? null : holds === 'same' ? account.sid : previous.sid;
      crm.setLocations(locationsFor(locationName, held));
      const target = crm.state.locations.find((location) => location.name === locationName)!;
      // Every other layout the admin has the CRM open in front; the rest find no CRM tab, and the
      // extension opens one in the background.
      await closeCrmTabs();
      if (index % 2 === 0) await openCrmInFront();

      await send({ type: 'paste-credentials', sid: account.sid, token: account.authToken });
      let handoff = await settled(account.sid);
      const writable = !layout.agencyOnLcPhone;
      const asked = handoff?.state === 'needs-replace-confirmation';
      if (writable && holds === 'other') {
        // The location holds another SID: the admin is asked, naming the SID the editor shows.
        expect(handoff, JSON.stringify(handoff)).toMatchObject({ state: 'needs-replace-confirmation', previousSid: previous.sid });
        expect(crm.state.submissions).toEqual([]);
        await send({ type: 'confirm-replace', handoffId: handoff!.id });
        handoff = await until(() => handoffFor(ext, account.sid), (h) => h?.state !== 'needs-replace-confirmation' && SETTLED.includes(h!.state), 'the replaced handoff to settle', 60_000);
      }
      results.push({ layout: name, holds, state: handoff?.state ?? 'none', asked, writes: crm.state.writes.length, pressedForbidden: crm.state.actions.length, ms: Date.now() - started });

      if (writable) {
        expect(handoff, JSON.stringify(handoff)).toMatchObject({ state: 'authorized', submissions: 1 });
        expect(crm.state.writes).toEqual([expect.objectContaining({ locationId: target.id, accountSid: account.sid, authToken: account.authToken, previousSid: held })]);
      } else {
        // Nothing a person could do on this page: a reason that names what is missing, and no write.
        expect(handoff?.state, JSON.stringify(handoff)).toBe('rejected');
        expect(handoff && storedReasonText(handoff)).toMatch(/no way to update its credentials|no control that leads to its credentials/);
        expect(crm.state.submissions).toEqual([]);
      }
      expect(crm.state.writes.filter((write) => write.locationId !== target.id)).toEqual([]);
      // No Delete, Disconnect, Link to LeadConnector or Create Sub-Account: not pressed, not even chosen.
      expect(crm.state.actions).toEqual([]);
      if (holds !== 'other') expect(asked).toBe(false);
    },
  );
});

describe('two rows with one name and no ids, told apart by their addresses', () => {
  it('becomes a choice that shows the addresses; the chosen row gets the one write', async () => {
    const { api, crm } = sites;
    crm.reset();
    Object.assign(crm.switches, { loaderDelayMs: 50, agencyOnLcPhone: false, layoutMatrix: { ...DEFAULT_LAYOUT, idDisplay: 'none', addressColumn: true, sidDisplay: 'absent' } });
    const name = 'Main Street Dental';
    const account = api.state.createAccount(name);
    crm.setLocations([
      { name, sid: null, address: '12 Main St, Springfield' },
      { name, sid: null, address: '400 Main St, Shelbyville' },
      { name: 'Elm Street Dental', sid: null, address: '1 Elm St, Springfield' },
    ]);
    const chosen = crm.state.locations.find((location) => location.address.startsWith('400'))!;
    await closeCrmTabs();

    await send({ type: 'paste-credentials', sid: account.sid, token: account.authToken });
    const handoff = await settled(account.sid);
    expect(handoff?.state, JSON.stringify(handoff)).toBe('needs-choice');
    const candidates = handoff!.candidates!.map((candidate) => candidate.location);
    expect(candidates.map((location) => location.details)).toEqual(
      expect.arrayContaining([['Address: 12 Main St, Springfield'], ['Address: 400 Main St, Shelbyville']]),
    );

    // In the popup, as the admin does it: each candidate shows its address; the second is chosen.
    const popup = await openPopup(ext);
    const card = handoffCard(popup, name);
    await card.getByRole('button', { name: `Choose location: ${name}` }).click();
    const results = card.getByRole('list', { name: 'Matching locations' }).getByRole('listitem');
    await results.filter({ hasText: 'Address: 12 Main St, Springfield' }).waitFor();
    await results.filter({ hasText: 'Address: 400 Main St, Shelbyville' }).getByRole('button', { name: `Choose ${name}` }).click();
    await card.getByText('Address: 400 Main St, Shelbyville').first().waitFor();
    expect(crm.state.submissions).toEqual([]);
    await card.getByRole('button', { name: 'Send here' }).click();
    const done = await until(() => handoffFor(ext, account.sid), (h) => h !== undefined && ['authorized', 'failed', 'rejected', 'needs-check'].includes(h.state), 'the chosen handoff to end', 60_000);
    expect(done?.state, JSON.stringify(done)).toBe('authorized');
    expect(crm.state.writes).toEqual([expect.objectContaining({ locationId: chosen.id, accountSid: account.sid, authToken: account.authToken })]);
    expect(crm.state.actions).toEqual([]);
  });
});
