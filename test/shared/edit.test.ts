import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { applyEdit, EditError } from '../../shared/edit/operations';
import type { Edit } from '../../shared/edit/operations';
import {
  acceptPeering,
  createPeering,
  deletePeering,
  deleteVpc,
  expirePeering,
  reenablePeering,
  rejectPeering,
  renameObject,
} from '../../shared/edit/workflow';
import { HistoryManager } from '../../shared/edit/history';
import {
  applyLayoutEdit,
  EMPTY_LAYOUT,
  layoutFromRecord,
  layoutToRecord,
  moveTo,
  sameLayout,
} from '../../shared/edit/layout';
import type { Plan, Vpc } from '../../shared/plan/model';
import { samplePlan, vpc } from './edit-fixtures';

function roundTrip(edit: Edit) {
  const plan = samplePlan();
  const { plan: edited, inverse } = applyEdit(plan, edit);
  expect(edited).not.toEqual(plan);
  expect(applyEdit(edited, inverse).plan).toEqual(plan);
  return edited;
}

/** The sample plan changed by hand, on a deep copy: the expectation owes nothing to `applyEdit`. */
function sampleWith(change: (plan: Mutable<Plan>) => void): Plan {
  const plan = structuredClone(samplePlan()) as unknown as Mutable<Plan>;
  change(plan);
  return plan as unknown as Plan;
}

/** Deeply writable, so an expectation can be written as plain assignments. */
type Mutable<T> = T extends readonly (infer U)[]
  ? Mutable<U>[]
  : T extends object
    ? { -readonly [K in keyof T]: Mutable<T[K]> }
    : T;

describe('edit operations', () => {
  const original = samplePlan();
  const [vpcA] = original.vpcs;
  const routeA0 = vpcA!.routeTables[0]!.routes[0]!;
  /** Each edit, the plan it must give (written out), and the inverse it must return (written out). */
  const cases: Array<[string, Edit, Plan, Edit]> = [
    [
      'plan.update',
      { kind: 'plan.update', patch: { name: 'Renamed', asOf: '2026-12-01' } },
      sampleWith((p) => {
        p.name = 'Renamed';
        p.asOf = '2026-12-01';
      }),
      { kind: 'plan.update', patch: { name: 'Sample', asOf: '2026-11-26' } },
    ],
    [
      'account.add',
      { kind: 'account.add', account: { id: 'acc-x', name: 'X', own: true, trusted: true } },
      sampleWith((p) => void p.accounts.push({ id: 'acc-x', name: 'X', own: true, trusted: true })),
      { kind: 'account.delete', id: 'acc-x' },
    ],
    [
      'account.update',
      { kind: 'account.update', id: 'acc-partner', patch: { trusted: false } },
      sampleWith((p) => void (p.accounts[1]!.trusted = false)),
      { kind: 'account.update', id: 'acc-partner', patch: { trusted: true } },
    ],
    [
      'account.delete',
      { kind: 'account.delete', id: 'acc-own' },
      sampleWith((p) => void p.accounts.splice(0, 1)),
      { kind: 'account.add', account: { id: 'acc-own', name: 'Own', own: true, trusted: true }, index: 0 },
    ],
    [
      'vpc.add',
      { kind: 'vpc.add', vpc: vpc('d', '10.2.0.0/16'), index: 1 },
      sampleWith((p) => void p.vpcs.splice(1, 0, vpc('d', '10.2.0.0/16') as Mutable<Vpc>)),
      { kind: 'vpc.delete', id: 'd' },
    ],
    [
      'vpc.update',
      { kind: 'vpc.update', id: 'b', patch: { cidr: '10.0.0.0/16', secondaryCidrs: ['10.9.0.0/16'] } },
      sampleWith((p) => {
        p.vpcs[1]!.cidr = '10.0.0.0/16';
        p.vpcs[1]!.secondaryCidrs = ['10.9.0.0/16'];
      }),
      { kind: 'vpc.update', id: 'b', patch: { cidr: '10.1.0.0/16', secondaryCidrs: [] } },
    ],
    [
      'vpc.delete',
      { kind: 'vpc.delete', id: 'a' },
      // The operation removes the VPC only; deleteVpc (workflow) also removes its peerings.
      sampleWith((p) => void p.vpcs.splice(0, 1)),
      { kind: 'vpc.add', vpc: vpcA!, index: 0 },
    ],
    [
      'subnet.add',
      { kind: 'subnet.add', vpc: 'b', subnet: { id: 'sn-b1', name: 'B1', cidr: '10.1.0.0/24' } },
      sampleWith((p) => void p.vpcs[1]!.subnets.push({ id: 'sn-b1', name: 'B1', cidr: '10.1.0.0/24' })),
      { kind: 'subnet.delete', vpc: 'b', id: 'sn-b1' },
    ],
    [
      'subnet.update',
      { kind: 'subnet.update', vpc: 'a', id: 'sn-a1', patch: { cidr: '10.0.2.0/24', zone: 'z' } },
      sampleWith((p) => {
        p.vpcs[0]!.subnets[0]!.cidr = '10.0.2.0/24';
        p.vpcs[0]!.subnets[0]!.zone = 'z';
      }),
      // The subnet had no zone: the inverse removes it again.
      { kind: 'subnet.update', vpc: 'a', id: 'sn-a1', patch: { cidr: '10.0.1.0/24', zone: undefined } },
    ],
    [
      'subnet.delete',
      { kind: 'subnet.delete', vpc: 'a', id: 'sn-a1' },
      sampleWith((p) => void p.vpcs[0]!.subnets.splice(0, 1)),
      {
        kind: 'subnet.add',
        vpc: 'a',
        subnet: { id: 'sn-a1', name: 'A1', cidr: '10.0.1.0/24', routeTable: 'rtb-a' },
        index: 0,
      },
    ],
    [
      'routeTable.add',
      {
        kind: 'routeTable.add',
        vpc: 'c',
        routeTable: { id: 'rtb-x', name: 'x', default: false, routes: [] },
      },
      sampleWith(
        (p) => void p.vpcs[2]!.routeTables.push({ id: 'rtb-x', name: 'x', default: false, routes: [] }),
      ),
      { kind: 'routeTable.delete', vpc: 'c', id: 'rtb-x' },
    ],
    [
      'routeTable.update',
      { kind: 'routeTable.update', vpc: 'a', id: 'rtb-a', patch: { name: 'main' } },
      sampleWith((p) => void (p.vpcs[0]!.routeTables[0]!.name = 'main')),
      { kind: 'routeTable.update', vpc: 'a', id: 'rtb-a', patch: { name: 'default' } },
    ],
    [
      'routeTable.delete',
      { kind: 'routeTable.delete', vpc: 'a', id: 'rtb-a' },
      sampleWith((p) => void p.vpcs[0]!.routeTables.splice(0, 1)),
      { kind: 'routeTable.add', vpc: 'a', routeTable: vpcA!.routeTables[0]!, index: 0 },
    ],
    [
      'route.add',
      {
        kind: 'route.add',
        routeTable: 'rtb-a',
        index: 0,
        route: { destination: '10.5.0.0/16', nextHop: { type: 'vpn', id: 'v' }, enabled: true },
      },
      sampleWith(
        (p) =>
          void p.vpcs[0]!.routeTables[0]!.routes.unshift({
            destination: '10.5.0.0/16',
            nextHop: { type: 'vpn', id: 'v' },
            enabled: true,
          }),
      ),
      { kind: 'route.delete', routeTable: 'rtb-a', index: 0 },
    ],
    [
      'route.update',
      { kind: 'route.update', routeTable: 'rtb-a', index: 1, patch: { enabled: false, description: 'off' } },
      sampleWith((p) => {
        p.vpcs[0]!.routeTables[0]!.routes[1]!.enabled = false;
        p.vpcs[0]!.routeTables[0]!.routes[1]!.description = 'off';
      }),
      {
        kind: 'route.update',
        routeTable: 'rtb-a',
        index: 1,
        patch: { enabled: true, description: undefined },
      },
    ],
    [
      'route.delete',
      { kind: 'route.delete', routeTable: 'rtb-a', index: 0 },
      sampleWith((p) => void p.vpcs[0]!.routeTables[0]!.routes.splice(0, 1)),
      { kind: 'route.add', routeTable: 'rtb-a', route: routeA0, index: 0 },
    ],
    [
      'peering.update',
      { kind: 'peering.update', id: 'pcx-ab', patch: { bandwidthMbps: undefined, state: 'expired' } },
      sampleWith((p) => {
        delete p.peerings[0]!.bandwidthMbps;
        p.peerings[0]!.state = 'expired';
      }),
      { kind: 'peering.update', id: 'pcx-ab', patch: { bandwidthMbps: 100, state: 'active' } },
    ],
    [
      'peering.delete',
      { kind: 'peering.delete', id: 'pcx-ab' },
      // The operation removes the peering only; deletePeering (workflow) also removes its routes.
      sampleWith((p) => void p.peerings.splice(0, 1)),
      { kind: 'peering.add', peering: original.peerings[0]!, index: 0 },
    ],
  ];

  it('covers each kind of edit once', () => {
    expect(cases).toHaveLength(18);
    expect(new Set(cases.map(([name]) => name)).size).toBe(18);
  });

  it.each(cases)(
    '%s gives exactly the expected plan, and its inverse exactly undoes it',
    (_name, edit, expected, inverse) => {
      const plan = samplePlan();
      const result = applyEdit(plan, edit);
      expect(result.plan).toStrictEqual(expected);
      expect(result.inverse).toStrictEqual(inverse);
      expect(applyEdit(result.plan, result.inverse).plan).toStrictEqual(samplePlan());
      // The edit never changes the plan it was given.
      expect(plan).toStrictEqual(samplePlan());
    },
  );

  it('removes a field when a patch sets it to undefined, and the inverse puts it back', () => {
    const edited = roundTrip({ kind: 'peering.update', id: 'pcx-ab', patch: { bandwidthMbps: undefined } });
    expect('bandwidthMbps' in edited.peerings[0]!).toBe(false);
  });

  it('keeps untouched objects identical (structural sharing)', () => {
    const plan = samplePlan();
    const { plan: edited } = applyEdit(plan, { kind: 'vpc.update', id: 'b', patch: { name: 'B2' } });
    expect(edited.vpcs[0]).toBe(plan.vpcs[0]);
    expect(edited.vpcs[2]).toBe(plan.vpcs[2]);
    expect(edited.vpcs[1]).not.toBe(plan.vpcs[1]);
    expect(edited.peerings).toBe(plan.peerings);
  });

  it('refuses unknown ids and duplicate ids', () => {
    expect(() => applyEdit(samplePlan(), { kind: 'vpc.delete', id: 'nope' })).toThrow(EditError);
    expect(() => applyEdit(samplePlan(), { kind: 'vpc.add', vpc: vpc('a', '10.9.0.0/16') })).toThrow(
      /already exists/,
    );
    expect(() => applyEdit(samplePlan(), { kind: 'route.delete', routeTable: 'rtb-a', index: 5 })).toThrow(
      /out of range/,
    );
  });
});

describe('peering workflow', () => {
  it('creates a same-account peering active at once', () => {
    const plan = samplePlan();
    const { edit } = createPeering(plan, { requester: 'a', accepter: 'b' });
    const created = applyEdit(plan, edit).plan.peerings.at(-1)!;
    expect(created.state).toBe('active');
    expect(created.id).toBe('pcx-1');
  });

  it('creates a cross-account request pending since the plan date; accept, reject, expire, re-enable', () => {
    let plan = samplePlan();
    plan = applyEdit(plan, createPeering(plan, { id: 'pcx-ac', requester: 'a', accepter: 'c' }).edit).plan;
    const pending = plan.peerings.find((p) => p.id === 'pcx-ac')!;
    expect(pending.state).toBe('pending');
    expect(pending.requestedAt).toBe(plan.asOf);

    const accepted = applyEdit(plan, acceptPeering(plan, 'pcx-ac').edit).plan;
    expect(accepted.peerings.find((p) => p.id === 'pcx-ac')!.state).toBe('active');
    expect(() => acceptPeering(accepted, 'pcx-ac')).toThrow(/only a pending/);

    const rejected = applyEdit(plan, rejectPeering(plan, 'pcx-ac').edit).plan;
    expect(rejected.peerings.find((p) => p.id === 'pcx-ac')!.state).toBe('rejected');
    const expired = applyEdit(plan, expirePeering(plan, 'pcx-ac').edit).plan;
    expect(expired.peerings.find((p) => p.id === 'pcx-ac')!.state).toBe('expired');

    const later = { ...expired, asOf: '2026-12-10' };
    const again = applyEdit(later, reenablePeering(later, 'pcx-ac').edit).plan.peerings.find(
      (p) => p.id === 'pcx-ac',
    )!;
    expect(again.state).toBe('pending');
    expect(again.requestedAt).toBe('2026-12-10');
  });

  it('deleting a peering removes every route through it, and undo restores them in place', () => {
    const plan = samplePlan();
    const { plan: edited, inverse } = applyEdit(plan, deletePeering(plan, 'pcx-ab').edit);
    expect(edited.peerings).toHaveLength(0);
    expect(edited.vpcs[0]!.routeTables[0]!.routes.map((r) => r.destination)).toEqual(['0.0.0.0/0']);
    expect(edited.vpcs[1]!.routeTables[0]!.routes).toHaveLength(0);
    expect(applyEdit(edited, inverse).plan).toEqual(plan);
  });

  it('deleting a VPC deletes its peerings and their routes on the far side', () => {
    const plan = samplePlan();
    const { plan: edited, inverse } = applyEdit(plan, deleteVpc(plan, 'a').edit);
    expect(edited.vpcs.map((v) => v.id)).toEqual(['b', 'c']);
    expect(edited.peerings).toHaveLength(0);
    expect(edited.vpcs[0]!.routeTables[0]!.routes).toHaveLength(0);
    expect(applyEdit(edited, inverse).plan).toEqual(plan);
  });

  it('renames any object by id', () => {
    const plan = samplePlan();
    expect(applyEdit(plan, renameObject(plan, 'sn-a1', 'Web').edit).plan.vpcs[0]!.subnets[0]!.name).toBe(
      'Web',
    );
    expect(applyEdit(plan, renameObject(plan, 'pcx-ab', 'Link').edit).plan.peerings[0]!.name).toBe('Link');
  });
});

describe('HistoryManager', () => {
  it('undoes and redoes one user step at a time, with labels', () => {
    const history = new HistoryManager();
    const p0 = samplePlan();
    const d0 = { plan: p0, layout: EMPTY_LAYOUT };
    const step1 = history.apply(d0, { edit: deletePeering(p0, 'pcx-ab').edit }, 'Delete peering');
    const step2 = history.apply(
      step1.document,
      { edit: { kind: 'vpc.update', id: 'c', patch: { name: 'C!' } } },
      'Rename C',
    );
    expect(history.undoLabel).toBe('Rename C');
    const u1 = history.undo(step2.document)!;
    expect(u1.document.plan).toEqual(step1.document.plan);
    const u2 = history.undo(u1.document)!;
    expect(u2.document.plan).toEqual(p0);
    expect(history.canUndo).toBe(false);
    const r1 = history.redo(u2.document)!;
    expect(r1.document.plan).toEqual(step1.document.plan);
    expect(history.redoLabel).toBe('Rename C');
    // A new step drops the redo branch.
    history.apply(r1.document, { edit: { kind: 'plan.update', patch: { name: 'x' } } }, 'Rename plan');
    expect(history.canRedo).toBe(false);
    history.reset();
    expect(history.canUndo).toBe(false);
  });

  it('records moves: undo puts the moved VPCs back and removes positions that were new', () => {
    const history = new HistoryManager();
    const plan = samplePlan();
    const before = new Map([['a', { x: 0, y: 0 }]]);
    const move = moveTo(
      before,
      new Map([
        ['a', { x: 10, y: 20 }],
        ['b', { x: 5, y: 5 }],
      ]),
    )!;
    const moved = history.apply({ plan, layout: before }, { layout: move }, 'Move 2 VPCs');
    expect(moved.document.plan).toBe(plan);
    expect([...moved.document.layout]).toEqual([
      ['a', { x: 10, y: 20 }],
      ['b', { x: 5, y: 5 }],
    ]);
    const undone = history.undo(moved.document)!;
    expect([...undone.document.layout]).toEqual([['a', { x: 0, y: 0 }]]);
    const redone = history.redo(undone.document)!;
    expect(sameLayout(redone.document.layout, moved.document.layout)).toBe(true);
  });

  it('a step with a plan edit and a layout edit is undone as one', () => {
    const history = new HistoryManager();
    const plan = samplePlan();
    const step = history.apply(
      { plan, layout: EMPTY_LAYOUT },
      {
        edit: { kind: 'vpc.update', id: 'a', patch: { name: 'A2' } },
        layout: { kind: 'layout.set', positions: new Map([['a', { x: 1, y: 2 }]]) },
      },
      'Rename and move',
    );
    expect(step.document.plan.vpcs[0]!.name).toBe('A2');
    const undone = history.undo(step.document)!;
    expect(undone.document.plan).toEqual(plan);
    expect(undone.document.layout.size).toBe(0);
  });
});

describe('layout edits', () => {
  it('moveTo lists only the points that change, and null when nothing moves', () => {
    const layout = new Map([
      ['a', { x: 1, y: 1 }],
      ['b', { x: 2, y: 2 }],
    ]);
    expect(moveTo(layout, new Map([['a', { x: 1, y: 1 }]]))).toBeNull();
    const edit = moveTo(
      layout,
      new Map([
        ['a', { x: 1, y: 1 }],
        ['b', { x: 3, y: 2 }],
      ]),
    )!;
    expect([...edit.positions.keys()]).toEqual(['b']);
  });

  it('keeps ids that are Object.prototype names as ordinary keys through the stored record', () => {
    const layout = layoutFromRecord(
      JSON.parse('{"__proto__":{"x":1,"y":2},"constructor":{"x":3,"y":4}}') as Record<
        string,
        { x: number; y: number }
      >,
    );
    expect(layout.get('__proto__')).toEqual({ x: 1, y: 2 });
    expect(layout.get('toString')).toBeUndefined();
    const record = layoutToRecord(layout);
    expect(Object.keys(record).sort()).toEqual(['__proto__', 'constructor']);
    expect(sameLayout(layoutFromRecord(record), layout)).toBe(true);
  });

  it('property: a layout edit and its inverse give the original layout back', () => {
    const point = fc.record({
      x: fc.integer({ min: -1e6, max: 1e6 }),
      y: fc.integer({ min: -1e6, max: 1e6 }),
    });
    const id = fc.constantFrom('a', 'b', 'c', '__proto__', 'toString');
    fc.assert(
      fc.property(
        fc.array(fc.tuple(id, point)),
        fc.array(fc.tuple(id, fc.option(point, { nil: null }))),
        (start, changes) => {
          const layout = new Map(start);
          const { layout: edited, inverse } = applyLayoutEdit(layout, {
            kind: 'layout.set',
            positions: new Map(changes),
          });
          for (const [changed, p] of new Map(changes)) expect(edited.get(changed) ?? null).toEqual(p);
          expect(sameLayout(applyLayoutEdit(edited, inverse).layout, layout)).toBe(true);
        },
      ),
    );
  });
});

describe('property: apply then inverse gives the original plan', () => {
  const plan = samplePlan();
  const vpcIds = plan.vpcs.map((v) => v.id);
  const arbEdit: fc.Arbitrary<Edit> = fc.oneof(
    fc.record({
      kind: fc.constant('vpc.update' as const),
      id: fc.constantFrom(...vpcIds),
      patch: fc.record({ name: fc.string(), cidr: fc.string() }, { requiredKeys: [] }),
    }),
    fc.constantFrom(...vpcIds).map((id) => deleteVpc(plan, id).edit),
    fc.constantFrom('pcx-ab').map((id) => deletePeering(plan, id).edit),
    fc.record({
      kind: fc.constant('route.add' as const),
      routeTable: fc.constant('rtb-a'),
      index: fc.integer({ min: 0, max: 2 }),
      route: fc.record({
        destination: fc.string(),
        nextHop: fc.record({ type: fc.constant('nat' as const), id: fc.string({ minLength: 1 }) }),
        enabled: fc.boolean(),
      }),
    }),
    fc.record({
      kind: fc.constant('route.delete' as const),
      routeTable: fc.constant('rtb-a'),
      index: fc.integer({ min: 0, max: 1 }),
    }),
    fc.record({
      kind: fc.constant('peering.update' as const),
      id: fc.constant('pcx-ab'),
      patch: fc.record(
        {
          bandwidthMbps: fc.option(fc.integer({ min: 1, max: 2000 }), { nil: undefined }),
          state: fc.constantFrom('active' as const, 'pending' as const),
        },
        { requiredKeys: [] },
      ),
    }),
  );
  it('holds for any single edit', () => {
    fc.assert(
      fc.property(arbEdit, (edit) => {
        const { plan: edited, inverse } = applyEdit(plan, edit);
        expect(applyEdit(edited, inverse).plan).toEqual(plan);
      }),
    );
  });
  it('holds for a sequence of edits undone in reverse', () => {
    fc.assert(
      fc.property(fc.array(arbEdit, { maxLength: 6 }), (edits) => {
        let current = plan;
        const inverses: Edit[] = [];
        for (const edit of edits) {
          try {
            const result = applyEdit(current, edit);
            current = result.plan;
            inverses.push(result.inverse);
          } catch (error) {
            if (!(error instanceof EditError)) throw error;
          }
        }
        for (const inverse of inverses.reverse()) current = applyEdit(current, inverse).plan;
        expect(current).toEqual(plan);
      }),
    );
  });
});
