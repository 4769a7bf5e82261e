/**
 * zod classic under the `zod/mini` name, for the bench's "zod-classic" size variant (variants.ts):
 * the same schemas built with classic's constructors. `minimum`/`maximum` exist only in mini; they
 * are core checks that classic schemas accept. Only built to be measured, never shipped or run.
 */
export * from 'zod';
export { maximum, minimum } from 'zod/v4/mini';
