import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { loadCrmLayouts, startCrmContentScript } from '../../utils/crm/content-script';
import { runLocation, type DriverContext } from '../../utils/crm/driver';
import { checkLabelVariant, type LabelVariantKind } from '../../utils/crm/label-variants';
import { HIGHLEVEL_GENERIC, HIGHLEVEL_LAYOUTS, HIGHLEVEL_PROFILE, type CrmProfile } from '../../utils/crm/profile';
import type { CheckReport } from '../../utils/messages';
import { reasonText } from '../../components/reason-text';
import { SETTINGS_KEY, updateSettings } from '../../utils/settings';
import { mountFakeCrm, type FakeCrm, type FakeOptions } from './crm-fake-page';

/**
 * Issue 6 item 1: when the CRM renames a label, the admin adds the new wording in the options page
 * and the CRM content script uses it from the next request on. The CRM stand-in's labels are fixed,
 * so this runs against the happy-dom fake page (tests/unit/crm-fake-page.ts) with its wording
 * changed; the real storage path is WXT's fake browser, as in the extension.
 */

const SID = 'AC' + 'a'.repeat(32);
const TOKEN = 'f'.repeat(32);
const ACME = { id: 'loc00000000000000001', name: 'Acme Dental - Austin', sid: 'AC' + '1'.repeat(32), provider: 'Twilio' as const };
const PAGE = 'https://app.gohighlevel.com/settings/phone_integration';

/** The profile as loaded, with waits short enough for a unit test (the wording is what counts). */
const fast = (profile: CrmProfile): CrmProfile => ({
  ...profile,
  waits: { ...profile.waits, pageMs: 2000, stepMs: 600, searchDebounceMs: 30, searchUnchangedMs: 250, quietMs: 60, pageQuietMs: 40, enableMs: 500, searchMs: 2000, submitIntentMs: 500, resultMs: 600 },
});

/** What the options page does when the admin adds a wording (components/CrmWordingSection.tsx). */
async function addWording(kind: LabelVariantKind, input: string): Promise<void> {
  await updateSettings((settings) => {
    const check = checkLabelVariant(kind, input, settings.labelVariants, HIGHLEVEL_PROFILE);
    if (!check.ok) throw new Error(check.problem);
    return { ...settings, labelVariants: { ...settings.labelVariants, [kind]: [...(settings.labelVariants[kind] ?? []), check.text] } };
  });
}

let page: FakeCrm | undefined;
function setup(options: Omit<FakeOptions, 'locations'>): FakeCrm {
  page = mountFakeCrm({ locations: [ACME], ...options });
  return page;
}

beforeEach(() => fakeBrowser.reset());
afterEach(() => {
  page?.close();
  page = undefined;
});

/** The layouts as the content script loads them for a request. */
type Loaded = Pick<DriverContext, 'profile' | 'layouts'>;

async function fill({ profile, layouts }: Loaded) {
  return runLocation(
    { action: 'submit', location: { id: ACME.id, name: ACME.name }, sid: SID, token: TOKEN, expectedCurrentSid: ACME.sid },
    { profile: fast(profile), layouts: layouts?.map(fast), doc: document, url: () => PAGE },
    { confirmSubmit: async () => true },
  );
}

describe('a dialog whose token field the CRM now labels "Twilio Auth Key"', () => {
  it('stops at the dialog, nothing written, before the wording is added', async () => {
    const crm = setup({ wording: { tokenLabel: 'Twilio Auth Key' } });
    const outcome = await fill(await loadCrmLayouts());
    expect(outcome).toMatchObject({ kind: 'driver-error', step: 'check-dialog', code: 'not-editor', submitted: false });
    // What the admin reads: the fields it could not find, and where to add the wording.
    if (outcome.kind !== 'driver-error') return;
    const shown = reasonText(`driver:${outcome.step}`, { ...outcome.params, driverCode: outcome.code });
    expect(shown).toMatch(/Account SID and Auth Token fields/);
    expect(shown).toMatch(/"CRM wording"/);
    expect(crm.submissions).toEqual([]);
  });

  it('is filled and authorized once the admin added the wording', async () => {
    const crm = setup({ wording: { tokenLabel: 'Twilio Auth Key' } });
    await addWording('tokenLabel', '  Twilio Auth   Key ');
    expect((await fakeBrowser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY]).toMatchObject({ version: 2, labelVariants: { tokenLabel: ['Twilio Auth Key'] } });
    const loaded = await loadCrmLayouts();
    for (const layout of [loaded.profile, ...loaded.layouts!]) expect(layout.dialog.tokenLabels.at(-1)).toBe('Twilio Auth Key');
    expect(await fill(loaded)).toEqual({ kind: 'authorized', message: 'Credentials updated successfully' });
    expect(crm.submissions).toEqual([{ locationId: ACME.id, sid: SID, token: TOKEN }]);
  });

  it('keeps the built-in wording first: the usual page still works with the wording added', async () => {
    const crm = setup({});
    await addWording('tokenLabel', 'Twilio Auth Key');
    expect(await fill(await loadCrmLayouts())).toMatchObject({ kind: 'authorized' });
    expect(crm.submissions).toHaveLength(1);
  });

  it('falls back to the built-in wording when the stored wording is damaged', async () => {
    await fakeBrowser.storage.local.set({ [SETTINGS_KEY]: { version: 2, labelVariants: { tokenLabel: ['Auth\u0000Key'] } } });
    const loaded = await loadCrmLayouts();
    expect(loaded.profile).toBe(HIGHLEVEL_GENERIC);
    expect(loaded.layouts).toEqual(HIGHLEVEL_LAYOUTS);
    expect(loaded.layouts![0]).toBe(HIGHLEVEL_PROFILE);
  });
});

describe('the CRM content script reads the wording for every request', () => {
  it('"Check this page" misses a renamed search box, then finds it after the wording is added, without a reload', async () => {
    setup({ wording: { searchPlaceholder: 'Find client accounts by name' } });
    // The content script reads the tab's own address, as in the CRM tab.
    const was = location.href;
    const happyDOM = (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM;
    happyDOM.setURL(PAGE);
    const abort = new AbortController();
    const ctx = { signal: abort.signal, onInvalidated: (cb: () => void) => abort.signal.addEventListener('abort', cb) } as unknown as ContentScriptContext;
    startCrmContentScript(ctx);
    const check = async (): Promise<CheckReport> => {
      const [reply] = await fakeBrowser.runtime.onMessage.trigger({ type: 'crm-check-page' }, { id: fakeBrowser.runtime.id }, () => undefined);
      return (await reply) as CheckReport;
    };
    try {
      const before = await check();
      expect(before.anchors.find(({ anchor }) => anchor === 'search-box')).toEqual({ anchor: 'search-box', found: false });
      await addWording('searchBox', 'Find client accounts');
      const after = await check();
      expect(after.anchors.filter(({ found }) => !found).map(({ anchor }) => anchor)).not.toContain('search-box');
    } finally {
      abort.abort();
      happyDOM.setURL(was);
    }
  });
});
