/** Region names for people, from the shared region catalog; unknown regions show their id. */
import { findRegion, REGIONS } from '../../../shared/catalog/regions';
import { zonesOfRegion } from '../../../shared/catalog/zones';

export function regionDisplayName(id: string): string {
  const region = findRegion(id);
  return region ? `${region.name} (${id})` : id;
}

/** The regions offered in forms: the catalog, in its order. */
export const REGION_CHOICES: readonly { readonly id: string; readonly name: string }[] = REGIONS;

/**
 * The availability zones of a region, for the subnet forms, from the shared zone catalog. Empty
 * for a region outside the catalog (then the form takes a typed zone).
 */
export function zoneChoices(region: string): readonly string[] {
  return zonesOfRegion(region);
}
