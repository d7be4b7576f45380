/**
 * The words Tencent Cloud's API 3.0 and its Terraform provider use for plan concepts, in one place
 * so the Terraform export, the API sequence and the import agree (cloud-peering-facts.md §1.4,
 * §2.4, §2.6).
 */
import type { ChargeType, NextHopType } from '../plan/model';

/** API 3.0 `Version` of the `vpc` service. */
export const VPC_API_VERSION = '2017-03-12';
export const VPC_API_SERVICE = 'vpc';
export const VPC_API_ENDPOINT = 'vpc.tencentcloudapi.com';

/**
 * `GatewayType` (API) = `next_type` (Terraform) for each plan next-hop type. `instance` is a CVM
 * reached by its private IP (`NORMAL_CVM`); `nat` the public NAT gateway; `ccn` a CCN custom route.
 */
export const GATEWAY_TYPE_OF_NEXT_HOP: Record<NextHopType, string> = {
  peering: 'PEERCONNECTION',
  nat: 'NAT',
  vpn: 'VPN',
  directconnect: 'DIRECTCONNECT',
  ccn: 'USER_CCN',
  instance: 'NORMAL_CVM',
  havip: 'HAVIP',
  eip: 'EIP',
};

/**
 * The reverse, for the import: every `GatewayType` that has a plan next-hop type. `CVM` (a public
 * gateway CVM) is an instance too; the private NAT gateway is a NAT; SSL VPN a VPN; the CCN system
 * type `CCN` and `USER_CCN` both go to CCN. `LOCAL`, `LOCAL_GATEWAY` and `GWLB_ENDPOINT` have none.
 */
export const NEXT_HOP_OF_GATEWAY_TYPE: Readonly<Record<string, NextHopType>> = {
  PEERCONNECTION: 'peering',
  NAT: 'nat',
  INTRANAT: 'nat',
  VPN: 'vpn',
  SSLVPN: 'vpn',
  DIRECTCONNECT: 'directconnect',
  USER_CCN: 'ccn',
  CCN: 'ccn',
  NORMAL_CVM: 'instance',
  CVM: 'instance',
  HAVIP: 'havip',
  EIP: 'eip',
};

/** `ChargeType` (API) = `charge_type` (Terraform). */
export const API_CHARGE_TYPE: Record<ChargeType, string> = {
  'daily-peak': 'POSTPAID_BY_DAY_MAX',
  'monthly-p95': 'POSTPAID_BY_MONTH_95',
};

export const CHARGE_TYPE_OF_API: Readonly<Record<string, ChargeType>> = {
  POSTPAID_BY_DAY_MAX: 'daily-peak',
  POSTPAID_BY_MONTH_95: 'monthly-p95',
};
