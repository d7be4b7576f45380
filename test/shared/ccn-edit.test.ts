/**
 * CCN edits (issue 15, App): add, update and delete a CCN; attach, change and detach a VPC;
 * deleting a VPC takes its attachments; renaming IDs follows into CCNs. Each edit is checked
 * against the plan written out by hand, and its inverse against the plan before it.
 */
import { describe, expect, it } from 'vitest';
import { applyEdit, EditError, touchedIds } from '../../shared/edit/operations';
import type { Edit } from '../../shared/edit/operations';
import {
  attachVpc,
  bandwidthLimitProblem,
  ccnIdProblem,
  createCcn,
  expectedP95Problem,
  setAttachmentState,
} from '../../shared/edit/ccn-workflow';
import { allIds, deleteObject, deleteVpc, nextFreeId, renameObject } from '../../shared/edit/workflow';
import { renameId } from '../../shared/edit/rename-id';
import { HistoryManager } from '../../shared/edit/history';
import { EMPTY_LAYOUT } from '../../shared/edit/layout';
import { IncrementalValidator } from '../../shared/edit/revalidate';
import type { Ccn, Plan } from '../../shared/plan/model';
import { validatePlan } from '../../shared/rules/validate';
import { PlanBuilder } from './plan-builder';

const OWN = '100000000001';
const OTHER = '200000000002';

/** Three VPCs in two regions and one of another account; a CCN with two of them attached. */
function plan(): Plan {
  return new PlanBuilder()
    .account(OWN)
    .account(OTHER, { own: false, trusted: true })
    .vpc('vpc-gz', { region: 'ap-guangzhou', cidr: '10.1.0.0/16', table: 'rtb-gz' })
    .vpc('vpc-sh', { region: 'ap-shanghai', cidr: '10.2.0.0/16', table: 'rtb-sh' })
    .vpc('vpc-bj', { region: 'ap-beijing', cidr: '10.3.0.0/16', table: 'rtb-bj' })
    .vpc('vpc-data', { region: 'ap-shanghai', cidr: '10.9.0.0/16', account: OTHER })
    .ccn(
      'ccn-core',
      [
        { vpc: 'vpc-gz', attachedAt: '2026-11-02' },
        { vpc: 'vpc-sh', attachedAt: '2026-11-03' },
      ],
      { expectedP95: [{ regions: ['ap-guangzhou', 'ap-shanghai'], mbps: 120 }] },
    )
    .build();
}

const CORE: Ccn = {
  id: 'ccn-core',
  name: 'ccn-core',
  account: OWN,
  qosLevel: 'AU',
  chargeType: 'postpaid',
  bandwidthLimitType: 'outer-region',
  attachments: [
    { vpc: 'vpc-gz', state: 'active', attachedAt: '2026-11-02', publish: 'vpc' },
    { vpc: 'vpc-sh', state: 'active', attachedAt: '2026-11-03', publish: 'vpc' },
  ],
  bandwidthLimits: [],
  expectedP95: [{ regions: ['ap-guangzhou', 'ap-shanghai'], mbps: 120 }],
};

/** Applies, checks the result against `expected`, and that the inverse gives the plan back exactly. */
function roundTrip(edit: Edit, expected: (before: Plan) => Plan): Plan {
  const before = plan();
  const { plan: after, inverse } = applyEdit(before, edit);
  expect(after).toEqual(expected(before));
  expect(applyEdit(after, inverse).plan).toEqual(before);
  return after;
}

describe('CCN edit operations', () => {
  it('the builder makes the CCN written out by hand', () => {
    expect(plan().ccns).toEqual([CORE]);
  });

  it('ccn.add puts a CCN at the end or at an index; the inverse removes it', () => {
    const edge: Ccn = { ...CORE, id: 'ccn-edge', name: 'edge', attachments: [], expectedP95: [] };
    roundTrip({ kind: 'ccn.add', ccn: edge }, (p) => ({ ...p, ccns: [CORE, edge] }));
    roundTrip({ kind: 'ccn.add', ccn: edge, index: 0 }, (p) => ({ ...p, ccns: [edge, CORE] }));
    expect(() => applyEdit(plan(), { kind: 'ccn.add', ccn: CORE })).toThrow(/already exists/);
  });

  it('ccn.update patches fields (undefined removes none that are required); the inverse restores them', () => {
    roundTrip(
      {
        kind: 'ccn.update',
        id: 'ccn-core',
        patch: { qosLevel: 'PT', chargeType: 'prepaid', bandwidthLimitType: 'inter-region' },
      },
      (p) => ({
        ...p,
        ccns: [{ ...CORE, qosLevel: 'PT', chargeType: 'prepaid', bandwidthLimitType: 'inter-region' }],
      }),
    );
    roundTrip(
      {
        kind: 'ccn.update',
        id: 'ccn-core',
        patch: { bandwidthLimits: [{ region: 'ap-shanghai', mbps: 50 }], expectedP95: [] },
      },
      (p) => ({
        ...p,
        ccns: [{ ...CORE, bandwidthLimits: [{ region: 'ap-shanghai', mbps: 50 }], expectedP95: [] }],
      }),
    );
    expect(() => applyEdit(plan(), { kind: 'ccn.update', id: 'ccn-x', patch: { name: 'x' } })).toThrow(
      EditError,
    );
  });

  it('ccn.delete removes the CCN with its attachments; the inverse puts it back in place', () => {
    roundTrip({ kind: 'ccn.delete', id: 'ccn-core' }, (p) => ({ ...p, ccns: [] }));
  });

  it('ccnAttachment.add, .update and .delete edit one attachment in attachment order', () => {
    const bj = { vpc: 'vpc-bj', state: 'active' as const, attachedAt: '2026-11-26', publish: 'vpc' as const };
    roundTrip({ kind: 'ccnAttachment.add', ccn: 'ccn-core', attachment: bj }, (p) => ({
      ...p,
      ccns: [{ ...CORE, attachments: [...CORE.attachments, bj] }],
    }));
    roundTrip({ kind: 'ccnAttachment.add', ccn: 'ccn-core', attachment: bj, index: 1 }, (p) => ({
      ...p,
      ccns: [{ ...CORE, attachments: [CORE.attachments[0]!, bj, CORE.attachments[1]!] }],
    }));
    roundTrip(
      {
        kind: 'ccnAttachment.update',
        ccn: 'ccn-core',
        vpc: 'vpc-sh',
        patch: { publish: 'subnets', attachedAt: undefined },
      },
      (p) => ({
        ...p,
        ccns: [
          {
            ...CORE,
            attachments: [CORE.attachments[0]!, { vpc: 'vpc-sh', state: 'active', publish: 'subnets' }],
          },
        ],
      }),
    );
    roundTrip({ kind: 'ccnAttachment.delete', ccn: 'ccn-core', vpc: 'vpc-gz' }, (p) => ({
      ...p,
      ccns: [{ ...CORE, attachments: [CORE.attachments[1]!] }],
    }));
  });

  it('refuses a second attachment of one VPC, and unknown CCNs or attachments', () => {
    const p = plan();
    const again = { vpc: 'vpc-gz', state: 'active' as const, publish: 'vpc' as const };
    expect(() => applyEdit(p, { kind: 'ccnAttachment.add', ccn: 'ccn-core', attachment: again })).toThrow(
      'VPC vpc-gz is already attached to CCN ccn-core.',
    );
    expect(() => applyEdit(p, { kind: 'ccnAttachment.delete', ccn: 'ccn-core', vpc: 'vpc-bj' })).toThrow(
      'VPC vpc-bj is not attached to CCN ccn-core.',
    );
    expect(() => applyEdit(p, { kind: 'ccnAttachment.delete', ccn: 'ccn-none', vpc: 'vpc-gz' })).toThrow(
      'No CCN with id "ccn-none".',
    );
  });

  it('keeps untouched objects identical', () => {
    const before = plan();
    const after = applyEdit(before, {
      kind: 'ccnAttachment.update',
      ccn: 'ccn-core',
      vpc: 'vpc-gz',
      patch: { state: 'rejected' },
    }).plan;
    expect(after.vpcs).toBe(before.vpcs);
    expect(after.ccns[0]!.attachments[1]).toBe(before.ccns[0]!.attachments[1]);
    expect(after.ccns[0]!.expectedP95).toBe(before.ccns[0]!.expectedP95);
  });

  it('names what an attachment edit touches: the CCN, the VPC and the attachment', () => {
    expect([...touchedIds({ kind: 'ccnAttachment.delete', ccn: 'ccn-core', vpc: 'vpc-gz' })]).toEqual([
      'ccn-core',
      'vpc-gz',
      'ccn-core@vpc-gz',
    ]);
  });
});

describe('CCN workflow', () => {
  it('creates a CCN with a free ID, gold and postpaid by default; prepaid limits per pair', () => {
    const p = plan();
    const { label, edit } = createCcn(p, { account: OWN, name: ' edge ' });
    expect(label).toBe('Add CCN ccn-1');
    expect(edit).toEqual({
      kind: 'ccn.add',
      ccn: {
        id: 'ccn-1',
        name: 'edge',
        account: OWN,
        qosLevel: 'AU',
        chargeType: 'postpaid',
        bandwidthLimitType: 'outer-region',
        attachments: [],
        bandwidthLimits: [],
        expectedP95: [],
      },
    });
    const prepaid = createCcn(p, { account: OWN, chargeType: 'prepaid', qosLevel: 'AG' }).edit;
    expect(prepaid).toMatchObject({
      ccn: { bandwidthLimitType: 'inter-region', qosLevel: 'AG', name: 'ccn-1' },
    });
    // CCN IDs are plan IDs: nothing else may take one.
    expect(allIds(p).has('ccn-core')).toBe(true);
    const taken = new PlanBuilder().vpc('ccn-1', { cidr: '10.0.0.0/16' }).build();
    expect(nextFreeId(taken, 'ccn')).toBe('ccn-2');
  });

  it('refuses a new CCN ID that is empty, taken, or has "#" or "@" (an attachment is <ccnId>@<vpcId>)', () => {
    const p = plan();
    expect(ccnIdProblem(p, 'ccn-edge')).toBeNull();
    expect(ccnIdProblem(p, '')).toBe('Enter an ID for the CCN.');
    expect(ccnIdProblem(p, 'ccn-core')).toBe('"ccn-core" is already the ID of another object.');
    expect(ccnIdProblem(p, 'vpc-gz')).toBe('"vpc-gz" is already the ID of another object.');
    expect(ccnIdProblem(p, 'a@b')).toMatch(/cannot contain "#" or "@"/);
    expect(ccnIdProblem(p, 'a#1')).toMatch(/cannot contain "#" or "@"/);
    expect(() => createCcn(p, { id: 'vpc-sh', account: OWN })).toThrow(EditError);
  });

  it('attaches a VPC of the owner active, one of another account pending, on the plan date', () => {
    const p = plan();
    const own = attachVpc(p, 'ccn-core', 'vpc-bj');
    expect(own.label).toBe('Attach vpc-bj to ccn-core');
    expect(own.edit).toEqual({
      kind: 'ccnAttachment.add',
      ccn: 'ccn-core',
      attachment: { vpc: 'vpc-bj', state: 'active', attachedAt: '2026-11-26', publish: 'vpc' },
    });
    const foreign = attachVpc(p, 'ccn-core', 'vpc-data');
    expect(foreign.label).toBe('Request attachment ccn-core@vpc-data');
    expect(foreign.edit).toMatchObject({ attachment: { vpc: 'vpc-data', state: 'pending' } });
    expect(() => attachVpc(p, 'ccn-core', 'vpc-gz')).toThrow(/already attached/);
    expect(() => attachVpc(p, 'ccn-core', 'vpc-none')).toThrow('No VPC with id "vpc-none".');
  });

  it('accepts and rejects an attachment by its state, labelled for the undo history', () => {
    const p = applyEdit(plan(), attachVpc(plan(), 'ccn-core', 'vpc-data').edit).plan;
    const accept = setAttachmentState(p, 'ccn-core', 'vpc-data', 'active');
    expect(accept.label).toBe('Accept attachment ccn-core@vpc-data');
    expect(applyEdit(p, accept.edit).plan.ccns[0]!.attachments[2]!.state).toBe('active');
    expect(setAttachmentState(p, 'ccn-core', 'vpc-data', 'rejected').label).toBe(
      'Reject attachment ccn-core@vpc-data',
    );
    expect(() => setAttachmentState(p, 'ccn-core', 'vpc-data', 'pending')).toThrow(/already pending/);
  });

  it('deleting a VPC removes its attachments, and undo puts them back in attachment order', () => {
    const before = plan();
    const { plan: after, inverse } = applyEdit(before, deleteVpc(before, 'vpc-gz').edit);
    expect(after.vpcs.map((v) => v.id)).toEqual(['vpc-sh', 'vpc-bj', 'vpc-data']);
    expect(after.ccns).toEqual([{ ...CORE, attachments: [CORE.attachments[1]!] }]);
    expect(applyEdit(after, inverse).plan).toEqual(before);
    expect(deleteObject(before, 'vpc-gz')!.summary).toBe(
      'Deleted VPC vpc-gz and its attachment to ccn-core.',
    );
  });

  it('deletes a CCN, or detaches one VPC, by the IDs findings use', () => {
    const before = plan();
    const ccn = deleteObject(before, 'ccn-core')!;
    expect(ccn.label).toBe('Delete CCN ccn-core');
    expect(ccn.summary).toBe('Deleted CCN ccn-core and its 2 attachments.');
    expect(applyEdit(before, ccn.edit).plan.ccns).toEqual([]);
    const detach = deleteObject(before, 'ccn-core@vpc-sh')!;
    expect(detach.label).toBe('Detach ccn-core@vpc-sh');
    expect(detach.summary).toBe('Detached VPC vpc-sh from CCN ccn-core.');
    expect(applyEdit(before, detach.edit).plan.ccns[0]!.attachments.map((a) => a.vpc)).toEqual(['vpc-gz']);
    expect(deleteObject(before, 'ccn-core@vpc-bj')).toBeNull();
    expect(applyEdit(before, renameObject(before, 'ccn-core', 'Core').edit).plan.ccns[0]!.name).toBe('Core');
  });

  it('checks bandwidth limits and expected P95 items before adding them', () => {
    const perRegion = plan().ccns[0]!;
    expect(bandwidthLimitProblem(perRegion, { region: 'ap-shanghai', mbps: 100 })).toBeNull();
    expect(bandwidthLimitProblem(perRegion, { region: 'ap-shanghai', mbps: 0 })).toBe(
      'Enter a bandwidth above 0 Mbps.',
    );
    expect(
      bandwidthLimitProblem(perRegion, { region: 'ap-shanghai', dstRegion: 'ap-beijing', mbps: 5 }),
    ).toBe('A limit per region has no destination region.');
    const perPair: Ccn = {
      ...perRegion,
      bandwidthLimitType: 'inter-region',
      bandwidthLimits: [{ region: 'ap-shanghai', dstRegion: 'ap-guangzhou', mbps: 10 }],
    };
    expect(bandwidthLimitProblem(perPair, { region: 'ap-shanghai', mbps: 5 })).toBe(
      'A limit per region pair needs a destination region.',
    );
    expect(
      bandwidthLimitProblem(perPair, { region: 'ap-guangzhou', dstRegion: 'ap-shanghai', mbps: 5 }),
    ).toBe('There is a limit for that already: change it instead.');
    expect(
      bandwidthLimitProblem(perPair, { region: 'ap-guangzhou', dstRegion: 'ap-beijing', mbps: 5 }),
    ).toBeNull();
    expect(expectedP95Problem(perRegion, { regions: ['ap-shanghai', 'ap-guangzhou'], mbps: 10 })).toBe(
      'That pair has an expected P95 already: change it instead.',
    );
    expect(expectedP95Problem(perRegion, { regions: ['ap-beijing', 'ap-beijing'], mbps: 10 })).toMatch(
      /free on a CCN/,
    );
    expect(expectedP95Problem(perRegion, { regions: ['ap-beijing', 'ap-shanghai'], mbps: 10 })).toBeNull();
  });

  it('every CCN step is one undo entry with its label', () => {
    const history = new HistoryManager();
    let document = { plan: plan(), layout: EMPTY_LAYOUT };
    const add = createCcn(document.plan, { account: OWN });
    document = history.apply(document, { edit: add.edit }, add.label).document;
    const attach = attachVpc(document.plan, 'ccn-1', 'vpc-bj');
    document = history.apply(document, { edit: attach.edit }, attach.label).document;
    expect(history.undoLabel).toBe('Attach vpc-bj to ccn-1');
    document = history.undo(document)!.document;
    expect(history.undoLabel).toBe('Add CCN ccn-1');
    document = history.undo(document)!.document;
    expect(document.plan).toEqual(plan());
  });
});

describe('ID renames into CCNs', () => {
  it('a VPC ID follows into attachments, a CCN ID into ccn routes and CCN traffic, an account into owners', () => {
    const base = plan();
    const withTraffic: Plan = {
      ...base,
      ccnTraffic: [
        {
          ccn: 'ccn-core',
          regions: ['ap-guangzhou', 'ap-shanghai'],
          at: '2026-11-25T10:00:00+08:00',
          inMbps: 5,
          outMbps: 6,
        },
      ],
      vpcs: base.vpcs.map((v) =>
        v.id === 'vpc-bj'
          ? {
              ...v,
              routeTables: [
                {
                  ...v.routeTables[0]!,
                  routes: [
                    { destination: '10.1.0.0/16', nextHop: { type: 'ccn', id: 'ccn-core' }, enabled: true },
                    { destination: '10.2.0.0/16', nextHop: { type: 'vpn', id: 'ccn-core' }, enabled: true },
                  ],
                },
              ],
            }
          : v,
      ),
    };
    const vpc = applyEdit(withTraffic, renameId(withTraffic, 'vpc-sh', 'vpc-shanghai').edit);
    expect(vpc.plan.ccns[0]!.attachments.map((a) => a.vpc)).toEqual(['vpc-gz', 'vpc-shanghai']);
    expect(applyEdit(vpc.plan, vpc.inverse).plan).toEqual(withTraffic);

    const ccn = applyEdit(withTraffic, renameId(withTraffic, 'ccn-core', 'ccn-main').edit);
    expect(ccn.plan.ccns[0]!.id).toBe('ccn-main');
    expect(ccn.plan.ccnTraffic.map((t) => t.ccn)).toEqual(['ccn-main']);
    const routes = ccn.plan.vpcs[2]!.routeTables[0]!.routes;
    // A VPN gateway whose cloud ID is the same text is not the CCN.
    expect(routes.map((r) => `${r.nextHop.type}:${r.nextHop.id}`)).toEqual(['ccn:ccn-main', 'vpn:ccn-core']);
    expect(applyEdit(ccn.plan, ccn.inverse).plan).toEqual(withTraffic);

    const account = applyEdit(withTraffic, renameId(withTraffic, OWN, 'acc-net').edit).plan;
    expect(account.ccns[0]!.account).toBe('acc-net');
  });

  it('refuses renaming to a CCN ID (it is taken), and a rename that names no CCN keeps the CCN list', () => {
    const p = plan();
    expect(() => renameId(p, 'vpc-gz', 'ccn-core')).toThrow(
      '"ccn-core" is already the ID of another object.',
    );
    expect(applyEdit(p, renameId(p, 'rtb-gz', 'rtb-main').edit).plan.ccns).toBe(p.ccns);
  });
});

describe('validation after CCN edits', () => {
  it('the editor validator gives the same findings as a full validation after each CCN edit', () => {
    const validator = new IncrementalValidator();
    let current = new PlanBuilder()
      .vpc('vpc-a', { region: 'ap-guangzhou', cidr: '10.1.0.0/16', table: 'rtb-a' })
      .vpc('vpc-b', { region: 'ap-shanghai', cidr: '10.1.0.0/16', table: 'rtb-b' })
      .vpc('vpc-c', { region: 'ap-beijing', cidr: '10.3.0.0/16', table: 'rtb-c' })
      .ccn('ccn-1', ['vpc-a'])
      .build();
    const key = (p: Plan, list = validatePlan(p)) =>
      list.map((f) => `${f.code} ${f.subjects.join(',')}`).sort();
    expect(key(current, validator.findings(current))).toEqual(key(current));
    const steps: Edit[] = [
      attachVpc(current, 'ccn-1', 'vpc-b').edit,
      { kind: 'vpc.update', id: 'vpc-b', patch: { cidr: '10.2.0.0/16' } },
      { kind: 'ccnAttachment.delete', ccn: 'ccn-1', vpc: 'vpc-a' },
      { kind: 'ccn.update', id: 'ccn-1', patch: { chargeType: 'prepaid' } },
    ];
    for (const step of steps) {
      current = applyEdit(current, step).plan;
      expect(key(current, validator.findings(current))).toEqual(key(current));
    }
  });
});
