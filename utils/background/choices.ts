import { browser } from 'wxt/browser';
import * as z from 'zod/mini';

/**
 * The admin's choices, remembered as Account SID → CRM location id (issue 3: matching order 2).
 * Neither value is secret: a SID identifies an account, it does not unlock it.
 */
const KEY = 'choices';
const Choices = z.record(z.string(), z.string());

export async function rememberedLocationId(sid: string): Promise<string | undefined> {
  const parsed = Choices.safeParse((await browser.storage.local.get(KEY))[KEY]);
  return parsed.success ? parsed.data[sid] : undefined;
}

export async function rememberChoice(sid: string, locationId: string): Promise<void> {
  const parsed = Choices.safeParse((await browser.storage.local.get(KEY))[KEY]);
  const choices = parsed.success ? parsed.data : {};
  choices[sid] = locationId;
  await browser.storage.local.set({ [KEY]: choices });
}
