import { launchExtension } from '../tests/e2e/harness';
import { startStandIns } from '../tests/stand-ins/start';
import { consoleUrl } from '../tests/stand-ins/twilio-console/server';
const sites = await startStandIns();
const ext = await launchExtension({ hostResolverRules: sites.hostResolverRules, extensionDir: null });
const page = await ext.context.newPage();
await page.goto(consoleUrl('us1', process.argv[2] ?? '/account/manage-account/subaccounts/create'));
await page.waitForTimeout(2000);
const r = await page.evaluate(() => {
  const t = document.body.textContent ?? '';
  const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT); let n = 0; while (w.nextNode()) n++;
  return { len: t.length, textNodes: n, elements: document.body.querySelectorAll('*').length, sid: [...t.matchAll(/.{0,30}(sid|token).{0,30}/gi)].map((m) => m[0]) };
});
console.log(JSON.stringify(r, null, 1));
await ext.close(); await sites.close();
