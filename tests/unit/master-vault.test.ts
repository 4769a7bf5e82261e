import { describe, expect, it } from 'vitest';
import { open, PBKDF2_ITERATIONS, SealedPair, seal, WrongPassphraseError } from '../../utils/master/vault';

const SID = 'AC' + '1'.repeat(32);
const TOKEN = '0123456789abcdef'.repeat(2);
const PASSPHRASE = 'correct horse battery';

describe('the sealed master pair', () => {
  it('opens with its passphrase and holds no token, nor anything shaped like one, in clear', async () => {
    const sealed = await seal({ sid: SID, token: TOKEN }, PASSPHRASE);
    expect(SealedPair.safeParse(sealed).success).toBe(true);
    expect(sealed.iterations).toBeGreaterThanOrEqual(600_000);
    const stored = JSON.stringify(sealed);
    expect(stored).not.toContain(TOKEN);
    const { sid: _sid, ...rest } = sealed;
    expect(JSON.stringify(rest)).not.toMatch(/[0-9a-f]{32}/);
    expect(await open(sealed, PASSPHRASE)).toEqual({ sid: SID, token: TOKEN });
  });

  it('a fresh salt and IV every time: the same pair sealed twice differs', async () => {
    const a = await seal({ sid: SID, token: TOKEN }, PASSPHRASE);
    const b = await seal({ sid: SID, token: TOKEN }, PASSPHRASE);
    expect(a.salt).not.toBe(b.salt);
    expect(a.iv).not.toBe(b.iv);
    expect(a.ciphertext).not.toBe(b.ciphertext);
    expect(atob(a.salt)).toHaveLength(16);
    expect(atob(a.iv)).toHaveLength(12);
  });

  it('a wrong passphrase says so, and the sealed pair still opens with the right one', async () => {
    const sealed = await seal({ sid: SID, token: TOKEN }, PASSPHRASE);
    const copy = structuredClone(sealed);
    await expect(open(sealed, 'correct horse battery ')).rejects.toBeInstanceOf(WrongPassphraseError);
    expect(sealed).toEqual(copy);
    expect((await open(sealed, PASSPHRASE)).token).toBe(TOKEN);
  });

  it('a sealed token moved under another SID does not open (the SID is bound to it)', async () => {
    const sealed = await seal({ sid: SID, token: TOKEN }, PASSPHRASE);
    await expect(open({ ...sealed, sid: 'AC' + '2'.repeat(32) }, PASSPHRASE)).rejects.toBeInstanceOf(WrongPassphraseError);
  });

  it('a record that asks for fewer iterations than the floor is not taken', () => {
    expect(SealedPair.safeParse({ version: 1, sid: SID, iterations: PBKDF2_ITERATIONS - 1, salt: 'AA==', iv: 'AA==', ciphertext: 'AA==' }).success).toBe(false);
  });
});
