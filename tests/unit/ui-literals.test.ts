import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findLiterals, readsAsWords } from '../support/ui-literals';

/**
 * Every word the extension shows comes from the message catalogue (locales/): none is written into
 * the code of the popup, the options pages, the console panel, the background or the CRM driver.
 * tests/support/ui-literals.ts says what counts as words and how a literal that is not ours to
 * translate (a site's own wording, CSV column names) is marked.
 */
const root = join(import.meta.dirname, '..', '..');

function sources(dir: string, pattern: RegExp): string[] {
  return readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((name) => pattern.test(name))
    .map((name) => relative(root, join(root, dir, name)));
}

describe('words outside the message catalogue', () => {
  const files = ['components', 'entrypoints', 'utils'].flatMap((dir) => sources(dir, /\.tsx?$/));

  it('finds the extension’s source files', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(files).toContain(join('utils', 'console', 'overlay-dom.ts'));
  });

  it('none in the code of the popup, the pages, the console panel, the background or the CRM driver', () => {
    const found = files.flatMap((file) => findLiterals(readFileSync(join(root, file), 'utf8'), file).map((l) => `${file}:${l.line}: ${l.text}`));
    expect(found).toEqual([]);
  });

  it('none in the extension’s HTML pages: their titles and language are set from the catalogue', () => {
    const pages = [...sources('entrypoints', /\.html$/), ...sources('public', /\.html$/)];
    expect(pages.length).toBeGreaterThanOrEqual(6);
    for (const page of pages) {
      const html = readFileSync(join(root, page), 'utf8');
      const shown = html.replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/g, '').replace(/<[^>]+>/g, ' ');
      expect(shown.trim(), page).toBe('');
    }
  });

  describe('the check itself', () => {
    const found = (source: string, file = 'x.tsx') => findLiterals(source, file).map((l) => l.text);

    it.each([
      ['text between tags', `const A = () => <p>Send to CRM</p>;`, 'Send to CRM'],
      ['an accessible name', `const A = () => <button aria-label="Move to another corner" />;`, 'Move to another corner'],
      ['a sentence in an object', `export const text = { done: 'Done: the location uses it.' };`, 'Done: the location uses it.'],
      ['one capitalised word', `const label = 'Discard';`, 'Discard'],
      ['a template with a name', 'const f = (n: string) => `Replaces ${n} now`;', 'Replaces … now'],
      ['a DOM property', `el.textContent = 'Copied the pair';`, 'Copied the pair'],
    ])('catches %s', (_, source, text) => {
      expect(found(source)).toEqual([text]);
    });

    it.each([
      ['a message key', `const a = t('overlaySend'); const b = tCount('one', 'other', 2);`],
      ['class names and roles', `const A = () => <p class="status neutral" role="status">{x}</p>; el('div', { class: 'overlay collapsed' });`],
      ['selectors and events', `document.querySelector('button, [role="button"]'); el.addEventListener('Some Event', f);`],
      ['comparisons with a site’s wording', `if (label === 'Update Credentials') go();`],
      ['errors thrown for developers and console output', `throw new Error('No app element here'); console.warn('Not this one');`],
      ['types and module names', `import x from './Some Module'; type T = 'Two Words';`],
      ['a marked literal', `// i18n-ignore: the CRM's own wording.\nconst LABELS = ['Update Credentials', 'Edit'];`],
      ['a marked file', `// i18n-ignore-file: the CRM's own wording.\nconst A = 'Sub Account Settings';`],
      ['codes and identifiers', `const a = 'needs-choice'; const b = 'fetch-account'; const c = 'us1';`],
    ])('lets %s be', (_, source) => {
      expect(found(source)).toEqual([]);
    });

    it.each([
      ['Send to CRM', true],
      ['Cancel', true],
      ['no answer in time', true],
      ['needs-choice', false],
      ['h1, legend, caption', true],
      ['.overlay { color: red; }', false],
      ['https://example.com/a b', false],
      ['AC', false],
    ])('reads %j as words: %s', (text, words) => {
      expect(readsAsWords(text)).toBe(words);
    });
  });
});
