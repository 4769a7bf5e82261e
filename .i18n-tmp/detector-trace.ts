import { launchExtension, CHROME_BUILD_DIR } from '../tests/e2e/harness';
import { startStandIns } from '../tests/stand-ins/start';
import { consoleUrl } from '../tests/stand-ins/twilio-console/server';
import { startTrace, SCRIPT_EVENTS, extensionShare, type TraceEvent } from '../tests/bench/trace';
import { mutationScript } from '../tests/bench/host-page';

const dir = process.argv[2] ?? CHROME_BUILD_DIR;
const reps = Number(process.argv[3] ?? 3);
const sites = await startStandIns();
sites.api.state.createAccount('Bench Plain Dental');
const url = consoleUrl('us1', '/account/manage-account/subaccounts/create');
for (let rep = 0; rep < reps; rep++) {
  const ext = await launchExtension({ hostResolverRules: sites.hostResolverRules, extensionDir: dir });
  const origin = `chrome-extension://${ext.extensionId}/`;
  const page = await ext.context.newPage();
  const cdp = await ext.context.newCDPSession(page);
  let stop = await startTrace(cdp, ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'v8', 'extensions', 'blink']);
  await page.goto(url);
  await page.getByRole('heading', { name: 'Create new subaccount' }).waitFor({ timeout: 30_000 });
  await page.waitForTimeout(2500);
  let events = await stop();
  const show = (events: TraceEvent[], label: string) => {
    const share = extensionShare(events, 'https://console.twilio.com', origin);
    console.log(label, JSON.stringify(share));
    const ours = events.filter((e) => e.ph === 'X' && SCRIPT_EVENTS.has(e.name) && e.args?.data?.url?.startsWith(origin));
    for (const e of ours) {
      const d: any = e.args?.data ?? {};
      const kids = events.filter((k) => k.pid === e.pid && k.tid === e.tid && k.ph === 'X' && k.ts >= e.ts && k.ts + (k.dur ?? 0) <= e.ts + e.dur! && k !== e && (k.dur ?? 0) > 100);
      console.log(`  ${e.name} ${(e.dur! / 1000).toFixed(2)}ms cpu ${((e.tdur ?? 0) / 1000).toFixed(2)} ${d.functionName ?? ''} ${d.url?.slice(origin.length)}:${d.lineNumber ?? ''}:${d.columnNumber ?? ''}  kids: ${kids.map((k) => `${k.name}=${(k.dur! / 1000).toFixed(2)}`).join(' ')}`);
    }
  };
  show(events, 'load');
  stop = await startTrace(cdp);
  await page.evaluate(mutationScript(1000));
  await page.waitForTimeout(2000);
  events = await stop();
  show(events, 'mutations');
  await ext.close();
}
await sites.close();
