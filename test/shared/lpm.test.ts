import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCidr, parseIpv4 } from '../../shared/net/cidr';
import type { ForwardingEntry } from '../../shared/routing/lpm';
import { LongestPrefixMatch } from '../../shared/routing/lpm';

function entry(cidr: string, target: string): ForwardingEntry<string> {
  const parsed = parseCidr(cidr);
  if (!parsed.ok) throw new Error(cidr);
  return { ...parsed.cidr, target };
}

function ip(text: string): number {
  const address = parseIpv4(text);
  if (address === null) throw new Error(text);
  return address;
}

describe('LongestPrefixMatch', () => {
  it('forwards each address by the most specific of overlapping routes', () => {
    const table = new LongestPrefixMatch(
      [entry('192.168.0.0/16', 'local')],
      [
        entry('0.0.0.0/0', 'nat'),
        entry('10.0.0.0/16', 'pcx-1'),
        entry('10.0.5.0/24', 'pcx-2'),
        entry('10.0.5.128/25', 'vpn'),
      ],
    );
    expect(table.lookup(ip('8.8.8.8'))).toBe('nat');
    expect(table.lookup(ip('10.0.4.1'))).toBe('pcx-1');
    expect(table.lookup(ip('10.0.5.1'))).toBe('pcx-2');
    expect(table.lookup(ip('10.0.5.200'))).toBe('vpn');
    expect(table.lookup(ip('10.0.6.0'))).toBe('pcx-1');
    expect(table.lookup(ip('192.168.3.4'))).toBe('local');
  });

  it('lets the local route win for the VPC’s own addresses, even over a more specific route', () => {
    const table = new LongestPrefixMatch([entry('10.0.0.0/16', 'local')], [entry('10.0.1.0/24', 'pcx-1')]);
    expect(table.lookup(ip('10.0.1.5'))).toBe('local');
    expect(table.lookupRange(ip('10.0.0.0'), ip('10.0.255.255'))).toEqual([
      { start: ip('10.0.0.0'), end: ip('10.0.255.255'), target: 'local' },
    ]);
  });

  it('answers no route outside every route', () => {
    const table = new LongestPrefixMatch([], [entry('10.0.0.0/24', 'pcx-1')]);
    expect(table.lookup(ip('10.0.1.0'))).toBeNull();
    expect(table.lookup(ip('9.255.255.255'))).toBeNull();
  });

  it('splits an interval into the parts each route takes, with the gaps', () => {
    // Subnet 10.0.0.0/22; a route covers its first /24 and a more specific one takes a /26 of it.
    const table = new LongestPrefixMatch(
      [],
      [entry('10.0.0.0/24', 'pcx-1'), entry('10.0.0.64/26', 'nat'), entry('10.0.2.0/23', 'pcx-1')],
    );
    expect(table.lookupRange(ip('10.0.0.0'), ip('10.0.3.255'))).toEqual([
      { start: ip('10.0.0.0'), end: ip('10.0.0.63'), target: 'pcx-1' },
      { start: ip('10.0.0.64'), end: ip('10.0.0.127'), target: 'nat' },
      { start: ip('10.0.0.128'), end: ip('10.0.0.255'), target: 'pcx-1' },
      { start: ip('10.0.1.0'), end: ip('10.0.1.255'), target: null },
      { start: ip('10.0.2.0'), end: ip('10.0.3.255'), target: 'pcx-1' },
    ]);
  });

  it('keeps the first of two routes with the same destination', () => {
    const table = new LongestPrefixMatch([], [entry('10.0.0.0/24', 'first'), entry('10.0.0.0/24', 'second')]);
    expect(table.lookup(ip('10.0.0.9'))).toBe('first');
  });

  it('agrees with a linear scan on random tables (property)', () => {
    // Small address space (10.0.0.0/24) so that overlaps are frequent.
    const block = fc
      .tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 24, max: 32 }))
      .map(([offset, prefix]) => {
        const size = 2 ** (32 - prefix);
        const start = ip('10.0.0.0') + offset - (offset % size);
        return { start, end: start + size - 1, prefix };
      });
    fc.assert(
      fc.property(
        fc.array(block, { maxLength: 3 }),
        fc.array(fc.tuple(block, fc.constantFrom('a', 'b', 'c')), { maxLength: 12 }),
        fc.integer({ min: 0, max: 255 }),
        fc.integer({ min: 0, max: 255 }),
        (localBlocks, routeBlocks, x, y) => {
          const local = localBlocks.map((b) => ({ ...b, target: 'local' }));
          const routes = routeBlocks.map(([b, target]) => ({ ...b, target }));
          const table = new LongestPrefixMatch(local, routes);
          const naive = (address: number): string | null => {
            if (local.some((b) => b.start <= address && address <= b.end)) return 'local';
            let best: { prefix: number; target: string } | null = null;
            for (const route of routes) {
              if (route.start <= address && address <= route.end && (!best || route.prefix > best.prefix))
                best = route;
            }
            return best ? best.target : null;
          };
          const from = ip('10.0.0.0') + Math.min(x, y);
          const to = ip('10.0.0.0') + Math.max(x, y);
          const segments = table.lookupRange(from, to);
          let cursor = from;
          for (const segment of segments) {
            expect(segment.start).toBe(cursor);
            for (let address = segment.start; address <= segment.end; address++) {
              expect(segment.target).toBe(naive(address));
              expect(table.lookup(address)).toBe(naive(address));
            }
            cursor = segment.end + 1;
          }
          expect(cursor).toBe(to + 1);
        },
      ),
      { numRuns: 300 },
    );
  });
});
