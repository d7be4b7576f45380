/**
 * The test side of the import round trip: what Tencent Cloud's Describe* calls would answer for
 * a plan that has been built, in the API's documented shapes (cloud-peering-facts.md §1.4, §2.4),
 * one folder per region as a user saving tccli output would lay them out. The system routes the
 * cloud adds (one LOCAL route per VPC CIDR) are included, as the real answers have them.
 */
import type { ImportSourceFile } from '../../../shared/import/tencent';
import { gatewayTypeOf } from '../../../shared/catalog/next-hops';
import { API_CHARGE_TYPE } from '../../../shared/export/tencent-vocabulary';
import type { Plan } from '../../../shared/plan/model';

export function describeAnswersOf(plan: Plan): ImportSourceFile[] {
  const regions = [...new Set(plan.vpcs.map((v) => v.region))];
  const files: ImportSourceFile[] = [];
  let routeNumber = 1000;
  const response = (body: Record<string, unknown>) =>
    JSON.stringify({ Response: { ...body, RequestId: 'b7a3c4d2-0000-4000-8000-000000000000' } }, null, 2);
  for (const region of regions) {
    const vpcs = plan.vpcs.filter((v) => v.region === region);
    files.push({
      name: `${region}/DescribeVpcs.json`,
      text: response({
        TotalCount: vpcs.length,
        VpcSet: vpcs.map((v) => ({
          VpcName: v.name,
          VpcId: v.id,
          CidrBlock: v.cidr,
          IsDefault: false,
          EnableMulticast: false,
          CreatedTime: '2026-11-01 10:00:00',
          Ipv6CidrBlock: '',
          TagSet: [],
          AssistantCidrSet: v.secondaryCidrs.map((c) => ({ VpcId: v.id, CidrBlock: c, AssistantType: 0 })),
        })),
      }),
    });
    const subnets = vpcs.flatMap((v) => v.subnets.map((s) => ({ v, s })));
    // tccli prints the answer without the `Response` wrapper.
    files.push({
      name: `${region}/DescribeSubnets.json`,
      text: JSON.stringify({
        TotalCount: subnets.length,
        SubnetSet: subnets.map(({ v, s }) => ({
          VpcId: v.id,
          SubnetId: s.id,
          SubnetName: s.name,
          CidrBlock: s.cidr,
          Zone: s.zone ?? '',
          RouteTableId: s.routeTable ?? '',
          Ipv6CidrBlock: '',
          NetworkAclId: '',
          TotalIpAddressCount: 253,
        })),
      }),
    });
    const tables = vpcs.flatMap((v) => v.routeTables.map((t) => ({ v, t })));
    files.push({
      name: `${region}/DescribeRouteTables.json`,
      text: response({
        TotalCount: tables.length,
        RouteTableSet: tables.map(({ v, t }) => ({
          VpcId: v.id,
          RouteTableId: t.id,
          RouteTableName: t.name,
          Main: t.default,
          AssociationSet: v.subnets
            .filter((s) => s.routeTable === t.id)
            .map((s) => ({ SubnetId: s.id, RouteTableId: t.id })),
          RouteSet: [
            ...[v.cidr, ...v.secondaryCidrs].map((cidr) => ({
              DestinationCidrBlock: cidr,
              GatewayType: 'LOCAL',
              GatewayId: 'Local',
              RouteId: routeNumber++,
              RouteDescription: '',
              Enabled: true,
              RouteType: 'USER',
              RouteTableId: t.id,
            })),
            ...t.routes.map((r) => ({
              DestinationCidrBlock: r.destination,
              GatewayType: gatewayTypeOf(r.nextHop.type),
              GatewayId: r.nextHop.id,
              RouteId: routeNumber++,
              RouteDescription: r.description ?? '',
              Enabled: r.enabled,
              RouteType: 'USER',
              RouteTableId: t.id,
              DestinationIpv6CidrBlock: '',
            })),
          ],
        })),
      }),
    });
  }
  const vpcById = new Map(plan.vpcs.map((v) => [v.id, v]));
  files.push({
    name: 'DescribeVpcPeeringConnections.json',
    text: response({
      TotalCount: plan.peerings.length,
      PeerConnectionSet: plan.peerings.map((p) => {
        const source = vpcById.get(p.requester)!;
        const destination = vpcById.get(p.accepter)!;
        return {
          SourceVpcId: p.requester,
          PeerVpcId: p.accepter,
          DestinationVpcId: p.accepter,
          PeeringConnectionId: p.id,
          PeeringConnectionName: p.name,
          State: p.state.toUpperCase(),
          IsNgw: false,
          Bandwidth: p.bandwidthMbps ?? 0,
          SourceRegion: source.region,
          DestinationRegion: destination.region,
          CreateTime: p.requestedAt === undefined ? '' : `${p.requestedAt} 09:00:00`,
          ChargeType: API_CHARGE_TYPE[p.chargeType],
          SourceUin: Number(source.account),
          DestinationUin: Number(destination.account),
          QosLevel: 'AU',
          Type: 'VPC_PEER',
        };
      }),
    }),
  });
  return files;
}
