import { describe, expect, it } from 'vitest';
import { type Corner, cornerAt, cornerRect, nextCorner, pickCorner, type Rect } from '../../utils/console/placement';

/**
 * Where the console overlay stands (utils/console/placement.ts): the admin's corner unless the box
 * would cover the console's credential fields there; then the nearest corner where it covers none.
 */

const VIEW = { width: 1280, height: 800 };
const BOX = { width: 320, height: 200 };

/** A field row at `left`,`top` of `width` × 40. */
const field = (left: number, top: number, width = 400): Rect => ({ left, top, right: left + width, bottom: top + 40 });

describe('cornerRect', () => {
  it.each<[Corner, Rect]>([
    ['br', { left: 944, top: 584, right: 1264, bottom: 784 }],
    ['bl', { left: 16, top: 584, right: 336, bottom: 784 }],
    ['tr', { left: 944, top: 16, right: 1264, bottom: 216 }],
    ['tl', { left: 16, top: 16, right: 336, bottom: 216 }],
  ])('%s: 16 px from its two edges', (corner, rect) => {
    expect(cornerRect(corner, BOX.width, BOX.height, VIEW)).toEqual(rect);
  });
});

describe('pickCorner', () => {
  it.each<[string, Corner, Rect[], Corner]>([
    ['no fields: the chosen corner', 'br', [], 'br'],
    ['fields far from it: the chosen corner', 'br', [field(40, 120), field(40, 170)], 'br'],
    ['fields at the top left, chosen top left: the other top corner', 'tl', [field(40, 120)], 'tr'],
    ['a field under the bottom right: the other bottom corner first', 'br', [field(900, 700, 300)], 'bl'],
    ['a field across the whole bottom: a top corner, the right one first', 'br', [field(0, 700, 1280)], 'tr'],
    ['a field across the whole bottom, chosen bottom left: top left', 'bl', [field(0, 700, 1280)], 'tl'],
    ['fields in three corners: the fourth', 'br', [field(900, 700, 300), field(0, 700, 300), field(900, 20, 300)], 'tl'],
    ['a field that only touches the box’s edge does not count', 'br', [{ left: 900, top: 544, right: 1280, bottom: 584 }], 'br'],
    ['fields everywhere (a tiny window): the chosen corner, nothing better', 'tr', [{ left: 0, top: 0, right: 1280, bottom: 800 }], 'tr'],
  ])('%s', (_name, chosen, fields, expected) => {
    expect(pickCorner(chosen, BOX, VIEW, fields)).toBe(expected);
  });
});

describe('choosing a corner', () => {
  it('the Move button goes round all four, clockwise from the bottom right', () => {
    const seen: Corner[] = ['br'];
    for (let i = 0; i < 4; i++) seen.push(nextCorner(seen.at(-1)!));
    expect(seen).toEqual(['br', 'bl', 'tl', 'tr', 'br']);
  });

  it.each<[number, number, Corner]>([
    [1200, 760, 'br'],
    [10, 790, 'bl'],
    [1270, 5, 'tr'],
    [100, 100, 'tl'],
    [640, 400, 'br'],
  ])('a box dropped at (%i, %i) goes to %s', (x, y, corner) => {
    expect(cornerAt(x, y, VIEW)).toBe(corner);
  });
});
