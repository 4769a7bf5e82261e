import type { DriverOutcome, DriverStep } from '../messages';
import { storedParams, type DriverStopCode, type DriverStops, type ReasonParams } from '../handoff/reasons';
import { isDomError } from '../dom/errors';

/**
 * A driver step that could not be done. It names the step (DRIVER_STEPS), its code and facts
 * (utils/handoff/reasons.ts `DriverStops`) and becomes a `driver-error` outcome; `submitted` says
 * whether the Authorize click had been sent by then. No sentence: the UI words the code.
 */
export class DriverError<C extends DriverStopCode = DriverStopCode> extends Error {
  override readonly name = 'DriverError';
  readonly params: ReasonParams;

  constructor(
    readonly step: DriverStep,
    readonly code: C,
    params: DriverStops[C],
    readonly submitted = false,
  ) {
    super(code);
    this.params = storedParams(params);
  }
}

type DriverErrorOutcome = Extract<DriverOutcome, { kind: 'driver-error' }>;

/**
 * Any failure during a step as the outcome the background receives; never throws. A look-up or wait
 * that failed (DomError) reports what it was for and what it knew; anything else, its own message.
 * `extra` joins the parameters (the submit button's text once it was pressed).
 */
export function driverErrorOutcome(error: unknown, step: DriverStep, submitted: boolean, extra: ReasonParams = {}): DriverErrorOutcome {
  if (error instanceof DriverError) {
    return { kind: 'driver-error', step: error.step, code: error.code, params: { ...error.params, ...extra }, submitted: submitted || error.submitted };
  }
  if (isDomError(error)) {
    const { count, waitedMs, name } = error.facts;
    const params = storedParams({ what: error.what, name, count, seconds: waitedMs === undefined ? undefined : Math.round(waitedMs / 100) / 10 });
    return { kind: 'driver-error', step, code: error.code, params: { ...params, ...extra }, submitted };
  }
  const detail = error instanceof Error ? error.message : String(error);
  return { kind: 'driver-error', step, code: 'unexpected', params: { detail, ...extra }, submitted };
}
