/**
 * What the compare view marks on the canvas: the open plan's elements that were added, removed or
 * changed, and ghosts of the objects only the other plan has. A pure function of the comparison
 * and the open plan, so it is recomputed whenever either changes.
 */
import type { DiffObjectKind, ObjectChange, PlanDiff } from '../../../shared/diff/plan-diff';
import type { Plan } from '../../../shared/plan/model';
import type { DiffGhost } from './canvas-view';
import { canvasIdOf } from './selection';

/** A side of a comparison, for people. */
export interface ComparedSide {
  readonly label: string;
  readonly plan: Plan;
  /** The open plan in the editor (its objects are on the canvas). */
  readonly current: boolean;
  readonly positions: Record<string, { x: number; y: number }>;
}

export interface Comparison {
  readonly before: ComparedSide;
  readonly after: ComparedSide;
  readonly diff: PlanDiff;
}

export type ChangeKind = ObjectChange['change'];

/** A plan object that is not in the open plan, drawn faintly so the change can be seen. */
export type GhostElement = DiffGhost;

export interface CanvasMarks {
  /** Canvas element id → how it changed. */
  readonly marks: ReadonlyMap<string, ChangeKind>;
  readonly ghosts: readonly GhostElement[];
}

const NO_MARKS: CanvasMarks = { marks: new Map(), ghosts: [] };

/** The plan object a change is about, as the editor can select it (a secondary CIDR: its VPC). */
export function selectableId(change: Pick<ObjectChange, 'object' | 'id'>): string | null {
  switch (change.object as DiffObjectKind) {
    case 'plan':
    case 'prices':
      return null;
    case 'cidr':
      return change.id.split(' ')[0] ?? null;
    case 'traffic':
      // A peering's samples by its ID; a CCN's by `<ccnId> <region>~<region>`: the CCN.
      return change.id.split(' ')[0] ?? null;
    default:
      return change.id;
  }
}

/** The CCN of an attachment ID `<ccnId>@<vpcId>`. */
function ccnOfAttachment(id: string): string | null {
  const at = id.lastIndexOf('@');
  return at > 0 ? id.slice(0, at) : null;
}

export function compareMarks(comparison: Comparison | null, plan: Plan | null): CanvasMarks {
  if (!comparison || !plan) return NO_MARKS;
  const { before, after, diff } = comparison;
  const currentSide = after.current ? after : before.current ? before : null;
  // Marks go on the open plan as it is now (edits after the comparison keep their marks).
  if (!currentSide) return NO_MARKS;
  const other = currentSide === after ? before : after;
  const marks = new Map<string, ChangeKind>();
  const ghosts: GhostElement[] = [];
  const ghostVpcs = new Set<string>();
  const mark = (id: string, change: ChangeKind): void => {
    // A VPC added or removed stays so; a change inside it marks it changed.
    const previous = marks.get(id);
    if (previous === undefined || (previous === 'changed' && change !== 'changed')) marks.set(id, change);
  };
  for (const change of diff.changes) {
    const id = selectableId(change);
    if (id === null) continue;
    const inCurrent = canvasIdOf(plan, id);
    if (change.object === 'vpc' || change.object === 'peering') {
      if (inCurrent !== null) {
        mark(inCurrent, change.change);
        continue;
      }
      if (change.object === 'vpc') {
        const vpc = other.plan.vpcs.find((v) => v.id === id);
        if (!vpc) continue;
        ghostVpcs.add(vpc.id);
        const position = other.positions[vpc.id];
        ghosts.push({
          id: vpc.id,
          group: 'vpc',
          label: `${vpc.name || vpc.id}\n${vpc.cidr}`,
          change: change.change,
          ...(position ? { position } : {}),
        });
      } else {
        const peering = other.plan.peerings.find((p) => p.id === id);
        if (!peering) continue;
        ghosts.push({
          id: peering.id,
          group: 'peering',
          label: peering.name || peering.id,
          change: change.change,
          source: peering.requester,
          target: peering.accepter,
        });
      }
      continue;
    }
    if (change.object === 'ccn' || change.object === 'ccnAttachment') {
      // A hub, or an attachment edge when its VPC is drawn, is marked as it changed; an
      // attachment without its edge (its VPC missing, or the attachment only in the other plan)
      // changes its CCN's hub.
      if (inCurrent === id) {
        mark(inCurrent, change.change);
        continue;
      }
      const hub = change.object === 'ccnAttachment' ? ccnOfAttachment(id) : null;
      const hubInCurrent = hub === null ? null : canvasIdOf(plan, hub);
      if (hubInCurrent !== null) mark(hubInCurrent, 'changed');
      continue;
    }
    // Inside a VPC (subnet, table, route, CIDR) or on a peering (traffic): that element changed
    // (inside a VPC only the other plan has, its ghost says it all).
    if (inCurrent !== null) mark(inCurrent, 'changed');
  }
  // A ghost peering needs both ends drawn.
  const drawn = (vpc: string | undefined): boolean =>
    vpc !== undefined && (plan.vpcs.some((v) => v.id === vpc) || ghostVpcs.has(vpc));
  return {
    marks,
    ghosts: ghosts.filter((g) => g.group === 'vpc' || (drawn(g.source) && drawn(g.target))),
  };
}
