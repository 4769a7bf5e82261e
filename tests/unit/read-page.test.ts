import { afterEach, describe, expect, it } from 'vitest';
import { accessibleName, foldText, isVisible, normalizeText, textKey } from '../../utils/dom/find';
import { accessibleName as consoleName, isVisible as consoleVisible, normalise } from '../../utils/console/dom';

/**
 * One "read the page like a person" layer for both content scripts: the CRM driver (utils/dom/find.ts)
 * and the console detector (utils/console/dom.ts) name controls in the same order and fold text the
 * same way, so a wording that one of them recognises the other reads alike.
 */
afterEach(() => {
  document.body.innerHTML = '';
});

function control(html: string): Element {
  document.body.innerHTML = `<span id="l1">Show token</span>${html}`;
  return document.getElementById('c')!;
}

describe('the accessible name, the same in both content scripts', () => {
  it.each([
    ['aria-labelledby before aria-label', '<button id="c" aria-labelledby="l1" aria-label="Copy">x</button>', 'Show token'],
    ['aria-label before the text', '<button id="c" aria-label="Reveal">Show</button>', 'Reveal'],
    ['a label for a field', '<label for="c">Auth Token</label><input id="c">', 'Auth Token'],
    ['a button input by its value', '<input id="c" type="button" value="Save">', 'Save'],
    ['the text', '<button id="c"> Update\n  Credentials </button>', 'Update Credentials'],
    ['the title of an icon-only button', '<button id="c" title="More actions"><svg></svg></button>', 'More actions'],
    ['zero-width characters are not even spaces', '<button id="c">Au\u200bthorize</button>', 'Authorize'],
  ])('%s', (_name, html, expected) => {
    const el = control(html);
    expect(accessibleName(el)).toBe(expected);
    expect(consoleName(el)).toBe(foldText(expected));
  });

  it("an icon's <title> names its button, and an image's alt where a profile says to look", () => {
    const el = control('<button id="c"><svg><title>Show</title></svg></button>');
    expect(accessibleName(el)).toBe('Show');
    expect(consoleName(el)).toBe('show');
    const img = control('<button id="c"><img alt="Copy"></button>');
    expect(accessibleName(img)).toBe('');
    expect(accessibleName(img, { imageAlt: 'img[alt]' })).toBe('Copy');
    expect(consoleName(img)).toBe('copy');
  });
});

describe('text folding, the same in both content scripts', () => {
  it.each([
    ['Auth\u00a0Token', 'auth token'],
    ['ＡＵＴＨ  TOKEN', 'auth token'],
    ['\ufeffAccount SID', 'account sid'],
    ['Account\u200b SID', 'account sid'],
  ])('%j', (text, folded) => {
    expect(foldText(text)).toBe(folded);
    expect(normalise(text)).toBe(folded);
    expect(textKey(`${text}:`)).toBe(folded);
    expect(normalizeText(text).toLowerCase().normalize('NFKC')).toBe(folded);
  });
});

describe('what is visible, the same in both content scripts', () => {
  it.each([
    ['shown', '<span id="c">Auth Token</span>', true],
    ['display:none', '<span id="c" style="display:none">Auth Token</span>', false],
    ['inside display:none', '<div style="display:none"><span id="c">Auth Token</span></div>', false],
    ['visibility:hidden', '<span id="c" style="visibility:hidden">Auth Token</span>', false],
    ['the hidden attribute', '<span id="c" hidden>Auth Token</span>', false],
  ])('%s → %s', (_what, html, expected) => {
    document.body.innerHTML = html;
    const el = document.getElementById('c')!;
    expect(isVisible(el)).toBe(expected);
    expect(consoleVisible(el)).toBe(expected);
  });

  it('an element no longer in the page is not visible to either', () => {
    const el = document.createElement('span');
    expect(isVisible(el)).toBe(false);
    expect(consoleVisible(el)).toBe(false);
  });
});
