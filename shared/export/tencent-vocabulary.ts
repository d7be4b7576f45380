/**
 * The words Tencent Cloud's API 3.0 and its Terraform provider use for plan concepts, in one place
 * so the Terraform export, the API sequence and the import agree (cloud-peering-facts.md §1.4,
 * §2.4, §2.6).
 */
import type { CcnBandwidthLimitType, CcnChargeType, ChargeType } from '../plan/model';

/** API 3.0 `Version` of the `vpc` service. */
export const VPC_API_VERSION = '2017-03-12';
export const VPC_API_SERVICE = 'vpc';
export const VPC_API_ENDPOINT = 'vpc.tencentcloudapi.com';

/** `ChargeType` (API) = `charge_type` (Terraform). */
export const API_CHARGE_TYPE: Record<ChargeType, string> = {
  'daily-peak': 'POSTPAID_BY_DAY_MAX',
  'monthly-p95': 'POSTPAID_BY_MONTH_95',
};

/** The reverse, for the import: a Map, since the key is a cloud string (`constructor` is no charge type). */
export const CHARGE_TYPE_OF_API: ReadonlyMap<string, ChargeType> = new Map(
  (Object.entries(API_CHARGE_TYPE) as [ChargeType, string][]).map(([plan, api]) => [api, plan]),
);

/** CCN `InstanceChargeType` (API) = `charge_type` (Terraform). */
export const API_CCN_CHARGE_TYPE: Record<CcnChargeType, string> = {
  postpaid: 'POSTPAID',
  prepaid: 'PREPAID',
};

/** CCN `BandwidthLimitType` (API) = `bandwidth_limit_type` (Terraform). */
export const API_CCN_LIMIT_TYPE: Record<CcnBandwidthLimitType, string> = {
  'outer-region': 'OUTER_REGION_LIMIT',
  'inter-region': 'INTER_REGION_LIMIT',
};

/** The reverses, for the import (Maps: the keys are cloud strings). */
export const CCN_CHARGE_TYPE_OF_API: ReadonlyMap<string, CcnChargeType> = new Map(
  (Object.entries(API_CCN_CHARGE_TYPE) as [CcnChargeType, string][]).map(([plan, api]) => [api, plan]),
);
export const CCN_LIMIT_TYPE_OF_API: ReadonlyMap<string, CcnBandwidthLimitType> = new Map(
  (Object.entries(API_CCN_LIMIT_TYPE) as [CcnBandwidthLimitType, string][]).map(([plan, api]) => [api, plan]),
);

/** The attached instance type of a VPC (`InstanceType`, Terraform `instance_type`). */
export const CCN_INSTANCE_TYPE_VPC = 'VPC';
