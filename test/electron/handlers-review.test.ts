/**
 * The review channels: `plans.export` writes what `peerplan export --to FORMAT` writes for the same
 * plan file, byte for byte (the CLI run as a child process), and the topology picture;
 * `revisions.list` carries each revision's figures, newest first; Electron's PNG and PDF saves go
 * only where a save dialog pointed.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHandlers } from '../../electron/handlers';
import { dispatch } from '../../electron/ipc/dispatch';
import { createNativeFiles } from '../../electron/shell/native-files';
import { SqlitePlanRepository } from '../../electron/store/sqlite-repository';
import type { Handlers, RevisionListItem, StoredPlan } from '../../shared/ipc/contract';
import { REPO_ROOT, runPeerplan } from './run-peerplan';

const TODAY = '2026-11-26';
const QUICKSTART = join(REPO_ROOT, 'shared/examples/quickstart.json');

let dir: string;
let repository: SqlitePlanRepository;
let handlers: Handlers;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'peerplan-review-'));
  repository = SqlitePlanRepository.open(join(dir, 'library.peerplan.sqlite'));
  handlers = createHandlers({ repository, shell: 'browser', version: '1', today: () => TODAY });
});
afterEach(() => {
  repository.close();
  rmSync(dir, { recursive: true, force: true });
});

async function importQuickstart(): Promise<StoredPlan> {
  const result = await dispatch(handlers, 'plans.import', {
    text: readFileSync(QUICKSTART, 'utf8'),
    fileName: 'quickstart.json',
  });
  if (!result.ok) throw new Error(result.error.message);
  return result.value as StoredPlan;
}

describe('plans.export', { timeout: 120_000 }, () => {
  it('writes each format exactly as the command line does for the same plan file', async () => {
    const stored = await importQuickstart();
    // The CLI reads the plan file the app would export, as a reviewer would receive it.
    const planFile = join(dir, 'plan.json');
    const json = await dispatch(handlers, 'plans.export', { id: stored.id });
    writeFileSync(planFile, (json as { ok: true; value: { text: string } }).value.text);
    for (const [format, extension] of [
      ['md', '.md'],
      ['html', '.html'],
      ['csv', '.csv'],
      ['tf', '.tf'],
      ['api', '.api.json'],
      ['json', '.json'],
    ] as const) {
      const app = await dispatch(handlers, 'plans.export', { id: stored.id, format });
      if (!app.ok) throw new Error(app.error.message);
      const { fileName, text } = app.value as { fileName: string; text: string };
      expect(fileName).toBe(`quick-start-guangzhou-to-beijing${extension}`);
      const cli = await runPeerplan(['export', planFile, '--to', format], { PEERPLAN_TODAY: TODAY });
      expect([format, cli.code]).toEqual([format, 0]);
      expect([format, text === cli.stdout]).toEqual([format, true]);
    }
  });

  it('draws the topology as SVG: one shape per VPC, the peering between them', async () => {
    const stored = await importQuickstart();
    const svg = await dispatch(handlers, 'plans.export', { id: stored.id, format: 'svg' });
    if (!svg.ok) throw new Error(svg.error.message);
    const { fileName, text } = svg.value as { fileName: string; text: string };
    expect(fileName).toMatch(/\.svg$/);
    expect(text.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg')).toBe(true);
    // It carries the report's drawing rules: a standalone SVG has no page stylesheet to lean on.
    expect(text).toMatch(/<style>[^<]*\.topology \.vpc rect \{ fill: #ffffff;/);
    for (const vpc of stored.plan.vpcs) expect(text).toContain(vpc.name);
  });
});

describe('revisions.list', () => {
  it('lists revisions newest first with their VPC, peering, error and warning counts and cost', async () => {
    const stored = await importQuickstart();
    await dispatch(handlers, 'revisions.save', { planId: stored.id, message: 'as imported' });
    const file = JSON.parse(readFileSync(QUICKSTART, 'utf8')) as {
      vpcs: { cidr: string }[];
      peerings: unknown[];
    };
    file.vpcs[1]!.cidr = file.vpcs[0]!.cidr;
    file.peerings = [];
    await dispatch(handlers, 'plans.save', { id: stored.id, plan: file });
    await dispatch(handlers, 'revisions.save', { planId: stored.id, message: 'no peering' });
    const listed = await dispatch(handlers, 'revisions.list', { planId: stored.id });
    if (!listed.ok) throw new Error(listed.error.message);
    const [newest, oldest] = listed.value as RevisionListItem[];
    expect(newest!.message).toBe('no peering');
    // No peering: nothing to pay. The moved block leaves a subnet outside its VPC: an error.
    expect(newest!.stats).toMatchObject({ vpcs: 2, peerings: 0, currency: 'CNY', monthlyCost: 0 });
    expect(newest!.stats.errors).toBeGreaterThan(0);
    expect(oldest!.message).toBe('as imported');
    expect(oldest!.stats).toMatchObject({ vpcs: 2, peerings: 1, errors: 0 });
    // The quick start's peering is cross-region: it is billed, so the old revision costs something.
    expect(oldest!.stats.monthlyCost).toBeGreaterThan(0);
  });
});

describe('native pictures and PDF', () => {
  it('saves bytes and PDFs only where a save dialog pointed', async () => {
    const target = join(dir, 'picture.png');
    const printed: string[] = [];
    const files = createNativeFiles(
      {
        showSaveDialog: async () => ({ canceled: false, filePath: target }),
        showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
      },
      async (html) => {
        printed.push(html);
        return new TextEncoder().encode('%PDF-1.7 fake');
      },
    );
    await expect(files.saveBytes('p.png', new Uint8Array([1]), join(dir, 'other.png'))).rejects.toThrow(
      /only to files chosen in a save dialog/,
    );
    expect(await files.saveBytes('p.png', new Uint8Array([137, 80, 78, 71]))).toBe(target);
    expect([...readFileSync(target)]).toEqual([137, 80, 78, 71]);
    expect(await files.savePdf('r.pdf', '<html>report</html>')).toBe(target);
    expect(printed).toEqual(['<html>report</html>']);
    expect(readFileSync(target, 'utf8')).toBe('%PDF-1.7 fake');
  });
});
