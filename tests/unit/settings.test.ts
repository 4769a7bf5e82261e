import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  DEFAULT_SETTINGS,
  SETTINGS_KEY,
  SETTINGS_VERSION,
  loadSettings,
  migrateSettings,
  saveSettings,
  updateSettings,
} from '../../utils/settings';

const V1 = {
  version: 1,
  crmHosts: ['app.agency.example'],
  preferredCrmHost: 'app.agency.example',
  autoAuthorize: false,
  tokenLifetimeMinutes: 30,
  testAfterAuthorize: false,
};
const CURRENT = { ...V1, version: 2, labelVariants: { tokenLabel: ['Twilio Auth Key'], searchBox: ['Find client accounts'] } };

describe('migrateSettings', () => {
  it('reads the current version as it is', () => {
    expect(migrateSettings(CURRENT)).toEqual(CURRENT);
  });

  it.each([
    ['nothing stored', undefined],
    ['null', null],
    ['a string', 'settings'],
    ['an array', [1, 2]],
    ['an empty object', {}],
  ])('falls back to the defaults for %s', (_name, raw) => {
    expect(migrateSettings(raw)).toEqual(DEFAULT_SETTINGS);
  });

  it('migrates an unversioned (v0) object to the current version, keeping each valid field', () => {
    const v0 = {
      crmHosts: ['app.agency.example'],
      autoAuthorize: false,
      tokenLifetimeMinutes: 'thirty',
      testAfterAuthorize: false,
      somethingOld: true,
    };
    expect(migrateSettings(v0)).toEqual({
      ...DEFAULT_SETTINGS,
      version: SETTINGS_VERSION,
      crmHosts: ['app.agency.example'],
      autoAuthorize: false,
      testAfterAuthorize: false,
    });
  });

  it('keeps the good fields of a current-version object with one bad field', () => {
    expect(migrateSettings({ ...CURRENT, tokenLifetimeMinutes: 500 })).toEqual({
      ...CURRENT,
      tokenLifetimeMinutes: DEFAULT_SETTINGS.tokenLifetimeMinutes,
    });
  });

  it('migrates version 1 to 2: every field kept, no CRM wording yet', () => {
    expect(SETTINGS_VERSION).toBe(2);
    expect(migrateSettings(V1)).toEqual({ ...V1, version: 2, labelVariants: {} });
  });

  it('salvages a version 1 object with one bad field after migrating it', () => {
    expect(migrateSettings({ ...V1, autoAuthorize: 'yes' })).toEqual({
      ...V1,
      version: 2,
      autoAuthorize: DEFAULT_SETTINGS.autoAuthorize,
      labelVariants: {},
    });
  });

  it.each([
    ['a text too long', { tokenLabel: ['x'.repeat(61)] }],
    ['a duplicate', { tokenLabel: ['Auth Key', 'auth key'] }],
    ['markup', { tokenLabel: ['<i>Auth Key</i>'] }],
    ['an unknown kind', { passwordLabel: ['Password'] }],
  ])('drops CRM wording with %s and keeps the other fields', (_name, labelVariants) => {
    expect(migrateSettings({ ...CURRENT, labelVariants })).toEqual({ ...CURRENT, labelVariants: {} });
  });

  it('reads a newer version (after a downgrade) field by field', () => {
    expect(migrateSettings({ ...CURRENT, version: 9, newField: 'x' })).toEqual(CURRENT);
  });

  it('never shares the default host list between results', () => {
    const first = migrateSettings(undefined);
    first.crmHosts.push('app.changed.example');
    expect(migrateSettings(undefined).crmHosts).toEqual([]);
  });
});

describe('stored settings', () => {
  beforeEach(() => fakeBrowser.reset());

  it('loads the defaults when nothing is stored, and what was saved after', async () => {
    expect(await loadSettings()).toEqual(DEFAULT_SETTINGS);
    await saveSettings(CURRENT as typeof DEFAULT_SETTINGS);
    expect(await loadSettings()).toEqual(CURRENT);
  });

  it('refuses to save an invalid value', async () => {
    await expect(saveSettings({ ...DEFAULT_SETTINGS, tokenLifetimeMinutes: 0 })).rejects.toThrow();
    await expect(saveSettings({ ...DEFAULT_SETTINGS, labelVariants: { tokenLabel: ['Auth\u0000Key'] } })).rejects.toThrow();
  });

  it('keeps a stored version 1 readable and writes it back as version 2', async () => {
    await fakeBrowser.storage.local.set({ [SETTINGS_KEY]: V1 });
    expect(await loadSettings()).toEqual({ ...V1, version: 2, labelVariants: {} });
    await updateSettings((settings) => ({ ...settings, labelVariants: { sidLabel: ['Twilio SID Number'] } }));
    expect((await fakeBrowser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY]).toEqual({
      ...V1,
      version: 2,
      labelVariants: { sidLabel: ['Twilio SID Number'] },
    });
  });

  it('updates a migrated v0 value and stores it as the current version', async () => {
    await fakeBrowser.storage.local.set({ [SETTINGS_KEY]: { autoAuthorize: false } });
    await updateSettings((settings) => ({ ...settings, tokenLifetimeMinutes: 5 }));
    const stored = (await fakeBrowser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY];
    expect(stored).toEqual({ ...DEFAULT_SETTINGS, autoAuthorize: false, tokenLifetimeMinutes: 5 });
  });
});
