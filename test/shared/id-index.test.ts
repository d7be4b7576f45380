/**
 * The rule index's ID table agrees with a first-wins Map on random lists of IDs (with many
 * duplicates, empty and non-ASCII IDs, and IDs that are looked up but absent).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IdIndex } from '../../shared/rules/id-index';

const id = fc.oneof(
  fc.constantFrom('', 'vpc-1', 'vpc-2', 'pcx-0', 'subnet-0-0', 'ünïcødé', '🙂'),
  fc.string({ maxLength: 12 }),
);

describe('IdIndex', () => {
  it('finds the first position of every ID, nothing for absent IDs, and counts distinct IDs', () => {
    fc.assert(
      fc.property(fc.array(id, { maxLength: 200 }), fc.array(id, { maxLength: 20 }), (ids, probes) => {
        const items = ids.map((value) => ({ id: value }));
        const reference = new Map<string, number>();
        ids.forEach((value, i) => {
          if (!reference.has(value)) reference.set(value, i);
        });
        const index = new IdIndex(items);
        expect(index.size).toBe(reference.size);
        for (const value of [...ids, ...probes]) {
          expect(index.get(value)).toBe(reference.get(value));
          expect(index.has(value)).toBe(reference.has(value));
        }
      }),
    );
  });

  it('holds a large list (the table stays at most half full)', () => {
    const items = Array.from({ length: 30_000 }, (_, i) => ({ id: `subnet-${i % 25_000}` }));
    const index = new IdIndex(items);
    expect(index.size).toBe(25_000);
    expect(index.get('subnet-24999')).toBe(24_999);
    expect(index.get('subnet-25000')).toBeUndefined();
  });
});
