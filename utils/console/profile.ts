/**
 * Everything the Twilio console side relies on to find one account's credentials (DESIGN.md §3,
 * issue 6 item 1): label texts and their variants, the names of the Show / Hide (eye) controls and
 * the words of controls it never clicks, the pages that list accounts, the value formats, how the
 * console says its region, and the few selectors for generic controls. Never class names: the
 * console's are hashed per deploy.
 *
 * Texts are regular expressions over text as `normalise()` leaves it (lower case, single spaces,
 * no invisible characters) and, for labels, without a trailing colon or asterisk. One line, one
 * variant, so a new wording is one more line here. The code takes every one of them from here
 * (tests/unit/profile-lint.test.ts). The schema lives in ./profile-schema.ts, which only tests import
 * (tests/unit/console-profile.test.ts): this file imports nothing, so the detector in every console
 * frame, which takes its label patterns from here, carries neither the schema nor zod.
 */

export const LABEL_KINDS = ['sid', 'token', 'name', 'other-sid', 'other-token'] as const;
export type LabelKind = (typeof LABEL_KINDS)[number];

// Each part is its own constant, so the content scripts pay nothing for the names of an object's
// keys; TWILIO_CONSOLE_PROFILE (./profile-schema.ts) puts them together for the schema.

export const ACCOUNT_LIST_PATHS: readonly RegExp[] = [
  /^\/[a-z]{2}\d+\/account\/manage-account\/subaccounts\/?$/, // new console, any region prefix (/us1/…)
  /^\/console\/project\/subaccounts\/?$/, // legacy console
];

export const SID_ANYWHERE = /AC[0-9a-f]{32}(?![0-9a-f])/gi;
export const SID_VALUE = /^AC[0-9a-f]{32}$/i;
export const SID_PREFIX = 'AC';
export const TOKEN_VALUE = /^[0-9a-f]{32}$/i;

export const LABELS: ReadonlyArray<readonly [LabelKind, RegExp]> = [
  // "Account SID" (Account Info, API keys page "Live credentials"), "ACCOUNT SID" (legacy settings
  // page, upper case in markup), "Account Sid" (older React pages), "Live Account SID".
  ['sid', /^(?:live )?account ?sid$/],
  // Another account's SID shown on the same page; its value is never read as the account's.
  ['other-sid', /^(?:test|parent|master|owner|main) account ?sid$/],
  // "Auth Token", "Primary Auth Token", "Live Auth Token", "Authentication Token".
  ['token', /^(?:(?:live|primary) )?auth(?:entication)? ?token$/],
  // Pages that also offer a secondary token.
  ['token', /^primary token$/],
  // Test credentials and a secondary token: labels (they end another label's value), never read.
  ['other-token', /^(?:test|secondary) (?:auth(?:entication)? ?)?token$/],
  // "Account Name", "Friendly Name" (legacy settings form), "Project Name" (older legacy pages).
  ['name', /^(?:(?:sub-?)?account|friendly|project) name$/],
];
/** Words that start there, so "Riverside" in a list of thousands of names costs nothing. */
export const LABEL_HINT = /\b(?:sid|token|name)/i;
/**
 * Every Account SID label holds "sid" and every Auth Token label "token" (LABELS above): a page whose
 * text lacks either word shows no pair of them, which one search of its whole text tells.
 */
export const SID_WORD = /sid/i;
export const TOKEN_WORD = /token/i;
/**
 * What of a page's text a credentials panel is made of: the words of its labels ("Account SID",
 * "Auth Token") and Account SIDs. Text that changes none of them changes no panel. Read in the page's
 * whole text, where elements' texts run together ("Account SIDAC…Auth Token"): the words from their
 * start only, as LABEL_HINT reads them ("Riverside" is no "sid"), and a SID as Twilio writes it, "AC"
 * and lower-case hex, so that a call SID and the status after it ("CAc1…" + "completed") make none.
 */
export const CREDENTIAL_WORDS = /\b[Ss][Ii][Dd]|\b[Tt][Oo][Kk][Ee][Nn]|AC[0-9a-f]{32}(?![0-9a-f])/g;
/** An Account SID as Twilio writes it, in text that runs elements together ("…SIDAC0a…9fCopy"). */
export const SID_IN_TEXT = /AC[0-9a-f]{32}(?![0-9a-f])/;
/**
 * The words of the labels anywhere in a word: a label drawn in pieces ("Account<b>SID</b>") runs into
 * the text before it. What the detector compares between two looks, so that it never skips one that
 * could find a label; it looks for labels only, so no SIDs.
 */
export const CREDENTIAL_TEXT = /sid|token/gi;
/**
 * The legacy settings page repeats the labels under "TEST Credentials" next to "LIVE Credentials"; the
 * API keys page may show plain "Account SID" / "Auth Token" under "Test credentials" too.
 */
export const TEST_SECTION = /^test\b|\btest (?:credentials|account)/;

/** "Show", "Show Auth Token", "Reveal", an eye icon's title. */
export const SHOW_NAME = /^(?:show|reveal|view|unhide|unmask|display)\b|^eye$|^eye icon$/;
export const HIDE_NAME = /^(?:hide|conceal|mask)\b|^eye[- ]?(?:off|slash|closed)/;
export const REFUSED_NAME = /rotate|request|promote|regenerate|reset|delete|revoke|secondary|copy|create|new/;
/** "Copy", "Copy Auth Token", "Copy to clipboard", a copy icon's title. */
export const COPY_NAME = /\bcopy\b/;

// Twilio Regions: an account's Auth Token differs per region, and the console says which one it is
// in through the URL (and, on some pages, in words).
/** Legacy pages framed by the console carry it: `/console/project/settings?x-target-region=ie1`. */
export const REGION_PARAM = 'x-target-region';
/** The new console's paths start with the region: /us1/…, /ie1/…, /au1/…. */
export const REGION_PATH = /^\/([a-z]{2}\d)(?:\/|$)/;
export const REGION_CODE = /^[a-z]{2}\d$/;
/** "Region: IE1 (Ireland)", "Region: Ireland (IE1)", "Console region: AU1". */
export const REGION_LABEL = /^(?:console )?region:? (?:[a-z ]+\()?([a-z]{2}\d)\b/;
export const REGION_HINT = /region/i;

export const CONTROLS =
  'button, [role="button"], [role="switch"], a[href], [role="link"], input[type="button"], input[type="checkbox"]';
export const LABEL_CONTROLS = 'button, [role="button"]';
// i18n-ignore: CSS selectors.
export const HEADINGS = 'h1, h2, h3, h4, h5, h6, [role="heading"], legend, caption';
// i18n-ignore: CSS selectors.
export const COLUMN_HEADERS = 'thead th, [role="columnheader"]';
export const TABLE_HEADS = 'thead';
export const ARIA_LABELLED_FIELDS = 'input[aria-label], textarea[aria-label]';
export const LABELLED_BY = '[aria-labelledby]';
// i18n-ignore: CSS selectors.
export const TERM_CELLS = 'dt, th';
export const DISABLED = ':disabled, [aria-disabled="true"]';
export const ICON_TITLE = 'title';
export const IMAGE_ALT = 'img[alt]';
