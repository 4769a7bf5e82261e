import { launchExtension, CHROME_BUILD_DIR } from '../tests/e2e/harness';
import { startStandIns } from '../tests/stand-ins/start';
import { dashboardUrl } from '../tests/stand-ins/twilio-console/server';
import { startTrace, SCRIPT_EVENTS, extensionShare, type TraceEvent } from '../tests/bench/trace';

const dir = process.argv[2] ?? CHROME_BUILD_DIR;
const reps = Number(process.argv[3] ?? 3);
const verbose = process.argv[4] === 'v';
const sites = await startStandIns();
const url = dashboardUrl(sites.api.state.createAccount('Bench Dental - Austin').sid);
const totals: number[] = [];
for (let rep = 0; rep < reps; rep++) {
  const ext = await launchExtension({ hostResolverRules: sites.hostResolverRules, extensionDir: dir });
  const origin = `chrome-extension://${ext.extensionId}/`;
  const page = await ext.context.newPage();
  const cdp = await ext.context.newCDPSession(page);
  const stop = await startTrace(cdp);
  await page.goto(url);
  await page.getByText('Account SID', { exact: false }).first().waitFor({ timeout: 30_000 });
  await page.waitForTimeout(2500);
  const events = await stop();
  const share = extensionShare(events, 'https://console.twilio.com', origin);
  totals.push(share.extensionScriptMs);
  console.log('load', JSON.stringify(share));
  if (verbose) {
    const ours = events.filter((e) => e.ph === 'X' && SCRIPT_EVENTS.has(e.name) && e.args?.data?.url?.startsWith(origin)).sort((a, b) => a.ts - b.ts);
    const t0 = ours[0]?.ts ?? 0;
    for (const e of ours) {
      const d: any = e.args?.data ?? {};
      const kids = events.filter((k) => k.pid === e.pid && k.tid === e.tid && k.ph === 'X' && k.ts >= e.ts && k.ts + (k.dur ?? 0) <= e.ts + e.dur! && k !== e && (k.tdur ?? k.dur ?? 0) > 300 && !SCRIPT_EVENTS.has(k.name));
      console.log(`  +${((e.ts - t0) / 1000).toFixed(1)} ${e.name} ${(e.dur! / 1000).toFixed(2)}ms cpu ${((e.tdur ?? 0) / 1000).toFixed(2)} ${d.functionName ?? ''} ${d.url?.slice(origin.length)}:${d.columnNumber ?? ''} ${kids.map((k) => `${k.name}=${((k.tdur ?? k.dur!) / 1000).toFixed(2)}`).join(' ')}`);
    }
  }
  await ext.close();
}
console.log('totals', totals.join(' '), 'median', totals.sort((a, b) => a - b)[Math.floor(totals.length / 2)]);
await sites.close();
