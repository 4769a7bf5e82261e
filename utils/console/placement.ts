/**
 * Where the console overlay stands: the corner the admin chose (bottom right until they choose), unless
 * the box would cover the console's own credential fields there; then the nearest other corner where
 * it covers none (pickCorner). Pure: the overlay (./overlay-dom.ts) reads the rectangles.
 */

/** b/t: bottom or top; r/l: right or left. */
export type Corner = 'br' | 'bl' | 'tr' | 'tl';

export const CORNERS: readonly Corner[] = ['br', 'bl', 'tr', 'tl'];

/** The storage.local key of the corner the admin chose: a setting, nothing secret. */
export const CORNER_KEY = 'overlay-corner';

/** The box's distance from the viewport's edges (the CSS in ./overlay-dom.ts). */
export const MARGIN = 16;

export interface Rect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Where a box of `width` × `height` stands in `corner` of a `viewport`. */
export function cornerRect(corner: Corner, width: number, height: number, viewport: { width: number; height: number }): Rect {
  const left = corner[1] === 'l' ? MARGIN : viewport.width - MARGIN - width;
  const top = corner[0] === 't' ? MARGIN : viewport.height - MARGIN - height;
  return { left, top, right: left + width, bottom: top + height };
}

const overlaps = (a: Rect, b: Rect) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/**
 * The corner the box goes to: `chosen`, else the first corner where it covers none of `fields`
 * (nearest first: the other corner of the same edge, then the same side of the other edge, then the
 * opposite corner), else `chosen` when it covers them everywhere (a viewport too small: nothing
 * better to do).
 */
export function pickCorner(
  chosen: Corner,
  box: { width: number; height: number },
  viewport: { width: number; height: number },
  fields: readonly Rect[],
): Corner {
  const distance = (c: Corner) => 2 * Number(c[0] !== chosen[0]) + Number(c[1] !== chosen[1]);
  const order = [...CORNERS].sort((a, b) => distance(a) - distance(b));
  return order.find((corner) => !fields.some((field) => overlaps(cornerRect(corner, box.width, box.height, viewport), field))) ?? chosen;
}

/** The next corner for the box's Move button: clockwise, from bottom right to bottom left, and on. */
export const nextCorner = (corner: Corner): Corner => ({ br: 'bl', bl: 'tl', tl: 'tr', tr: 'br' } as const)[corner];

/** The corner of the viewport's quarter a point is in: where a dragged box is dropped. */
export const cornerAt = (x: number, y: number, viewport: { width: number; height: number }): Corner =>
  `${y < viewport.height / 2 ? 't' : 'b'}${x < viewport.width / 2 ? 'l' : 'r'}` as Corner;

export const isCorner = (value: unknown): value is Corner => CORNERS.includes(value as Corner);
