import * as z from 'zod/mini';
import {
  CrmCheckPageMessage,
  CrmPingMessage,
  CrmRunMessage,
  CrmSearchMessage,
  CrmSearchMoreMessage,
  CRM_SEARCH_REPLY_ROWS,
  type CheckReport,
  type CrmPingReply,
  type CrmSearchReply,
  type DriverOutcome,
  type ToBackground,
  type ToCrm,
} from '../messages';
import type { Location } from '../handoff/types';
import { checkPage } from './check';
import { runLocation, searchLocations, type DriverContext, type DriverHooks } from './driver';

/**
 * The CRM content script's side of the protocol (utils/messages.ts): who may talk to it, how each
 * request becomes driver work, and what goes back. Long work (a run) is acknowledged at once and
 * reports through its own messages, because the service worker may be stopped while it waits.
 */

/** The reply to crm-run: the work started; progress and the outcome follow as messages. */
export const CrmRunAck = z.object({ accepted: z.literal(true) });
export type CrmRunAck = z.infer<typeof CrmRunAck>;

/**
 * The background's reply to crm-submit-intent: `{go: true}` once `submitting` is recorded. Anything
 * else, `{go: false}` included, fails the parse and means no click.
 */
export const CrmSubmitIntentReply = z.object({ go: z.literal(true) });
export type CrmSubmitIntentReply = z.infer<typeof CrmSubmitIntentReply>;

/**
 * ToCrm, parsed branch by branch: the same schemas as `ToCrm` in utils/messages.ts, picked by the
 * `type` field, without zod's discriminated-union code (the content script's budget is 20 KB
 * gzipped). tests/unit/crm-messaging.test.ts checks both agree.
 */
const TO_CRM: { [K in ToCrm['type']]: z.ZodMiniType<Extract<ToCrm, { type: K }>> } = {
  'crm-ping': CrmPingMessage,
  'crm-search': CrmSearchMessage,
  'crm-search-more': CrmSearchMoreMessage,
  'crm-run': CrmRunMessage,
  'crm-check-page': CrmCheckPageMessage,
};

export function parseToCrm(raw: unknown): ToCrm | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const type = (raw as { type?: unknown }).type;
  if (typeof type !== 'string' || !Object.hasOwn(TO_CRM, type)) return undefined;
  const parsed = TO_CRM[type as ToCrm['type']].safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}

export interface MessageSender {
  id?: string;
  url?: string;
  tab?: unknown;
}

/**
 * Only this extension's own pages and worker: same id, not sent from a tab (another content script,
 * which a compromised page could drive), and from an extension URL when the browser says one.
 */
export function isFromOwnExtension(sender: MessageSender, runtimeId: string, extensionOrigin: string): boolean {
  if (sender.id !== runtimeId) return false;
  if (sender.tab !== undefined) return false;
  return sender.url === undefined || sender.url.startsWith(extensionOrigin);
}

export interface CrmPort {
  runtimeId: string;
  /** `chrome-extension://<id>/` (runtime.getURL('')). */
  extensionOrigin: string;
  send: (message: ToBackground) => Promise<unknown>;
  /** The page's URL now. */
  url: () => string;
  /** The driver's view of the page, taken when a request starts (with the admin's wording read then). */
  context: () => Promise<DriverContext>;
}

/**
 * A crm-result or a crm-submit-intent must arrive: the worker may be starting up or being stopped,
 * so a send that fails is tried again (a message wakes a stopped worker).
 */
const SEND_ATTEMPTS = 3;
const SEND_RETRY_MS = 1_000;

export type CrmListener = (
  message: unknown,
  sender: MessageSender,
) => Promise<z.infer<typeof CrmPingReply> | CrmSearchReply | CrmRunAck | CheckReport> | undefined;

/**
 * The runtime.onMessage listener. Anything not from this extension, or not a valid ToCrm message,
 * is ignored (no reply). Requests run one at a time: two runs on one page would fight over it.
 */
export function createCrmListener(port: CrmPort): CrmListener {
  let tail: Promise<unknown> = Promise.resolve();
  const queue = <T>(job: () => Promise<T>): Promise<T> => {
    const result = tail.then(job, job);
    tail = result.catch(() => undefined);
    return result;
  };
  const post = (message: ToBackground) => {
    port.send(message).catch(() => undefined);
  };
  /** The last search's locations, for the crm-search-more requests that fetch the rest. */
  let last: { resultId: string; locations: Location[] } | undefined;
  const slice = (resultId: string, locations: Location[], offset: number): CrmSearchReply => ({
    ok: true,
    locations: locations.slice(offset, offset + CRM_SEARCH_REPLY_ROWS),
    total: locations.length,
    resultId,
  });

  return (raw, sender) => {
    if (!isFromOwnExtension(sender, port.runtimeId, port.extensionOrigin)) return undefined;
    const message = parseToCrm(raw);
    if (!message) return undefined;

    // Answered at once, even while a run is busy: the background only asks whether we are here.
    if (message.type === 'crm-ping') return Promise.resolve({ ok: true, url: port.url() });
    if (message.type === 'crm-check-page') return queue(async () => checkPage(await port.context()));
    // Meant for another CRM host: never searched nor written here (the background then says the page
    // gave no usable answer). The document is pinned by the background too; this is the page's own word.
    if (!onHost(port.url(), message.host)) return undefined;
    if (message.type === 'crm-search') {
      return queue(async () => {
        const reply = await searchLocations(message.query, await port.context(), {
          onLocationsSeen: (locations) => post({ type: 'crm-locations-seen', locations }),
        });
        if (!reply.ok || reply.locations.length <= CRM_SEARCH_REPLY_ROWS) return reply;
        last = { resultId: crypto.randomUUID(), locations: reply.locations };
        return slice(last.resultId, last.locations, 0);
      });
    }
    if (message.type === 'crm-search-more') {
      return queue(async () =>
        last?.resultId === message.resultId
          ? slice(last.resultId, last.locations, message.offset)
          : // Another search replaced it: this one ends ("try again") rather than mix two lists.
            ({ ok: false, step: 'search', code: 'internal', params: {} } satisfies CrmSearchReply),
      );
    }

    const { handoffId, runId } = message;
    const hooks: DriverHooks = {
      onStep: (step) => post({ type: 'crm-progress', handoffId, runId, step }),
      onLocationsSeen: (locations) => post({ type: 'crm-locations-seen', locations }),
      confirmSubmit: async () => {
        try {
          // Asked again after a failed send: the background records `submitting` at most once per run,
          // and refuses a second intent, so a lost answer means no click, never two.
          const reply = CrmSubmitIntentReply.safeParse(await sendSurely(port, { type: 'crm-submit-intent', handoffId, runId }));
          return reply.success;
        } catch {
          return false;
        }
      },
    };
    void queue(async () => {
      const outcome: DriverOutcome = await runLocation(message, await port.context(), hooks);
      await sendSurely(port, { type: 'crm-result', handoffId, runId, outcome }).catch(() => undefined);
    });
    return Promise.resolve({ accepted: true });
  };
}

function onHost(url: string, host: string): boolean {
  try {
    return new URL(url).hostname === host;
  } catch {
    return false;
  }
}

async function sendSurely(port: CrmPort, message: ToBackground): Promise<unknown> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await port.send(message);
    } catch (error) {
      if (attempt >= SEND_ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, SEND_RETRY_MS));
    }
  }
}
