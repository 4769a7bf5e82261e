/**
 * Why a DOM look-up or action failed. The driver turns these into outcomes that name the step, with
 * the code, what was looked for and the facts below as parameters; the UI words them
 * (components/reason-text.ts), so an admin reads what was missing and can act on it.
 */
export type DomErrorCode =
  /** Nothing on the page matched the clues. */
  | 'not-found'
  /** More than one element matched where exactly one is needed: acting would be a guess. */
  | 'ambiguous'
  /** A bounded wait ran out. */
  | 'timeout'
  /** The element exists but cannot take a value (disabled, read-only) or a click (disabled). */
  | 'not-editable'
  /** The work was cancelled (the content script was invalidated). */
  | 'aborted';

/** What a failed look-up or wait knew besides its subject. */
export interface DomErrorFacts {
  /** How many elements matched (`ambiguous`). */
  count?: number;
  /** How long it waited (`timeout`). */
  waitedMs?: number;
  /** The name the page or the site's profile gives the thing looked for ("Sub Account Settings tab"). */
  name?: string;
}

export class DomError extends Error {
  override readonly name = 'DomError';

  constructor(
    readonly code: DomErrorCode,
    /** What was looked for: a key the caller words (the CRM driver's `DriverThing`), or a name. */
    readonly what: string,
    readonly facts: DomErrorFacts = {},
  ) {
    super(`${code}: ${what}`);
  }
}

export function isDomError(error: unknown): error is DomError {
  return error instanceof DomError;
}

/** The look-up's answer, or undefined when it found nothing; other failures still throw. */
export function orNone<T>(lookUp: () => T): T | undefined {
  try {
    return lookUp();
  } catch (error) {
    if (isDomError(error) && error.code === 'not-found') return undefined;
    throw error;
  }
}
