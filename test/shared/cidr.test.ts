import { describe, expect, it } from 'vitest';
import { formatCidr, parseCidr } from '../../shared/net/cidr';

describe('parseCidr', () => {
  it('parses a canonical block', () => {
    const result = parseCidr('10.0.0.0/16');
    expect(result.ok && formatCidr(result.cidr)).toBe('10.0.0.0/16');
  });
});
