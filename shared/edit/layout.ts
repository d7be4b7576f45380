/**
 * Canvas positions as part of the edited document. A plan's layout (VPC id → point) is edited
 * like the plan itself: a drag or an Auto layout is a `LayoutEdit` whose inverse puts the
 * previous points back, so moves are undo steps and a layout is only ever changed by a step the
 * user took on that plan.
 *
 * Layouts are Maps: VPC ids come from plan files and cloud imports, and an id such as
 * `__proto__` must be an ordinary key.
 */
import type { Plan } from '../plan/model';
import type { Edit } from './operations';

export interface Point {
  readonly x: number;
  readonly y: number;
}

export type Layout = ReadonlyMap<string, Point>;

/** Sets each listed position (null removes it); everything not listed keeps its position. */
export interface LayoutEdit {
  readonly kind: 'layout.set';
  readonly positions: ReadonlyMap<string, Point | null>;
}

/** What the editor edits and the history records: the plan and where its VPCs are drawn. */
export interface PlanDocument {
  readonly plan: Plan;
  readonly layout: Layout;
}

/** One user step on a document: a plan edit, a layout edit, or both (applied plan first). */
export interface DocumentEdit {
  readonly edit?: Edit;
  readonly layout?: LayoutEdit;
}

export const EMPTY_LAYOUT: Layout = new Map();

export function applyLayoutEdit(layout: Layout, edit: LayoutEdit): { layout: Layout; inverse: LayoutEdit } {
  const next = new Map(layout);
  const previous = new Map<string, Point | null>();
  for (const id of edit.positions.keys()) previous.set(id, layout.get(id) ?? null);
  for (const [id, point] of edit.positions) {
    if (point === null) next.delete(id);
    else next.set(id, { x: point.x, y: point.y });
  }
  return { layout: next, inverse: { kind: 'layout.set', positions: previous } };
}

/**
 * The layout edit that takes `layout` to the given points, listing only the ids whose point
 * changes; null when nothing moves (a click that did not drag, a layout that changed nothing).
 */
export function moveTo(layout: Layout, points: ReadonlyMap<string, Point>): LayoutEdit | null {
  const positions = new Map<string, Point | null>();
  for (const [id, point] of points) {
    const before = layout.get(id);
    if (!before || before.x !== point.x || before.y !== point.y) positions.set(id, point);
  }
  return positions.size === 0 ? null : { kind: 'layout.set', positions };
}

/** A layout from stored positions (a plain record off the wire): own keys only. */
export function layoutFromRecord(record: Readonly<Record<string, Point>>): Layout {
  const layout = new Map<string, Point>();
  for (const [id, point] of Object.entries(record)) layout.set(id, { x: point.x, y: point.y });
  return layout;
}

/** The record the library stores. Object.fromEntries defines own properties, `__proto__` included. */
export function layoutToRecord(layout: Layout): Record<string, Point> {
  return Object.fromEntries([...layout].map(([id, p]) => [id, { x: p.x, y: p.y }]));
}

/** True when two layouts hold the same points. */
export function sameLayout(a: Layout, b: Layout): boolean {
  if (a === b) return true;
  if (a.size !== b.size) return false;
  for (const [id, p] of a) {
    const q = b.get(id);
    if (!q || q.x !== p.x || q.y !== p.y) return false;
  }
  return true;
}
