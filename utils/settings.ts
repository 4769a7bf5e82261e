import { browser } from 'wxt/browser';
import * as z from 'zod/mini';
import { LabelVariants } from './crm/label-variants';

/**
 * The admin's settings, in storage.local, with a versioned schema. Stored values are migrated
 * forward in `migrateSettings`, one version at a time; an unreadable value falls back to the
 * defaults rather than breaking the extension.
 */
export const DEFAULT_CRM_HOST = 'app.gohighlevel.com';
export const SETTINGS_KEY = 'settings';
export const SETTINGS_VERSION = 2;

// Plain constants in the schema: reads of the object's fields would stay in every bundle that only
// needs SETTINGS_KEY (the CRM content script).
const LIFETIME_MIN = 1;
const LIFETIME_MAX = 120;
export const TOKEN_LIFETIME_MINUTES = { min: LIFETIME_MIN, max: LIFETIME_MAX } as const;

const SettingsFieldsV1 = {
  /** White-label CRM hosts the admin added (the default host is always enabled). */
  crmHosts: z.array(z.string()),
  /** The CRM host handoffs go to. */
  preferredCrmHost: z.string(),
  /** Authorize by itself for matched, verified pairs; false = fill and wait for the admin's click. */
  autoAuthorize: z.boolean(),
  /** How long a captured token is kept, in minutes. */
  tokenLifetimeMinutes: /* @__PURE__ */ z.number().check(z.minimum(LIFETIME_MIN), z.maximum(LIFETIME_MAX)),
  /** After authorizing, check the account is active and lists its phone numbers. */
  testAfterAuthorize: z.boolean(),
};

const SettingsFields = {
  ...SettingsFieldsV1,
  /** Wording the CRM uses that its built-in profile lacks (issue 6 item 1); no secret, so the CRM content script reads it. */
  labelVariants: LabelVariants,
};

export const SettingsV2 = z.object({ version: z.literal(2), ...SettingsFields });
export type Settings = z.infer<typeof SettingsV2>;

export const DEFAULT_SETTINGS: Settings = {
  version: 2,
  crmHosts: [],
  preferredCrmHost: DEFAULT_CRM_HOST,
  autoAuthorize: true,
  tokenLifetimeMinutes: 15,
  testAfterAuthorize: true,
  labelVariants: {},
};

function defaults(): Settings {
  return { ...DEFAULT_SETTINGS, crmHosts: [], labelVariants: {} };
}

/**
 * Keeps every field that is valid on its own and takes the default for the rest, so one bad
 * value (a hand-edited profile, a field from a build that never shipped) costs only that field.
 */
function salvage(raw: Record<string, unknown>): Settings {
  const salvaged = defaults();
  const target = salvaged as Record<string, unknown>;
  for (const [field, schema] of Object.entries(SettingsFields)) {
    const parsed = schema.safeParse(raw[field]);
    if (parsed.success) target[field] = parsed.data;
  }
  return salvaged;
}

/**
 * Migrations by the version they read, each to the next version. A new version adds an entry here
 * that reads the previous one, and SettingsVn becomes the current schema.
 */
const MIGRATIONS: Record<number, (raw: Record<string, unknown>) => Record<string, unknown>> = {
  1: (v1) => ({ ...v1, version: 2, labelVariants: {} }),
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The stored value as the current version. A known older version walks the migrations from there;
 * anything that then does not parse, and anything else (no version, a broken current one, a newer
 * build's after a downgrade), is salvaged field by field.
 */
export function migrateSettings(raw: unknown): Settings {
  if (!isRecord(raw)) return defaults();
  const current = SettingsV2.safeParse(raw);
  if (current.success) return current.data;
  let value: Record<string, unknown> = raw;
  const from = raw.version;
  if (typeof from === 'number' && Number.isInteger(from) && from >= 1 && from < SETTINGS_VERSION) {
    for (let version = from; version < SETTINGS_VERSION; version++) value = MIGRATIONS[version]!(value);
    const migrated = SettingsV2.safeParse(value);
    if (migrated.success) return migrated.data;
  }
  return salvage(value);
}

export async function loadSettings(): Promise<Settings> {
  return migrateSettings((await browser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY]);
}

export async function saveSettings(settings: Settings): Promise<void> {
  await browser.storage.local.set({ [SETTINGS_KEY]: SettingsV2.parse(settings) });
}

/** Reads, changes and writes the settings; the change sees the migrated current version. */
export async function updateSettings(change: (settings: Settings) => Settings): Promise<Settings> {
  const next = change(await loadSettings());
  await saveSettings(next);
  return next;
}
