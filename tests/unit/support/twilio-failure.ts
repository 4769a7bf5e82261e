import { expect } from 'vitest';
import { TwilioApiError } from '../../../utils/twilio/errors';

/** The TwilioApiError a call must fail with; a success or any other error fails the test. */
export async function twilioFailure(promise: Promise<unknown>): Promise<TwilioApiError<any>> {
  const error = await promise.then(
    () => {
      throw new Error('expected a TwilioApiError, got success');
    },
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(TwilioApiError);
  return error as TwilioApiError<any>;
}

/** No surface of an error (message, stack, JSON, own fields, cause) may hold any of these secrets. */
export function expectNoSecret(error: Error, secrets: string[]) {
  const surfaces = [error.message, String(error), error.stack ?? '', JSON.stringify(error), JSON.stringify(Object.entries(error))];
  for (const text of surfaces) for (const secret of secrets) expect(text).not.toContain(secret);
  expect(error.cause).toBeUndefined();
}
