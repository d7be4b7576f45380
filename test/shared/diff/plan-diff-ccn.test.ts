/**
 * `peerplan diff` on CCNs (spec/ccn.md): CCNs and their attachments added, removed and changed,
 * field by field, as objects of their own (`ccn`, `ccnAttachment` by `<ccnId>@<vpcId>`).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { diffPlans, formatPlanDiff } from '../../../shared/diff/plan-diff';
import { formatPlanDiffMarkdown } from '../../../shared/diff/plan-diff-markdown';
import { planFromObject } from '../export/plans';

interface CcnFile {
  id: string;
  name?: string;
  account: string;
  qosLevel?: string;
  attachments?: { vpc: string; state?: string; attachedAt?: string; publish?: string }[];
  bandwidthLimits?: { region: string; dstRegion?: string; mbps: number }[];
}
interface PlanFile {
  ccns?: CcnFile[];
}

const CORE = readFileSync(new URL('../../fixtures/plans/ccn-core.json', import.meta.url), 'utf8');

function coreWith(edit: (file: PlanFile) => void) {
  const file = JSON.parse(CORE) as PlanFile;
  edit(file);
  return planFromObject(file);
}

describe('plan diff: CCNs', () => {
  it('the same plan: no CCN change (the near miss)', () => {
    const diff = diffPlans(
      coreWith(() => {}),
      coreWith(() => {}),
    );
    expect(diff.changes).toEqual([]);
  });

  it('an attachment accepted, one detached, a limit and the QoS level changed', () => {
    const before = coreWith(() => {});
    const after = coreWith((f) => {
      const ccn = f.ccns![0]!;
      ccn.qosLevel = 'PT';
      ccn.bandwidthLimits = [{ region: 'ap-guangzhou', mbps: 200 }];
      ccn.attachments = ccn.attachments!.filter((a) => a.vpc !== 'vpc-bj');
      ccn.attachments.find((a) => a.vpc === 'vpc-data')!.state = 'active';
    });
    const diff = diffPlans(before, after);
    expect(diff.changes.filter((c) => c.object === 'ccn' || c.object === 'ccnAttachment')).toEqual([
      {
        object: 'ccn',
        change: 'changed',
        id: 'ccn-core',
        label: 'CCN core (PT, postpaid, 3 attachments)',
        fields: [
          { field: 'qosLevel', before: 'AU', after: 'PT' },
          { field: 'bandwidthLimits', before: null, after: 'ap-guangzhou:200' },
        ],
      },
      {
        object: 'ccnAttachment',
        change: 'removed',
        id: 'ccn-core@vpc-bj',
        label: 'vpc-bj on CCN ccn-core (active)',
        fields: [],
      },
      {
        object: 'ccnAttachment',
        change: 'changed',
        id: 'ccn-core@vpc-data',
        label: 'vpc-data on CCN ccn-core (active)',
        fields: [{ field: 'state', before: 'pending', after: 'active' }],
      },
    ]);
    expect(formatPlanDiff(diff)).toContain('ccnAttachment ccn-core@vpc-bj: vpc-bj on CCN ccn-core (active)');
    expect(formatPlanDiffMarkdown(diff)).toContain('`ccn-core@vpc-data`');
  });

  it('a CCN added and one removed, with their attachments', () => {
    const before = coreWith(() => {});
    const after = coreWith((f) => {
      f.ccns = [{ id: 'ccn-new', name: 'new', account: '100000000001', attachments: [{ vpc: 'vpc-gz' }] }];
    });
    const changes = diffPlans(before, after)
      .changes.filter((c) => c.object === 'ccn' || c.object === 'ccnAttachment')
      .map((c) => `${c.change} ${c.object} ${c.id}`);
    expect(changes).toEqual([
      'removed ccn ccn-core',
      'added ccn ccn-new',
      'removed ccnAttachment ccn-core@vpc-gz',
      'removed ccnAttachment ccn-core@vpc-sh',
      'removed ccnAttachment ccn-core@vpc-bj',
      'removed ccnAttachment ccn-core@vpc-data',
      'added ccnAttachment ccn-new@vpc-gz',
    ]);
  });
});
