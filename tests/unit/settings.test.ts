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

const CURRENT = {
  version: 1,
  crmHosts: ['app.agency.example'],
  preferredCrmHost: 'app.agency.example',
  autoAuthorize: false,
  tokenLifetimeMinutes: 30,
  testAfterAuthorize: false,
};

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
  });

  it('updates a migrated v0 value and stores it as the current version', async () => {
    await fakeBrowser.storage.local.set({ [SETTINGS_KEY]: { autoAuthorize: false } });
    await updateSettings((settings) => ({ ...settings, tokenLifetimeMinutes: 5 }));
    const stored = (await fakeBrowser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY];
    expect(stored).toEqual({ ...DEFAULT_SETTINGS, autoAuthorize: false, tokenLifetimeMinutes: 5 });
  });
});
