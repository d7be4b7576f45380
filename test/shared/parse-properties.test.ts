/**
 * The parser against random damage: whatever is done to a valid plan, parsePlanText never
 * throws; it either reads a plan or returns one error that says where (a JSON path, or a line
 * and column for a syntax error).
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatPlanError, parsePlanText } from '../../shared/plan/parse';
import type { ParseResult } from '../../shared/plan/parse';

const text = readFileSync(new URL('../../shared/examples/shanghai-hub.json', import.meta.url), 'utf8');
const original = JSON.parse(text) as unknown;

type Segment = string | number;

/** Every path to a value inside `value` (the root included). */
function paths(value: unknown, prefix: Segment[] = []): Segment[][] {
  const out: Segment[][] = [prefix];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...paths(v, [...prefix, i])));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...prefix, k]));
  }
  return out;
}
const allPaths = paths(original);

function setAt(
  root: unknown,
  path: Segment[],
  update: (parent: Record<string | number, unknown>, key: Segment) => void,
) {
  const copy = structuredClone(root);
  if (path.length === 0) return copy;
  let node = copy as Record<string | number, unknown>;
  for (const segment of path.slice(0, -1)) node = node[segment] as Record<string | number, unknown>;
  update(node, path[path.length - 1]!);
  return copy;
}

const randomValue = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer({ min: -5, max: 5000 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.string({ maxLength: 8 }),
  fc.constant({}),
  fc.constant([]),
  fc.constant({ id: 'x' }),
);

const mutation = fc.oneof(
  // Replace a value.
  fc.tuple(fc.constantFrom(...allPaths), randomValue).map(([path, value]) =>
    path.length === 0
      ? value
      : setAt(original, path, (parent, key) => {
          parent[key] = value;
        }),
  ),
  // Remove a field or an element.
  fc.constantFrom(...allPaths.filter((p) => p.length > 0)).map((path) =>
    setAt(original, path, (parent, key) => {
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key];
    }),
  ),
  // Add an unknown field to an object.
  fc
    .tuple(fc.constantFrom(...allPaths), fc.string({ minLength: 1, maxLength: 6 }), randomValue)
    .map(([path, key, value]) =>
      setAt(original, [...path, key], (parent, k) => {
        if (parent && typeof parent === 'object' && !Array.isArray(parent)) parent[k] = value;
      }),
    ),
);

function check(result: ParseResult, kind: 'structure' | 'text'): void {
  if (result.ok) return;
  const { error } = result;
  expect(error.message.length).toBeGreaterThan(0);
  if (kind === 'structure') expect(error.path).toBeDefined();
  else
    expect(error.path !== undefined || (error.line !== undefined && error.column !== undefined)).toBe(true);
  expect(formatPlanError('plan.json', error)).not.toMatch(/\n/);
}

describe('parser properties', () => {
  it('structural mutations give a plan or an error with a path', () => {
    fc.assert(
      fc.property(mutation, (mutated) => {
        check(parsePlanText(JSON.stringify(mutated, null, 2), { today: '2026-11-26' }), 'structure');
      }),
      { numRuns: 300 },
    );
  });

  it('textual mutations give a plan, an error with a path, or a syntax error with line and column', () => {
    const edit = fc.tuple(
      fc.integer({ min: 0, max: text.length - 1 }),
      fc.integer({ min: 0, max: 3 }),
      fc.constantFrom('', '"', ',', '}', ']', '{', 'x', '1', ' ', '\n', ':', '/*', '\u0000'),
    );
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 3 }), (edits) => {
        let mutated = text;
        for (const [at, remove, insert] of edits)
          mutated = mutated.slice(0, at) + insert + mutated.slice(at + remove);
        check(parsePlanText(mutated, { today: '2026-11-26' }), 'text');
      }),
      { numRuns: 300 },
    );
  });
});
