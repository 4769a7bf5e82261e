import { describe, expect, it } from 'vitest';
import {
  LABEL_VARIANT_KINDS,
  LabelVariants,
  checkLabelVariant,
  labelTexts,
  mergeLabelVariants,
  parseLabelVariants,
  profileWithAdminWording,
  type LabelVariantKind,
} from '../../utils/crm/label-variants';
import { HIGHLEVEL_GENERIC, HIGHLEVEL_LAYOUTS, HIGHLEVEL_PROFILE, HIGHLEVEL_STEPS, chooseLayout, isPhoneIntegrationPage } from '../../utils/crm/profile';
import { CrmProfile, stepsProblem, type RunStepName } from '../../utils/crm/profile-schema';

const ALL_PROFILES = [...HIGHLEVEL_LAYOUTS, HIGHLEVEL_GENERIC];
const byId = (id: string) => HIGHLEVEL_LAYOUTS.find((layout) => layout.layout.id === id)!;

describe('Phone Integration page detection', () => {
  it.each([
    ['https://app.gohighlevel.com/settings/phone_integration', true],
    ['https://app.gohighlevel.com/settings/phone_integration/', true],
    ['https://app.gohighlevel.com/settings/phone_integration?tab=sub-account', true],
    ['https://app.gohighlevel.com/settings/twilio', true],
    ['https://app.myagency.test/settings/phone_integration', true],
    ['https://app.gohighlevel.com/#/settings/twilio', false],
    ['https://app.gohighlevel.com/settings/phone_integration_x', false],
    ['https://app.gohighlevel.com/v2/location/abc/settings/phone_integration', false],
    ['https://app.gohighlevel.com/settings', false],
    ['http://app.gohighlevel.com/settings/phone_integration', false],
    ['not a url', false],
  ])('%s → %s', (url, expected) => expect(isPhoneIntegrationPage(url)).toBe(expected));
});

describe('the HighLevel profiles', () => {
  it.each(ALL_PROFILES.map((p) => [p.layout.id, p] as const))('%s is valid against the schema', (_id, profile) => {
    expect(CrmProfile.safeParse(profile).success).toBe(true);
  });

  it('one per known layout, each with anchors of its own and the shared texts', () => {
    expect(HIGHLEVEL_LAYOUTS.map((p) => p.layout.id)).toEqual(['design-system-hr', 'design-system-n', 'design-system-hl', 'classic']);
    for (const p of ALL_PROFILES) {
      expect(p.paths).toEqual(expect.arrayContaining(['/settings/phone_integration', '/settings/twilio']));
      expect(p.dialog.submit).toEqual(expect.arrayContaining(['Authorize', 'Save']));
      expect(p.dialog.sidLabels).toEqual(expect.arrayContaining(['Account SID', 'Twilio Account SID']));
      expect(p.dialog.tokenLabels).toEqual(expect.arrayContaining(['Auth Token', 'Twilio Auth Token']));
      expect(p.dialog.containers).toContain('[role="dialog"]');
      expect(p.rowActions.editIcons.some((selector) => selector.includes('pencil'))).toBe(true);
      expect(p.managedBy.lcPhone).toContain('LC Phone');
    }
    const anchors = HIGHLEVEL_LAYOUTS.map((p) => p.layout.anchors.selectors.join());
    expect(new Set(anchors).size).toBe(anchors.length);
    expect(HIGHLEVEL_GENERIC.layout.anchors).toEqual({ paths: [], selectors: [] });
  });

  it('keeps each layout’s class names to itself (not one merged list)', () => {
    const hr = byId('design-system-hr');
    const n = byId('design-system-n');
    const classic = byId('classic');
    expect(hr.dialog.containers).toEqual(expect.arrayContaining(['.hr-modal', '.hr-drawer']));
    expect(hr.dialog.containers).not.toContain('.modal.show');
    expect(hr.dialog.containers).not.toContain('.n-modal');
    expect(n.menu.containers[0]).toBe('.n-dropdown-menu');
    expect(JSON.stringify(n)).not.toContain('.hr-');
    expect(classic.dialog.containers[0]).toBe('.modal.show');
    expect(JSON.stringify(classic)).not.toMatch(/\.(?:hr|n|hl)-/);
    expect(JSON.stringify(HIGHLEVEL_GENERIC)).not.toMatch(/\.(?:hr|n|hl)-|\.modal|\.btn|\.alert-/);
  });

  it.each(ALL_PROFILES.map((p) => [p.layout.id, p] as const))('%s has only selectors the browser can parse', (_id, profile) => {
    const selectors = [...collectSelectors(profile), ...profile.layout.anchors.selectors];
    expect(selectors.length).toBeGreaterThan(30);
    for (const selector of selectors) expect(() => document.createDocumentFragment().querySelector(selector), selector).not.toThrow();
  });

  it('refuses a broken profile', () => {
    expect(CrmProfile.safeParse({ ...HIGHLEVEL_PROFILE, formats: { ...HIGHLEVEL_PROFILE.formats, locationId: '([' } }).success).toBe(false);
    expect(CrmProfile.safeParse({ ...HIGHLEVEL_PROFILE, paths: ['settings/twilio'] }).success).toBe(false);
    expect(CrmProfile.safeParse({ ...HIGHLEVEL_PROFILE, dialog: { ...HIGHLEVEL_PROFILE.dialog, submit: [''] } }).success).toBe(false);
    expect(CrmProfile.safeParse({ ...HIGHLEVEL_PROFILE, steps: ['open-page', 'find-row'] }).success).toBe(false);
    expect(CrmProfile.safeParse({ ...HIGHLEVEL_PROFILE, layout: { id: 'x', anchors: { paths: ['no-slash'], selectors: [] } } }).success).toBe(false);
  });
});

describe('a layout’s steps', () => {
  const without = (...names: RunStepName[]) => HIGHLEVEL_STEPS.filter((step) => !names.includes(step));
  it.each<[string, RunStepName[], string | undefined]>([
    ['all of them', HIGHLEVEL_STEPS, undefined],
    ['no tab to open', without('open-tab'), undefined],
    ['no name check', without('check-editor'), 'missing steps: check-editor'],
    ['no read of what the editor holds', without('read-current'), 'missing steps: read-current'],
    ['no result read', without('read-result'), 'missing steps: read-result'],
    ['submit before fill', ['open-page', 'open-tab', 'find-row', 'open-editor', 'check-editor', 'read-current', 'submit', 'fill', 'read-result'], 'steps out of order or repeated'],
    ['a step twice', [...HIGHLEVEL_STEPS, 'read-result'], 'steps out of order or repeated'],
    ['the page not first', ['find-row', 'open-page', ...without('open-page', 'find-row')], 'steps out of order or repeated'],
  ])('%s', (_what, steps, problem) => expect(stepsProblem(steps)).toBe(problem));
});

describe('choosing the layout by the page’s anchors', () => {
  const page = (html: string) => new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
  const URL_NOW = 'https://app.gohighlevel.com/settings/phone_integration';
  const URL_OLD = 'https://app.gohighlevel.com/settings/twilio';
  it.each<[string, string, string, string]>([
    ['HighLevel’s design system', '<div class="hr-tabs"></div><div class="hr-data-table"><table></table></div><div class="hr-pagination"></div>', URL_NOW, 'design-system-hr'],
    ['naive-ui’s own prefix', '<div class="n-tabs"></div><div class="n-data-table"><table></table></div><button class="n-button"></button>', URL_NOW, 'design-system-n'],
    ['the hl- flag', '<div class="hl-data-table"><table></table></div><div class="hl-input"></div>', URL_NOW, 'design-system-hl'],
    ['Bootstrap', '<ul class="nav-tabs"></ul><table class="table"></table><button class="btn"></button><ul class="pagination"></ul>', URL_NOW, 'classic'],
    ['the old path and a plain table', '<table></table>', URL_OLD, 'classic'],
    ['a Bootstrap button in a design-system page', '<div class="hr-tabs"></div><div class="hr-data-table"></div><button class="btn hr-button"></button>', URL_NOW, 'design-system-hr'],
    ['nothing known: the generic profile', '<table role="grid"></table><button>Edit</button>', URL_NOW, 'generic'],
    ['an empty page', '', URL_NOW, 'generic'],
  ])('%s → %s', (_what, html, url, id) => {
    expect(chooseLayout(page(html), url, HIGHLEVEL_LAYOUTS, HIGHLEVEL_GENERIC).layout.id).toBe(id);
  });
});

function collectSelectors(profile: CrmProfile): string[] {
  return [
    ...profile.page.loaders,
    ...profile.tabs.tabs,
    ...profile.tabs.active,
    ...profile.search.inputs,
    ...profile.table.containers,
    ...profile.table.headerCells,
    ...profile.table.rows,
    ...profile.table.cells,
    ...profile.table.notName,
    ...profile.pagination.containers,
    ...profile.pagination.next,
    ...profile.pagination.lastArrow,
    ...profile.pagination.disabled,
    ...profile.rowActions.clickable,
    ...profile.rowActions.menuTriggers,
    ...profile.rowActions.iconContent,
    ...profile.table.idLinks,
    ...profile.rowActions.menuIcons,
    ...profile.rowActions.editIcons,
    ...profile.menu.containers,
    ...profile.menu.items,
    ...profile.dialog.containers,
    ...profile.dialog.titles,
    ...profile.dialog.buttons,
    ...profile.dialog.close,
    ...profile.dialog.disabled,
    ...profile.dialog.errors,
    ...profile.toasts.containers,
    ...profile.toasts.success,
    ...profile.toasts.error,
  ];
}

describe('admin label variants', () => {
  const SETTINGS_V2 = { version: 2, crmHosts: [], autoAuthorize: true };

  it('are appended after the built-in texts, without duplicates', () => {
    const merged = mergeLabelVariants(HIGHLEVEL_PROFILE, {
      sidLabel: ['Twilio SID Number', 'account sid'],
      submitButton: ['Verify & Save'],
      subAccountTab: ['Client Accounts'],
    });
    expect(merged.dialog.sidLabels.at(-1)).toBe('Twilio SID Number');
    expect(merged.dialog.sidLabels.filter((label) => label.toLowerCase() === 'account sid')).toHaveLength(1);
    expect(merged.dialog.submit.at(-1)).toBe('Verify & Save');
    expect(merged.dialog.submit.indexOf('Authorize')).toBe(0);
    expect(merged.tabs.subAccount).toContain('Client Accounts');
    expect(HIGHLEVEL_PROFILE.dialog.submit).not.toContain('Verify & Save');
    expect(CrmProfile.safeParse(merged).success).toBe(true);
  });

  it.each(LABEL_VARIANT_KINDS)('%s extends exactly one list of the profile', (kind) => {
    const merged = mergeLabelVariants(HIGHLEVEL_PROFILE, { [kind]: ['Brand New Wording'] });
    expect(labelTexts(merged, kind).at(-1)).toBe('Brand New Wording');
    const changed = JSON.stringify(merged).split('Brand New Wording').length - 1;
    expect(changed).toBe(1);
  });

  it.each([
    ['a blank text', { sidLabel: [''] }],
    ['spaces only', { sidLabel: ['   '] }],
    ['a control character', { sidLabel: ['bad\u0007bell'] }],
    ['a zero-width character', { tokenLabel: ['Auth\u200bToken'] }],
    ['markup', { tokenLabel: ['<b>Auth Key</b>'] }],
    ['text not normalised', { tokenLabel: ['  Auth Key'] }],
    ['61 characters', { sidLabel: ['x'.repeat(61)] }],
    ['a string instead of a list', { sidLabel: 'Account SID' }],
    ['a number in the list', { sidLabel: [42] }],
    ['two alike', { searchBox: ['Find clients', 'find clients:'] }],
    ['21 texts', { searchBox: Array.from({ length: 21 }, (_, i) => `Find ${i}`) }],
    ['an unknown kind', { sidLabels: ['Account SID'] }],
    ['not an object', ['Account SID']],
  ])('are refused whole for %s', (_name, raw) => {
    expect(parseLabelVariants(raw)).toBeUndefined();
    expect(LabelVariants.safeParse(raw).success).toBe(false);
    expect(profileWithAdminWording(HIGHLEVEL_PROFILE, { ...SETTINGS_V2, labelVariants: raw })).toBe(HIGHLEVEL_PROFILE);
  });

  it('accept 60 characters, an empty list and a list of 20', () => {
    const raw = { sidLabel: ['x'.repeat(60)], tokenLabel: [], searchBox: Array.from({ length: 20 }, (_, i) => `Find ${i}`) };
    expect(parseLabelVariants(raw)).toEqual(raw);
    expect(LabelVariants.safeParse(raw).success).toBe(true);
  });

  it('reach the profile a run uses from stored settings of any version', () => {
    const stored = { ...SETTINGS_V2, labelVariants: { tokenLabel: ['Twilio Auth Key'] } };
    expect(profileWithAdminWording(HIGHLEVEL_PROFILE, stored).dialog.tokenLabels.at(-1)).toBe('Twilio Auth Key');
    // Version 1 had no wording, and nothing stored is the built-in profile.
    expect(profileWithAdminWording(HIGHLEVEL_PROFILE, { version: 1, crmHosts: [] })).toBe(HIGHLEVEL_PROFILE);
    expect(profileWithAdminWording(HIGHLEVEL_PROFILE, undefined)).toBe(HIGHLEVEL_PROFILE);
    expect(profileWithAdminWording(HIGHLEVEL_PROFILE, null)).toBe(HIGHLEVEL_PROFILE);
  });
});

describe('checking one wording the admin types', () => {
  const none: LabelVariants = {};
  it.each<[string, LabelVariantKind, string, LabelVariants, ReturnType<typeof checkLabelVariant>]>([
    ['a new label', 'tokenLabel', 'Twilio Auth Key', none, { ok: true, text: 'Twilio Auth Key' }],
    ['white space collapsed', 'tokenLabel', '  Twilio\n  Auth\tKey ', none, { ok: true, text: 'Twilio Auth Key' }],
    ['nothing', 'tokenLabel', '   ', none, { ok: false, problem: 'empty' }],
    ['61 characters', 'searchBox', 'x'.repeat(61), none, { ok: false, problem: 'too-long' }],
    ['a control character', 'searchBox', 'Find\u0007clients', none, { ok: false, problem: 'not-plain' }],
    ['a zero-width space', 'searchBox', 'Find\u200bclients', none, { ok: false, problem: 'not-plain' }],
    ['a right-to-left override', 'searchBox', 'Find \u202eclients', none, { ok: false, problem: 'not-plain' }],
    ['markup', 'submitButton', '<button>Connect</button>', none, { ok: false, problem: 'not-plain' }],
    ['one already added', 'tokenLabel', 'twilio auth key:', { tokenLabel: ['Twilio Auth Key'] }, { ok: false, problem: 'duplicate' }],
    ['a built-in wording', 'sidLabel', 'ACCOUNT SID', none, { ok: false, problem: 'built-in' }],
    ['the Auth Token label as an Account SID label', 'sidLabel', 'Twilio Token', none, { ok: false, problem: 'conflict' }],
    ['an added SID label as a token label', 'tokenLabel', 'SID Key', { sidLabel: ['SID Key'] }, { ok: false, problem: 'conflict' }],
    ['Cancel as the Authorize button', 'submitButton', 'Close', none, { ok: false, problem: 'conflict' }],
    ['the same text for two places that may share it', 'searchBox', 'Update Credentials', none, { ok: true, text: 'Update Credentials' }],
    [
      'a 21st wording',
      'searchBox',
      'Find more',
      { searchBox: Array.from({ length: 20 }, (_, i) => `Find ${i}`) },
      { ok: false, problem: 'too-many' },
    ],
  ])('%s', (_name, kind, input, added, expected) => {
    const answer = checkLabelVariant(kind, input, added, HIGHLEVEL_PROFILE);
    expect(answer).toEqual(expected);
    if (answer.ok) expect(parseLabelVariants({ ...added, [kind]: [...(added[kind] ?? []), answer.text] })).toBeDefined();
  });
});
