import { request as httpsRequest } from 'node:https';

/**
 * A `fetch` for Node clients of the HTTPS stand-ins that trusts one certificate (the throwaway one)
 * and nothing else. Node's own fetch cannot be given a CA without undici, which is not a dependency.
 * A failed connection rejects with TypeError('fetch failed'), as Node's fetch does, so clients that
 * recognise network errors (ky) treat it the same.
 */
export function trustingFetch(ca: string): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    const body = request.body ? Buffer.from(await request.arrayBuffer()) : undefined;
    return new Promise<Response>((resolve, reject) => {
      const outgoing = httpsRequest(
        request.url,
        { method: request.method, headers: Object.fromEntries(request.headers), ca, agent: false },
        (incoming) => {
          const chunks: Buffer[] = [];
          incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
          incoming.on('error', (error) => reject(new TypeError('fetch failed', { cause: error })));
          incoming.on('end', () => {
            const headers = new Headers();
            for (const [name, value] of Object.entries(incoming.headers)) {
              for (const one of [value ?? []].flat()) headers.append(name, one);
            }
            const status = incoming.statusCode ?? 0;
            const noBody = [101, 204, 205, 304].includes(status);
            resolve(
              new Response(noBody ? null : Buffer.concat(chunks), {
                status,
                statusText: incoming.statusMessage ?? '',
                headers,
              }),
            );
          });
        },
      );
      const abort = () => {
        outgoing.destroy();
        reject(request.signal.reason ?? new DOMException('This operation was aborted', 'AbortError'));
      };
      if (request.signal.aborted) {
        abort();
        return;
      }
      request.signal.addEventListener('abort', abort, { once: true });
      outgoing.on('error', (error) => reject(new TypeError('fetch failed', { cause: error })));
      outgoing.end(body);
    });
  };
}
