/**
 * The next-hop types of a route, one per cloud `GatewayType` (plan-format.md), with what the UI
 * shows and what the exports write. One list for the rules, the exports, the import and every
 * picker in the UI, so a plan read from the cloud writes back the same types.
 *
 * Sources: the `Route.GatewayType` comment of the Tencent Cloud SDK (vpc v20170312) and the
 * provider's `ALL_GATE_WAY_TYPES` (tencentcloudstack/terraform-provider-tencentcloud f6970a9,
 * tencentcloud/services/vpc/extension_vpc.go), which `tencentcloud_route_table_entry.next_type`
 * is validated against. `CCN` (a route learned from CCN) and `LOCAL` are system routes that
 * nobody creates; they have no type here.
 */
import type { NextHopType } from '../plan/model';
import { NEXT_HOP_TYPES } from '../plan/model';

export interface NextHopKind {
  readonly type: NextHopType;
  /** API 3.0 `GatewayType` = Terraform `next_type`. */
  readonly gatewayType: string;
  /** For people, in pickers and reports. */
  readonly label: string;
  /** What `nextHop.id` holds, as a placeholder for the field. */
  readonly idHint: string;
}

const KINDS: Readonly<Record<NextHopType, Omit<NextHopKind, 'type'>>> = {
  peering: { gatewayType: 'PEERCONNECTION', label: 'Peering connection', idHint: 'pcx-…' },
  nat: { gatewayType: 'NAT', label: 'NAT gateway (public)', idHint: 'nat-…' },
  intranat: { gatewayType: 'INTRANAT', label: 'Private NAT gateway', idHint: 'intranat-…' },
  vpn: { gatewayType: 'VPN', label: 'VPN gateway', idHint: 'vpngw-…' },
  sslvpn: { gatewayType: 'SSLVPN', label: 'SSL VPN gateway', idHint: 'vpngw-…' },
  directconnect: { gatewayType: 'DIRECTCONNECT', label: 'Direct Connect gateway', idHint: 'dcg-…' },
  ccn: { gatewayType: 'USER_CCN', label: 'Cloud Connect Network', idHint: 'ccn-…' },
  instance: { gatewayType: 'NORMAL_CVM', label: 'CVM (by private IP)', idHint: '10.0.0.10' },
  cvm: { gatewayType: 'CVM', label: 'Public gateway CVM', idHint: '10.0.0.10' },
  havip: { gatewayType: 'HAVIP', label: 'HAVIP', idHint: 'havip-…' },
  eip: { gatewayType: 'EIP', label: 'EIP (public IP of the instance)', idHint: '0' },
  localgateway: { gatewayType: 'LOCAL_GATEWAY', label: 'CDC local gateway', idHint: 'lgw-…' },
  gwlbendpoint: { gatewayType: 'GWLB_ENDPOINT', label: 'Gateway load balancer endpoint', idHint: 'gwlbe-…' },
};

/** Every next-hop type, in the plan format's order. */
export const NEXT_HOP_KINDS: readonly NextHopKind[] = NEXT_HOP_TYPES.map((type) => ({
  type,
  ...KINDS[type],
}));

const KIND_BY_TYPE: ReadonlyMap<string, NextHopKind> = new Map(
  NEXT_HOP_KINDS.map((kind) => [kind.type, kind]),
);
const TYPE_BY_GATEWAY: ReadonlyMap<string, NextHopType> = new Map(
  NEXT_HOP_KINDS.map((kind) => [kind.gatewayType, kind.type]),
);

export function nextHopKind(type: NextHopType): NextHopKind {
  return KIND_BY_TYPE.get(type)!;
}

/** The cloud's `GatewayType` (Terraform `next_type`) of a plan next-hop type. */
export function gatewayTypeOf(type: NextHopType): string {
  return nextHopKind(type).gatewayType;
}

/** The plan's type of a cloud `GatewayType`, or undefined (a system type, or one Peerplan does not know). */
export function nextHopTypeOfGateway(gatewayType: string): NextHopType | undefined {
  return TYPE_BY_GATEWAY.get(gatewayType);
}
