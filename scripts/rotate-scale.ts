/**
 * `npx tsx scripts/rotate-scale.ts [--rotate N] [--list M] [--extension DIR]`: token rotation at agency
 * scale (issue 12's "done when"), against the stand-ins, with the production build (`npx wxt build`
 * first; the script grants accounts.twilio.com in a copy of it, as the admin's Allow would). The CRM
 * lists M locations (200 by default), N of them (50) connected to the master's sub-accounts; the
 * admin selects all and rotates. While it runs, every few milliseconds and after every request the
 * Twilio stand-in answers, the token each connected location holds in the CRM is put through the
 * stand-in's own authentication: any moment at which one fails is a failure of the run. At the end
 * each location must hold a new token, now its sub-account's only one. Prints the times.
 */
import { authenticate } from '../tests/stand-ins/twilio-api/auth';
import { launchExtension } from '../tests/e2e/harness';
import { until } from '../tests/e2e/support/flows';
import { unlockMaster } from '../tests/e2e/support/session';
import { grantedBuild } from '../tests/e2e/support/white-label';
import { generateLocations } from '../tests/stand-ins/crm/locations';
import type { CrmLocationSeed } from '../tests/stand-ins/crm/locations';
import { startStandIns } from '../tests/stand-ins/start';
import { EXTENSION_ARG, numberArg, runMain, timedLog } from './lib/scale-run';

const EXTENSION = EXTENSION_ARG;
const ROTATE = numberArg('rotate', 50);
const LIST = numberArg('list', 200);
const started = Date.now();
const log = timedLog();

async function main(): Promise<void> {
  const sites = await startStandIns();
  const { state } = sites.api;
  const seeds: CrmLocationSeed[] = generateLocations(LIST, { lcPhoneShare: 0, noSidShare: 1 }).map((l) => ({ name: l.name, sid: null }));
  const accounts = seeds.slice(0, ROTATE).map((seed) => {
    const account = state.createAccount(seed.name);
    seed.sid = account.sid;
    seed.managedBy = 'twilio';
    return { sid: account.sid, firstToken: account.authToken };
  });
  const locations = sites.crm.setLocations(seeds);
  const connected = locations.slice(0, ROTATE).map((location, i) => ({ id: location.id, ...accounts[i]! }));
  log(`CRM: ${locations.length} locations, ${ROTATE} connected to sub-accounts of the master.`);

  // The token a location holds in the CRM: its last write, else the one it was connected with.
  const heldToken = (location: (typeof connected)[number]) => sites.crm.state.writes.filter((w) => w.locationId === location.id).at(-1)?.authToken ?? location.firstToken;
  let checks = 0;
  let failed = 0;
  const failures: string[] = [];
  const check = () => {
    checks += 1;
    for (const location of connected) {
      const header = `Basic ${Buffer.from(`${location.sid}:${heldToken(location)}`).toString('base64')}`;
      try {
        authenticate(state, header, 20003);
      } catch {
        failed += 1;
        if (failures.length < 20) failures.push(`${((Date.now() - started) / 1000).toFixed(3)} s: ${location.sid} holds a token Twilio refuses`);
      }
    }
  };
  // The control: a location holding a token Twilio refuses is caught by the same check.
  const real = connected[0]!.firstToken;
  connected[0]!.firstToken = '0'.repeat(32);
  check();
  connected[0]!.firstToken = real;
  if (failed !== 1) throw new Error('The check did not catch a token Twilio refuses.');
  failed = 0;
  failures.length = 0;

  // Twilio's tokens change only when the stand-in answers a request, the CRM's only at a write: a
  // check after each request recorded, and a timer between, sees every state the run passes through.
  const requests = sites.api.requests as unknown[];
  const push = requests.push.bind(requests);
  requests.push = (...items: unknown[]) => {
    const n = push(...items);
    check();
    return n;
  };
  const writes = sites.crm.state.writes as unknown[];
  const pushWrite = writes.push.bind(writes);
  writes.push = (...items: unknown[]) => {
    const n = pushWrite(...items);
    check();
    return n;
  };
  const timer = setInterval(check, 5);

  const build = grantedBuild(['accounts.twilio.com'], EXTENSION);
  const ext = await launchExtension({ hostResolverRules: sites.hostResolverRules, extensionDir: build.dir });
  try {
    const page = await ext.openExtensionPage('connect.html');
    page.on('crash', () => log('The bulk connect page crashed.'));
    await unlockMaster(page, state.master);
    const planStarted = Date.now();
    await page.getByRole('button', { name: 'Read connected locations' }).click();
    await page.getByText(`${ROTATE} can be rotated, ${LIST - ROTATE} cannot.`).waitFor({ timeout: 600_000 });
    log(`Plan read in ${((Date.now() - planStarted) / 1000).toFixed(1)} s.`);

    const runStarted = Date.now();
    await page.getByRole('button', { name: `Select all ${ROTATE} that can be rotated` }).click();
    await page.getByRole('button', { name: 'Rotate selected' }).click();
    const progress = () => page.getByTestId('rotate-progress').textContent().catch(() => '');
    let lastShown = '';
    await until(
      async () => {
        const text = (await progress()) ?? '';
        if (text !== lastShown && /^(\d+)0 of/.test(text)) log(text);
        lastShown = text;
        return text;
      },
      (t) => new RegExp(`^${ROTATE} of ${ROTATE}`).test(t ?? ''),
      'the rotation to finish',
      3_600_000,
      500,
    );
    const runMs = Date.now() - runStarted;
    clearInterval(timer);
    check();
    log(`Rotation finished in ${(runMs / 60_000).toFixed(1)} min (${(runMs / ROTATE).toFixed(0)} ms per location): ${await progress()}`);

    const ended = connected.map((location) => {
      const token = heldToken(location);
      const account = state.findAccount(location.sid)!;
      return { token, isNew: token !== location.firstToken, isPrimary: account.authToken === token, secondaryLeft: state.secondaryToken(location.sid) !== undefined };
    });
    const perLocation = new Map<string, number>();
    for (const w of sites.crm.state.writes) perLocation.set(w.locationId, (perLocation.get(w.locationId) ?? 0) + 1);
    log(
      `${checks} checks of all ${ROTATE} CRM tokens against Twilio: ${failed} failed. ` +
        `On a new token: ${ended.filter((e) => e.isNew).length}; it is the primary: ${ended.filter((e) => e.isPrimary).length}; a secondary left: ${ended.filter((e) => e.secondaryLeft).length}; ` +
        `CRM writes: ${sites.crm.state.writes.length}, to ${perLocation.size} locations, at most ${Math.max(0, ...perLocation.values())} to one.`,
    );
    for (const failure of failures) log(failure);
    const ok = failed === 0 && ended.every((e) => e.isNew && e.isPrimary && !e.secondaryLeft) && perLocation.size === ROTATE;
    if (!ok) throw new Error('Rotation at scale did not end as it must (see above).');
  } finally {
    clearInterval(timer);
    await ext.close();
    await sites.close();
    build.remove();
  }
}

runMain(main);
