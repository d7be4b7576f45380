/**
 * ID rename (issue 10, item 7): the object and every reference change in one undoable edit.
 * The references are listed by hand from plan-format.md, not read from the code.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HistoryManager } from '../../shared/edit/history';
import { EMPTY_LAYOUT } from '../../shared/edit/layout';
import { applyEdit, EditError } from '../../shared/edit/operations';
import { renameId, renameIdProblem } from '../../shared/edit/rename-id';
import { allIds } from '../../shared/edit/workflow';
import type { Plan } from '../../shared/plan/model';
import { validatePlan } from '../../shared/rules/validate';
import { PlanBuilder } from './plan-builder';

function plan(): Plan {
  return new PlanBuilder()
    .account('acc-1')
    .vpc('vpc-a', { cidr: '10.1.0.0/16', table: 'rtb-a', account: 'acc-1', region: 'ap-shanghai' })
    .subnet('vpc-a', 'sn-a', '10.1.1.0/24')
    .vpc('vpc-b', { cidr: '10.2.0.0/16', table: 'rtb-b', account: 'acc-1', region: 'ap-guangzhou' })
    .subnet('vpc-b', 'sn-b', '10.2.1.0/24')
    .peering('pcx-1', 'vpc-a', 'vpc-b', { bandwidthMbps: 100 })
    .route('rtb-a', '10.2.0.0/16', 'pcx-1')
    .route('rtb-b', '10.1.0.0/16', 'pcx-1')
    .route('rtb-b', '0.0.0.0/0', { type: 'nat', id: 'pcx-1' }) // a NAT gateway's own ID: not a reference
    .sample('pcx-1', '2026-11-25T14:00:00+08:00', 30, 20)
    .build();
}

const apply = (p: Plan, from: string, to: string): Plan => applyEdit(p, renameId(p, from, to).edit).plan;

describe('renaming an ID', () => {
  it('a peering: its routes and traffic follow, a NAT gateway that shares the text does not', () => {
    const after = apply(plan(), 'pcx-1', 'pcx-shgz');
    expect(after.peerings[0]!.id).toBe('pcx-shgz');
    const routes = after.vpcs.flatMap((v) => v.routeTables.flatMap((t) => t.routes));
    expect(routes.map((r) => `${r.nextHop.type}:${r.nextHop.id}`)).toEqual([
      'peering:pcx-shgz',
      'peering:pcx-shgz',
      'nat:pcx-1',
    ]);
    expect(after.traffic.map((t) => t.peering)).toEqual(['pcx-shgz']);
  });

  it('a VPC: the peering ends follow; an account: its VPCs follow; a table: its subnets follow', () => {
    const vpc = apply(plan(), 'vpc-a', 'vpc-shanghai');
    expect(vpc.vpcs[0]!.id).toBe('vpc-shanghai');
    expect(vpc.peerings[0]).toMatchObject({ requester: 'vpc-shanghai', accepter: 'vpc-b' });
    const account = apply(plan(), 'acc-1', 'acc-team');
    expect(account.accounts.map((a) => a.id)).toEqual(['acc-team']);
    expect(account.vpcs.map((v) => v.account)).toEqual(['acc-team', 'acc-team']);
    const table = apply(plan(), 'rtb-b', 'rtb-gz-main');
    expect(table.vpcs[1]!.routeTables[0]!.id).toBe('rtb-gz-main');
    expect(table.vpcs[1]!.subnets[0]!.routeTable).toBe('rtb-gz-main');
  });

  it('keeps untouched objects identical (the canvas and the validator reuse them)', () => {
    const before = plan();
    const after = applyEdit(before, renameId(before, 'sn-b', 'sn-db').edit).plan;
    expect(after.vpcs[0]).toBe(before.vpcs[0]);
    expect(after.peerings[0]).toBe(before.peerings[0]);
  });

  it('is one undo step that gives the plan back exactly', () => {
    const before = plan();
    const history = new HistoryManager();
    const step = history.apply(
      { plan: before, layout: EMPTY_LAYOUT },
      { edit: renameId(before, 'vpc-b', 'vpc-gz').edit },
      'rename',
    );
    expect(history.undo(step.document)!.document.plan).toEqual(before);
  });

  it('refuses a taken, empty or unknown ID with a message', () => {
    const p = plan();
    expect(renameIdProblem(p, 'vpc-a', 'vpc-b')).toBe('"vpc-b" is already the ID of another object.');
    expect(renameIdProblem(p, 'vpc-a', ' ')).toBe('An ID cannot be empty.');
    expect(renameIdProblem(p, 'vpc-a', 'x#1')).toMatch(/cannot contain "#"/);
    expect(renameIdProblem(p, 'vpc-a', 'v'.repeat(129))).toMatch(/at most 128/);
    expect(renameIdProblem(p, 'nothing', 'vpc-z')).toBe('Nothing has the ID "nothing".');
    expect(() => renameId(p, 'vpc-a', 'pcx-1')).toThrow(EditError);
  });

  it('refuses "@" anywhere in a new ID (a CCN attachment is <ccnId>@<vpcId>); a near miss passes', () => {
    const p = plan();
    expect(renameIdProblem(p, 'vpc-a', 'ccn-1@vpc-b')).toBe(
      'An ID cannot contain "@" (a CCN attachment is <ccnId>@<vpcId>).',
    );
    expect(renameIdProblem(p, 'vpc-a', '@vpc')).toMatch(/cannot contain "@"/);
    expect(renameIdProblem(p, 'vpc-a', 'vpc@')).toMatch(/cannot contain "@"/);
    expect(() => renameId(p, 'vpc-a', 'a@b')).toThrow(EditError);
    expect(renameIdProblem(p, 'vpc-a', 'vpc-at-b')).toBeNull();
  });

  it('changes no finding but the IDs in it, and undoes exactly (property)', () => {
    const p = plan();
    const ids = [...allIds(p)];
    fc.assert(
      fc.property(fc.constantFrom(...ids), fc.stringMatching(/^[a-z][a-z0-9-]{0,12}$/), (from, suffix) => {
        const to = `new-${suffix}`;
        const result = applyEdit(p, renameId(p, from, to).edit);
        const codes = (q: Plan) => validatePlan(q).map((f) => `${f.code}:${f.subjects.length}`);
        expect(codes(result.plan)).toEqual(codes(p));
        const swapped = validatePlan(p).map((f) =>
          f.subjects.map((s) =>
            s === from ? to : s.startsWith(`${from}#`) ? `${to}${s.slice(from.length)}` : s,
          ),
        );
        expect(validatePlan(result.plan).map((f) => f.subjects)).toEqual(swapped);
        expect(applyEdit(result.plan, result.inverse).plan).toEqual(p);
      }),
      { numRuns: 100 },
    );
  });
});
