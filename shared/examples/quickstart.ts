/**
 * The quick-start example (the team's examples/quickstart.json), embedded as data so that the
 * app can open it from the start screen without reading files.
 */
import type { PlanFile } from '../plan/schema';

export const QUICKSTART_PLAN: PlanFile = {
  format: 'peerplan/1',
  name: 'Quick start: Guangzhou to Beijing',
  asOf: '2026-11-26',
  accounts: [
    {
      id: '100000000001',
      name: 'Platform',
      own: true,
    },
  ],
  vpcs: [
    {
      id: 'vpc-gz01',
      name: 'VPC1',
      account: '100000000001',
      region: 'ap-guangzhou',
      cidr: '192.168.0.0/16',
      routeTables: [
        {
          id: 'rtb-gz01',
          name: 'default',
          default: true,
          routes: [
            {
              destination: '10.0.1.0/24',
              nextHop: {
                type: 'peering',
                id: 'pcx-gzbj',
              },
            },
          ],
        },
      ],
      subnets: [
        {
          id: 'subnet-gz-a',
          name: 'Subnet A',
          cidr: '192.168.1.0/24',
          zone: 'ap-guangzhou-3',
          routeTable: 'rtb-gz01',
        },
      ],
    },
    {
      id: 'vpc-bj02',
      name: 'VPC2',
      account: '100000000001',
      region: 'ap-beijing',
      cidr: '10.0.0.0/16',
      routeTables: [
        {
          id: 'rtb-bj02',
          name: 'default',
          default: true,
          routes: [
            {
              destination: '192.168.1.0/24',
              nextHop: {
                type: 'peering',
                id: 'pcx-gzbj',
              },
            },
          ],
        },
      ],
      subnets: [
        {
          id: 'subnet-bj-b',
          name: 'Subnet B',
          cidr: '10.0.1.0/24',
          zone: 'ap-beijing-5',
          routeTable: 'rtb-bj02',
        },
      ],
    },
  ],
  peerings: [
    {
      id: 'pcx-gzbj',
      name: 'PeerConn',
      requester: 'vpc-gz01',
      accepter: 'vpc-bj02',
      state: 'active',
      requestedAt: '2026-11-20',
      bandwidthMbps: 100,
      chargeType: 'daily-peak',
      expectedPeakMbps: 30,
    },
  ],
  traffic: [],
};
