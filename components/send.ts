import { browser } from 'wxt/browser';
import * as z from 'zod/mini';
import {
  CheckPageMessage,
  CheckReport,
  HandoffCommandMessage,
  OpenLocationMessage,
  PasteCredentialsMessage,
} from '../utils/messages';
import { text } from './text';

/**
 * The popup's and options page's commands to the background. Each message is checked against its
 * schema before it leaves, and each reply is parsed: `{ ok: true, … }` or `{ ok: false, message }`
 * with a sentence the admin can read. State changes arrive through storage, not through replies.
 */
export const PageCommand = z.discriminatedUnion('type', [
  HandoffCommandMessage,
  PasteCredentialsMessage,
  OpenLocationMessage,
]);
export type PageCommand = z.infer<typeof PageCommand>;

export type Outcome = { ok: true } | { ok: false; message: string };

const Reply = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true) }),
  z.object({ ok: z.literal(false), message: z.string() }),
]);

async function exchange(message: unknown): Promise<unknown> {
  try {
    return await browser.runtime.sendMessage(message);
  } catch {
    return undefined;
  }
}

export async function sendCommand(command: PageCommand): Promise<Outcome> {
  const reply = Reply.safeParse(await exchange(PageCommand.parse(command)));
  if (!reply.success) return { ok: false, message: text.noAnswer };
  return reply.data.ok ? { ok: true } : { ok: false, message: reply.data.message };
}

const CheckReply = z.union([
  z.object({ ok: z.literal(true), report: CheckReport }),
  z.object({ ok: z.literal(false), message: z.string() }),
  CheckReport,
]);
export type CheckOutcome = { ok: true; report: CheckReport } | { ok: false; message: string };

/** "Check this page" (issue 6): the driver's look-ups on the CRM tab, nothing written. */
export async function checkPage(tabId: number): Promise<CheckOutcome> {
  const reply = CheckReply.safeParse(await exchange(CheckPageMessage.parse({ type: 'check-page', tabId })));
  if (!reply.success) return { ok: false, message: text.noAnswer };
  const data = reply.data;
  // The CRM content script's report, passed on as it is or wrapped by the background.
  if ('anchors' in data) return { ok: true, report: data };
  return data;
}
