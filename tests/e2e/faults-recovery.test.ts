import { describe, expect, it } from 'vitest';
import { storedReasonText } from '../../components/text';
import { sendToCrm, until } from './support/flows';
import {
  ACCOUNT_PATH,
  accountRequests,
  consoleTab,
  crmStepsSince,
  crmTabs,
  crmWith,
  describeAfterTheMatrix,
  expectCrmRecord,
  expectReplaced,
  ext,
  handoffWhen,
  holdAuthorizeAnswer,
  lastStep,
  pages,
  pausedBeforeFill,
  send,
  settles,
  settlesNotFinal,
  sites,
  stepNames,
  stepsSince,
  stopWorkerWhen,
  subaccount,
  useFaultMatrix,
} from './support/fault-matrix';

/**
 * The fault matrix (tests/e2e/support/fault-matrix.ts), its recovery half: the service worker stopped
 * at each step of a handoff, and the CRM tab closed or reloaded mid-fill, where the watchdog takes over.
 */
useFaultMatrix();

describe('the service worker stopped at each step of a handoff', () => {
  it('while Twilio is verifying the pair: the new worker resumes the check, one write', async () => {
    const { account, location, page } = await send('Stop Verify Dental - Akron', () => {
      sites.api.switches.matchPath = ACCOUNT_PATH;
      // Time to see the check under way and stop the worker on a busy machine (4 s was not always, with
      // four browser files at once), short of the Twilio client's 10 s timeout.
      sites.api.switches.delayMs = 8_000;
    });
    const at = await stopWorkerWhen(account.sid, 'verifying', (h) => h.state === 'verifying');
    expect(lastStep(at)).toBe('verifying');
    sites.api.switches.delayMs = 0;
    // Nothing wakes the new worker until the admin looks: back on the console tab, the overlay asks
    // for news (get-handoff), the worker starts and resumes what it finds orphaned. Headless pages stay
    // "visible" and never fire visibilitychange on a tab switch, so the test fires the event the browser
    // would.
    await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
    const done = await settles(account.sid, 'authorized', 30_000);
    // Resumed, not restarted: the same verifying step went on to verified, nothing repeated; the first
    // check died with the old worker before the stand-in answered it.
    expect(stepsSince(done, at).slice(0, 2)).toEqual(['verified', 'matched']);
    expect(accountRequests(account.sid)[0]!.outcome).toBe('hanging');
    expectCrmRecord('worker stopped while verifying', 1, location, account, 1, 1, done);
  });

  it('while the CRM list is being searched: the new worker searches again, one write', async () => {
    const name = 'Stop Search Physio - Canton';
    const { account, location } = await send(name, () => {
      sites.crm.switches.listDelayMs = 5_000;
    });
    const at = await stopWorkerWhen(
      account.sid,
      'the search for the name to reach the CRM',
      (h) => h.state === 'verified' && sites.crm.state.listRequests.some((r) => r.search === name),
    );
    expect(lastStep(at)).toBe('verified');
    sites.crm.switches.listDelayMs = 0;
    // The old search goes on in the CRM tab; the locations it reports wake a new worker, which finds the
    // handoff orphaned at verified and searches again.
    const done = await settles(account.sid, 'authorized');
    expect(stepsSince(done, at)[0]).toBe('matched');
    expectCrmRecord('worker stopped while searching the CRM list', 1, location, account, 1, 1, done);
  });

  it('while the inspect run reads the chosen location: its result wakes a new worker, one write there', async () => {
    const name = 'Stop Inspect Twins - Dayton';
    const account = subaccount(name);
    const [first, second] = sites.crm.setLocations([{ name }, { name }, { name: 'Quiet Harbor Dental - Erie' }]);
    const page = await consoleTab(account.sid);
    await sendToCrm(page);
    const waiting = await settlesNotFinal(account.sid, 'needs-choice');
    const chosen = waiting.candidates!.find((c) => c.location.id === second!.id)!.location;

    // The admin closed the CRM tab meanwhile; the inspect run opens a new one, whose list loads slowly.
    for (const tab of crmTabs()) await tab.close();
    sites.crm.switches.listDelayMs = 5_000;
    // The popup's choice (utils/messages.ts handoff-command), sent from an extension page as the popup sends it.
    const popup = await ext.openExtensionPage('popup.html');
    pages.push(popup);
    const reply = await popup.evaluate(
      (message) => (globalThis as unknown as { chrome: typeof import('wxt/browser').browser }).chrome.runtime.sendMessage(message),
      { type: 'handoff-command', handoffId: waiting.id, action: 'choose-location', location: chosen },
    );
    expect(reply).toMatchObject({ ok: true });
    const at = await stopWorkerWhen(account.sid, 'the inspect run to wait for the list', (h) => h.state === 'matched' && crmStepsSince(h, 'matched').includes('crm:open-tab'));
    expect(at.runId).toBeDefined();
    expect(crmStepsSince(at, 'matched').slice(0, 2)).toEqual(['crm:open-page', 'crm:open-tab']);
    expect(crmStepsSince(at, 'matched')).not.toContain('crm:check-dialog');
    sites.crm.switches.listDelayMs = 0;
    const done = await settles(account.sid, 'authorized');
    // The inspect run went on without the worker; its result decided, then the fill ran.
    expect(stepsSince(done, at)).toEqual(expect.arrayContaining(['crm:check-dialog', 'filling', 'submitting', 'authorized']));
    expect(done.location?.id).toBe(second!.id);
    expect(sites.crm.state.writes.filter((w) => w.locationId === first!.id)).toEqual([]);
    expectCrmRecord('worker stopped during the inspect run', 1, second!, account, 1, 1, done);
  });

  it('while filling, before the submit: the run asks the new worker, one write', async () => {
    const { account, location, replace } = await pausedBeforeFill('Stop Fill Orthodontics - Toledo', true);
    sites.crm.switches.listDelayMs = 4_000;
    await replace();
    const at = await stopWorkerWhen(account.sid, 'the fill run to wait for the list', (h) => h.state === 'filling' && crmStepsSince(h, 'filling').includes('crm:open-tab'));
    expect(crmStepsSince(at, 'filling')).not.toContain('crm:fill-sid');
    expect(sites.crm.state.submissions).toHaveLength(0);
    sites.crm.switches.listDelayMs = 0;
    const done = await settles(account.sid, 'authorized');
    // Same run: no second filling entry; its submit intent woke the new worker.
    expect(stepsSince(done, at)).not.toContain('filling');
    expect(stepsSince(done, at)).toEqual(expect.arrayContaining(['crm:fill-sid', 'crm:fill-token', 'crm:submit', 'submitting', 'authorized']));
    expectReplaced(account);
    expectCrmRecord('worker stopped while filling', 1, location, account, 1, 1, done);
  });

  it('after the submit intent, while the CRM holds the Authorize request: one write', async () => {
    const { account, location } = await send('Stop Submit Chiro - Erie', () => {
      sites.crm.switches.authorizeDelayMs = 4_000;
    });
    const at = await stopWorkerWhen(
      account.sid,
      'the CRM to hold the Authorize request',
      (h) => h.state === 'submitting' && sites.crm.state.submissions.some((s) => s.outcome === 'pending'),
    );
    expect(stepNames(at)).toEqual(expect.arrayContaining(['crm:submit', 'submitting']));
    expect(sites.crm.state.writes).toHaveLength(0);
    const done = await settles(account.sid, 'authorized');
    expect(stepsSince(done, at).filter((s) => s === 'submitting')).toEqual([]);
    expectCrmRecord('worker stopped while the CRM holds Authorize', 1, location, account, 1, 1, done);
  });

  it('after the write, before the result reached the background: the result wakes a new worker, one write', async () => {
    const name = 'Stop Result Spa - Boise';
    const account = subaccount(name);
    const location = crmWith(name);
    const held = await holdAuthorizeAnswer();
    const page = await consoleTab(account.sid);
    await sendToCrm(page);
    await until(async () => sites.crm.state.writes.length, (n) => n === 1, 'the write', 60_000, 50);
    const at = await stopWorkerWhen(account.sid, 'submitting', (h) => h.state === 'submitting');
    expect(lastStep(at)).toBe('crm:read-result');
    held.release();
    const done = await settles(account.sid, 'authorized');
    expect(done).toMatchObject({ reasonCode: 'crm-accepted', reasonParams: { message: expect.stringContaining('Twilio credentials updated successfully') } });
    expectCrmRecord('worker stopped after the write, before the result', 1, location, account, 1, 1, done);
  });
});

describe('the CRM tab closed or reloaded mid-fill (the watchdog takes over: after 45 s in the store build, 20 s in this test build)', () => {
  it('closed while the fill run is under way: the watchdog fills again in a new tab, one write', async () => {
    const { account, location, replace } = await pausedBeforeFill('Closed Tab Dental - Flint', true);
    sites.crm.switches.listDelayMs = 3_000;
    await replace();
    const at = await handoffWhen(account.sid, 'the fill run to wait for the list', (h) => h.state === 'filling' && crmStepsSince(h, 'filling').includes('crm:open-tab'));
    const [tab] = crmTabs();
    await tab!.close();
    sites.crm.switches.listDelayMs = 0;
    const done = await settles(account.sid, 'authorized', 120_000);
    // A second run under a new id, after the first died with its tab.
    const fills = done.steps.filter((s) => s.step === 'filling');
    expect(fills).toHaveLength(2);
    expect(fills[1]!.detail).not.toBe(fills[0]!.detail);
    expect(stepsSince(done, at).filter((s) => s === 'submitting')).toHaveLength(1);
    expectReplaced(account);
    expectCrmRecord('CRM tab closed mid-fill', 1, location, account, 1, 1, done);
  }, 150_000);

  it('reloaded while the fill run is under way: the watchdog fills again in the same tab, one write', async () => {
    const { account, location, replace } = await pausedBeforeFill('Reloaded Early Dental - Kent', true);
    sites.crm.switches.listDelayMs = 3_000;
    await replace();
    const at = await handoffWhen(account.sid, 'the fill run to wait for the list', (h) => h.state === 'filling' && crmStepsSince(h, 'filling').includes('crm:open-tab'));
    const [tab] = crmTabs();
    await tab!.reload();
    sites.crm.switches.listDelayMs = 0;
    const done = await settles(account.sid, 'authorized', 120_000);
    const fills = done.steps.filter((s) => s.step === 'filling');
    expect(fills).toHaveLength(2);
    expect(fills[1]!.detail).not.toBe(fills[0]!.detail);
    expect(stepsSince(done, at).filter((s) => s === 'submitting')).toHaveLength(1);
    expect(crmTabs()).toEqual([tab]);
    expectReplaced(account);
    expectCrmRecord('CRM tab reloaded mid-fill', 1, location, account, 1, 1, done);
  }, 150_000);

  it('closed while the CRM holds the Authorize request: the watchdog looks in a new tab, one write', async () => {
    const { account, location } = await send('Closed Late Vets - Elgin', () => {
      sites.crm.switches.authorizeDelayMs = 3_000;
    });
    const at = await handoffWhen(account.sid, 'a pending submission', (h) => h.state === 'submitting' && sites.crm.state.submissions.length === 1);
    expect(sites.crm.state.submissions[0]!.outcome).toBe('pending');
    await crmTabs()[0]!.close();
    // The CRM finishes what it received; the page that asked is gone.
    const done = await settles(account.sid, 'authorized', 120_000);
    expect(stepsSince(done, at)).not.toContain('crm:submit');
    expect(done.reasonCode).toBe('crm-shows-new-sid');
    expect(storedReasonText(done)).toMatch(/shows the new Account SID/);
    expectCrmRecord('CRM tab closed with Authorize pending', 1, location, account, 1, 1, done);
  }, 150_000);

  it('reloaded while the CRM holds the Authorize request: the watchdog only looks, one write', async () => {
    const { account, location } = await send('Reloaded Tab Vets - Lima', () => {
      sites.crm.switches.authorizeDelayMs = 3_000;
    });
    const at = await handoffWhen(account.sid, 'a pending submission', (h) => h.state === 'submitting' && sites.crm.state.submissions.length === 1);
    expect(sites.crm.state.submissions[0]!.outcome).toBe('pending');
    await crmTabs()[0]!.reload();
    const done = await settles(account.sid, 'authorized', 120_000);
    // Settled by reading the dialog, not by submitting again.
    expect(stepsSince(done, at)).not.toContain('crm:submit');
    expect(done.reasonCode).toBe('crm-shows-new-sid');
    expect(storedReasonText(done)).toMatch(/shows the new Account SID/);
    expectCrmRecord('CRM tab reloaded with Authorize pending', 1, location, account, 1, 1, done);
  }, 150_000);
});

describeAfterTheMatrix();
