import { describe, expect, it } from 'vitest';
import { CrmProfile, HIGHLEVEL_PROFILE, isPhoneIntegrationPage, LabelVariants, mergeLabelVariants } from '../../utils/crm/profile';

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

describe('the HighLevel profile', () => {
  it('is valid against its own schema', () => {
    expect(CrmProfile.safeParse(HIGHLEVEL_PROFILE).success).toBe(true);
  });

  it('covers the current and the older layout', () => {
    const p = HIGHLEVEL_PROFILE;
    expect(p.paths).toEqual(expect.arrayContaining(['/settings/phone_integration', '/settings/twilio']));
    expect(p.dialog.submit).toEqual(expect.arrayContaining(['Authorize', 'Save']));
    expect(p.dialog.sidLabels).toEqual(expect.arrayContaining(['Account SID', 'Twilio Account SID']));
    expect(p.dialog.tokenLabels).toEqual(expect.arrayContaining(['Auth Token', 'Twilio Auth Token']));
    expect(p.dialog.containers).toEqual(expect.arrayContaining(['[role="dialog"]', '.modal.show']));
    expect(p.rowActions.editIcons.some((selector) => selector.includes('pencil'))).toBe(true);
    expect(p.managedBy.lcPhone).toContain('LC Phone');
  });

  it('has only selectors the browser can parse', () => {
    const selectors = collectSelectors(HIGHLEVEL_PROFILE);
    expect(selectors.length).toBeGreaterThan(50);
    for (const selector of selectors) expect(() => document.createDocumentFragment().querySelector(selector), selector).not.toThrow();
  });

  it('refuses a broken profile', () => {
    expect(CrmProfile.safeParse({ ...HIGHLEVEL_PROFILE, formats: { ...HIGHLEVEL_PROFILE.formats, locationId: '([' } }).success).toBe(false);
    expect(CrmProfile.safeParse({ ...HIGHLEVEL_PROFILE, paths: ['settings/twilio'] }).success).toBe(false);
    expect(CrmProfile.safeParse({ ...HIGHLEVEL_PROFILE, dialog: { ...HIGHLEVEL_PROFILE.dialog, submit: [''] } }).success).toBe(false);
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
  it('are appended after the built-in texts, without duplicates', () => {
    const merged = mergeLabelVariants(HIGHLEVEL_PROFILE, {
      sidLabel: ['Twilio SID Number', 'account sid'],
      submitButton: ['Connect'],
      subAccountTab: ['Client Accounts'],
    });
    expect(merged.dialog.sidLabels.at(-1)).toBe('Twilio SID Number');
    expect(merged.dialog.sidLabels.filter((label) => label.toLowerCase() === 'account sid')).toHaveLength(1);
    expect(merged.dialog.submit.at(-1)).toBe('Connect');
    expect(merged.dialog.submit.indexOf('Authorize')).toBe(0);
    expect(merged.tabs.subAccount).toContain('Client Accounts');
    expect(HIGHLEVEL_PROFILE.dialog.submit).not.toContain('Connect');
  });

  it.each([
    [{ sidLabel: [''] }],
    [{ sidLabel: ['   '] }],
    [{ sidLabel: ['bad\u0007bell'] }],
    [{ sidLabel: ['x'.repeat(101)] }],
    [{ sidLabel: 'Account SID' }],
  ])('refuses %j whole', (raw) => {
    expect(LabelVariants.safeParse(raw).success).toBe(false);
    expect(() => mergeLabelVariants(HIGHLEVEL_PROFILE, raw)).toThrow();
  });
});

describe('driver code takes its selectors from the profile', () => {
  it('has no selector literals outside utils/crm/profile.ts (the universal * aside)', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const dir = join(process.cwd(), 'utils/crm');
    const literalSelector = /(?:querySelector(?:All)?|matches|closest|queryAll|queryVisible)\(\s*(?:[\w.]+,\s*)?\[?\s*(['"`])(?!\*\1)/;
    const offending = readdirSync(dir)
      .filter((file) => file.endsWith('.ts') && file !== 'profile.ts')
      .flatMap((file) =>
        readFileSync(join(dir, file), 'utf8')
          .split('\n')
          .map((line, index) => `${file}:${index + 1}: ${line.trim()}`)
          .filter((line) => literalSelector.test(line)),
      );
    expect(offending).toEqual([]);
  });
});
