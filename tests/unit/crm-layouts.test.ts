import { describe, expect, it } from 'vitest';
import {
  LAYOUT_DIMENSIONS,
  allPairsLayouts,
  allValuePairs,
  coversPair,
  isMoot,
  layoutName,
  layoutSwitches,
  randomLayouts,
  type LayoutDimension,
  type MatrixLayout,
} from '../stand-ins/crm/layouts';
import { DEFAULT_LAYOUT } from '../stand-ins/crm/wire';

const DIMENSIONS = Object.keys(LAYOUT_DIMENSIONS) as LayoutDimension[];

function isValid(layout: MatrixLayout): boolean {
  return Object.keys(layout).length === DIMENSIONS.length
    && DIMENSIONS.every((dim) => (LAYOUT_DIMENSIONS[dim] as readonly unknown[]).includes(layout[dim]));
}

describe('CRM layout matrix', () => {
  it('lists every CrmLayout field and agencyOnLcPhone, each with its default first', () => {
    expect([...DIMENSIONS].sort()).toEqual([...Object.keys(DEFAULT_LAYOUT), 'agencyOnLcPhone'].sort());
    for (const dim of Object.keys(DEFAULT_LAYOUT) as (keyof typeof DEFAULT_LAYOUT)[]) {
      const values: readonly unknown[] = LAYOUT_DIMENSIONS[dim];
      expect(values[0]).toBe(DEFAULT_LAYOUT[dim]);
      expect(new Set(values).size).toBe(values.length);
    }
    expect(LAYOUT_DIMENSIONS.agencyOnLcPhone).toEqual([false, true]);
  });

  it('all-pairs: every pair of values of every two dimensions is in some layout', () => {
    const layouts = allPairsLayouts();
    let checked = 0;
    for (let a = 0; a < DIMENSIONS.length; a++) {
      for (let b = a + 1; b < DIMENSIONS.length; b++) {
        const [da, db] = [DIMENSIONS[a]!, DIMENSIONS[b]!];
        for (const va of LAYOUT_DIMENSIONS[da]) {
          for (const vb of LAYOUT_DIMENSIONS[db]) {
            checked++;
            expect(layouts.some((l) => l[da] === va && l[db] === vb), `${da}=${String(va)} with ${db}=${String(vb)}`).toBe(true);
          }
        }
      }
    }
    expect(checked).toBe(allValuePairs().length);
  });

  it('all-pairs, stricter: each pair is seen where both values matter, whenever some layout can do that', () => {
    const layouts = allPairsLayouts();
    for (const pair of allValuePairs()) expect(layouts.some((l) => coversPair(l, pair)), JSON.stringify(pair)).toBe(true);
    // An editor value is seen with every SID display in a layout whose rows can open the editor.
    for (const editor of LAYOUT_DIMENSIONS.editor) {
      for (const sid of LAYOUT_DIMENSIONS.sidDisplay) {
        expect(layouts.some((l) => l.editor === editor && l.sidDisplay === sid && !l.agencyOnLcPhone)).toBe(true);
      }
    }
    expect(isMoot('menuWording', { ...allPairsLayouts()[0]!, rowAction: 'pencil-editor' })).toBe(true);
    expect(isMoot('editor', { ...allPairsLayouts()[0]!, agencyOnLcPhone: true })).toBe(true);
    expect(isMoot('sidDisplay', { ...allPairsLayouts()[0]!, agencyOnLcPhone: true })).toBe(false);
  });

  it('all-pairs: 30 to 40 distinct valid layouts, today\'s page first, the same on every call', () => {
    const layouts = allPairsLayouts();
    expect(layouts.length).toBeGreaterThanOrEqual(30);
    expect(layouts.length).toBeLessThanOrEqual(40);
    expect(layouts.every(isValid)).toBe(true);
    expect(layouts[0]).toEqual({ ...DEFAULT_LAYOUT, agencyOnLcPhone: false });
    expect(new Set(layouts.map(layoutName)).size).toBe(layouts.length);
    expect(allPairsLayouts()).toEqual(layouts);
    // Callers get copies: changing one does not change the next call's answer.
    layouts[1]!.editor = layouts[1]!.editor === 'modal' ? 'drawer' : 'modal';
    expect(allPairsLayouts()[1]).not.toEqual(layouts[1]);
  });

  it('random layouts are valid and the same for the same seed', () => {
    const a = randomLayouts(7, 200);
    expect(a).toHaveLength(200);
    expect(a.every(isValid)).toBe(true);
    expect(randomLayouts(7, 200)).toEqual(a);
    expect(randomLayouts(8, 200)).not.toEqual(a);
    // Uniform enough that every value turns up in 200 draws.
    for (const dim of DIMENSIONS) expect(new Set(a.map((l) => l[dim])).size).toBe(LAYOUT_DIMENSIONS[dim].length);
  });

  it('names: "default" for today\'s page, otherwise the values that differ, stable', () => {
    const [first, ...rest] = allPairsLayouts();
    expect(layoutName(first!)).toBe('default');
    expect(layoutName({ ...first!, sidDisplay: 'masked-2-6', editor: 'drawer', agencyOnLcPhone: true })).toBe('sid=m2-6 ed=drawer lc=yes');
    for (const l of rest) expect(layoutName(l)).toMatch(/^[a-z]+=[\w+.-]+( [a-z]+=[\w+.-]+)*$/i);
  });

  it('layoutSwitches splits a layout into crm.switches fields', () => {
    const layout = allPairsLayouts()[3]!;
    const { agencyOnLcPhone, layoutMatrix } = layoutSwitches(layout);
    expect(agencyOnLcPhone).toBe(layout.agencyOnLcPhone);
    expect({ ...layoutMatrix, agencyOnLcPhone }).toEqual(layout);
    expect(Object.keys(layoutMatrix).sort()).toEqual(Object.keys(DEFAULT_LAYOUT).sort());
  });
});
