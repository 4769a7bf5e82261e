import { browser } from 'wxt/browser';
import * as z from 'zod/mini';

/**
 * The admin's settings, in storage.local, with a versioned schema. Versions are migrated forward in
 * `migrateSettings`; an unreadable value falls back to the defaults rather than breaking the extension.
 */
export const DEFAULT_CRM_HOST = 'app.gohighlevel.com';
export const SETTINGS_KEY = 'settings';

export const SettingsV1 = z.object({
  version: z.literal(1),
  /** White-label CRM hosts the admin added (the default host is always enabled). */
  crmHosts: z.array(z.string()),
  /** The CRM host handoffs go to. */
  preferredCrmHost: z.string(),
  /** Authorize by itself for matched, verified pairs; false = fill and wait for the admin's click. */
  autoAuthorize: z.boolean(),
  /** How long a captured token is kept, in minutes. */
  tokenLifetimeMinutes: z.number().check(z.minimum(1), z.maximum(120)),
  /** After authorizing, check the account is active and lists its phone numbers. */
  testAfterAuthorize: z.boolean(),
});
export type Settings = z.infer<typeof SettingsV1>;

export const DEFAULT_SETTINGS: Settings = {
  version: 1,
  crmHosts: [],
  preferredCrmHost: DEFAULT_CRM_HOST,
  autoAuthorize: true,
  tokenLifetimeMinutes: 15,
  testAfterAuthorize: true,
};

export function migrateSettings(raw: unknown): Settings {
  const parsed = SettingsV1.safeParse(raw);
  return parsed.success ? parsed.data : { ...DEFAULT_SETTINGS };
}

export async function loadSettings(): Promise<Settings> {
  return migrateSettings((await browser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY]);
}

export async function saveSettings(settings: Settings): Promise<void> {
  await browser.storage.local.set({ [SETTINGS_KEY]: SettingsV1.parse(settings) });
}
