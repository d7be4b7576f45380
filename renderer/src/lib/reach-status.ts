/**
 * How the Reachability view says a status: a glyph and a word beside the colour, so that the
 * matrix reads without colour (and in a screenshot printed in grey).
 */
import type { ReachReason, ReachStatus } from '../../../shared/reach/reachability';

export const STATUS_GLYPH: Readonly<Record<ReachStatus, string>> = {
  reachable: '✓',
  partial: '◐',
  'no-return': '↛',
  unreachable: '✕',
};

export const STATUS_WORDS: Readonly<Record<ReachStatus, string>> = {
  reachable: 'reachable both ways',
  partial: 'partly reachable',
  'no-return': 'no return route',
  unreachable: 'unreachable',
};

export const REASON_WORDS: Readonly<Record<ReachReason, string>> = {
  NO_ROUTE: 'no route',
  PEERING_INACTIVE: 'peering inactive',
  NO_RETURN_ROUTE: 'no return route',
  TRANSITIVE: 'transitive route',
  OVERRIDDEN: 'overridden by a more specific route',
  NOT_PEERED: 'not peered',
  CCN_ROUTE_INVALID: 'CCN route invalid (a conflict)',
  CCN_ATTACHMENT_INACTIVE: 'CCN attachment not active',
};

/** Key of an ordered pair of IDs (IDs are cloud strings: joined by a character they cannot hold). */
export function pairKey(from: string, to: string): string {
  return `${from}\u0000${to}`;
}

/** What a matrix cell shows (null where both subnets are in one VPC: local). */
export interface MatrixCell {
  readonly status: ReachStatus;
  /** The VPCs are neither peered nor on a CCN: unreachable by construction, drawn quieter. */
  readonly notPeered: boolean;
  /** A what-if switch changes this pair. */
  readonly changed: boolean;
}
