import { act, cleanup, render } from '@testing-library/preact';
import fc from 'fast-check';
import { h } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { injectableCrm } from './support/crm-injection';
import { HandoffItem } from '../../components/HandoffItem';
import { storedReasonText } from '../../components/text';
import { LocationPicker } from '../../components/LocationPicker';
import { route } from '../../utils/background/router';
import type { OverlayActions } from '../../utils/console/actions';
import { renderConsoleOverlay } from '../../utils/console/overlay-dom';
import { newHandoff } from '../../utils/handoff/machine';
import { listHandoffs, loadHandoff, loadToken, saveHandoff, saveToken } from '../../utils/handoff/store';
import { HANDOFF_STATES, type Handoff, type Location } from '../../utils/handoff/types';
import { matchLocation, normaliseName } from '../../utils/match';
import * as messages from '../../utils/messages';
import type { SenderLike } from '../../utils/senders';
import {
  ACCOUNT_SID_PATTERN,
  AUTH_TOKEN_PATTERN,
  credentialProblemText,
  parseAccountSid,
  parseAuthToken,
} from '../../utils/twilio/credentials';

/**
 * Bad input (issue 6 item 4), as tables and fast-check properties. Every value either normalises to
 * the one answer it stands for or is refused with a sentence; nothing throws past a boundary; names
 * from Twilio, the CRM or a page are rendered as text. The number of generated cases of each property
 * is in its test name.
 */

const RUNS = {
  decoratedSid: 1000,
  decoratedToken: 1000,
  anySid: 2000,
  anyToken: 2000,
  wrongLength: 500,
  wrongPrefix: 500,
  nameShape: 2000,
  nameCase: 1000,
  nameVariant: 1000,
  anyMatch: 1000,
  citySuffix: 500,
  duplicates: 500,
  schema: 300,
  routeAnything: 1000,
  routeWrongSender: 300,
  routeBadCredentials: 300,
  routeSpoof: 300,
  render: 150,
} as const;

// ── Generators ──────────────────────────────────────────────────────────────────────────────

const HEX = [...'0123456789abcdef'];
const hex = (length: number) => fc.string({ unit: fc.constantFrom(...HEX), minLength: length, maxLength: length });
const validSid = hex(32).map((h) => `AC${h}`);
const validToken = hex(32);

/**
 * What a copy from a web page, a chat or a right-to-left document brings along: white space of every
 * kind, zero-width characters, the byte-order mark, soft hyphens and direction marks.
 */
const INVISIBLES = [
  ' ', '\t', '\n', '\r\n', '\u00a0', '\u2009', '\u202f', '\u3000',
  '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad',
  '\u200e', '\u200f', '\u061c', '\u202a', '\u202b', '\u202c', '\u2066', '\u2067', '\u2069',
];

/** `value` with its letters' case changed at random and invisible characters slipped in anywhere. */
function decorated(value: string): fc.Arbitrary<string> {
  return fc
    .tuple(
      fc.array(fc.boolean(), { minLength: value.length, maxLength: value.length }),
      fc.array(fc.tuple(fc.nat({ max: value.length }), fc.constantFrom(...INVISIBLES)), { maxLength: 8 }),
    )
    .map(([upper, inserts]) => {
      const chars = [...value].map((c, i) => (upper[i] ? c.toUpperCase() : c.toLowerCase()));
      for (const [at, mark] of [...inserts].sort((a, b) => b[0] - a[0])) chars.splice(at, 0, mark);
      return chars.join('');
    });
}

/** Strings of every sort: any code point, lone surrogates, ASCII, and near-misses of the formats. */
const anyString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 80 }),
  fc.string({ unit: 'binary-ascii', maxLength: 80 }),
  fc.tuple(fc.constantFrom('AC', 'ac', 'SK', 'PN', 'CA', ''), fc.string({ unit: fc.constantFrom(...HEX, 'g', 'G', ' ', '\u200b', '•'), maxLength: 40 })).map(([p, s]) => p + s),
);

/** Names as people and attackers write them. */
const HOSTILE_NAMES = [
  '<img src=x onerror=alert(1)>',
  '<script>alert(1)</script>',
  '"><svg onload=alert(1)>',
  "'><iframe src=javascript:alert(1)>",
  '<a href="javascript:alert(1)">Acme</a>',
  '{{constructor.constructor("alert(1)")()}}',
  '${alert(1)}',
  '&lt;b&gt;escaped&lt;/b&gt;',
  '<b>Acme</b> Dental',
  '\u202eevil.exe\u202c Acme',
  'عيادة الأسنان - دبي',
  'מרפאת שיניים - תל אביב',
  'Acme Dental 🦷 - Austin',
  '👩‍⚕️👨‍👩‍👧',
  '---',
  '!!!…???',
  'A'.repeat(64) + ' - Austin',
  'Acme Dental '.repeat(20),
  '',
  ' ',
  '\u0000\u0001',
];
const htmlish = fc
  .tuple(
    fc.constantFrom('img', 'script', 'svg', 'iframe', 'a', 'b', 'style', 'object', 'template'),
    fc.constantFrom('onerror=alert(1)', 'onload="alert(1)"', 'src=x', 'href=javascript:alert(1)', ''),
    fc.string({ maxLength: 12 }),
  )
  .map(([tag, attr, inner]) => `<${tag} ${attr}>${inner}</${tag}>`);
const anyName = fc.oneof(fc.constantFrom(...HOSTILE_NAMES), htmlish, fc.string({ unit: 'binary', maxLength: 120 }));

/** Letters of several scripts, including the ones case folding gets wrong most easily (ß, ς, ı). */
const LETTERS = [...'abcdefghijklmnopqrstuvwxyz0123456789éüñçåßσςαβλıабвжعيدןשלם'];
const word = fc.string({ unit: fc.constantFrom(...LETTERS), minLength: 1, maxLength: 8 });
const nameWords = fc.array(word, { minLength: 1, maxLength: 4 });

const ACCENTS: Record<string, string[]> = {
  a: ['á', 'à', 'â', 'ä', 'ã', 'å'], e: ['é', 'è', 'ê', 'ë'], i: ['í', 'ì', 'î', 'ï'], o: ['ó', 'ò', 'ô', 'ö', 'õ'],
  u: ['ú', 'ù', 'û', 'ü'], c: ['ç'], n: ['ñ'], y: ['ý', 'ÿ'],
};
/** Arabic harakat and Hebrew niqqud: marks a right-to-left name may carry or not. */
const RTL_MARKS: Record<string, string[]> = { ع: ['\u064e', '\u0650'], ي: ['\u064f'], د: ['\u0651'], ש: ['\u05b7', '\u05c1'], ל: ['\u05b8'] };
const SEPARATORS = [' ', '  ', ' - ', ' – ', '—', ', ', ' / ', '. ', '\t', '\u00a0', '_', ' · ', ' | ', ' 🦷 ', '\u200f - \u200f'];
const EDGES = ['', ' ', '  ', '\t', '\u200b', '\u200f', '"', '(', ')', '.', '!', '🦷', '\n'];

/** The same name as another person or page may write it: case, accents, spacing, punctuation. */
function variantOf(words: readonly string[]): fc.Arbitrary<string> {
  const letterVariant = (c: string) =>
    fc.tuple(fc.boolean(), fc.boolean(), fc.boolean(), fc.nat()).map(([upper, accent, invisible, pick]) => {
      let out = c;
      const marks = ACCENTS[c] ?? RTL_MARKS[c];
      if (accent && marks) out = ACCENTS[c] ? marks[pick % marks.length]! : c + marks[pick % marks.length]!;
      if (upper) out = out.toUpperCase();
      if (invisible) out += ['\u200b', '\u200c', '\u00ad', '\u200e', '\u2060'][pick % 5];
      return out;
    });
  const wordVariant = (w: string) => fc.tuple(...[...w].map(letterVariant)).map((cs) => cs.join(''));
  return fc
    .tuple(
      fc.tuple(...words.map(wordVariant)),
      fc.array(fc.constantFrom(...SEPARATORS), { minLength: words.length, maxLength: words.length }),
      fc.constantFrom(...EDGES),
      fc.constantFrom(...EDGES),
    )
    .map(([ws, seps, lead, trail]) => lead + ws.map((w, i) => (i === 0 ? w : seps[i]! + w)).join('') + trail);
}

const loc = (id: string, name: string, sid: string | null = null): Location => ({ id, name, sid });

// ── Credentials ─────────────────────────────────────────────────────────────────────────────

const SID = 'AC' + '0123456789abcdef'.repeat(2);
const TOKEN = 'fedcba9876543210'.repeat(2);

describe('Account SIDs', () => {
  it.each([
    ['spaces around', `  ${SID}  `, SID],
    ['spaces inside (copied in groups)', `${SID.slice(0, 10)} ${SID.slice(10, 20)} ${SID.slice(20)}`, SID],
    ['a line break and a tab', `\t${SID}\r\n`, SID],
    ['no-break and thin spaces', `\u00a0${SID}\u2009`, SID],
    ['zero-width space, joiners, word joiner', `\u200b${SID.slice(0, 5)}\u200c\u200d${SID.slice(5)}\u2060`, SID],
    ['a byte-order mark', `\ufeff${SID}`, SID],
    ['direction marks from a right-to-left page', `\u200f${SID}\u200e`, SID],
    ['bidi embedding and isolates', `\u202b\u2067${SID}\u2069\u202c`, SID],
    ['a soft hyphen', `${SID.slice(0, 17)}\u00ad${SID.slice(17)}`, SID],
    ['all upper case', SID.toUpperCase(), SID],
    ['all lower case', SID.toLowerCase(), SID],
    ['mixed case', 'aC' + SID.slice(2).toUpperCase(), SID],
  ])('%s: normalises to the one SID', (_name, input, expected) => {
    expect(parseAccountSid(input)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['empty', '', 'sid-missing'],
    ['only spaces and zero-width characters', ' \u200b\t\ufeff ', 'sid-missing'],
    ['null', null, 'sid-missing'],
    ['an API key SID (SK…)', 'SK' + SID.slice(2), 'sid-is-api-key'],
    ['an API key SID in lower case', 'sk' + SID.slice(2), 'sid-is-api-key'],
    ['an API key SID with spaces', ` SK ${SID.slice(2)} `, 'sid-is-api-key'],
    ['one character short', SID.slice(0, -1), 'sid-format'],
    ['one character long', SID + 'a', 'sid-format'],
    ['the prefix alone', 'AC', 'sid-format'],
    ['a phone number SID (PN…)', 'PN' + SID.slice(2), 'sid-format'],
    ['a call SID (CA…)', 'CA' + SID.slice(2), 'sid-format'],
    ['a messaging service SID (MG…)', 'MG' + SID.slice(2), 'sid-format'],
    ['no prefix (the token pasted here)', TOKEN, 'sid-format'],
    ['a letter beyond hex', SID.slice(0, -1) + 'g', 'sid-format'],
    ['a Cyrillic А and С as prefix', '\u0410\u0421' + SID.slice(2), 'sid-format'],
    ['full-width digits', 'AC' + '０'.repeat(32), 'sid-format'],
    ['the masked bullets of a hidden value', 'AC' + '•'.repeat(32), 'sid-format'],
    ['the label copied along', `Account SID: ${SID}`, 'sid-format'],
    ['the SID twice', SID + SID, 'sid-format'],
    ['a dash inside', `${SID.slice(0, 10)}-${SID.slice(10)}`, 'sid-format'],
  ])('%s: refused with a sentence', (_name, input, problem) => {
    const parsed = parseAccountSid(input);
    expect(parsed).toEqual({ ok: false, problem });
    if (!parsed.ok) expect(credentialProblemText(parsed.problem)).toMatch(/\w+.*\./);
  });

  it('says an API key is not an Account SID and which one to use', () => {
    expect(credentialProblemText('sid-is-api-key')).toMatch(/API key.*SK.*Account SID.*AC/);
  });

  it(`any SID with spaces, zero-width or direction marks and case changes normalises to that SID (${RUNS.decoratedSid} cases)`, () => {
    fc.assert(
      fc.property(validSid.chain((sid) => fc.tuple(fc.constant(sid), decorated(sid))), ([sid, input]) => {
        expect(parseAccountSid(input)).toEqual({ ok: true, value: sid });
      }),
      { numRuns: RUNS.decoratedSid },
    );
  });

  it(`any string is either a well-formed SID or refused with a sentence, never an exception (${RUNS.anySid} cases)`, () => {
    fc.assert(
      fc.property(anyString, (input) => {
        const parsed = parseAccountSid(input);
        if (parsed.ok) {
          expect(parsed.value).toMatch(ACCOUNT_SID_PATTERN);
          expect(parseAccountSid(parsed.value)).toEqual(parsed);
        } else {
          expect(credentialProblemText(parsed.problem)).toBeTruthy();
        }
      }),
      { numRuns: RUNS.anySid },
    );
  });

  it(`AC with any other number of hex digits is refused (${RUNS.wrongLength} cases)`, () => {
    const length = fc.integer({ min: 0, max: 80 }).filter((n) => n !== 32);
    fc.assert(
      fc.property(length.chain((n) => hex(n).chain((h) => decorated(`AC${h}`))), (input) => {
        expect(parseAccountSid(input)).toEqual({ ok: false, problem: 'sid-format' });
      }),
      { numRuns: RUNS.wrongLength },
    );
  });

  it(`any other two-letter prefix is refused; SK is named as an API key (${RUNS.wrongPrefix} cases)`, () => {
    const prefix = fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'), minLength: 2, maxLength: 2 });
    fc.assert(
      fc.property(prefix, hex(32), (p, h) => {
        const folded = p.toUpperCase();
        const expected = folded === 'AC' ? { ok: true, value: `AC${h}` } : { ok: false, problem: folded === 'SK' ? 'sid-is-api-key' : 'sid-format' };
        expect(parseAccountSid(p + h)).toEqual(expected);
      }),
      { numRuns: RUNS.wrongPrefix },
    );
  });
});

describe('Auth Tokens', () => {
  it.each([
    ['spaces around', `  ${TOKEN} `, TOKEN],
    ['upper case', TOKEN.toUpperCase(), TOKEN],
    ['zero-width characters and a BOM', `\ufeff${TOKEN.slice(0, 8)}\u200b${TOKEN.slice(8)}\u2060`, TOKEN],
    ['direction marks', `\u200e${TOKEN}\u200f`, TOKEN],
    ['copied in groups', TOKEN.match(/.{8}/g)!.join(' '), TOKEN],
  ])('%s: normalises to the one token', (_name, input, expected) => {
    expect(parseAuthToken(input)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['empty', '', 'token-missing'],
    ['undefined', undefined, 'token-missing'],
    ['the mask the console shows', '•'.repeat(32), 'token-format'],
    ['asterisks', '*'.repeat(32), 'token-format'],
    ['one character short', TOKEN.slice(1), 'token-format'],
    ['one character long', TOKEN + '0', 'token-format'],
    ['the Account SID pasted here', SID, 'token-format'],
    ['a letter beyond hex', 'z' + TOKEN.slice(1), 'token-format'],
    ['the label copied along', `Auth Token: ${TOKEN}`, 'token-format'],
    ['both clipboard lines pasted into one field', `Account SID: ${SID}\nAuth Token: ${TOKEN}`, 'token-format'],
  ])('%s: refused with a sentence', (_name, input, problem) => {
    const parsed = parseAuthToken(input);
    expect(parsed).toEqual({ ok: false, problem });
    if (!parsed.ok) expect(credentialProblemText(parsed.problem)).toMatch(/\w+.*\./);
  });

  it(`any token with spaces, zero-width or direction marks and case changes normalises to that token (${RUNS.decoratedToken} cases)`, () => {
    fc.assert(
      fc.property(validToken.chain((token) => fc.tuple(fc.constant(token), decorated(token))), ([token, input]) => {
        expect(parseAuthToken(input)).toEqual({ ok: true, value: token });
      }),
      { numRuns: RUNS.decoratedToken },
    );
  });

  it(`any string is either a well-formed token or refused with a sentence, never an exception (${RUNS.anyToken} cases)`, () => {
    fc.assert(
      fc.property(anyString, (input) => {
        const parsed = parseAuthToken(input);
        if (parsed.ok) {
          expect(parsed.value).toMatch(AUTH_TOKEN_PATTERN);
          expect(parseAuthToken(parsed.value)).toEqual(parsed);
        } else {
          expect(credentialProblemText(parsed.problem)).toBeTruthy();
        }
      }),
      { numRuns: RUNS.anyToken },
    );
  });
});

// ── Names and matching ──────────────────────────────────────────────────────────────────────

describe('friendly names and location names', () => {
  it.each([
    ['<img src=x onerror=alert(1)>', 'img src x onerror alert 1'],
    ['<script>alert(1)</script>', 'script alert 1 script'],
    ['عيادة الأسنان - دبي', 'عيادة الاسنان دبي'],
    ['מרפאת שיניים - תל אביב', 'מרפאת שיניים תל אביב'],
    ['\u202eAcme\u202c Dental', 'acme dental'],
    ['Acme\u200bDental', 'acmedental'],
    ['Acme Dental 🦷 - Austin', 'acme dental austin'],
    ['🦷🦷🦷', ''],
    ['---', ''],
    ['!!!…???', ''],
    ['STRASSE Dental', 'strasse dental'],
    ['Straße Dental', 'strasse dental'],
    ['ΟΔΟΝΤΙΑΤΡΟΣ ΑΘΗΝΑΣ', 'οδοντιατροσ αθηνασ'],
    ['Οδοντίατρος Αθήνας', 'οδοντιατροσ αθηνασ'],
    ['İSTANBUL', 'istanbul'],
    ['ıstanbul', 'istanbul'],
    ['\u{1d6a4}stanbul', 'istanbul'],
    ['A'.repeat(300), 'a'.repeat(300)],
  ])('%j → %j', (input, expected) => expect(normaliseName(input)).toBe(expected));

  it(`any name normalises to letters and digits in single-spaced words, and normalising again changes nothing (${RUNS.nameShape} cases)`, () => {
    fc.assert(
      fc.property(fc.oneof(anyName, anyString), (name) => {
        const once = normaliseName(name);
        expect(once).toMatch(/^(?:[\p{L}\p{N}]+(?: [\p{L}\p{N}]+)*)?$/u);
        expect(normaliseName(once)).toBe(once);
      }),
      { numRuns: RUNS.nameShape },
    );
  });

  it(`a name in upper case, lower case or as written normalises alike (${RUNS.nameCase} cases)`, () => {
    fc.assert(
      fc.property(fc.oneof(nameWords.map((w) => w.join(' ')), fc.string({ unit: 'grapheme', maxLength: 40 })), (name) => {
        const n = normaliseName(name);
        expect(normaliseName(name.toUpperCase())).toBe(n);
        expect(normaliseName(name.toLowerCase())).toBe(n);
      }),
      { numRuns: RUNS.nameCase },
    );
  });

  it(`names that differ only by case, accents, spacing, punctuation or invisible marks match the one location (${RUNS.nameVariant} cases)`, () => {
    const scenario = nameWords.chain((words) =>
      fc.record({
        base: fc.constant(words.join(' - ')),
        variant: variantOf(words),
        others: fc.array(nameWords.map((w) => w.join(' ')), { maxLength: 8 }),
        at: fc.nat(),
      }),
    );
    fc.assert(
      fc.property(scenario, ({ base, variant, others, at }) => {
        expect(normaliseName(variant)).toBe(normaliseName(base));
        const distractors = others.filter((o) => normaliseName(o) !== normaliseName(base)).map((o, i) => loc(`other-${i}`, o));
        const locations = [...distractors];
        locations.splice(at % (locations.length + 1), 0, loc('target', base));
        // Either side may be the one written differently.
        for (const [friendlyName, list] of [
          [variant, locations],
          [base, locations.map((l) => (l.id === 'target' ? { ...l, name: variant } : l))],
        ] as const) {
          const result = matchLocation({ sid: SID, friendlyName, locations: list });
          expect(result).toMatchObject({ kind: 'matched', via: 'name', location: { id: 'target' } });
        }
      }),
      { numRuns: RUNS.nameVariant },
    );
  });

  it(`a "- City" suffix is another name: the admin chooses, and each franchise goes only to its own city (${RUNS.citySuffix} cases)`, () => {
    const scenario = fc.record({
      brand: nameWords.map((w) => w.join(' ')),
      cities: fc.uniqueArray(word, { minLength: 1, maxLength: 5, selector: (c) => normaliseName(c) }),
      pick: fc.nat(),
    });
    fc.assert(
      fc.property(scenario, ({ brand, cities, pick }) => {
        const franchise = cities.map((city, i) => loc(`city-${i}`, `${brand} - ${city}`));
        // The brand alone never lands on one of its cities.
        const brandOnly = matchLocation({ sid: SID, friendlyName: brand, locations: franchise });
        expect(brandOnly).toMatchObject({ kind: 'needs-choice', why: 'no-name-match' });
        if (brandOnly.kind === 'needs-choice') {
          expect(brandOnly.candidates.every((c) => c.score < 1)).toBe(true);
          expect(brandOnly.candidates.map((c) => c.location.id).sort()).toEqual(franchise.map((l) => l.id).sort());
        }
        // The full name lands on its own city, whatever the spacing and dash.
        const chosen = pick % cities.length;
        const full = `  ${brand.toUpperCase()}—${cities[chosen]}  `;
        expect(matchLocation({ sid: SID, friendlyName: full, locations: franchise })).toMatchObject({
          kind: 'matched',
          location: { id: `city-${chosen}` },
        });
        // A CRM that lists only the brand does not take a sub-account named after one city.
        expect(matchLocation({ sid: SID, friendlyName: full, locations: [loc('brand', brand)] })).toMatchObject({
          kind: 'needs-choice',
          why: 'no-name-match',
        });
      }),
      { numRuns: RUNS.citySuffix },
    );
  });

  it(`two locations whose names differ only in writing are a choice, never a guess (${RUNS.duplicates} cases)`, () => {
    const scenario = nameWords.chain((words) => fc.tuple(fc.constant(words.join(' ')), variantOf(words), variantOf(words)));
    fc.assert(
      fc.property(scenario, ([base, first, second]) => {
        const locations = [loc('one', first), loc('two', second), loc('else', `${base} Annex`)];
        const result = matchLocation({ sid: SID, friendlyName: base, locations });
        expect(result).toMatchObject({ kind: 'needs-choice', why: 'several-names' });
        if (result.kind === 'needs-choice') expect(result.candidates.map((c) => c.location.id)).toEqual(['one', 'two']);
      }),
      { numRuns: RUNS.duplicates },
    );
  });

  it(`any friendly name against any locations: a unique exact match or a choice, never an exception (${RUNS.anyMatch} cases)`, () => {
    const scenario = fc.record({
      friendlyName: fc.option(anyName, { nil: undefined }),
      names: fc.array(fc.oneof(anyName, nameWords.map((w) => w.join(' '))), { maxLength: 15 }),
      sidHolders: fc.array(fc.nat({ max: 14 }), { maxLength: 3 }),
    });
    fc.assert(
      fc.property(scenario, ({ friendlyName, names, sidHolders }) => {
        const locations = names.map((name, i) => loc(`l${i}`, name, sidHolders.includes(i) ? SID : null));
        const result = matchLocation({ sid: SID, friendlyName, locations });
        const holders = locations.filter((l) => l.sid === SID);
        if (result.kind === 'matched') {
          if (result.via === 'holds-sid') expect(holders).toEqual([result.location]);
          else {
            expect(result.via).toBe('name');
            expect(holders).toEqual([]);
            const wanted = normaliseName(friendlyName ?? '');
            expect(wanted).not.toBe('');
            expect(locations.filter((l) => normaliseName(l.name) === wanted)).toEqual([result.location]);
          }
        } else {
          expect(['no-name-match', 'several-holders', 'several-names', 'no-name']).toContain(result.why);
          expect(result.candidates.length).toBeLessThanOrEqual(Math.max(10, holders.length, locations.length));
          for (const candidate of result.candidates) {
            expect(locations).toContain(candidate.location);
            expect(candidate.score).toBeGreaterThan(0);
            expect(candidate.score).toBeLessThanOrEqual(1);
          }
        }
      }),
      { numRuns: RUNS.anyMatch },
    );
  });
});

// ── Message schemas ─────────────────────────────────────────────────────────────────────────

interface SafeParser {
  safeParse(input: unknown): { success: boolean };
}
const schemas = (Object.entries(messages) as [string, unknown][]).filter(
  (entry): entry is [string, SafeParser] => typeof (entry[1] as Partial<SafeParser>)?.safeParse === 'function',
);

/** Anything a message could carry, and things it could not (maps, dates, null prototypes, cycles aside). */
const anyValue = fc.anything({
  maxDepth: 4,
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withObjectString: true,
  withSparseArray: true,
  withTypedArray: true,
  withUnicodeString: true,
});

/** A message of a real type with some fields right and others replaced by anything. */
const TYPES = [
  'capture', 'paste-credentials', 'confirm-replace', 'get-handoff', 'crm-locations-seen',
  'crm-submit-intent', 'crm-progress', 'crm-result', 'handoff-command', 'open-location', 'check-page',
  'crm-ping', 'crm-search', 'crm-run', 'crm-check-page', 'handoff-update',
] as const;
const fieldValue = fc.oneof(
  anyValue,
  anyString,
  fc.constantFrom('h-seed', 'run-1', SID, TOKEN, ...messages.HANDOFF_ACTIONS, ...messages.DRIVER_STEPS),
  fc.record({ id: fc.oneof(fc.string(), fc.constant('loc')), name: anyName }, { requiredKeys: [] }),
  fc.record({ kind: fc.constantFrom('authorized', 'crm-error', 'inspected', 'filled', 'driver-error'), message: anyName }, { requiredKeys: [] }),
);
const nearMessage = fc
  .tuple(
    fc.constantFrom(...TYPES),
    fc.dictionary(
      fc.constantFrom('sid', 'token', 'pageAccountName', 'handoffId', 'runId', 'action', 'location', 'locations', 'outcome', 'step', 'tabId', 'query', '__proto__', 'constructor'),
      fieldValue,
      { maxKeys: 6 },
    ),
  )
  .map(([type, fields]) => ({ ...fields, type }));
/** Messages the schemas accept, with hostile content: names, ids, outcomes and malformed pairs. */
const id = fc.oneof(fc.string({ minLength: 1, maxLength: 100 }), fc.constantFrom('h-seed', 'run-1'));
const rawValue = fc.oneof(anyString, validSid.chain(decorated), validToken.chain(decorated)).filter((v) => v.length <= 200);
const location = fc.record(
  {
    id: fc.string({ minLength: 1, maxLength: 200 }),
    name: anyName.filter((n) => n.length <= 500),
    sid: fc.option(fc.oneof(validSid, fc.string({ maxLength: 64 })), { nil: null }),
    managedBy: fc.constantFrom('twilio', 'lc-phone', 'not-available', 'unknown'),
  },
  { requiredKeys: ['id', 'name'] },
);
const outcome = fc.oneof(
  fc.record({ kind: fc.constant('inspected'), currentSid: fc.option(validSid, { nil: null }), managedBy: fc.constantFrom('twilio', 'lc-phone'), canUpdate: fc.boolean() }),
  fc.record({ kind: fc.constantFrom('filled', 'dialog-opened') }),
  fc.record({ kind: fc.constantFrom('authorized', 'crm-error'), message: anyName }),
  fc.record({ kind: fc.constant('driver-error'), step: fc.constantFrom(...messages.DRIVER_STEPS), code: fc.string(), message: anyName, submitted: fc.boolean() }),
);
const wellFormed = fc.oneof(
  fc.record({ type: fc.constantFrom('capture', 'paste-credentials'), sid: rawValue, token: rawValue, pageAccountName: fc.option(anyName.filter((n) => n.length <= 500), { nil: undefined }) }),
  fc.record({ type: fc.constantFrom('confirm-replace', 'get-handoff'), handoffId: id }),
  fc.record({ type: fc.constant('crm-locations-seen'), locations: fc.array(location, { maxLength: 5 }) }),
  fc.record({ type: fc.constant('crm-submit-intent'), handoffId: id, runId: id }),
  fc.record({ type: fc.constant('crm-progress'), handoffId: id, runId: id, step: fc.constantFrom(...messages.DRIVER_STEPS) }),
  fc.record({ type: fc.constant('crm-result'), handoffId: id, runId: id, outcome }),
  fc.record({ type: fc.constant('handoff-command'), handoffId: id, action: fc.constantFrom(...messages.HANDOFF_ACTIONS), location: fc.option(location, { nil: undefined }) }),
  fc.record({ type: fc.constant('open-location'), location }),
  fc.record({ type: fc.constant('check-page'), tabId: fc.integer() }),
);
const anyMessage = fc.oneof(
  { arbitrary: anyValue, weight: 1 },
  { arbitrary: fc.jsonValue(), weight: 1 },
  { arbitrary: nearMessage, weight: 1 },
  { arbitrary: wellFormed, weight: 3 },
);

describe('message schemas', () => {
  it.each(schemas.map(([name, schema]) => [name, schema] as const))(
    `%s.safeParse never throws on arbitrary input (${RUNS.schema} cases each)`,
    (_name, schema) => {
      fc.assert(
        fc.property(anyMessage, (input) => {
          expect(typeof schema.safeParse(input).success).toBe('boolean');
        }),
        { numRuns: RUNS.schema },
      );
    },
  );

  it('covers every schema the protocol file exports', () => {
    expect(schemas.map(([name]) => name)).toEqual(
      expect.arrayContaining(['ToBackground', 'ToCrm', 'ToConsole', 'CaptureMessage', 'CrmRunMessage', 'DriverOutcome', 'HandoffReply']),
    );
    expect(schemas.length).toBeGreaterThanOrEqual(25);
  });

  it('refuses oversized raw values instead of carrying them', () => {
    expect(messages.CaptureMessage.safeParse({ type: 'capture', sid: SID, token: 'a'.repeat(201) }).success).toBe(false);
    expect(messages.CaptureMessage.safeParse({ type: 'capture', sid: SID, token: TOKEN, pageAccountName: 'n'.repeat(501) }).success).toBe(false);
    expect(messages.CrmLocationsSeenMessage.safeParse({ type: 'crm-locations-seen', locations: Array.from({ length: 501 }, (_, i) => loc(`l${i}`, 'x')) }).success).toBe(false);
  });
});

// ── The background's boundary ───────────────────────────────────────────────────────────────

const EXT = fakeBrowser.runtime.id;
const CRM_URL = 'https://app.gohighlevel.com/settings/phone_integration';
type SenderKind = 'console' | 'page' | 'crm';
interface Sender {
  label: string;
  kind?: SenderKind;
  sender: SenderLike;
}
const CONSOLE_SENDERS: Sender[] = [
  { label: 'console tab', kind: 'console', sender: { id: EXT, tab: { id: 11 }, frameId: 0, url: 'https://console.twilio.com/us1/account/manage-account/general-settings' } },
  {
    label: 'legacy console frame in the new console',
    kind: 'console',
    sender: { id: EXT, tab: { id: 11, url: 'https://console.twilio.com/us1/account/manage-account/general-settings?frameUrl=%2Fconsole%2Fproject%2Fsettings' }, frameId: 4, url: 'https://www.twilio.com/console/project/settings' },
  },
];
const PAGE_SENDERS: Sender[] = [
  { label: 'popup', kind: 'page', sender: { id: EXT, url: fakeBrowser.runtime.getURL('/popup.html') } },
  { label: 'options', kind: 'page', sender: { id: EXT, url: fakeBrowser.runtime.getURL('/options.html') } },
];
const CRM_SENDER: Sender = { label: 'CRM tab', kind: 'crm', sender: { id: EXT, tab: { id: 21 }, frameId: 0, url: CRM_URL } };
/** Senders that may send nothing at all: other extensions, other sites, look-alike hosts, frames. */
const HOSTILE_SENDERS: Sender[] = [
  { label: 'another extension, console URL', sender: { id: 'another-extension', tab: { id: 11 }, frameId: 0, url: 'https://console.twilio.com/' } },
  { label: 'another extension, its popup', sender: { id: 'another-extension', url: 'chrome-extension://another-extension/popup.html' } },
  { label: 'another extension claiming our popup URL', sender: { id: 'another-extension', url: fakeBrowser.runtime.getURL('/popup.html') } },
  { label: 'our id from an unrelated site', sender: { id: EXT, tab: { id: 31 }, frameId: 0, url: 'https://evil.example/' } },
  { label: 'look-alike console host', sender: { id: EXT, tab: { id: 32 }, frameId: 0, url: 'https://console.twilio.com.evil.example/' } },
  { label: 'console over http', sender: { id: EXT, tab: { id: 33 }, frameId: 0, url: 'http://console.twilio.com/' } },
  { label: 'www.twilio.com outside /console', sender: { id: EXT, tab: { id: 34 }, frameId: 0, url: 'https://www.twilio.com/consolex/settings' } },
  { label: 'console URL without a tab', sender: { id: EXT, url: 'https://console.twilio.com/' } },
  { label: 'console page framed by another site', sender: { id: EXT, tab: { id: 38, url: 'https://bait.example/' }, frameId: 3, url: 'https://www.twilio.com/console/project/settings' } },
  { label: 'console frame opened by www.twilio.com outside /console', sender: { id: EXT, tab: { id: 39, url: 'https://www.twilio.com/blog' }, frameId: 3, url: 'https://www.twilio.com/console/x' } },
  { label: 'console frame, its tab’s top-level URL not reported', sender: { id: EXT, tab: { id: 40 }, frameId: 3, url: 'https://www.twilio.com/console/project/settings' } },
  { label: 'CRM in a sub-frame', sender: { id: EXT, tab: { id: 21 }, frameId: 2, url: CRM_URL } },
  { label: 'look-alike CRM host', sender: { id: EXT, tab: { id: 35 }, frameId: 0, url: 'https://app.gohighlevel.com.evil.example/settings/phone_integration' } },
  { label: 'CRM host not enabled', sender: { id: EXT, tab: { id: 36 }, frameId: 0, url: 'https://app.otheragency.example/settings/phone_integration' } },
  { label: 'a web page claiming to be the popup', sender: { id: EXT, tab: { id: 37 }, frameId: 0, url: 'https://evil.example/popup.html' } },
  { label: 'our id, no URL, no tab', sender: { id: EXT } },
  { label: 'a URL that does not parse', sender: { id: EXT, tab: { id: 11 }, frameId: 0, url: 'not a url' } },
  { label: 'nobody', sender: {} },
];
const ALL_SENDERS = [...CONSOLE_SENDERS, ...PAGE_SENDERS, CRM_SENDER, ...HOSTILE_SENDERS];
const randomSender: fc.Arbitrary<Sender> = fc
  .record(
    {
      id: fc.string({ maxLength: 40 }).filter((id) => id !== EXT),
      url: fc.oneof(fc.webUrl({ withQueryParameters: true, withFragments: true }), anyString),
      tab: fc.record({ id: fc.integer() }, { requiredKeys: [] }),
      frameId: fc.integer({ min: -1, max: 10 }),
    },
    { requiredKeys: [] },
  )
  .map((sender) => ({ label: 'random', sender }));
const anySender = fc.oneof(
  { arbitrary: fc.constantFrom(...CONSOLE_SENDERS, ...PAGE_SENDERS, CRM_SENDER), weight: 2 },
  { arbitrary: fc.constantFrom(...HOSTILE_SENDERS), weight: 2 },
  { arbitrary: randomSender, weight: 1 },
);

/** Who may send each message type (utils/background/router.ts); everyone else is ignored. */
const MAY_SEND: Record<string, readonly SenderKind[]> = {
  capture: ['console'],
  'paste-credentials': ['page'],
  'confirm-replace': ['console', 'page'],
  'get-handoff': ['console', 'page'],
  'handoff-command': ['page'],
  'open-location': ['page'],
  'check-page': ['page'],
  'crm-locations-seen': ['crm'],
  'crm-submit-intent': ['crm'],
  'crm-progress': ['crm'],
  'crm-result': ['crm'],
};
const notAllowed = (type: string) => (s: Sender) => !s.kind || !MAY_SEND[type]?.includes(s.kind);

/** A CRM tab that answers at once, so no request waits for a page that is not there. */
function quietCrm() {
  const sent: { tabId: number; message: { type: string } }[] = [];
  injectableCrm();
  fakeBrowser.tabs.sendMessage = vi.fn(async (tabId: number, message: { type: string }) => {
    sent.push({ tabId, message });
    if (message.type === 'crm-ping') return { ok: true, url: CRM_URL };
    if (message.type === 'crm-search') return { ok: true, locations: [] };
    if (message.type === 'crm-run') return { accepted: true };
    if (message.type === 'crm-check-page') return { anchors: [] };
    return undefined;
  }) as never;
  return sent;
}

/** Twilio refuses every pair: nothing gets far even if a test lets a capture through. */
function twilioRefuses() {
  const fetchMock = vi.fn(async () =>
    new Response(JSON.stringify({ code: 20003, message: 'Authenticate', more_info: 'https://www.twilio.com/docs/errors/20003', status: 401 }), {
      status: 401,
      headers: { 'content-type': 'application/json' },
    }),
  );
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

async function sessionKeys(): Promise<string[]> {
  return Object.keys(await fakeBrowser.storage.session.get(null));
}

describe('route(): every message into the background', () => {
  let crmSent: ReturnType<typeof quietCrm>;
  beforeEach(() => {
    fakeBrowser.reset();
    vi.unstubAllGlobals();
    crmSent = quietCrm();
    twilioRefuses();
  });

  it('control: a valid capture from the console does create a handoff (so "none" below means something)', async () => {
    const reply = (await route({ type: 'capture', sid: ` ${SID.toUpperCase()}\u200b`, token: TOKEN }, CONSOLE_SENDERS[0]!.sender)) as { ok: boolean; handoff: Handoff };
    expect(reply).toMatchObject({ ok: true, handoff: { sid: SID } });
    await vi.waitFor(async () => expect((await loadHandoff(reply.handoff.id))?.state).toBe('rejected'));
    expect(await listHandoffs()).toHaveLength(1);
  });

  it(`any value from any sender resolves, never rejects, and creates no handoff (${RUNS.routeAnything} cases)`, async () => {
    const notAPair = anyMessage.filter((m) => {
      const { sid, token } = (typeof m === 'object' && m !== null ? m : {}) as { sid?: unknown; token?: unknown };
      return !(typeof sid === 'string' && typeof token === 'string' && parseAccountSid(sid).ok && parseAuthToken(token).ok);
    });
    await fc.assert(
      fc.asyncProperty(notAPair, anySender, async (message, { sender }) => {
        await route(message, sender);
        expect(await listHandoffs()).toEqual([]);
        expect((await sessionKeys()).filter((k) => k.startsWith('token:'))).toEqual([]);
      }),
      { numRuns: RUNS.routeAnything },
    );
  });

  it(`a well-formed pair from a sender that may not send it is ignored: no reply, no handoff (${RUNS.routeWrongSender} cases)`, async () => {
    const scenario = fc.record({
      type: fc.constantFrom('capture', 'paste-credentials'),
      sid: validSid.chain(decorated),
      token: validToken.chain(decorated),
      pageAccountName: fc.option(anyName, { nil: undefined }),
    });
    await fc.assert(
      fc.asyncProperty(
        scenario.chain((m) => fc.tuple(fc.constant(m), fc.oneof(fc.constantFrom(...ALL_SENDERS.filter(notAllowed(m.type))), randomSender))),
        async ([message, { sender }]) => {
          expect(await route(message, sender)).toBeUndefined();
          expect(await sessionKeys()).toEqual([]);
        },
      ),
      { numRuns: RUNS.routeWrongSender },
    );
    expect(crmSent).toEqual([]);
  });

  it(`a malformed pair from the console or the popup is refused with a sentence: no handoff (${RUNS.routeBadCredentials} cases)`, async () => {
    const badPair = fc
      .record({ sid: fc.oneof(anyString, validSid.chain(decorated)), token: fc.oneof(anyString, validToken.chain(decorated)) })
      .filter(({ sid, token }) => !(parseAccountSid(sid).ok && parseAuthToken(token).ok))
      .filter(({ sid, token }) => sid.length <= 200 && token.length <= 200);
    const sentences = new Set((['sid-missing', 'sid-is-api-key', 'sid-format', 'token-missing', 'token-format'] as const).map(credentialProblemText));
    await fc.assert(
      fc.asyncProperty(badPair, fc.boolean(), async ({ sid, token }, fromConsole) => {
        const reply = fromConsole
          ? await route({ type: 'capture', sid, token }, CONSOLE_SENDERS[0]!.sender)
          : await route({ type: 'paste-credentials', sid, token }, PAGE_SENDERS[0]!.sender);
        expect(reply).toEqual({ ok: false, message: expect.any(String) });
        expect(sentences.has((reply as { message: string }).message)).toBe(true);
        expect(await sessionKeys()).toEqual([]);
      }),
      { numRuns: RUNS.routeBadCredentials },
    );
  });

  it(`spoofed commands and CRM reports change nothing in a handoff in flight (${RUNS.routeSpoof} cases)`, async () => {
    const seed: Handoff = {
      ...newHandoff({ id: 'h-seed', sid: SID, crmHost: 'app.gohighlevel.com', now: Date.now(), lifetimeMs: 900_000 }),
      state: 'filling',
      friendlyName: 'Acme Dental - Austin',
      location: loc('loc1', 'Acme Dental - Austin'),
      crmTabId: 21,
      runId: 'run-1',
      previousSid: null,
    };
    await saveHandoff(seed);
    await saveToken(seed.id, TOKEN, seed.expiresAt);
    const before = await loadHandoff(seed.id);
    const otherCrmTab: Sender = { label: 'another CRM tab', kind: 'crm', sender: { ...CRM_SENDER.sender, tab: { id: 22 } } };
    const forSeed = fc.oneof(
      fc.constantFrom(
        { type: 'confirm-replace', handoffId: 'h-seed' },
        { type: 'get-handoff', handoffId: 'h-seed' },
        { type: 'crm-submit-intent', handoffId: 'h-seed', runId: 'run-1' },
        { type: 'crm-progress', handoffId: 'h-seed', runId: 'run-1', step: 'submit' },
        { type: 'crm-result', handoffId: 'h-seed', runId: 'run-1', outcome: { kind: 'authorized', message: 'Saved' } },
        { type: 'crm-result', handoffId: 'h-seed', runId: 'run-1', outcome: { kind: 'crm-error', message: 'Invalid' } },
        { type: 'crm-result', handoffId: 'h-seed', runId: 'run-1', outcome: { kind: 'inspected', currentSid: SID, managedBy: 'twilio', canUpdate: true } },
        { type: 'open-location', location: loc('loc1', 'Acme Dental - Austin') },
      ),
      fc.constantFrom(...messages.HANDOFF_ACTIONS).map((action) => ({ type: 'handoff-command', handoffId: 'h-seed', action, location: loc('evil', 'Elsewhere') })),
    );
    const scenario = forSeed.chain((message) =>
      fc.tuple(
        fc.constant(message),
        fc.oneof(
          fc.constantFrom(
            ...ALL_SENDERS.filter(notAllowed(message.type)),
            ...(['crm-submit-intent', 'crm-result'].includes(message.type) ? [otherCrmTab] : []),
          ),
          randomSender,
        ),
      ),
    );
    crmSent.length = 0;
    await fc.assert(
      fc.asyncProperty(scenario, async ([message, { sender }]) => {
        const reply = await route(message, sender);
        expect(reply === undefined || (reply as { go?: boolean }).go === false || (reply as { ok?: boolean }).ok === true).toBe(true);
        expect(await loadHandoff(seed.id)).toEqual(before);
        expect(await loadToken(seed.id)).toBe(TOKEN);
      }),
      { numRuns: RUNS.routeSpoof },
    );
    expect(crmSent).toEqual([]);
    // Control: the same report from the handoff's own CRM tab does move it.
    expect(await route({ type: 'crm-submit-intent', handoffId: 'h-seed', runId: 'run-1' }, CRM_SENDER.sender)).toEqual({ go: true });
    expect((await loadHandoff(seed.id))?.state).toBe('submitting');
  });
});

describe('a page’s own text is not trusted', () => {
  const ATTACKER = 'Attacker Holdings';
  beforeEach(() => {
    fakeBrowser.reset();
    vi.unstubAllGlobals();
  });

  function twilioNames(friendlyName: string) {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () =>
        new Response(
          JSON.stringify({
            sid: SID, owner_account_sid: 'AC' + 'f'.repeat(32), friendly_name: friendlyName, status: 'active', type: 'Full',
            auth_token: TOKEN, date_created: 'Fri, 27 Nov 2026 10:00:00 +0000', date_updated: 'Fri, 27 Nov 2026 10:00:00 +0000',
            uri: `/2010-04-01/Accounts/${SID}.json`, subresource_uris: {},
          }),
          { status: 200, headers: { 'content-type': 'application/json' } },
        ),
      ),
    );
  }

  function crmListing(locations: Location[]) {
    const queries: string[] = [];
    const runs: messages.CrmRunMessage[] = [];
    injectableCrm();
    fakeBrowser.tabs.sendMessage = vi.fn(async (_tabId: number, message: { type: string; query?: string }) => {
      if (message.type === 'crm-ping') return { ok: true, url: CRM_URL };
      if (message.type === 'crm-search') {
        queries.push(message.query!);
        return { ok: true, locations };
      }
      if (message.type === 'crm-run') {
        runs.push(message as messages.CrmRunMessage);
        return { accepted: true };
      }
      return undefined;
    }) as never;
    return { queries, runs };
  }

  it('matches by the name Twilio gives the verified account, not the name the page shows', async () => {
    twilioNames(ATTACKER);
    const crm = crmListing([loc('victim', 'Acme Dental - Austin')]);
    const reply = (await route(
      { type: 'capture', sid: SID, token: TOKEN, pageAccountName: 'Acme Dental - Austin' },
      CONSOLE_SENDERS[0]!.sender,
    )) as { ok: true; handoff: Handoff };
    await vi.waitFor(async () => expect((await loadHandoff(reply.handoff.id))?.state).toBe('needs-choice'));
    const handoff = (await loadHandoff(reply.handoff.id))!;
    expect(handoff.friendlyName).toBe(ATTACKER);
    expect(handoff.location).toBeUndefined();
    expect(crm.queries).toEqual([ATTACKER]);
    expect(crm.runs).toEqual([]);
  });

  it.each([
    ['Twilio confirms the pair', 200, /Saved\. Twilio reports the account active with 2 phone numbers\./],
    ['Twilio refuses the pair', 401, /Saved\. The follow-up check with Twilio failed: .*(wrong|suspended|closed)/i],
  ])('a CRM tab that reports success is followed by Twilio’s own check, recorded with it: %s', async (_name, numbersStatus, reason) => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async (input: Request | string | URL) => {
        const url = input instanceof Request ? input.url : String(input);
        const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
        if (url.includes('/IncomingPhoneNumbers.json')) {
          if (numbersStatus !== 200) return json(401, { code: 20003, message: 'Authenticate', more_info: 'https://www.twilio.com/docs/errors/20003', status: 401 });
          const number = (n: string) => ({ sid: `PN${n.repeat(32)}`, account_sid: SID, phone_number: `+1512555000${n}`, friendly_name: null, capabilities: { sms: true, voice: true } });
          return json(200, { incoming_phone_numbers: [number('1'), number('2')], next_page_uri: null, page: 0, page_size: 50 });
        }
        return json(200, {
          sid: SID, owner_account_sid: 'AC' + 'f'.repeat(32), friendly_name: 'Acme Dental - Austin', status: 'active', type: 'Full',
          auth_token: TOKEN, date_created: null, date_updated: null, uri: `/2010-04-01/Accounts/${SID}.json`, subresource_uris: {},
        });
      }),
    );
    const crm = crmListing([{ ...loc('loc1', 'Acme Dental - Austin'), managedBy: 'not-available' }]);
    const reply = (await route({ type: 'capture', sid: SID, token: TOKEN }, CONSOLE_SENDERS[0]!.sender)) as { ok: true; handoff: Handoff };
    await vi.waitFor(() => expect(crm.runs).toHaveLength(1));
    const run = crm.runs[0]!;
    const stored = (await loadHandoff(reply.handoff.id))!;
    const crmTab = { id: EXT, tab: { id: stored.crmTabId! }, frameId: 0, url: CRM_URL, documentId: stored.crmDocumentId! };
    expect(await route({ type: 'crm-submit-intent', handoffId: run.handoffId, runId: run.runId }, crmTab)).toEqual({ go: true });
    await route({ type: 'crm-result', handoffId: run.handoffId, runId: run.runId, outcome: { kind: 'authorized', message: 'Saved.' } }, crmTab);
    const done = (await loadHandoff(reply.handoff.id))!;
    expect(done.state).toBe('authorized');
    // The CRM's words and Twilio's answer are stored as parameters; the sentence is the popup's.
    expect(done).toMatchObject({ reasonCode: 'crm-accepted', reasonParams: { message: 'Saved.' } });
    expect(storedReasonText(done)).toMatch(reason);
    expect(await loadToken(done.id)).toBeUndefined();
  });
});

// ── Names on screen ─────────────────────────────────────────────────────────────────────────

/** The elements and attribute names under `root`: what markup a render produced, without its text. */
function shape(root: Element): string[] {
  return [...root.querySelectorAll('*')].map((el) => `${el.tagName}[${el.getAttributeNames().sort().join(',')}]`);
}

const ACTIVE = ['img', 'script', 'svg', 'iframe', 'object', 'style', 'template', 'a'].join(', ');

describe('names are rendered as text', () => {
  afterEach(cleanup);
  beforeEach(() => fakeBrowser.reset());

  const item = (name: string): Handoff => ({
    ...newHandoff({ id: 'h1', sid: SID, crmHost: 'app.gohighlevel.com', now: Date.now(), lifetimeMs: 900_000 }),
    state: 'failed',
    friendlyName: name,
    location: loc('loc1', name),
    reasonCode: 'crm-error',
    reasonParams: { message: `Invalid credentials for “${name}”.` },
  });

  function renderItem(name: string) {
    const view = render(h(HandoffItem, { handoff: item(name), now: Date.now() }));
    const result = { shape: shape(view.container), title: view.container.querySelector('h3')!.textContent, container: view.container };
    view.unmount();
    return result;
  }

  it(`HandoffItem: a friendly name, a location name and a reason holding a name make no elements (${RUNS.render} cases)`, () => {
    const baseline = renderItem('Plain Name');
    fc.assert(
      fc.property(anyName.filter((n) => n !== ''), (name) => {
        const { shape: got, title, container } = renderItem(name);
        expect(got).toEqual(baseline.shape);
        expect(title).toBe(name);
        expect(container.querySelector(ACTIVE)).toBeNull();
      }),
      { numRuns: RUNS.render },
    );
  });

  it('HandoffItem: the exact XSS probe shows as its own text', () => {
    const name = '<img src=x onerror=alert(1)>';
    const view = render(h(HandoffItem, { handoff: item(name), now: Date.now() }));
    expect(view.container.querySelector('img')).toBeNull();
    expect(view.container.querySelector('h3')!.textContent).toBe(name);
    expect(view.container.querySelector('.handoff__reason')!.textContent).toContain(name);
    expect([...view.container.querySelectorAll('dd')].some((dd) => dd.textContent === name)).toBe(true);
  });

  function renderPicker(names: string[]) {
    const locations = names.map((name, i) => ({ ...loc(`l${i}`, name), sid: i === 0 ? SID : null }));
    const view = render(h(LocationPicker, { id: 'p', locations, pickLabel: (n: string) => `Choose ${n}`, onPick: () => undefined }));
    const buttons = [...view.container.querySelectorAll('button.picker__result')];
    const result = {
      shape: shape(view.container),
      texts: buttons.map((b) => b.textContent),
      labels: buttons.map((b) => b.getAttribute('aria-label')),
      active: view.container.querySelector(ACTIVE),
    };
    view.unmount();
    return result;
  }

  it(`LocationPicker: location names make no elements, each button's text is its name (${RUNS.render} cases)`, () => {
    fc.assert(
      fc.property(fc.uniqueArray(anyName, { minLength: 1, maxLength: 4 }), (names) => {
        const baseline = renderPicker(names.map((_, i) => `Plain ${i}`));
        const got = renderPicker(names);
        // Results are sorted by name, so compare the markup as a multiset.
        expect([...got.shape].sort()).toEqual([...baseline.shape].sort());
        expect(got.active).toBeNull();
        expect([...got.texts].sort()).toEqual([...names].sort());
        expect([...got.labels].sort()).toEqual(names.map((n) => `Choose ${n}`).sort());
      }),
      { numRuns: RUNS.render },
    );
  });

  function overlayActions(name: string, state: Handoff['state'] = 'matched'): OverlayActions {
    const handoff: Handoff = {
      ...newHandoff({ id: 'h1', sid: SID, crmHost: 'app.gohighlevel.com', now: 1, lifetimeMs: 900_000 }),
      state,
      updatedAt: 2,
      friendlyName: name,
      location: loc('loc1', name),
      previousSid: 'AC' + '9'.repeat(32),
      reason: 'Why',
    };
    return {
      send: vi.fn(async () => ({ kind: 'sent' as const, handoff })),
      copy: vi.fn(async () => ({ kind: 'copied' as const, clears: true })),
      confirmReplace: vi.fn(async () => ({ ok: false as const, message: 'no' })),
      refresh: vi.fn(async () => ({ ok: false as const, message: 'no' })),
      watch: vi.fn(() => () => undefined),
      loadCorner: vi.fn(async () => undefined),
      saveCorner: vi.fn(),
    };
  }

  /** The console overlay (plain DOM, utils/console/overlay-dom.ts) after a trusted click on Send to CRM. */
  async function sentOverlay(name: string, state: Handoff['state'] = 'matched') {
    const container = document.body.appendChild(document.createElement('div'));
    // happy-dom has no IntersectionObserver v2, which the real click guard needs: every click passes here.
    const overlay = renderConsoleOverlay(container, { sid: SID, name }, overlayActions(name, state), () => ({ refusal: () => null, moved() {}, stop() {} }));
    const click = new MouseEvent('click', { bubbles: true, cancelable: true });
    Object.defineProperty(click, 'isTrusted', { value: true });
    [...container.querySelectorAll('button')].find((b) => b.textContent === 'Send to CRM')!.dispatchEvent(click);
    await new Promise((resolve) => setTimeout(resolve, 0));
    return {
      container,
      done() {
        overlay.destroy();
        container.remove();
      },
    };
  }

  async function renderOverlay(name: string) {
    const { container, done } = await sentOverlay(name);
    const result = {
      shape: shape(container),
      name: container.querySelector('.name')!.textContent,
      status: container.querySelector('[role="status"]')!.textContent ?? '',
      active: container.querySelector(ACTIVE),
    };
    done();
    return result;
  }

  it('Console overlay offers no field to type into, in any handoff state (keystrokes there would reach the page)', async () => {
    for (const state of HANDOFF_STATES) {
      const { container, done } = await sentOverlay('Acme Dental - Austin', state);
      expect(container.querySelector('[role="status"]')!.textContent, state).not.toBe('');
      expect(container.querySelector('input, textarea, select, [contenteditable]'), state).toBeNull();
      done();
    }
  });

  it('Console overlay: the exact XSS probe shows as its own text', async () => {
    const name = '<img src=x onerror=alert(1)>';
    const { container, done } = await sentOverlay(name);
    expect(container.querySelector(ACTIVE)).toBeNull();
    expect(container.querySelector('.name')!.textContent).toBe(name);
    expect(container.querySelector('[role="status"]')!.textContent).toContain(`“${name}”`);
    done();
  });

  it(`Console overlay: the page's account name and the location name make no elements (${RUNS.render} cases)`, async () => {
    const baseline = await renderOverlay('Plain Name');
    await fc.assert(
      fc.asyncProperty(anyName.filter((n) => n !== ''), async (name) => {
        const got = await renderOverlay(name);
        expect(got.shape).toEqual(baseline.shape);
        expect(got.active).toBeNull();
        expect(got.name).toBe(name);
        expect(got.status).toContain(`“${name}”`);
      }),
      { numRuns: RUNS.render },
    );
  });
});
