/**
 * Properties of the CIDR module, checked against naive references on random input.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cidrContains,
  cidrOf,
  cidrOverlaps,
  findOverlappingPairs,
  formatCidr,
  parseCidr,
  parseIpv4,
} from '../../shared/net/cidr';
import type { Cidr } from '../../shared/net/cidr';
import { CidrColumns } from '../../shared/net/cidr-columns';
import { ColumnIndex } from '../../shared/rules/cidr-index';

const address = fc.integer({ min: 0, max: 2 ** 32 - 1 });
const prefix = fc.integer({ min: 0, max: 32 });
const anyCidr = fc.tuple(address, prefix).map(([a, p]) => cidrOf(a, p));
/** Blocks in a small space (10.0.0.0/16, prefixes /16 to /28), so random sets overlap often. */
const crowdedCidr = fc
  .tuple(fc.integer({ min: 0, max: 65535 }), fc.integer({ min: 16, max: 28 }))
  .map(([offset, p]) => cidrOf(0x0a000000 + offset, p));

// The reference grammar: the regular expressions the scanner replaced.
const OCTET = '(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])';
const IPV4 = new RegExp(`^${OCTET}\\.${OCTET}\\.${OCTET}\\.${OCTET}$`);
const PREFIX = /^(3[0-2]|[12][0-9]|[0-9])$/;
function referenceParse(text: string): string {
  const slash = text.indexOf('/');
  if (slash < 0 || !IPV4.test(text.slice(0, slash)) || !PREFIX.test(text.slice(slash + 1))) return 'syntax';
  const start = parseIpv4(text.slice(0, slash))!;
  const network = cidrOf(start, Number(text.slice(slash + 1)));
  return `${network.start === start ? 'ok' : 'host-bits'} ${network.start}/${network.prefix}`;
}
function describeParse(text: string): string {
  const result = parseCidr(text);
  if (result.ok) return `ok ${result.cidr.start}/${result.cidr.prefix}`;
  return result.reason === 'syntax'
    ? 'syntax'
    : `host-bits ${result.network!.start}/${result.network!.prefix}`;
}

describe('CIDR properties', () => {
  it('parse and print round-trip for every canonical block', () => {
    fc.assert(
      fc.property(anyCidr, (cidr) => {
        const text = formatCidr(cidr);
        const parsed = parseCidr(text);
        expect(parsed.ok && parsed.cidr).toEqual(cidr);
      }),
    );
  });

  it('an address with host bits set is refused, naming its network', () => {
    fc.assert(
      fc.property(address, prefix, (a, p) => {
        const network = cidrOf(a, p);
        fc.pre(network.start !== a);
        const octets = [a >>> 24, (a >>> 16) & 255, (a >>> 8) & 255, a & 255].join('.');
        const result = parseCidr(`${octets}/${p}`);
        expect(result.ok).toBe(false);
        expect(!result.ok && result.reason).toBe('host-bits');
        expect(!result.ok && result.network).toEqual(network);
      }),
    );
  });

  it('the scanner accepts exactly the strict grammar', () => {
    const fragment = fc.constantFrom(
      '0',
      '1',
      '01',
      '10',
      '255',
      '256',
      '300',
      '32',
      '33',
      '.',
      '/',
      ' ',
      'x',
      '-1',
      '',
    );
    const text = fc.oneof(
      fc.array(fragment, { maxLength: 9 }).map((parts) => parts.join('')),
      fc
        .tuple(fc.array(fragment, { minLength: 4, maxLength: 4 }), fragment)
        .map(([o, p]) => `${o.join('.')}/${p}`),
      fc.string({ maxLength: 20 }),
    );
    fc.assert(
      fc.property(text, (t) => {
        expect(describeParse(t)).toBe(referenceParse(t));
      }),
      { numRuns: 2000 },
    );
  });

  it('overlap is symmetric', () => {
    fc.assert(
      fc.property(anyCidr, anyCidr, (a, b) => {
        expect(cidrOverlaps(a, b)).toBe(cidrOverlaps(b, a));
      }),
    );
  });

  it('containment implies overlap, and blocks either nest or are disjoint', () => {
    fc.assert(
      fc.property(crowdedCidr, crowdedCidr, (a, b) => {
        if (cidrContains(a, b)) expect(cidrOverlaps(a, b)).toBe(true);
        if (cidrOverlaps(a, b)) expect(cidrContains(a, b) || cidrContains(b, a)).toBe(true);
      }),
    );
  });

  it('findOverlappingPairs agrees with the naive pairwise reference', () => {
    fc.assert(
      fc.property(fc.array(crowdedCidr, { maxLength: 40 }), (cidrs) => {
        const blocks = cidrs.map((cidr, owner) => ({ cidr, owner }));
        const key = (x: number, y: number) => (x < y ? `${x}-${y}` : `${y}-${x}`);
        const swept = findOverlappingPairs(blocks).map(([a, b]) => key(a.owner, b.owner));
        const naive: string[] = [];
        for (let i = 0; i < cidrs.length; i++) {
          for (let j = i + 1; j < cidrs.length; j++)
            if (cidrOverlaps(cidrs[i]!, cidrs[j]!)) naive.push(key(i, j));
        }
        expect(swept.sort()).toEqual(naive.sort());
      }),
    );
  });

  it('ColumnIndex over typed columns finds exactly the overlapping blocks, skipping texts that do not parse', () => {
    const blockText = fc.oneof(
      { weight: 5, arbitrary: crowdedCidr.map(formatCidr) },
      { weight: 1, arbitrary: fc.constantFrom('10.0.0.1/16', 'not a cidr', '10.0.0.0/33') },
    );
    fc.assert(
      fc.property(fc.array(blockText, { maxLength: 40 }), crowdedCidr, (texts, query: Cidr) => {
        const columns = new CidrColumns(texts.length);
        texts.forEach((text, i) => columns.set(i, text));
        const queries = new CidrColumns(1);
        queries.set(0, formatCidr(query));
        const found: number[] = [];
        new ColumnIndex(columns).someOverlapping(queries, 0, (block) => {
          found.push(block);
          return false;
        });
        const naive = texts.flatMap((text, i) => {
          const parsed = parseCidr(text);
          return parsed.ok && cidrOverlaps(parsed.cidr, query) ? [i] : [];
        });
        expect(found.sort((x, y) => x - y)).toEqual(naive);
      }),
    );
  });

  it('CidrColumns parse as parseCidr does, and answer containment and overlap as the Cidr functions do', () => {
    fc.assert(
      fc.property(
        fc.array(crowdedCidr, { minLength: 1, maxLength: 8 }),
        crowdedCidr,
        (blocks, query: Cidr) => {
          const texts = [formatCidr(query), ...blocks.map(formatCidr), '10.0.0.1/8', '300.0.0.0/8'];
          const columns = new CidrColumns(texts.length);
          texts.forEach((text, i) => columns.set(i, text));
          texts.forEach((text, i) => {
            const parsed = parseCidr(text);
            expect(columns.ok(i)).toBe(parsed.ok);
            expect(columns.result(i)).toEqual(parsed);
            if (parsed.ok) expect(columns.cidr(i)).toEqual(parsed.cidr);
          });
          const to = texts.length;
          expect(columns.containedIn(0, columns, 1, to)).toBe(blocks.some((b) => cidrContains(b, query)));
          expect(columns.overlapsAnyOf(0, columns, 1, to)).toBe(blocks.some((b) => cidrOverlaps(b, query)));
        },
      ),
    );
  });
});
