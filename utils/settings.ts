import { browser } from 'wxt/browser';
import * as z from 'zod/mini';

/**
 * The admin's settings, in storage.local, with a versioned schema. Stored values are migrated
 * forward in `migrateSettings`, one version at a time; an unreadable value falls back to the
 * defaults rather than breaking the extension.
 */
export const DEFAULT_CRM_HOST = 'app.gohighlevel.com';
export const SETTINGS_KEY = 'settings';
export const SETTINGS_VERSION = 1;

export const TOKEN_LIFETIME_MINUTES = { min: 1, max: 120 } as const;

const SettingsFieldsV1 = {
  /** White-label CRM hosts the admin added (the default host is always enabled). */
  crmHosts: z.array(z.string()),
  /** The CRM host handoffs go to. */
  preferredCrmHost: z.string(),
  /** Authorize by itself for matched, verified pairs; false = fill and wait for the admin's click. */
  autoAuthorize: z.boolean(),
  /** How long a captured token is kept, in minutes. */
  tokenLifetimeMinutes: z
    .number()
    .check(z.minimum(TOKEN_LIFETIME_MINUTES.min), z.maximum(TOKEN_LIFETIME_MINUTES.max)),
  /** After authorizing, check the account is active and lists its phone numbers. */
  testAfterAuthorize: z.boolean(),
};

export const SettingsV1 = z.object({ version: z.literal(1), ...SettingsFieldsV1 });
export type Settings = z.infer<typeof SettingsV1>;

export const DEFAULT_SETTINGS: Settings = {
  version: 1,
  crmHosts: [],
  preferredCrmHost: DEFAULT_CRM_HOST,
  autoAuthorize: true,
  tokenLifetimeMinutes: 15,
  testAfterAuthorize: true,
};

/**
 * Keeps every field that is valid on its own and takes the default for the rest, so one bad
 * value (a hand-edited profile, a field from a build that never shipped) costs only that field.
 */
function salvageV1(raw: Record<string, unknown>): Settings {
  const salvaged: Settings = { ...DEFAULT_SETTINGS, crmHosts: [...DEFAULT_SETTINGS.crmHosts] };
  const target = salvaged as Record<string, unknown>;
  for (const [field, schema] of Object.entries(SettingsFieldsV1)) {
    const parsed = schema.safeParse(raw[field]);
    if (parsed.success) target[field] = parsed.data;
  }
  return salvaged;
}

/**
 * Migrations by the version they read. Version 0 is any stored object without a version (or with
 * one that fails its schema): it is salvaged field by field into version 1. A new version adds an
 * entry here that reads the previous one, and SettingsVn becomes the current schema.
 */
const MIGRATIONS: Record<number, (raw: Record<string, unknown>) => Record<string, unknown>> = {
  0: salvageV1,
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function migrateSettings(raw: unknown): Settings {
  if (!isRecord(raw)) return { ...DEFAULT_SETTINGS, crmHosts: [] };
  const current = SettingsV1.safeParse(raw);
  if (current.success) return current.data;
  // A known older version walks the migrations from there; anything else (no version, a broken
  // current one, a newer build's after a downgrade) is salvaged as version 0.
  let value: Record<string, unknown> = raw;
  let version = typeof raw.version === 'number' && raw.version < SETTINGS_VERSION ? raw.version : 0;
  while (version < SETTINGS_VERSION) {
    const migrate = MIGRATIONS[version];
    value = migrate ? migrate(value) : value;
    version += 1;
  }
  const migrated = SettingsV1.safeParse(value);
  return migrated.success ? migrated.data : { ...DEFAULT_SETTINGS, crmHosts: [] };
}

export async function loadSettings(): Promise<Settings> {
  return migrateSettings((await browser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY]);
}

export async function saveSettings(settings: Settings): Promise<void> {
  await browser.storage.local.set({ [SETTINGS_KEY]: SettingsV1.parse(settings) });
}

/** Reads, changes and writes the settings; the change sees the migrated current version. */
export async function updateSettings(change: (settings: Settings) => Settings): Promise<Settings> {
  const next = change(await loadSettings());
  await saveSettings(next);
  return next;
}
