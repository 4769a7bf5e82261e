/**
 * Why a DOM look-up or action failed. The driver turns these into outcomes that name the step
 * (DESIGN.md §6: `field-not-found: Auth Token` style messages an admin can act on).
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

export class DomError extends Error {
  override readonly name = 'DomError';

  constructor(
    readonly code: DomErrorCode,
    /** What was looked for, in the page's own words ("Auth Token field"). */
    readonly what: string,
    detail?: string,
  ) {
    super(`${code}: ${what}${detail ? ` (${detail})` : ''}`);
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
