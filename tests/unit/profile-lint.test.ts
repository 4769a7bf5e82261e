// @vitest-environment node
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseSync } from 'vite';
import { describe, expect, it } from 'vitest';

/**
 * Issue 6 item 1: "A test fails when driver code uses a selector or a text that is not in a site
 * profile". The drivers' source (utils/crm, utils/console and the DOM helpers they share) is parsed
 * (oxc, through Vite) and every string, template and regular expression literal is judged by where
 * it stands, so comments, error messages and message types never count:
 *
 * - a selector: an argument of querySelector(All), closest, matches or the helpers that take
 *   selector lists (queryAll, queryVisible, matchesAny, hasAny), or any literal written in selector
 *   syntax (`.class`, `#id`, `[attr]`, `:pseudo`, combinators, a list of HTML tag names);
 * - a page text: the texts given to the finders that compare with page text (matchesText,
 *   findAllByName, findByName, clickTarget), a literal compared with (===, includes, startsWith…)
 *   text read from the page, and a regular expression that spells words (label patterns).
 *
 * Site profiles (utils/crm/profile.ts, utils/console/profile.ts) are where these belong. The only
 * exceptions are site-independent, listed in ALLOWED with the reason.
 */

type Finding = { kind: 'selector' | 'text'; literal: string; where: string };

/** Literals that say nothing about a site: the DOM's own vocabulary. */
const ALLOWED: Record<string, string> = {
  '*': 'every element: a walk over a subtree, not a guess about the page',
  'input, textarea': 'what a text field is in HTML (utils/dom/find.ts fieldsIn, console shownSids); isField narrows it',
};

const SELECTOR_CALLS = new Set(['querySelector', 'querySelectorAll', 'closest', 'matches', 'webkitMatchesSelector', 'queryAll', 'queryVisible', 'matchesAny', 'hasAny']);
/** Finder → the argument positions that hold page texts. */
const TEXT_ARGS: Record<string, number[]> = { matchesText: [1], findAllByName: [2], findByName: [2], clickTarget: [1] };
/** Finder → the argument positions that hold selectors (besides SELECTOR_CALLS' every argument). */
const SELECTOR_ARGS: Record<string, number[]> = { findAllByName: [1], findByName: [1] };
/** Calls and properties whose value is text the page shows. */
const PAGE_TEXT_CALLS = new Set(['textOf', 'accessibleName', 'labelText', 'normalizeText', 'normalise', 'textKey', 'compactText']);
const PAGE_TEXT_PROPERTIES = new Set(['textContent', 'innerText', 'placeholder', 'nodeValue', 'data', 'title', 'value']);
const STRING_METHODS = new Set(['toLowerCase', 'toUpperCase', 'trim', 'trimStart', 'trimEnd', 'normalize', 'replace', 'replaceAll']);
const COMPARE_METHODS = new Set(['includes', 'startsWith', 'endsWith', 'indexOf', 'localeCompare']);

const HTML_TAGS = new Set(
  ('a abbr address article aside b blockquote body button canvas caption code col colgroup dd details dialog div dl dt em ' +
    'fieldset figure footer form h1 h2 h3 h4 h5 h6 header hr html i iframe img input label legend li main menu nav ol ' +
    'optgroup option p pre section select small span strong summary svg table tbody td template textarea tfoot th thead ' +
    'title tr u ul').split(' '),
);
const PSEUDO_CLASSES = new Set(
  ('active checked disabled empty enabled first-child first-of-type focus focus-visible focus-within has hover is ' +
    'last-child last-of-type link not nth-child nth-last-child nth-of-type only-child placeholder-shown read-only ' +
    'required root scope visited where before after').split(' '),
);
const COMPOUND = /^(\*|[a-z][a-z0-9-]*)?((?:[.#][a-z_-][\w-]*|\[[^\]]+\]|::?[a-z-]+(?:\([^)]*\))?)*)$/i;

/** One compound selector (`a[href]`, `.x.y`, `input:not([type])`), with whether it uses selector syntax. */
function compound(text: string): { ok: boolean; syntax: boolean } {
  const match = COMPOUND.exec(text);
  if (!match) return { ok: false, syntax: false };
  const [, tag, rest = ''] = match;
  if (tag && tag !== '*' && !HTML_TAGS.has(tag.toLowerCase())) return { ok: false, syntax: false };
  for (const pseudo of rest.replace(/\([^)]*\)|\[[^\]]*\]/g, '').matchAll(/::?([a-z-]+)/gi)) {
    if (!PSEUDO_CLASSES.has(pseudo[1]!.toLowerCase())) return { ok: false, syntax: false };
  }
  return { ok: true, syntax: rest !== '' || tag === '*' };
}

/** Written in selector syntax: `.x`, `[role="tab"]`, `a > b`, `h1, h2`; a lone word is not (it could be any text). */
export function looksLikeSelector(text: string): boolean {
  const source = text.trim();
  if (!source) return false;
  const parts = source.split(/,(?![^[(]*[\])])/).map((part) => part.trim());
  if (parts.some((part) => part === '')) return false;
  let syntax = parts.length > 1;
  for (const part of parts) {
    const bare = part.replace(/\[[^\]]*\]|\([^)]*\)/g, (inner) => inner.replace(/[\s>+~]/g, '_'));
    const pieces = bare.split(/\s*[>+~]\s*|\s+/).filter(Boolean);
    if (pieces.length > 1) syntax = true;
    let offset = 0;
    for (const piece of pieces) {
      const start = bare.indexOf(piece, offset);
      offset = start + piece.length;
      const judged = compound(part.slice(start, offset));
      if (!judged.ok) return false;
      syntax ||= judged.syntax;
    }
  }
  return syntax;
}

/** Spells words: three letters in a row outside escapes (`\b`, `\s`, `\p{L}`, `\u200b`) and classes of them. */
export function regexSpellsWords(source: string): boolean {
  const bare = source.replace(/\\(?:p\{[^}]*\}|u\{?[0-9a-fA-F]+\}?|x[0-9a-fA-F]{2}|.)/g, ' ').replace(/\[[^\]]*\]/g, ' ');
  return /[a-z]{3}/i.test(bare);
}

type Node = { type: string; start: number; end: number; [key: string]: unknown };

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && typeof (value as Node).type === 'string';
}

function calleeName(node: Node): string | undefined {
  const callee = node.callee as Node;
  if (callee.type === 'Identifier') return callee.name as string;
  if (callee.type === 'MemberExpression' && !callee.computed) return ((callee.property as Node).name as string) ?? undefined;
  return undefined;
}

/** The literal strings a node holds: a string, the text parts of a template, an array or `a ?? b` of them. */
function literalsIn(node: Node | undefined): Array<{ node: Node; text: string }> {
  if (!node) return [];
  if (node.type === 'Literal' && typeof node.value === 'string') return [{ node, text: node.value }];
  if (node.type === 'TemplateLiteral') return (node.quasis as Node[]).map((quasi) => ({ node: quasi, text: (quasi.value as { cooked: string }).cooked }));
  if (node.type === 'ArrayExpression') return (node.elements as Node[]).flatMap((element) => literalsIn(element ?? undefined));
  if (node.type === 'ConditionalExpression') return [...literalsIn(node.consequent as Node), ...literalsIn(node.alternate as Node)];
  if (node.type === 'LogicalExpression') return [...literalsIn(node.left as Node), ...literalsIn(node.right as Node)];
  if (node.type === 'TSAsExpression' || node.type === 'TSSatisfiesExpression' || node.type === 'ParenthesizedExpression') return literalsIn(node.expression as Node);
  return [];
}

export function lintSource(source: string, file: string): Finding[] {
  const parsed = parseSync(file, source);
  if (parsed.errors.length > 0) throw new Error(`${file} does not parse: ${parsed.errors[0]!.message}`);
  const findings: Finding[] = [];
  const lineOf = (offset: number) => source.slice(0, offset).split('\n').length;
  const flagged = new Set<Node>();
  const flag = (kind: Finding['kind'], literal: { node: Node; text: string }) => {
    if (flagged.has(literal.node) || literal.text === '' || Object.hasOwn(ALLOWED, literal.text)) return;
    flagged.add(literal.node);
    findings.push({ kind, literal: literal.text, where: `${file}:${lineOf(literal.node.start)}` });
  };

  // Variables that hold page text: `const text = textOf(row)`, `const name = normalise(...)`.
  const pageTextNames = new Set<string>();
  const readsPageText = (node: Node | undefined): boolean => {
    if (!node) return false;
    if (node.type === 'Identifier') return pageTextNames.has(node.name as string);
    if (node.type === 'CallExpression') {
      const name = calleeName(node);
      if (name && PAGE_TEXT_CALLS.has(name)) return true;
      const callee = node.callee as Node;
      return callee.type === 'MemberExpression' && name !== undefined && STRING_METHODS.has(name) && readsPageText(callee.object as Node);
    }
    if (node.type === 'MemberExpression' && !node.computed) return PAGE_TEXT_PROPERTIES.has((node.property as Node).name as string);
    if (node.type === 'LogicalExpression') return readsPageText(node.left as Node) || readsPageText(node.right as Node);
    if (node.type === 'ChainExpression' || node.type === 'ParenthesizedExpression' || node.type === 'TSNonNullExpression') return readsPageText(node.expression as Node);
    return false;
  };

  const walk = (node: Node, visit: (node: Node) => void) => {
    visit(node);
    for (const [key, value] of Object.entries(node)) {
      if (key === 'parent') continue;
      for (const child of Array.isArray(value) ? value : [value]) if (isNode(child)) walk(child, visit);
    }
  };
  const program = parsed.program as unknown as Node;

  // Two passes: page-text variables first, so a comparison before a use still counts.
  walk(program, (node) => {
    if (node.type === 'VariableDeclarator' && (node.id as Node).type === 'Identifier' && readsPageText(node.init as Node)) {
      pageTextNames.add((node.id as Node).name as string);
    }
  });
  walk(program, (node) => {
    if (node.type === 'ImportDeclaration' || node.type === 'ExportNamedDeclaration' && node.source) return;
    if (node.type === 'CallExpression') {
      const name = calleeName(node);
      const args = node.arguments as Node[];
      if (name && SELECTOR_CALLS.has(name)) for (const arg of args) literalsIn(arg).forEach((literal) => flag('selector', literal));
      const positions = (table: Record<string, number[]>) => (name && Object.hasOwn(table, name) ? table[name]! : []);
      for (const index of positions(SELECTOR_ARGS)) literalsIn(args[index]).forEach((literal) => flag('selector', literal));
      for (const index of positions(TEXT_ARGS)) literalsIn(args[index]).forEach((literal) => flag('text', literal));
      const callee = node.callee as Node;
      if (name && COMPARE_METHODS.has(name) && callee.type === 'MemberExpression' && readsPageText(callee.object as Node)) {
        literalsIn(args[0]).forEach((literal) => flag('text', literal));
      }
    }
    if (node.type === 'BinaryExpression' && ['===', '!==', '==', '!='].includes(node.operator as string)) {
      const [left, right] = [node.left as Node, node.right as Node];
      if (readsPageText(left)) literalsIn(right).forEach((literal) => flag('text', literal));
      if (readsPageText(right)) literalsIn(left).forEach((literal) => flag('text', literal));
    }
    if (node.type === 'SwitchStatement' && readsPageText(node.discriminant as Node)) {
      for (const switchCase of node.cases as Node[]) literalsIn(switchCase.test as Node).forEach((literal) => flag('text', literal));
    }
    for (const literal of literalsIn(node.type === 'Literal' || node.type === 'TemplateLiteral' ? node : undefined)) {
      if (looksLikeSelector(literal.text)) flag('selector', literal);
    }
    const regex = node.regex as { pattern: string } | undefined;
    if (node.type === 'Literal' && regex && regexSpellsWords(regex.pattern)) flag('text', { node, text: `/${regex.pattern}/` });
  });
  return findings;
}

const ROOT = process.cwd();
/** The drivers and the DOM helpers they share; each site's profile is where its selectors and texts live. */
const SCANNED: Array<{ dir: string; profile?: string }> = [
  { dir: 'utils/crm', profile: 'profile.ts' },
  { dir: 'utils/console', profile: 'profile.ts' },
  { dir: 'utils/dom' },
];

function scannedFiles(): string[] {
  return SCANNED.flatMap(({ dir, profile }) =>
    readdirSync(join(ROOT, dir))
      .filter((file) => /\.tsx?$/.test(file) && file !== profile)
      .map((file) => `${dir}/${file}`),
  );
}

describe('the lint itself', () => {
  it.each([
    ['el.querySelector(".hr-modal")', ['selector: .hr-modal']],
    ['el.closest("thead")', ['selector: thead']],
    ['queryVisible(root, ["button", "[role=\\"button\\"]"])', ['selector: button', 'selector: [role="button"]']],
    ['const s = "h1, h2, [role=heading]";', ['selector: h1, h2, [role=heading]']],
    ['const s = `a[href] > span`;', ['selector: a[href] > span']],
    ['const s = "input:not([type])";', ['selector: input:not([type])']],
    ['const s = "nav[aria-label*=\\"pagination\\" i]";', ['selector: nav[aria-label*="pagination" i]']],
    ['const s = "thead th, [role=columnheader]";', ['selector: thead th, [role=columnheader]']],
    ['findAllByName(doc, ["[role=tab]"], ["Sub Account Settings"])', ['selector: [role=tab]', 'text: Sub Account Settings']],
    ['matchesText(textOf(el), ["Authorize", "Save"])', ['text: Authorize', 'text: Save']],
    ['if (textOf(button) === "Save") click(button);', ['text: Save']],
    ['const name = accessibleName(el); if (name === "show") x();', ['text: show']],
    ['if (el.textContent?.toLowerCase().includes("success")) x();', ['text: success']],
    ['const SHOW = /^(?:show|reveal)\\b/;', ['text: /^(?:show|reveal)\\b/']],
  ])('flags %s', (source, expected) => {
    expect(lintSource(source, 'sample.ts').map((finding) => `${finding.kind}: ${finding.literal}`)).toEqual(expected);
  });

  it.each([
    ['throw new DomError("not-found", "Sub Account Settings tab")'],
    ['// el.querySelector(".in-a-comment")'],
    ['const message = "The dialog closed.";'],
    ['if (accessibleName(el) === "") x();'],
    ['if (el.getAttribute("aria-disabled") === "true") x();'],
    ['ctx.addEventListener(window, "wxt:locationchange", run)'],
    ['const step = "crm:open-page";'],
    ['const message = `ambiguous: ${what}`;'],
    ['const parts = "a, b and c";'],
    ['queryAll(dialog, ["*"])'],
    ['const SPACES = /[\\s\\u00a0\\u200b]+/g;'],
    ['send({ type: "crm-progress", step: "fill-sid" })'],
    ['const range = "Between 1 and 120. Then it is wiped.";'],
    ["import { x } from './page';"],
  ])('lets %s pass', (source) => {
    expect(lintSource(source, 'sample.ts')).toEqual([]);
  });
});

describe('driver code takes its selectors and page texts from a site profile', () => {
  it('scans every driver and DOM helper file', () => {
    const files = scannedFiles();
    expect(files).toEqual(expect.arrayContaining(['utils/crm/driver.ts', 'utils/crm/page.ts', 'utils/dom/find.ts', 'utils/console/detect.ts']));
    expect(files).not.toContain('utils/crm/profile.ts');
    expect(files).not.toContain('utils/console/profile.ts');
  });

  it.each(scannedFiles())('%s has no selector or page text of its own', (file) => {
    const findings = lintSource(readFileSync(join(ROOT, file), 'utf8'), file);
    expect(findings.map((finding) => `${finding.where} ${finding.kind}: ${finding.literal}`)).toEqual([]);
  });
});

/**
 * The driver core is the same for any CRM: what it knows of HighLevel (its words, its class names,
 * its provider) lives in the site profile, so a changed layout or another CRM is a new profile and
 * not a driver change. Every literal in the core (messages included) is checked against the words
 * that would give a HighLevel assumption away.
 */
const CORE = ['utils/crm/driver.ts', 'utils/crm/page.ts', 'utils/crm/rows.ts', 'utils/crm/check.ts', 'utils/dom/find.ts', 'utils/dom/fill.ts', 'utils/dom/wait-for.ts', 'utils/dom/errors.ts'];
const HIGHLEVEL_WORDS = [
  'highlevel', 'gohighlevel', 'leadconnector', 'lc phone', 'lc-phone', 'phone integration', 'update credentials', 'authorize',
  'sub account', 'sub-account', 'subaccount', 'managed by', 'hr-', 'n-', 'naive', 'agency', 'location id',
];
/** Our own data model's words, which the profile maps page texts onto. */
const CORE_ALLOWED: Record<string, string> = {
  'lc-phone': "the product's code for a location whose phone service takes no Twilio credentials (utils/handoff/types.ts ManagedBy); which page texts mean it is the profile's",
  authorized: 'the outcome kind of the protocol (utils/messages.ts), not a button text',
};

function everyLiteral(source: string, file: string): string[] {
  const parsed = parseSync(file, source);
  const texts: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!isNode(node)) return;
    if (node.type === 'ImportDeclaration' || node.type === 'ExportAllDeclaration') return;
    if (node.type === 'ExportNamedDeclaration' && node.source) return;
    texts.push(...literalsIn(node).map((literal) => literal.text));
    for (const value of Object.values(node)) if (typeof value === 'object') walk(value);
  };
  walk(parsed.program);
  return [...new Set(texts)];
}

/** A HighLevel word in a literal; `n-`/`hr-` only as a class prefix at a word's start. */
function highLevelWords(text: string): string[] {
  if (Object.hasOwn(CORE_ALLOWED, text)) return [];
  const lower = text.toLowerCase();
  return HIGHLEVEL_WORDS.filter((word) => (word.endsWith('-') ? new RegExp(`(^|[\\s."'\\[])${word}[a-z]`).test(lower) : lower.includes(word)));
}

describe('the driver core names no HighLevel text', () => {
  it.each([
    ['const m = "is on LC Phone";', ['lc phone']],
    ['x(".hr-modal")', ['hr-']],
    ['const t = `Update Credentials - ${name}`;', ['update credentials']],
    ['const m = "moved to lc-phone today";', ['lc-phone']],
    ['if (text === "Authorize") x();', ['authorize']],
  ])('the check finds %s', (source, expected) => {
    expect(everyLiteral(source, 'sample.ts').flatMap(highLevelWords)).toEqual(expected);
  });

  it.each([['const m = "A window opened that has no Account SID and Auth Token fields";'], ['const kind = "menu-item";'], ["import { x } from './hr-things';"]])(
    'and lets %s pass',
    (source) => expect(everyLiteral(source, 'sample.ts').flatMap(highLevelWords)).toEqual([]),
  );

  it.each(CORE)('%s', (file) => {
    const found = everyLiteral(readFileSync(join(ROOT, file), 'utf8'), file).flatMap((text) => highLevelWords(text).map((word) => `${word} in ${JSON.stringify(text)}`));
    expect(found).toEqual([]);
  });
});
