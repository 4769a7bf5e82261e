import { launchExtension, CHROME_BUILD_DIR } from '../tests/e2e/harness';
import { startStandIns } from '../tests/stand-ins/start';
import { dashboardUrl } from '../tests/stand-ins/twilio-console/server';
import { mutationScript } from '../tests/bench/host-page';

const dir = process.argv[2] ?? CHROME_BUILD_DIR;
const path = process.argv[3] ?? '/account/manage-account/subaccounts/create';
const sites = await startStandIns();
sites.api.state.createAccount('Bench Plain Dental');
const url = dashboardUrl(sites.api.state.createAccount('Bench Dental - Austin').sid);
const ext = await launchExtension({ hostResolverRules: sites.hostResolverRules, extensionDir: dir });
const origin = `chrome-extension://${ext.extensionId}/`;
const page = await ext.context.newPage();
const cdp = await ext.context.newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
for (const phase of ['load']) {
  await cdp.send('Profiler.start');
  if (phase === 'load') {
    await page.goto(url);
    await page.waitForTimeout(2500);
  } else {
    await page.evaluate(mutationScript(1000));
    await page.waitForTimeout(2000);
  }
  const { profile } = (await cdp.send('Profiler.stop')) as any;
  const byId = new Map<number, any>(profile.nodes.map((n: any) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const counts = new Map<number, number>();
  for (const s of profile.samples) counts.set(s, (counts.get(s) ?? 0) + 1);
  const dt = (profile.endTime - profile.startTime) / profile.samples.length / 1000;
  // inclusive time under each of our frames, attributed to innermost-ours frame, and leaf natives
  const agg = new Map<string, number>();
  let total = 0;
  for (const [id, c] of counts) {
    // walk up: find first ours
    let cur: number | undefined = id;
    let leaf = byId.get(id).callFrame;
    let ours: any = null;
    while (cur !== undefined) {
      const f = byId.get(cur).callFrame;
      if (f.url.startsWith(origin)) { ours = f; break; }
      cur = parent.get(cur);
    }
    if (!ours) continue;
    total += c * dt;
    const key = process.argv[4] === 'self' ? `${leaf.functionName || '(anon)'} ${leaf.url.slice(-25)}:${leaf.columnNumber}` : `${ours.functionName || '(anon)'} ${ours.url.slice(-25)}:${ours.columnNumber} <- leaf ${leaf.functionName || leaf.url.slice(-20) || '(native)'}`;
    agg.set(key, (agg.get(key) ?? 0) + c * dt);
  }
  console.log(phase, 'ours total ms', total.toFixed(2));
  for (const [k, v] of [...agg].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log('  ', v.toFixed(2), k);
}
await ext.close();
await sites.close();
