import type { DriverOutcome, DriverStep } from '../messages';
import { isDomError } from '../dom/errors';

/**
 * A driver step that could not be done. It names the step (DRIVER_STEPS) and becomes a
 * `driver-error` outcome; `submitted` says whether the Authorize click had been sent by then.
 */
export class DriverError extends Error {
  override readonly name = 'DriverError';

  constructor(
    readonly step: DriverStep,
    readonly code: string,
    message: string,
    readonly submitted = false,
  ) {
    super(message);
  }
}

/** Any failure during a step as the outcome the background receives; never throws. */
export function driverErrorOutcome(error: unknown, step: DriverStep, submitted: boolean): Extract<DriverOutcome, { kind: 'driver-error' }> {
  if (error instanceof DriverError) {
    return { kind: 'driver-error', step: error.step, code: error.code, message: error.message, submitted: submitted || error.submitted };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { kind: 'driver-error', step, code: isDomError(error) ? error.code : 'unexpected', message, submitted };
}
