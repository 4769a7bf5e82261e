import { createServer, connect, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHostProxy, type HostProxy } from './host-proxy';

/** The Firefox harness's proxy on its own, with a plain TCP echo server standing in for a stand-in. */
let echo: Server;
let proxy: HostProxy;

beforeAll(async () => {
  echo = createServer((socket) => socket.pipe(socket));
  await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
  const { port } = echo.address() as { port: number };
  proxy = await startHostProxy({ 'console.twilio.com': port });
});

afterAll(async () => {
  await proxy.close();
  await new Promise((resolve) => echo.close(resolve));
});

/** Sends `request` (and then `payload` once the proxy answers) and collects what comes back until close or 1 s. */
function ask(request: string, payload = ''): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port: proxy.port });
    let answer = '';
    const done = () => {
      socket.destroy();
      resolve(answer);
    };
    socket.on('data', (chunk) => {
      const first = answer === '';
      answer += chunk.toString('latin1');
      if (first && payload && answer.startsWith('HTTP/1.1 200')) socket.write(payload);
    });
    socket.on('close', done);
    socket.on('error', done);
    setTimeout(done, 1_000);
    socket.write(request);
  });
}

describe("the Firefox tests' host proxy", () => {
  it("tunnels CONNECT to a mapped host's port 443 to its stand-in, bytes after the header included", async () => {
    const answer = await ask('CONNECT console.twilio.com:443 HTTP/1.1\r\nHost: console.twilio.com:443\r\n\r\nearly', ' later');
    expect(answer).toBe('HTTP/1.1 200 Connection Established\r\n\r\nearly later');
  });

  it.each([
    ['another host', 'CONNECT example.com:443 HTTP/1.1\r\n\r\n', 'example.com:443'],
    ['a mapped host on another port', 'CONNECT console.twilio.com:80 HTTP/1.1\r\n\r\n', 'console.twilio.com:80'],
    ['a plain-HTTP request', 'GET http://console.twilio.com/ HTTP/1.1\r\nHost: console.twilio.com\r\n\r\n', 'GET http://console.twilio.com/ HTTP/1.1'],
  ])('refuses %s (403) and records it', async (_what, request, recorded) => {
    expect(await ask(request)).toMatch(/^HTTP\/1\.1 403 /);
    expect(proxy.refused).toContain(recorded);
  });
});
