import * as z from 'zod/mini';
import { CLEAR_OUTCOMES } from './clipboard/clear';
import { ReasonParams } from './handoff/reasons';
import { Handoff, HandoffState, Location, ManagedBy } from './handoff/types';

/**
 * The one protocol file (DESIGN.md §2). Every message that crosses a context boundary has a schema
 * here; receivers parse with it and check the sender (utils/senders.ts) before acting.
 */

// `/* @__PURE__ */` on `.check()` chains lets bundlers drop schemas a bundle never uses (content-script size).
const Id = /* @__PURE__ */ z.string().check(z.minLength(1), z.maxLength(100));
/** Raw values as read from a page; formats are checked by utils/twilio/credentials.ts. */
const RawValue = /* @__PURE__ */ z.string().check(z.maxLength(200));

/** Named steps of the CRM driver; a typed error names the step it stopped at. */
export const DRIVER_STEPS = [
  'open-page',
  'open-tab',
  'search',
  'find-row',
  'row-state',
  'open-menu',
  'open-dialog',
  'check-dialog',
  'fill-sid',
  'fill-token',
  'read-back',
  'submit',
  'read-result',
] as const;
export const DriverStep = z.enum(DRIVER_STEPS);
export type DriverStep = z.infer<typeof DriverStep>;

/**
 * What a CRM run ends with. The driver reports codes and facts (utils/handoff/reasons.ts
 * `DriverStops`), never a sentence of ours; `message` is only ever the CRM's own words.
 */
export const DriverOutcome = z.discriminatedUnion('kind', [
  /** What the location holds now, read without writing anything. */
  z.object({
    kind: z.literal('inspected'),
    currentSid: z.nullable(z.string()),
    managedBy: ManagedBy,
    canUpdate: z.boolean(),
    /** Why it cannot take credentials, when canUpdate is false: the driver's code and its facts. */
    code: z.optional(z.string()),
    params: z.optional(ReasonParams),
  }),
  /** Both fields filled and read back; the dialog waits for the admin's click. */
  z.object({ kind: z.literal('filled') }),
  /** The dialog is open for the admin (popup's "Open update dialog"). */
  z.object({ kind: z.literal('dialog-opened') }),
  /**
   * The CRM accepted the credentials: its own success text, or none when its editor closed without
   * a word and the location was read back showing the new SID.
   */
  z.object({ kind: z.literal('authorized'), message: z.optional(z.string()) }),
  /** The CRM refused; its own error text. */
  z.object({ kind: z.literal('crm-error'), message: z.string() }),
  /** The driver could not do a step: nothing further was done. */
  z.object({
    kind: z.literal('driver-error'),
    step: DriverStep,
    /** The stop's code (`DriverStops`). */
    code: z.string(),
    /** The stop's facts (names, counts, seconds, the CRM's own words), kept with the handoff's reason. */
    params: ReasonParams,
    /** True once the Authorize click was sent: the CRM may have received it. */
    submitted: z.boolean(),
  }),
]);
export type DriverOutcome = z.infer<typeof DriverOutcome>;

// ── Twilio console content script → background ──────────────────────────────────────────────
export const CaptureMessage = z.object({
  type: z.literal('capture'),
  sid: RawValue,
  token: RawValue,
  /** The account name the page shows, if any (Twilio's friendly_name is authoritative). */
  pageAccountName: z.optional(/* @__PURE__ */ z.string().check(z.maxLength(500))),
});
export const ConfirmReplaceMessage = z.object({ type: z.literal('confirm-replace'), handoffId: Id });
export const GetHandoffMessage = z.object({ type: z.literal('get-handoff'), handoffId: Id });

// ── Console overlay, popup → background ────────────────────────────────────────────────────
/** A SHA-256 in hex (utils/clipboard/shared.ts clipboardDigest). */
const Digest = /* @__PURE__ */ z.string().check(z.regex(/^[0-9a-f]{64}$/));
/**
 * Text holding an Auth Token was put on the clipboard (the console overlay's two lines, the popup's
 * token): the background keeps its digest, never the text, and arranges to clear it if the admin
 * allowed reading the clipboard. The reply's `ok` says whether it will (ClipboardCopiedReply), so the
 * one who copied can say so. The text, not a digest made where it was copied: the background already
 * receives tokens from these senders, and hashing there keeps the console overlay small.
 */
export const ClipboardCopiedMessage = z.object({ type: z.literal('clipboard-copied'), text: RawValue });
export type ClipboardCopiedMessage = z.infer<typeof ClipboardCopiedMessage>;
export const ClipboardCopiedReply = z.object({ ok: z.boolean() });

// ── Offscreen document → background (Chrome) ───────────────────────────────────────────────
/** The offscreen document, once loaded, asks what to clear; the reply is ClipboardClearOrder. */
export const ClipboardClearAskMessage = z.object({ type: z.literal('clipboard-clear-ask') });
/** The digest of the copy to clear, or none: nothing is waiting (then the document only says done). */
export const ClipboardClearOrder = z.object({ digest: z.optional(Digest) });
/** What the clear did; the background then closes the document. */
export const ClipboardClearDoneMessage = z.object({ type: z.literal('clipboard-clear-done'), outcome: z.enum(CLEAR_OUTCOMES) });
export type ClipboardClearAskMessage = z.infer<typeof ClipboardClearAskMessage>;
export type ClipboardClearDoneMessage = z.infer<typeof ClipboardClearDoneMessage>;

// ── Twilio console detector → background ────────────────────────────────────────────────────
/**
 * The detector in a console frame sees an account's credentials on screen: the background brings the
 * overlay into that document. It carries nothing: what the background decides on is what the browser
 * reports about the sender (utils/senders.ts isFromConsole). The reply is `{ ok }`: true once the
 * overlay's script ran there.
 */
export const ConsoleDetectedMessage = z.object({ type: z.literal('console-detected') });
export type ConsoleDetectedMessage = z.infer<typeof ConsoleDetectedMessage>;

/**
 * The detector's frame is on a page whose URL may show credentials (an account's dashboard, a
 * sub-account just created) and its app is rendering: the background, stopped after 30 s idle as
 * Chrome does, starts now rather than when the credentials are on screen. It carries nothing and asks
 * for nothing; the reply is `{ ok: true }` to a sender that may act as a console page.
 */
export const ConsoleWarmMessage = z.object({ type: z.literal('console-warm') });
export type ConsoleWarmMessage = z.infer<typeof ConsoleWarmMessage>;

// ── CRM content script → background ─────────────────────────────────────────────────────────
export const CrmLocationsSeenMessage = z.object({
  type: z.literal('crm-locations-seen'),
  locations: /* @__PURE__ */ z.array(Location).check(z.maxLength(500)),
});
export const CrmSubmitIntentMessage = z.object({
  type: z.literal('crm-submit-intent'),
  handoffId: Id,
  runId: Id,
});
export const CrmProgressMessage = z.object({
  type: z.literal('crm-progress'),
  handoffId: Id,
  runId: Id,
  step: DriverStep,
});
export const CrmResultMessage = z.object({
  type: z.literal('crm-result'),
  handoffId: Id,
  runId: Id,
  outcome: DriverOutcome,
});

// ── Popup / options → background ────────────────────────────────────────────────────────────
export const HANDOFF_ACTIONS = [
  'retry',
  'discard',
  'confirm-replace',
  'authorize-now',
  'override-master',
  'open-dialog',
  'choose-location',
] as const;
export const HandoffCommandMessage = z.object({
  type: z.literal('handoff-command'),
  handoffId: Id,
  action: z.enum(HANDOFF_ACTIONS),
  /** With choose-location. */
  location: z.optional(Location),
});
/** A pair typed or pasted into the popup when the page did not let the overlay read the token. */
export const PasteCredentialsMessage = z.object({
  type: z.literal('paste-credentials'),
  sid: RawValue,
  token: RawValue,
});
/**
 * The CRM host a search or a run is meant for: the driver refuses it on any other host (a tab that
 * navigated elsewhere, a message that reached the wrong document).
 */
const CrmHost = /* @__PURE__ */ z.string().check(z.maxLength(253));
/** A location as an extension page names it: its CRM id and its name as the CRM shows it. */
const LocationRef = z.object({ id: /* @__PURE__ */ z.string().check(z.minLength(1), z.maxLength(200)), name: /* @__PURE__ */ z.string().check(z.maxLength(500)) });
/**
 * Connect one location without a console trip: the background finds the sub-account named like it
 * under the unlocked master account (or creates one when `create`), then runs a handoff for that
 * location only. `subaccountSid`: the one a plan chose, which must still be the one of that name.
 */
export const ConnectLocationMessage = z.object({
  type: z.literal('connect-location'),
  host: CrmHost,
  location: LocationRef,
  create: z.optional(z.boolean()),
  subaccountSid: z.optional(/* @__PURE__ */ z.string().check(z.regex(/^AC[0-9a-f]{32}$/))),
});
/**
 * Bulk connect's next location, asked while the one before it is written: the background picks its
 * sub-account ahead (the plan's, never a new one) for the connect-location that follows.
 */
export const PrepareLocationMessage = z.object({
  type: z.literal('prepare-location'),
  host: CrmHost,
  location: LocationRef,
  subaccountSid: /* @__PURE__ */ z.string().check(z.regex(/^AC[0-9a-f]{32}$/)),
});
/**
 * Token rotation (the bulk connect page): a sub-account's new, secondary Auth Token for the location
 * that holds that sub-account's SID. The page made the token (it authenticates as the sub-account at
 * accounts.twilio.com); from here it is a handoff like connect-location's, aimed at that location
 * only, which may also be matched by holding this very SID (its name need not be the sub-account's).
 */
export const RotateLocationMessage = z.object({
  type: z.literal('rotate-location'),
  host: CrmHost,
  location: LocationRef,
  sid: /* @__PURE__ */ z.string().check(z.regex(/^AC[0-9a-f]{32}$/)),
  token: RawValue,
});
/** The CRM's locations, read through its page's search box ('' lists them all), for the bulk plan. */
export const ListCrmLocationsMessage = z.object({
  type: z.literal('list-crm-locations'),
  host: CrmHost,
  query: /* @__PURE__ */ z.string().check(z.maxLength(500)),
});
export const OpenLocationMessage = z.object({ type: z.literal('open-location'), location: Location });
export const CheckPageMessage = z.object({ type: z.literal('check-page'), tabId: z.number() });

export const ToBackground = z.discriminatedUnion('type', [
  CaptureMessage,
  ConsoleDetectedMessage,
  ConsoleWarmMessage,
  ConfirmReplaceMessage,
  GetHandoffMessage,
  CrmLocationsSeenMessage,
  CrmSubmitIntentMessage,
  CrmProgressMessage,
  CrmResultMessage,
  HandoffCommandMessage,
  PasteCredentialsMessage,
  OpenLocationMessage,
  CheckPageMessage,
  ConnectLocationMessage,
  PrepareLocationMessage,
  RotateLocationMessage,
  ListCrmLocationsMessage,
  ClipboardCopiedMessage,
  ClipboardClearAskMessage,
  ClipboardClearDoneMessage,
]);
export type ToBackground = z.infer<typeof ToBackground>;

// ── Background → CRM content script ─────────────────────────────────────────────────────────
/** Search the Sub Account Settings list as a person would (the search box), all result pages. */
export const CrmSearchMessage = z.object({ type: z.literal('crm-search'), host: CrmHost, query: z.string() });
/**
 * The rest of the last search's locations, from `offset`: a reply carries at most
 * CRM_SEARCH_REPLY_ROWS of them, because one message of a 5,000-row list held the CRM page's thread
 * for 81 ms (scripts/health-scale.ts). `resultId` names the search, so another search in between
 * (a handoff's, in the same tab) makes the request fail rather than mix two lists.
 */
export const CrmSearchMoreMessage = z.object({ type: z.literal('crm-search-more'), host: CrmHost, resultId: Id, offset: z.number() });
export const CRM_SEARCH_REPLY_ROWS = 500;
export const CrmRunMessage = z.object({
  type: z.literal('crm-run'),
  host: CrmHost,
  handoffId: Id,
  runId: Id,
  action: z.enum(['inspect', 'fill', 'submit', 'open-dialog']),
  location: Location,
  sid: z.optional(z.string()),
  token: z.optional(z.string()),
  /** The SID the background expects the dialog to show now; a mismatch stops the run. */
  expectedCurrentSid: z.optional(z.nullable(z.string())),
});
/** Is the driver there and on which page? Answered at once. */
export const CrmPingMessage = z.object({ type: z.literal('crm-ping') });
export const CrmPingReply = z.object({ ok: z.literal(true), url: z.string() });
/** Runs every look-up of the driver without writing; for "Check this page". */
export const CrmCheckPageMessage = z.object({ type: z.literal('crm-check-page') });
export const ToCrm = z.discriminatedUnion('type', [CrmPingMessage, CrmSearchMessage, CrmSearchMoreMessage, CrmRunMessage, CrmCheckPageMessage]);
export type ToCrm = z.infer<typeof ToCrm>;

export const CrmSearchReply = z.discriminatedUnion('ok', [
  /** `total` and `resultId` when the locations are more than one reply carries (crm-search-more). */
  z.object({ ok: z.literal(true), locations: z.array(Location), total: z.optional(z.number()), resultId: z.optional(Id) }),
  z.object({ ok: z.literal(false), step: DriverStep, code: z.string(), params: ReasonParams }),
]);
export type CrmSearchReply = z.infer<typeof CrmSearchReply>;

/**
 * What "Check this page" looks for, in the order it looks. The popup words each one and what to do
 * when it is missing (components/text.ts), so the CRM content script carries no UI text.
 */
export const CHECK_ANCHORS = [
  'page',
  'loaded',
  'tab',
  'table',
  'name-column',
  'managed-by-column',
  'search-box',
  'rows',
  'row-ids',
  'row-menus',
  'pagination',
] as const;
export type CheckAnchor = (typeof CHECK_ANCHORS)[number];
export const CheckReport = z.object({
  anchors: z.array(z.object({ anchor: z.enum(CHECK_ANCHORS), found: z.boolean() })),
});
export type CheckReport = z.infer<typeof CheckReport>;

// ── Background → Twilio console content script ──────────────────────────────────────────────
/**
 * What the console overlay shows of a handoff, and all the console parses: the tab, the candidates
 * and the step log stay in the background. Its schema uses only the zod types the console needs,
 * which keeps the console content script under its size budget (issue 5, tests/bench/budgets.ts).
 * Unknown keys are stripped, so a full Handoff (a reply shared with the popup) parses too.
 */
export const OverlayHandoff = z.object({
  id: z.string(),
  state: HandoffState,
  updatedAt: z.number(),
  sid: z.string(),
  friendlyName: z.optional(z.string()),
  location: z.optional(z.object({ name: z.string() })),
  previousSid: z.optional(z.nullable(z.string())),
  reason: z.optional(z.string()),
});
export type OverlayHandoff = z.infer<typeof OverlayHandoff>;

// The two schemas below keep to the zod types OverlayHandoff already uses (a one-value enum for the
// literal, a boolean plus optional fields for the reply): each further type (literal, union) costs
// the console bundle a few hundred bytes gzipped.
export const HandoffUpdateMessage = z.object({ type: z.enum(['handoff-update']), handoff: OverlayHandoff });
/** The background sends the console one kind of message. */
export const ToConsole = HandoffUpdateMessage;
export type ToConsole = z.infer<typeof ToConsole>;

/**
 * The keyboard command "Send the credentials on this page to the CRM" (utils/background/commands.ts),
 * from the background to the console overlay of the active tab; the overlay answers `{ ok: true }`
 * once it has taken it, or nothing when no overlay is there.
 */
export const SendCommandMessage = z.object({ type: z.enum(['send-command']) });
export type SendCommandMessage = z.infer<typeof SendCommandMessage>;
/** The popup's hash when the command found nothing to send (`popup.html#nothing-to-send`): it says so. */
export const NOTHING_TO_SEND = 'nothing-to-send';

/** A HandoffReply as the console reads it: `ok` with the overlay's fields of the handoff, or the refusal. */
export const OverlayReplyWire = z.object({
  ok: z.boolean(),
  handoff: z.optional(OverlayHandoff),
  message: z.optional(z.string()),
});
export type OverlayReply = { ok: true; handoff: OverlayHandoff } | { ok: false; message: string };

/** Replies that carry a handoff or a refusal the UI can show as it is. */
export const HandoffReply = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), handoff: Handoff }),
  z.object({ ok: z.literal(false), message: z.string() }),
]);
export type HandoffReply = z.infer<typeof HandoffReply>;

// Types of single messages, for senders.
export type CaptureMessage = z.infer<typeof CaptureMessage>;
export type ConfirmReplaceMessage = z.infer<typeof ConfirmReplaceMessage>;
export type GetHandoffMessage = z.infer<typeof GetHandoffMessage>;
export type CrmLocationsSeenMessage = z.infer<typeof CrmLocationsSeenMessage>;
export type CrmSubmitIntentMessage = z.infer<typeof CrmSubmitIntentMessage>;
export type CrmProgressMessage = z.infer<typeof CrmProgressMessage>;
export type CrmResultMessage = z.infer<typeof CrmResultMessage>;
export type HandoffCommandMessage = z.infer<typeof HandoffCommandMessage>;
export type PasteCredentialsMessage = z.infer<typeof PasteCredentialsMessage>;
export type OpenLocationMessage = z.infer<typeof OpenLocationMessage>;
export type CheckPageMessage = z.infer<typeof CheckPageMessage>;
export type ConnectLocationMessage = z.infer<typeof ConnectLocationMessage>;
export type PrepareLocationMessage = z.infer<typeof PrepareLocationMessage>;
export type ListCrmLocationsMessage = z.infer<typeof ListCrmLocationsMessage>;
export type RotateLocationMessage = z.infer<typeof RotateLocationMessage>;
/** The answer to list-crm-locations. */
export type CrmLocationsReply = { ok: true; locations: Location[] } | { ok: false; message: string };
export type CrmSearchMessage = z.infer<typeof CrmSearchMessage>;
export type CrmSearchMoreMessage = z.infer<typeof CrmSearchMoreMessage>;
export type CrmRunMessage = z.infer<typeof CrmRunMessage>;
export type CrmPingMessage = z.infer<typeof CrmPingMessage>;
export type CrmCheckPageMessage = z.infer<typeof CrmCheckPageMessage>;
export type HandoffUpdateMessage = z.infer<typeof HandoffUpdateMessage>;
