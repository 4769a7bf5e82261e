import { connect, createServer, type Socket } from 'node:net';

/**
 * Firefox has no `--host-resolver-rules`: it reaches the stand-ins under the real host names through
 * this proxy instead, set in the test profile's prefs (network.proxy.*). It answers only CONNECT to
 * port 443 of a mapped host, tunnelling to that stand-in's port on 127.0.0.1; anything else (another
 * host, another port, a plain-HTTP request) gets 403 and is recorded in `refused`, so a test browser
 * sends no traffic anywhere else.
 */
export interface HostProxy {
  port: number;
  /** `host:port` (or the request line) of every request refused, in order. */
  refused: string[];
  close(): Promise<void>;
}

/** The first line of a proxy request, once its header block is complete. */
const HEADER_END = '\r\n\r\n';
const MAX_HEADER = 16 * 1024;

export async function startHostProxy(hosts: Readonly<Record<string, number>>): Promise<HostProxy> {
  const refused: string[] = [];
  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  };

  const server = createServer((client) => {
    track(client);
    let head = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf(HEADER_END);
      if (end < 0) {
        if (head.length > MAX_HEADER) client.destroy();
        return;
      }
      client.off('data', onData);
      client.pause();
      const line = head.subarray(0, head.indexOf('\r\n')).toString('latin1');
      const rest = head.subarray(end + HEADER_END.length);
      const [method, authority] = line.split(' ');
      const match = /^([a-z0-9.-]+):(\d+)$/i.exec(authority ?? '');
      const host = match?.[1]?.toLowerCase();
      const port = host !== undefined && match?.[2] === '443' ? hosts[host] : undefined;
      if (method !== 'CONNECT' || port === undefined) {
        refused.push(method === 'CONNECT' ? authority! : line);
        client.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
        return;
      }
      const upstream = connect({ host: '127.0.0.1', port }, () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        if (rest.length > 0) upstream.write(rest);
        client.pipe(upstream);
        upstream.pipe(client);
        client.resume();
      });
      track(upstream);
      upstream.on('close', () => client.destroy());
      client.on('close', () => upstream.destroy());
    };
    client.on('data', onData);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('The host proxy has no TCP port.');
  return {
    port: address.port,
    refused,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
