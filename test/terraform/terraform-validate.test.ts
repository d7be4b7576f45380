/**
 * The real `terraform validate` on the Terraform export of every example plan and of cross-account
 * plans (with a zone-less subnet, an isolated peering and every next-hop type): Terraform checks
 * each configuration against the tencentcloud provider's schema, served by schema-provider.ts.
 * Offline: the provider is reattached (`TF_REATTACH_PROVIDERS`), so `terraform init` installs
 * nothing and downloads nothing; the CLI configuration disables the checkpoint call.
 *
 * Where `terraform` is not on the PATH the suite is skipped, and its title says so.
 */
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportTerraform } from '../../shared/export/terraform';
import {
  CCN_PREPAID_PLAN,
  PARTNER_PLAN,
  ccnCorePlan,
  partnerPlanWithEverything,
  planFromObject,
  planFromText,
} from '../shared/export/plans';
import type { SchemaProvider } from './schema-provider';
import { startSchemaProvider } from './schema-provider';

const run = promisify(execFile);
const EXAMPLES = fileURLToPath(new URL('../../shared/examples/', import.meta.url));
const terraformVersion = spawnSync('terraform', ['version'], { encoding: 'utf8' });
const hasTerraform = terraformVersion.status === 0;
const title = hasTerraform
  ? `terraform validate (${terraformVersion.stdout.split('\n')[0]}) with the tencentcloud provider's schema`
  : 'terraform validate: SKIPPED, `terraform` is not on the PATH (install Terraform to run it)';

const PLANS: [string, () => string][] = [
  ...readdirSync(EXAMPLES)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name): [string, () => string] => [
      `example ${name}`,
      () => exportTerraform(planFromText(readFileSync(join(EXAMPLES, name), 'utf8'))),
    ]),
  ['cross-account partner plan', () => exportTerraform(planFromObject(PARTNER_PLAN))],
  [
    'cross-account plan with a zone-less subnet, an isolated peering, every next-hop type',
    () => exportTerraform(partnerPlanWithEverything(true)),
  ],
  ['CCN core fixture (a cross-account pending member and its accept)', () => exportTerraform(ccnCorePlan())],
  [
    'prepaid inter-region CCN of an account with no VPC, with limits per region pair',
    () => exportTerraform(planFromObject(CCN_PREPAID_PLAN)),
  ],
];

describe.skipIf(!hasTerraform)(title, { timeout: 180_000 }, () => {
  let provider: SchemaProvider;
  const work = mkdtempSync(join(tmpdir(), 'peerplan-tf-validate-'));
  const cliConfig = join(work, 'cli.tfrc');
  writeFileSync(cliConfig, 'disable_checkpoint = true\n');

  beforeAll(async () => {
    provider = await startSchemaProvider();
  });
  afterAll(async () => {
    await provider?.close();
    rmSync(work, { recursive: true, force: true });
  });

  /** `terraform init` then `terraform validate -json` in a fresh folder; async, so the provider in this process can answer. */
  async function validate(name: string, text: string): Promise<{ valid: boolean; diagnostics: unknown[] }> {
    const dir = mkdtempSync(join(work, `${name.replace(/[^a-z0-9]+/gi, '-')}-`));
    writeFileSync(join(dir, 'main.tf'), text);
    const env = {
      ...process.env,
      TF_REATTACH_PROVIDERS: provider.reattach,
      TF_CLI_CONFIG_FILE: cliConfig,
      CHECKPOINT_DISABLE: '1',
      TF_IN_AUTOMATION: '1',
      TF_LOG: '',
    };
    await run('terraform', ['init', '-backend=false', '-input=false', '-no-color'], { cwd: dir, env });
    const result = await run('terraform', ['validate', '-json', '-no-color'], { cwd: dir, env }).catch(
      (error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }),
    );
    const report = JSON.parse(result.stdout) as { valid: boolean; diagnostics: unknown[] };
    return { valid: report.valid, diagnostics: report.diagnostics };
  }

  it.each(PLANS)('%s: valid', async (name, terraform) => {
    const before = provider.validated.length;
    const report = await validate(name, terraform());
    expect(report.diagnostics).toEqual([]);
    expect(report.valid).toBe(true);
    // Terraform asked the served provider about the resources: the schema was really used.
    expect(provider.validated.length).toBeGreaterThan(before);
  });

  it('fails on what the provider would refuse: an unknown attribute, a missing required one, a wrong type', async () => {
    const good = exportTerraform(planFromObject(PARTNER_PLAN));
    const broken = [
      good.replace('destination_cidr_block', 'destination_cidr'),
      good.replace(/\n\s*peering_connection_id\s*=.*\n/, '\n'),
      good.replace(/allowed_account_ids = \[[^\]]*\]/, 'allowed_account_ids = "100000000001"'),
    ];
    for (const [index, text] of broken.entries()) {
      expect(text).not.toBe(good);
      const report = await validate(`broken-${index}`, text);
      expect(report.valid, `variant ${index}`).toBe(false);
    }
  });

  it('fails on a broken CCN export: a wrong argument name, no instances block in the accept, a limit without ccn_id', async () => {
    const good = exportTerraform(planFromObject(CCN_PREPAID_PLAN));
    const broken = [
      good.replace('bandwidth_limit_type', 'limit_type'),
      good.replace(/\n\s*instances \{[^}]*\}\n/, '\n'),
      good.replace(/(resource "tencentcloud_ccn_bandwidth_limit"[^{]*\{[^}]*?)\n\s*ccn_id\s*=.*\n/, '$1\n'),
      good.replace(/ccn_uin\s*=\s*"300000000003"/, 'ccn_uin = ["300000000003"]'),
    ];
    for (const [index, text] of broken.entries()) {
      expect(text, `variant ${index} changes the export`).not.toBe(good);
      const report = await validate(`broken-ccn-${index}`, text);
      expect(report.valid, `variant ${index}`).toBe(false);
    }
  });
});
