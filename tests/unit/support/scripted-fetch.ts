/**
 * A `fetch` that answers from a script, one entry per request in order, and records what it was
 * asked: for client tests that must see the exact requests (headers, bodies, how many) without a
 * server. Running past the script fails the test.
 */
export type ScriptedAnswer = (() => Response) | 'network';

export interface SeenRequest {
  method: string;
  url: URL;
  headers: Headers;
  body: string;
  cache: RequestCache;
  credentials: RequestCredentials;
  redirect: RequestRedirect;
}

export function scriptedFetch(...script: ScriptedAnswer[]) {
  const seen: SeenRequest[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const request = new Request(input, init);
    seen.push({
      method: request.method,
      url: new URL(request.url),
      headers: request.headers,
      body: await request.text(),
      cache: request.cache,
      credentials: request.credentials,
      redirect: request.redirect,
    });
    const answer = script[seen.length - 1];
    if (answer === undefined) throw new Error(`scriptedFetch: no answer scripted for request ${seen.length}`);
    // As fetch reports a connection that failed.
    if (answer === 'network') throw new TypeError('fetch failed');
    return answer();
  };
  return { fetch, seen };
}

/** A JSON answer, made fresh for each use. */
export const json =
  (status: number, body: unknown, headers: Record<string, string> = {}) =>
  () =>
    Response.json(body, { status, headers });

/** Twilio's error body with its HTTP status. */
export const twilioError = (status: number, code: number, message: string) =>
  json(status, { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status });

export const noContent = () => () => new Response(null, { status: 204 });
