import { describe, expect, it } from 'vitest';
import { nameWithId, withNames } from '../../shared/plan/object-names';
import type { Plan } from '../../shared/plan/model';
import { PlanBuilder } from './plan-builder';

function named(): Plan {
  const plan = new PlanBuilder()
    .vpc('vpc-1', { cidr: '10.1.0.0/16', table: 'rtb-1' })
    .vpc('vpc-10', { cidr: '10.2.0.0/16' })
    .peering('pcx-1', 'vpc-1', 'vpc-10')
    .route('rtb-1', '10.2.0.0/16', 'pcx-1')
    .build();
  return {
    ...plan,
    vpcs: plan.vpcs.map((v) => ({
      ...v,
      name: v.id === 'vpc-1' ? 'app' : v.id, // vpc-10 is named after itself
      routeTables: v.routeTables.map((t) => ({ ...t, name: 'main' })),
    })),
    peerings: plan.peerings.map((p) => ({ ...p, name: 'app-data' })),
  };
}

describe('names beside IDs', () => {
  it('names an object beside its ID, or gives the ID alone when there is no other name', () => {
    const plan = named();
    expect(nameWithId(plan, 'vpc-1')).toBe('app (vpc-1)');
    expect(nameWithId(plan, 'vpc-10')).toBe('vpc-10');
    expect(nameWithId(plan, 'rtb-1#0')).toBe('main #0 (rtb-1#0)');
    expect(nameWithId(plan, 'nothing')).toBe('nothing');
  });

  it('names whole IDs in a message, not IDs inside longer ones', () => {
    const plan = named();
    expect(
      withNames(plan, 'Peering pcx-1 joins vpc-1 and vpc-10; see vpc-1.', ['pcx-1', 'vpc-1', 'vpc-10']),
    ).toBe('Peering pcx-1 (app-data) joins vpc-1 (app) and vpc-10; see vpc-1 (app).');
    expect(withNames(plan, 'Route rtb-1#0: destination in vpc-1x', ['rtb-1#0', 'vpc-1'])).toBe(
      'Route rtb-1#0 (main #0): destination in vpc-1x',
    );
  });
});
