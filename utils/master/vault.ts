import * as z from 'zod/mini';

/**
 * "Remember on this computer" for the agency's master Auth Token (issue 12 item 1): the pair is kept
 * only encrypted with the admin's passphrase, never in plain text. WebCrypto: PBKDF2-SHA-256 with
 * at least 600,000 iterations (OWASP's figure for PBKDF2-HMAC-SHA256) derives an AES-GCM 256 key
 * from the passphrase and a fresh 16-byte salt; each save also takes a fresh 12-byte IV. GCM's tag
 * makes a wrong passphrase fail to decrypt instead of yielding garbage.
 */
export const PBKDF2_ITERATIONS = 600_000;
export const PASSPHRASE_MIN_LENGTH = 10;

export const SealedPair = z.object({
  version: z.literal(1),
  /** The master Account SID in clear, to say which account is saved: a SID is not a secret. */
  sid: z.string(),
  iterations: z.number().check(z.minimum(PBKDF2_ITERATIONS)),
  salt: z.string(),
  iv: z.string(),
  ciphertext: z.string(),
});
export type SealedPair = z.infer<typeof SealedPair>;

/** The passphrase does not open the sealed pair (or the record was altered). Nothing is lost. */
export class WrongPassphraseError extends Error {
  constructor() {
    // i18n-ignore: an error's technical message; the options page words this error itself.
    super('wrong passphrase');
    this.name = 'WrongPassphraseError';
  }
}

const encoder = new TextEncoder();
const toBase64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

async function keyFor(passphrase: string, salt: Uint8Array, iterations: number): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey('raw', encoder.encode(passphrase), 'PBKDF2', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

/** The SID goes in as additional data too: a sealed token moved under another SID does not open. */
export async function seal(pair: { sid: string; token: string }, passphrase: string): Promise<SealedPair> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const key = await keyFor(passphrase, salt, PBKDF2_ITERATIONS);
  const ciphertext = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv: iv as BufferSource, additionalData: encoder.encode(pair.sid) },
    key,
    encoder.encode(pair.token),
  );
  return {
    version: 1,
    sid: pair.sid,
    iterations: PBKDF2_ITERATIONS,
    salt: toBase64(salt),
    iv: toBase64(iv),
    ciphertext: toBase64(new Uint8Array(ciphertext)),
  };
}

export async function open(sealed: SealedPair, passphrase: string): Promise<{ sid: string; token: string }> {
  const key = await keyFor(passphrase, fromBase64(sealed.salt), sealed.iterations);
  try {
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: fromBase64(sealed.iv) as BufferSource, additionalData: encoder.encode(sealed.sid) },
      key,
      fromBase64(sealed.ciphertext) as BufferSource,
    );
    return { sid: sealed.sid, token: new TextDecoder().decode(plain) };
  } catch {
    throw new WrongPassphraseError();
  }
}
