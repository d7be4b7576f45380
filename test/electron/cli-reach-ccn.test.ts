/**
 * `peerplan reach` on a CCN plan, run as a child process: the default scope lists the pairs of
 * VPCs attached to one CCN (in any state), `--json` pairs carry the CCN as `via` and ccn.md's
 * reasons, and the table for people fits the CCN IDs.
 */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPeerplan } from './run-peerplan';

const CCN_CORE = resolve(__dirname, '../fixtures/plans/ccn-core.json');

describe('peerplan reach on ccn-core.json', () => {
  it('lists every pair of the four CCN members by default, through the CCN', async () => {
    const { code, stdout } = await runPeerplan(['reach', CCN_CORE, '--json'], {
      PEERPLAN_TODAY: '2026-11-29',
    });
    expect(code).toBe(0);
    const inactive = (from: string, to: string) => ({
      from,
      to,
      status: 'unreachable',
      via: 'ccn-core',
      reasons: ['CCN_ATTACHMENT_INACTIVE'],
    });
    // No peering and no route in the plan: every pair is there because the VPCs share the CCN.
    expect(JSON.parse(stdout)).toEqual({
      pairs: [
        { from: 'subnet-gz-a', to: 'subnet-sh-a', status: 'reachable', via: 'ccn-core', reasons: [] },
        {
          from: 'subnet-gz-a',
          to: 'subnet-bj-a',
          status: 'unreachable',
          via: 'ccn-core',
          reasons: ['NO_ROUTE'],
        },
        inactive('subnet-gz-a', 'subnet-data-a'),
        { from: 'subnet-sh-a', to: 'subnet-gz-a', status: 'reachable', via: 'ccn-core', reasons: [] },
        {
          from: 'subnet-sh-a',
          to: 'subnet-bj-a',
          status: 'unreachable',
          via: 'ccn-core',
          reasons: ['CCN_ROUTE_INVALID'],
        },
        inactive('subnet-sh-a', 'subnet-data-a'),
        {
          from: 'subnet-bj-a',
          to: 'subnet-gz-a',
          status: 'no-return',
          via: 'ccn-core',
          reasons: ['NO_RETURN_ROUTE'],
        },
        {
          from: 'subnet-bj-a',
          to: 'subnet-sh-a',
          status: 'no-return',
          via: 'ccn-core',
          reasons: ['CCN_ROUTE_INVALID'],
        },
        inactive('subnet-bj-a', 'subnet-data-a'),
        inactive('subnet-data-a', 'subnet-gz-a'),
        inactive('subnet-data-a', 'subnet-sh-a'),
        inactive('subnet-data-a', 'subnet-bj-a'),
      ],
    });
  });

  it('prints the CCN in the VIA column for people', async () => {
    const { code, stdout } = await runPeerplan(['reach', CCN_CORE], { PEERPLAN_TODAY: '2026-11-29' });
    expect(code).toBe(0);
    // Columns as wide as the longest subnet ID (13) and the CCN ID (8).
    expect(stdout).toMatch(/^FROM {11}TO {13}STATUS {7}VIA {7}REASONS$/m);
    expect(stdout).toMatch(/^subnet-gz-a {4}subnet-sh-a {4}reachable {4}ccn-core$/m);
    expect(stdout).toMatch(/^subnet-sh-a {4}subnet-bj-a {4}unreachable {2}ccn-core {2}CCN_ROUTE_INVALID$/m);
    expect(stdout).toContain('12 pairs: 2 reachable, 0 partial, 2 no-return, 8 unreachable');
  });
});
