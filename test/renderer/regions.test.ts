import { describe, expect, it } from 'vitest';
import { zoneChoices } from '../../renderer/src/lib/regions';

// The subnet forms offer the region's zones as a list (issue: a zone could only be typed).
describe('zoneChoices', () => {
  it("lists the region's own zones, not those of a finance region with a similar name", () => {
    const shanghai = zoneChoices('ap-shanghai');
    expect(shanghai).toContain('ap-shanghai-2');
    expect(shanghai.every((zone) => zone.startsWith('ap-shanghai-') && !zone.includes('fsi'))).toBe(true);
    expect(zoneChoices('ap-shanghai-fsi')).toContain('ap-shanghai-fsi-1');
    expect(shanghai).not.toContain('ap-shanghai-fsi-1');
  });

  it('offers nothing for a region outside the catalog (the form then takes a typed zone)', () => {
    expect(zoneChoices('xx-nowhere')).toEqual([]);
  });
});
