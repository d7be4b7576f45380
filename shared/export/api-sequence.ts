/**
 * The Tencent Cloud API 3.0 call sequence that builds the plan (service `vpc`, Version
 * `2017-03-12`; cloud-peering-facts.md §1.4, §2.4), in rollout order: VPCs (and their secondary
 * CIDRs), subnets, custom route tables and their subnet associations, peering requests, the peer
 * account's accepts, and last the routes, which need the peering IDs. A route disabled in the plan
 * is created on its own (`CreateRoutes` with that one route, whose answer holds only it, as the
 * provider relies on) and then disabled (`DisableRoutes` with its new `RouteId`). A subnet without a
 * zone cannot be created (`CreateSubnet.Zone` is required): it is left out and listed in `skipped`,
 * once. Pending, active and isolated peerings are created; expired and rejected ones are skipped.
 * Last the CCNs (spec/ccn.md): `CreateCcn` by the owner, `AttachCcnInstances` per member in
 * attachment order by the VPC's account (`CcnUin` when the accounts differ), the owner's
 * `AcceptAttachCcnInstances` right after a cross-account attach, then `SetCcnRegionBandwidthLimits`.
 * Rejected and expired attachments are skipped.
 *
 * A value that only exists once an earlier call has run (a VPC ID, a peering ID) is written as
 * `{ "$ref": "step-3.PeeringConnectionId" }`: the step's id, then the path of the value in that
 * step's `Response` (dots between fields, `[n]` for an array element). A runner substitutes them in
 * order. Each step names the account that must call it: the accept runs with the peer account's
 * credentials.
 */
import type { Plan, RouteTable, Vpc } from '../plan/model';
import { ccnAttachmentId, routeId } from '../plan/model';
import { effectivePeeringState, existsInCloud, isCrossAccount, isCrossRegion } from '../plan/peering';
import {
  API_CCN_CHARGE_TYPE,
  API_CCN_LIMIT_TYPE,
  API_CHARGE_TYPE,
  CCN_INSTANCE_TYPE_VPC,
  VPC_API_ENDPOINT,
  VPC_API_SERVICE,
  VPC_API_VERSION,
} from './tencent-vocabulary';
import { ccnDescription, ccnOwnerRegion, ccnsToCreate } from './ccn-members';
import { gatewayTypeOf } from '../catalog/next-hops';
import { defaultRouteTableOf } from './default-table';

export const API_SEQUENCE_FORMAT = 'peerplan-api-sequence/1';

export interface ApiReference {
  readonly $ref: string;
}

export type ApiValue = string | number | boolean | ApiReference | readonly ApiValue[] | ApiParameters;
export interface ApiParameters {
  readonly [name: string]: ApiValue;
}

export interface ApiStep {
  /** `step-N`, counting from 1: the name `$ref`s use. */
  readonly id: string;
  readonly Action: string;
  readonly Version: typeof VPC_API_VERSION;
  readonly Region: string;
  /** The account (UIN) whose credentials must sign the call. */
  readonly Account: string;
  readonly Parameters: ApiParameters;
  /** The plan object the call creates or acts on. */
  readonly planObject: string;
  readonly note: string;
}

export interface ApiSequence {
  readonly format: typeof API_SEQUENCE_FORMAT;
  readonly plan: string;
  readonly asOf: string;
  readonly service: typeof VPC_API_SERVICE;
  readonly endpoint: typeof VPC_API_ENDPOINT;
  readonly steps: readonly ApiStep[];
  /** Plan objects that are not created, each with the reason. */
  readonly skipped: readonly { readonly planObject: string; readonly reason: string }[];
}

export function buildApiSequence(plan: Plan): ApiSequence {
  const steps: ApiStep[] = [];
  const skipped: { planObject: string; reason: string }[] = [];
  const add = (step: Omit<ApiStep, 'id' | 'Version'>): string => {
    const id = `step-${steps.length + 1}`;
    steps.push({
      id,
      Action: step.Action,
      Version: VPC_API_VERSION,
      Region: step.Region,
      Account: step.Account,
      Parameters: step.Parameters,
      planObject: step.planObject,
      note: step.note,
    });
    return id;
  };
  const ref = (stepId: string, path: string): ApiReference => ({ $ref: `${stepId}.${path}` });

  const vpcById = new Map<string, Vpc>();
  const vpcs: Vpc[] = [];
  for (const vpc of plan.vpcs) {
    if (vpcById.has(vpc.id))
      skipped.push({ planObject: vpc.id, reason: 'a second VPC with this ID (ID_DUPLICATE)' });
    else {
      vpcById.set(vpc.id, vpc);
      vpcs.push(vpc);
    }
  }

  // 1. VPCs and their secondary CIDRs.
  const vpcIdRef = new Map<string, ApiReference>();
  for (const vpc of vpcs) {
    const created = add({
      Action: 'CreateVpc',
      Region: vpc.region,
      Account: vpc.account,
      Parameters: { VpcName: vpc.name, CidrBlock: vpc.cidr },
      planObject: vpc.id,
      note: `VPC ${vpc.name}`,
    });
    const vpcId = ref(created, 'Vpc.VpcId');
    vpcIdRef.set(vpc.id, vpcId);
    if (vpc.secondaryCidrs.length > 0) {
      add({
        Action: 'CreateAssistantCidr',
        Region: vpc.region,
        Account: vpc.account,
        Parameters: { VpcId: vpcId, CidrBlocks: [...vpc.secondaryCidrs] },
        planObject: vpc.id,
        note: `secondary CIDRs of ${vpc.name}`,
      });
    }
  }

  const tableIdRef = new Map<RouteTable, ApiReference>();

  // 2. Subnets (each is associated with the default table on creation).
  const subnetIdRef = new Map<string, ApiReference>();
  for (const vpc of vpcs) {
    for (const subnet of vpc.subnets) {
      if (subnet.zone === undefined || subnet.zone === '') {
        skipped.push({
          planObject: subnet.id,
          reason: 'no zone in the plan (SUBNET_ZONE_MISSING): CreateSubnet needs one (Zone); not created',
        });
        continue;
      }
      const created = add({
        Action: 'CreateSubnet',
        Region: vpc.region,
        Account: vpc.account,
        Parameters: {
          VpcId: vpcIdRef.get(vpc.id) as ApiReference,
          SubnetName: subnet.name,
          CidrBlock: subnet.cidr,
          Zone: subnet.zone,
        },
        planObject: subnet.id,
        note: `subnet ${subnet.name} in ${vpc.name}`,
      });
      subnetIdRef.set(`${vpc.id}\u0000${subnet.id}`, ref(created, 'Subnet.SubnetId'));
    }
  }

  // 3. Custom route tables, then the subnets that use them.
  for (const vpc of vpcs) {
    const defaultTable = defaultRouteTableOf(vpc);
    for (const table of vpc.routeTables) {
      if (table === defaultTable) continue;
      const created = add({
        Action: 'CreateRouteTable',
        Region: vpc.region,
        Account: vpc.account,
        Parameters: { VpcId: vpcIdRef.get(vpc.id) as ApiReference, RouteTableName: table.name },
        planObject: table.id,
        note: `route table ${table.name} in ${vpc.name}`,
      });
      tableIdRef.set(table, ref(created, 'RouteTable.RouteTableId'));
    }
    for (const subnet of vpc.subnets) {
      const table = vpc.routeTables.find((t) => t.id === subnet.routeTable);
      const subnetId = subnetIdRef.get(`${vpc.id}\u0000${subnet.id}`);
      if (!table || table === defaultTable || !subnetId) continue;
      add({
        Action: 'ReplaceRouteTableAssociation',
        Region: vpc.region,
        Account: vpc.account,
        Parameters: {
          SubnetId: subnetId,
          RouteTableId: tableIdRef.get(table) as ApiReference,
        },
        planObject: subnet.id,
        note: `associate subnet ${subnet.name} with route table ${table.name}`,
      });
    }
  }

  // 4. Peering requests (the requester's account), then accepts (the accepter's account).
  const peeringIdRef = new Map<string, ApiReference>();
  const seenPeerings = new Set<string>();
  const accepts: Omit<ApiStep, 'id' | 'Version'>[] = [];
  for (const peering of plan.peerings) {
    const requester = vpcById.get(peering.requester);
    const accepter = vpcById.get(peering.accepter);
    if (seenPeerings.has(peering.id)) {
      skipped.push({ planObject: peering.id, reason: 'a second peering with this ID (ID_DUPLICATE)' });
      continue;
    }
    seenPeerings.add(peering.id);
    if (!existsInCloud(peering, plan.asOf)) {
      skipped.push({
        planObject: peering.id,
        reason: `${effectivePeeringState(peering, plan.asOf)}: not created`,
      });
      continue;
    }
    if (!requester || !accepter) {
      skipped.push({ planObject: peering.id, reason: 'an end VPC is not in the plan (REF_UNKNOWN)' });
      continue;
    }
    if (requester === accepter) {
      skipped.push({ planObject: peering.id, reason: 'both ends are one VPC (PEERING_SELF)' });
      continue;
    }
    const parameters: Record<string, ApiValue> = {
      SourceVpcId: vpcIdRef.get(requester.id) as ApiReference,
      PeeringConnectionName: peering.name,
      DestinationVpcId: vpcIdRef.get(accepter.id) as ApiReference,
      DestinationUin: accepter.account,
      DestinationRegion: accepter.region,
    };
    if (isCrossRegion(requester, accepter)) {
      if (peering.bandwidthMbps !== undefined) parameters.Bandwidth = peering.bandwidthMbps;
      parameters.ChargeType = API_CHARGE_TYPE[peering.chargeType];
    }
    const created = add({
      Action: 'CreateVpcPeeringConnection',
      Region: requester.region,
      Account: requester.account,
      Parameters: parameters,
      planObject: peering.id,
      note: `peering ${peering.name}: ${requester.name} -> ${accepter.name}`,
    });
    const peeringId = ref(created, 'PeeringConnectionId');
    peeringIdRef.set(peering.id, peeringId);
    if (isCrossAccount(requester, accepter)) {
      accepts.push({
        Action: 'AcceptVpcPeeringConnection',
        Region: accepter.region,
        Account: accepter.account,
        Parameters: { PeeringConnectionId: peeringId },
        planObject: peering.id,
        note: `the peer account ${accepter.account} accepts ${peering.name} (a request expires after 7 days)`,
      });
    }
  }
  for (const accept of accepts) add(accept);

  // 5. Routes, one CreateRoutes per route table for its enabled routes, then each disabled route
  // created alone and disabled. The default table came with its VPC: look its ID up first.
  for (const vpc of vpcs) {
    for (const table of vpc.routeTables) {
      const enabled: ApiParameters[] = [];
      const disabled: { id: string; entry: ApiParameters }[] = [];
      table.routes.forEach((route, index) => {
        const id = routeId(table.id, index);
        let gatewayId: ApiValue;
        if (route.nextHop.type === 'peering') {
          const peeringId = peeringIdRef.get(route.nextHop.id);
          if (!peeringId) {
            skipped.push({ planObject: id, reason: `its peering ${route.nextHop.id} is not created` });
            return;
          }
          gatewayId = peeringId;
        } else gatewayId = route.nextHop.type === 'eip' ? '0' : route.nextHop.id;
        const entry: Record<string, ApiValue> = {
          DestinationCidrBlock: route.destination,
          GatewayType: gatewayTypeOf(route.nextHop.type),
          GatewayId: gatewayId,
        };
        if (route.description !== undefined && route.description !== '')
          entry.RouteDescription = route.description;
        if (route.enabled) enabled.push(entry);
        else disabled.push({ id, entry });
      });
      if (enabled.length === 0 && disabled.length === 0) continue;
      let tableId = tableIdRef.get(table);
      if (!tableId) {
        const lookup = add({
          Action: 'DescribeRouteTables',
          Region: vpc.region,
          Account: vpc.account,
          Parameters: {
            Filters: [
              { Name: 'vpc-id', Values: [vpcIdRef.get(vpc.id) as ApiReference] },
              { Name: 'association.main', Values: ['true'] },
            ],
          },
          planObject: table.id,
          note: `the ID of ${vpc.name}'s default route table, created with the VPC`,
        });
        tableId = ref(lookup, 'RouteTableSet[0].RouteTableId');
      }
      const inTable = { Region: vpc.region, Account: vpc.account } as const;
      if (enabled.length > 0) {
        add({
          ...inTable,
          Action: 'CreateRoutes',
          Parameters: { RouteTableId: tableId, Routes: enabled },
          planObject: table.id,
          note: `routes of ${table.name} in ${vpc.name}`,
        });
      }
      for (const { id, entry } of disabled) {
        const created = add({
          ...inTable,
          Action: 'CreateRoutes',
          Parameters: { RouteTableId: tableId, Routes: [entry] },
          planObject: id,
          note: `route ${id}, disabled in the plan: created alone so that the answer holds only its RouteId`,
        });
        add({
          ...inTable,
          Action: 'DisableRoutes',
          Parameters: {
            RouteTableId: tableId,
            RouteIds: [ref(created, 'RouteTableSet[0].RouteSet[0].RouteId')],
          },
          planObject: id,
          note: `disable route ${id}, as the plan has it`,
        });
      }
    }
  }

  // 6. CCNs (spec/ccn.md): each created by its owner, its members attached in attachment order
  // (the first attached wins a route conflict) by the VPC's account, a cross-account member
  // accepted by the owner at once (so the order holds), then the bandwidth limits.
  const ccnPlan = ccnsToCreate(plan);
  skipped.push(...ccnPlan.skipped);
  for (const { ccn, members, limits } of ccnPlan.ccns) {
    const ownerRegion = ccnOwnerRegion(ccn, members, vpcs);
    const created = add({
      Action: 'CreateCcn',
      Region: ownerRegion,
      Account: ccn.account,
      Parameters: {
        CcnName: ccn.name,
        CcnDescription: ccnDescription(ccn),
        QosLevel: ccn.qosLevel,
        InstanceChargeType: API_CCN_CHARGE_TYPE[ccn.chargeType],
        BandwidthLimitType: API_CCN_LIMIT_TYPE[ccn.bandwidthLimitType],
      },
      planObject: ccn.id,
      note: `CCN ${ccn.name}, owned and paid for by ${ccn.account} (a CCN is global: the region only addresses the call)`,
    });
    const ccnId = ref(created, 'Ccn.CcnId');
    for (const { vpc, crossAccount, attachment } of members) {
      const instance: ApiParameters = {
        InstanceType: CCN_INSTANCE_TYPE_VPC,
        InstanceId: vpcIdRef.get(vpc.id) as ApiReference,
        InstanceRegion: vpc.region,
      };
      const planObject = ccnAttachmentId(ccn.id, vpc.id);
      add({
        Action: 'AttachCcnInstances',
        Region: vpc.region,
        Account: vpc.account,
        Parameters: {
          CcnId: ccnId,
          Instances: [instance],
          ...(crossAccount ? { CcnUin: ccn.account } : {}),
        },
        planObject,
        note: `attach ${vpc.name} to ${ccn.name}${crossAccount ? ` (cross-account: pending until ${ccn.account} accepts)` : ''}`,
      });
      if (crossAccount) {
        add({
          Action: 'AcceptAttachCcnInstances',
          Region: ownerRegion,
          Account: ccn.account,
          Parameters: { CcnId: ccnId, Instances: [instance] },
          planObject,
          note: `the CCN owner ${ccn.account} accepts ${vpc.name}${
            attachment.state === 'pending'
              ? ' (planned pending: until this call it is not an active member)'
              : ''
          }`,
        });
      }
    }
    if (limits.length > 0) {
      add({
        Action: 'SetCcnRegionBandwidthLimits',
        Region: ownerRegion,
        Account: ccn.account,
        Parameters: {
          CcnId: ccnId,
          CcnRegionBandwidthLimits: limits.map(({ limit, dstRegion }): ApiParameters => ({
            Region: limit.region,
            BandwidthLimit: limit.mbps,
            ...(dstRegion === undefined ? {} : { DstRegion: dstRegion }),
          })),
        },
        planObject: ccn.id,
        note: `bandwidth limits of ${ccn.name} in Mbps (${ccn.bandwidthLimitType})${limits
          .flatMap(({ note }) => (note === undefined ? [] : [`; ${note}`]))
          .join('')}`,
      });
    }
  }

  return {
    format: API_SEQUENCE_FORMAT,
    plan: plan.name,
    asOf: plan.asOf,
    service: VPC_API_SERVICE,
    endpoint: VPC_API_ENDPOINT,
    steps,
    skipped,
  };
}

/** The sequence as a JSON document: 2-space indent, trailing newline. */
export function exportApiSequence(plan: Plan): string {
  return `${JSON.stringify(buildApiSequence(plan), null, 2)}\n`;
}
