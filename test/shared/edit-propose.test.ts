import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { firstFreeBlock, mergeIntervals, proposeSubnetCidr, proposeVpcCidr } from '../../shared/edit/propose';
import { cidrOverlaps, tryParseCidr } from '../../shared/net/cidr';
import { samplePlan, vpc } from './edit-fixtures';

describe('proposals', () => {
  it('proposes the next /16 in 10/8 clear of every VPC', () => {
    expect(proposeVpcCidr(samplePlan())).toBe('10.2.0.0/16');
    const plan = { ...samplePlan(), vpcs: [vpc('x', '10.0.0.0/9'), vpc('y', '10.128.0.0/10')] };
    expect(proposeVpcCidr(plan)).toBe('10.192.0.0/16');
  });

  it('moves on to 172.16/12 and 192.168/16 when 10/8 is full, then gives up', () => {
    const full = { ...samplePlan(), vpcs: [vpc('x', '10.0.0.0/8')] };
    expect(proposeVpcCidr(full)).toBe('172.16.0.0/16');
    const fuller = { ...full, vpcs: [...full.vpcs, vpc('y', '172.16.0.0/12')] };
    expect(proposeVpcCidr(fuller)).toBe('192.168.0.0/16');
    expect(proposeVpcCidr(fuller, 12)).toBeNull();
    const fullest = { ...fuller, vpcs: [...fuller.vpcs, vpc('z', '192.168.0.0/16')] };
    expect(proposeVpcCidr(fullest)).toBeNull();
  });

  it('counts secondary CIDRs as taken and ignores invalid ones', () => {
    const plan = { ...samplePlan(), vpcs: [vpc('x', 'nonsense', { secondaryCidrs: ['10.0.0.0/16'] })] };
    expect(proposeVpcCidr(plan)).toBe('10.1.0.0/16');
  });

  it('proposes the next free subnet block inside the VPC', () => {
    const v = vpc('x', '10.0.0.0/22', {
      subnets: [
        { id: 's1', name: 's1', cidr: '10.0.0.0/24' },
        { id: 's2', name: 's2', cidr: '10.0.2.0/25' },
      ],
    });
    expect(proposeSubnetCidr(v)).toBe('10.0.1.0/24');
    expect(proposeSubnetCidr(v, 25)).toBe('10.0.1.0/25');
    const full = { ...v, subnets: [{ id: 's', name: 's', cidr: '10.0.0.0/22' }] };
    expect(proposeSubnetCidr(full)).toBeNull();
    expect(proposeSubnetCidr({ ...full, secondaryCidrs: ['10.8.0.0/24'] })).toBe('10.8.0.0/24');
  });

  it('first free block never overlaps what is taken (property)', () => {
    const within = tryParseCidr('10.0.0.0/16')!;
    const arbBlock = fc
      .tuple(fc.integer({ min: 0, max: 65535 }), fc.integer({ min: 16, max: 28 }))
      .map(([offset, prefix]) => {
        const size = 2 ** (32 - prefix);
        const start = within.start + Math.floor(((offset * 256) % 65536) / size) * size;
        return { start, end: start + size - 1 };
      });
    fc.assert(
      fc.property(
        fc.array(arbBlock, { maxLength: 30 }),
        fc.integer({ min: 16, max: 28 }),
        (blocks, prefix) => {
          const merged = mergeIntervals(blocks);
          const found = firstFreeBlock(within, prefix, merged);
          if (found === null) return;
          expect(found.start % 2 ** (32 - prefix)).toBe(0);
          expect(found.end).toBeLessThanOrEqual(within.end);
          for (const b of blocks) expect(cidrOverlaps(found, { ...b, prefix: 0 })).toBe(false);
        },
      ),
    );
  });
});
