import * as z from 'zod/mini';
import {
  ACCOUNT_LIST_PATHS,
  ARIA_LABELLED_FIELDS,
  COLUMN_HEADERS,
  CONTROLS,
  COPY_NAME,
  CREDENTIAL_TEXT,
  CREDENTIAL_WORDS,
  SID_IN_TEXT,
  DISABLED,
  HEADINGS,
  HIDE_NAME,
  ICON_TITLE,
  IMAGE_ALT,
  LABEL_CONTROLS,
  LABEL_HINT,
  LABEL_KINDS,
  LABELLED_BY,
  LABELS,
  REFUSED_NAME,
  REGION_CODE,
  REGION_HINT,
  REGION_LABEL,
  REGION_PARAM,
  REGION_PATH,
  SHOW_NAME,
  SID_ANYWHERE,
  SID_PREFIX,
  SID_VALUE,
  SID_WORD,
  TABLE_HEADS,
  TERM_CELLS,
  TEST_SECTION,
  TOKEN_VALUE,
  TOKEN_WORD,
} from './profile';

/**
 * The schema of the Twilio console profile (./profile.ts) and the profile put together for it. Only
 * tests import this file (tests/unit/console-profile.test.ts), so no content script carries zod for it.
 */

const Pattern = z.instanceof(RegExp);
const Selector = /* @__PURE__ */ z.string().check(z.minLength(1), z.maxLength(300));

export const ConsoleProfile = z.object({
  paths: z.object({
    /** Lists of accounts: every row shows another account's SID, none is "the account on this page". */
    accountLists: z.array(Pattern),
  }),
  formats: z.object({
    /** An Account SID in running text (global: every one is read). */
    sidAnywhere: Pattern,
    sid: Pattern,
    /** What an Account SID starts with: a 32-hex piece right after it is the SID's tail, not a token. */
    sidPrefix: /* @__PURE__ */ z.string().check(z.minLength(1)),
    token: Pattern,
  }),
  /** Label texts by what they label, most common first. */
  labels: z.array(z.tuple([z.enum(LABEL_KINDS), Pattern])),
  /** A quick test for text that may hold a label, before the real match. */
  labelHint: Pattern,
  /** Words a page's text holds when it may show an Account SID label and an Auth Token label. */
  sidWord: Pattern,
  tokenWord: Pattern,
  /** What of a page's text a credentials panel is made of: a change elsewhere changes no panel… */
  credentialWords: Pattern,
  /** …and the same anywhere in a word, for the detector. */
  credentialText: Pattern,
  /** An Account SID in text that runs elements together: with both words, a panel just drawn. */
  sidInText: Pattern,
  /** A heading that puts the labels under it in a test-credentials section. */
  testSection: Pattern,
  controls: z.object({
    /** Accessible names of a control that reveals the token. */
    show: Pattern,
    /** …and of one that masks it again. */
    hide: Pattern,
    /** Controls near the token that change it or copy it: never clicked, whatever else their name says. */
    refused: Pattern,
    /** A Copy control next to the token: never clicked, but named to the admin, who may press it. */
    copy: Pattern,
  }),
  regions: z.object({
    /** The query parameter the console adds to the legacy pages it frames. */
    param: /* @__PURE__ */ z.string().check(z.minLength(1)),
    /** A console path that starts with its region: the region is the first group. */
    path: Pattern,
    /** A region code. */
    code: Pattern,
    /** The console's own words for its region (the region code is the first group)… */
    label: Pattern,
    /** …and a quick test for text that may hold them. */
    hint: Pattern,
  }),
  selectors: z.object({
    /** What a person can click near a value: where a Show (eye) or Hide control may be. */
    controls: Selector,
    /** Inside a label: controls, whose text is not the label's. */
    labelControls: Selector,
    headings: Selector,
    /** A header cell labels a column of rows: a list of accounts, not one account. */
    columnHeaders: Selector,
    tableHeads: Selector,
    /** Fields labelled only for assistive technology: <input aria-label="Account SID" value="AC…">. */
    ariaLabelledFields: Selector,
    labelledBy: Selector,
    /** Cells whose value follows them: dt → dd, th → td. */
    termCells: Selector,
    disabled: Selector,
    /** An icon's name: its <title>, an image's alt. */
    iconTitle: Selector,
    imageAlt: Selector,
  }),
});
export type ConsoleProfile = z.infer<typeof ConsoleProfile>;

/** The whole profile, as the schema sees it. */
export const TWILIO_CONSOLE_PROFILE: ConsoleProfile = {
  paths: { accountLists: [...ACCOUNT_LIST_PATHS] },
  formats: { sidAnywhere: SID_ANYWHERE, sid: SID_VALUE, sidPrefix: SID_PREFIX, token: TOKEN_VALUE },
  labels: LABELS.map(([kind, pattern]) => [kind, pattern]),
  labelHint: LABEL_HINT,
  sidWord: SID_WORD,
  tokenWord: TOKEN_WORD,
  credentialWords: CREDENTIAL_WORDS,
  credentialText: CREDENTIAL_TEXT,
  sidInText: SID_IN_TEXT,
  testSection: TEST_SECTION,
  controls: { show: SHOW_NAME, hide: HIDE_NAME, refused: REFUSED_NAME, copy: COPY_NAME },
  regions: { param: REGION_PARAM, path: REGION_PATH, code: REGION_CODE, label: REGION_LABEL, hint: REGION_HINT },
  selectors: {
    controls: CONTROLS,
    labelControls: LABEL_CONTROLS,
    headings: HEADINGS,
    columnHeaders: COLUMN_HEADERS,
    tableHeads: TABLE_HEADS,
    ariaLabelledFields: ARIA_LABELLED_FIELDS,
    labelledBy: LABELLED_BY,
    termCells: TERM_CELLS,
    disabled: DISABLED,
    iconTitle: ICON_TITLE,
    imageAlt: IMAGE_ALT,
  },
};
