import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Certificate {
  key: string;
  cert: string;
}

let cached: Certificate | undefined;

/**
 * A throwaway self-signed certificate made at run time with the system's openssl. Chromium is started
 * with --ignore-certificate-errors, so there the names only matter for humans reading a trace; Node
 * clients of the stand-ins pass the certificate as their CA, and the Firefox tests trust it in their
 * profile (tests/e2e/firefox/harness.ts), where every host name must be among its names.
 */
export function throwawayCertificate(): Certificate {
  if (cached) return cached;
  const dir = mkdtempSync(join(tmpdir(), 'handoff-cert-'));
  try {
    const config = join(dir, 'openssl.cnf');
    writeFileSync(
      config,
      [
        '[req]',
        'distinguished_name = dn',
        'x509_extensions = ext',
        'prompt = no',
        '[dn]',
        'CN = twilio-handoff stand-ins',
        '[ext]',
        'subjectAltName = DNS:console.twilio.com, DNS:www.twilio.com, DNS:api.twilio.com, DNS:accounts.twilio.com, DNS:app.gohighlevel.com, DNS:*.test, DNS:localhost, IP:127.0.0.1',
      ].join('\n'),
    );
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-config', config,
        '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')],
      { stdio: 'ignore' },
    );
    cached = { key: readFileSync(join(dir, 'key.pem'), 'utf8'), cert: readFileSync(join(dir, 'cert.pem'), 'utf8') };
    return cached;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
