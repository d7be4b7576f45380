/**
 * NAME_INVALID: the names the cloud will be sent. The API (`VpcName`, `SubnetName`,
 * `RouteTableName`, `PeeringConnectionName`) and the Terraform provider refuse an empty name and
 * one over 60 bytes of UTF-8 (20 CJK characters of 3 bytes each), so the plan says so first.
 * A name left out of the plan file is the object's ID (plan-format.md), which is checked the same
 * way since that is what would be sent.
 */
import type { RuleContext } from './context';
import { finding } from './finding';
import type { Finding } from './finding';

export const NAME_MAX_UTF8_BYTES = 60;

/** The length of `text` in UTF-8 bytes (a lone surrogate counts as the 3 bytes of U+FFFD). */
export function utf8ByteLength(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

/** Why the cloud would refuse `name`, or undefined when it takes it. */
export function nameProblem(name: string): string | undefined {
  if (name === '') return 'is empty';
  const bytes = utf8ByteLength(name);
  if (bytes > NAME_MAX_UTF8_BYTES)
    return `is ${bytes} bytes of UTF-8, over the cloud's limit of ${NAME_MAX_UTF8_BYTES}`;
  return undefined;
}

export function checkNames(context: RuleContext): Finding[] {
  const { plan, routeTables, subnets } = context;
  const findings: Finding[] = [];
  const check = (kind: string, object: { readonly id: string; readonly name: string }): void => {
    const problem = nameProblem(object.name);
    if (problem === undefined) return;
    findings.push(
      finding(
        'NAME_INVALID',
        `The name of ${kind} ${object.id} ${problem}: the cloud (API and Terraform provider) refuses it. Give it a name of 1 to ${NAME_MAX_UTF8_BYTES} bytes (up to 20 CJK characters).`,
        [object.id],
      ),
    );
  };
  for (const vpc of plan.vpcs) check('VPC', vpc);
  for (const subnet of subnets) check('subnet', subnet);
  for (const table of routeTables) check('route table', table);
  for (const peering of plan.peerings) check('peering', peering);
  return findings;
}
