/**
 * Property: no sequence of editor commands on plan A changes what the library stores for plan B.
 * The renderer's own state classes (EditorState, LibraryState, Commands, compiled by Svelte) run
 * in Node against the real handlers and a real SQLite library; plan B's stored rows (its `plans`
 * row with its update time and save count, its content and positions as the library reads them,
 * its revisions) are compared before and after.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers } from '../../electron/handlers';
import { dispatch } from '../../electron/ipc/dispatch';
import { SqlitePlanRepository } from '../../electron/store/sqlite-repository';
import { CHANNELS } from '../../shared/ipc/contract';
import type { PeerplanBridge, StoredPlan } from '../../shared/ipc/contract';
import { createPeering, renameObject } from '../../shared/edit/workflow';

import type * as EditorModuleNs from '../../renderer/src/lib/editor.svelte';
import type * as LibraryModuleNs from '../../renderer/src/lib/library.svelte';
import type * as CommandsModuleNs from '../../renderer/src/lib/commands.svelte';
import type * as UiModuleNs from '../../renderer/src/lib/ui.svelte';

// Imported after window.peerplan exists (the renderer's api module reads it when loaded).
type EditorModule = typeof EditorModuleNs;
type LibraryModule = typeof LibraryModuleNs;
type CommandsModule = typeof CommandsModuleNs;
type UiModule = typeof UiModuleNs;

const EXAMPLE = readFileSync(
  join(import.meta.dirname, '..', '..', 'shared', 'examples', 'shanghai-hub.json'),
  'utf8',
);

type Step =
  | { readonly kind: 'rename'; readonly vpc: number; readonly name: string }
  | { readonly kind: 'move'; readonly vpc: number; readonly x: number; readonly y: number }
  | { readonly kind: 'layout'; readonly shift: number }
  | { readonly kind: 'auto-layout-request' }
  | { readonly kind: 'delete'; readonly vpc: number }
  | { readonly kind: 'connect'; readonly from: number; readonly to: number }
  | { readonly kind: 'undo' }
  | { readonly kind: 'redo' }
  | { readonly kind: 'open-own-row' }
  | { readonly kind: 'visit-b' }
  | { readonly kind: 'made-up-positions'; readonly x: number }
  | { readonly kind: 'flush' };

const arbStep: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('rename' as const), vpc: fc.nat(5), name: fc.string({ maxLength: 8 }) }),
  fc.record({
    kind: fc.constant('move' as const),
    vpc: fc.nat(5),
    x: fc.integer({ min: -500, max: 500 }),
    y: fc.integer({ min: -500, max: 500 }),
  }),
  fc.record({ kind: fc.constant('layout' as const), shift: fc.integer({ min: 1, max: 300 }) }),
  fc.constant({ kind: 'auto-layout-request' as const }),
  fc.record({ kind: fc.constant('delete' as const), vpc: fc.nat(5) }),
  fc.record({ kind: fc.constant('connect' as const), from: fc.nat(5), to: fc.nat(5) }),
  fc.constant({ kind: 'undo' as const }),
  fc.constant({ kind: 'redo' as const }),
  fc.constant({ kind: 'open-own-row' as const }),
  fc.constant({ kind: 'visit-b' as const }),
  fc.record({ kind: fc.constant('made-up-positions' as const), x: fc.integer({ min: 0, max: 900 }) }),
  fc.constant({ kind: 'flush' as const }),
);

describe('plan isolation (editor state + handlers + SQLite)', () => {
  let dir: string;
  let repository: SqlitePlanRepository;
  let importExample: () => Promise<StoredPlan>;
  let modules: { editor: EditorModule; library: LibraryModule; commands: CommandsModule; ui: UiModule };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'peerplan-isolation-'));
    repository = SqlitePlanRepository.open(join(dir, 'library.peerplan.sqlite'));
    const handlers = createHandlers({
      repository,
      shell: 'browser',
      version: '0',
      today: () => '2026-11-26',
    });
    // The renderer reaches the Node side only through window.peerplan: here, the real handlers.
    importExample = async () => {
      const result = await dispatch(handlers, 'plans.import', { text: EXAMPLE, fileName: 'hub.json' });
      if (!result.ok) throw new Error(result.error.message);
      return result.value as StoredPlan;
    };
    const bridge = Object.fromEntries(
      CHANNELS.map((channel) => [channel, (request: unknown) => dispatch(handlers, channel, request)]),
    ) as unknown as PeerplanBridge;
    (globalThis as { window?: unknown }).window = { peerplan: { ...bridge, onMenuCommand: () => () => {} } };
    modules = {
      editor: await import('../../renderer/src/lib/editor.svelte'),
      library: await import('../../renderer/src/lib/library.svelte'),
      commands: await import('../../renderer/src/lib/commands.svelte'),
      ui: await import('../../renderer/src/lib/ui.svelte'),
    };
  });
  afterAll(() => {
    repository.close();
    rmSync(dir, { recursive: true, force: true });
    delete (globalThis as { window?: unknown }).window;
  });

  /** Everything the library stores for a plan, read on a connection of its own. */
  function storedRows(id: string): unknown {
    const db = new Database(join(dir, 'library.peerplan.sqlite'), { readonly: true });
    try {
      const plansRow = db.prepare('SELECT * FROM plans WHERE id = ?').get(id);
      const positions = db
        .prepare('SELECT element_id, x, y FROM canvas_positions WHERE plan_id = ? ORDER BY element_id')
        .all(id);
      const revisions = db.prepare('SELECT * FROM revisions WHERE plan_id = ? ORDER BY id').all(id);
      return { plansRow, positions, revisions, content: repository.export(id) };
    } finally {
      db.close();
    }
  }

  it('no sequence of commands on plan A changes plan B’s stored rows', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(arbStep, { minLength: 1, maxLength: 14 }), async (steps) => {
        const a = await importExample();
        const b = await importExample();
        repository.savePositions(b.id, { 'vpc-shared': { x: 1, y: 2 }, 'vpc-app': { x: 3, y: 4 } });
        const before = storedRows(b.id);

        const editor = new modules.editor.EditorState();
        const library = new modules.library.LibraryState(editor);
        const ui = new modules.ui.UiState();
        const commands = new modules.commands.Commands(editor, library, ui);
        await library.refresh();
        await library.open(a.id);

        for (const step of steps) {
          const plan = editor.plan!;
          const vpcAt = (i: number): string | undefined => plan.vpcs[i % Math.max(1, plan.vpcs.length)]?.id;
          switch (step.kind) {
            case 'rename': {
              const id = vpcAt(step.vpc);
              if (id) editor.apply(renameObject(plan, id, step.name || 'x'));
              break;
            }
            case 'move': {
              const id = vpcAt(step.vpc);
              if (id) editor.moveVpcs(a.id, new Map([[id, { x: step.x, y: step.y }]]));
              break;
            }
            case 'layout':
              editor.applyLayout(
                a.id,
                new Map(plan.vpcs.map((v, i) => [v.id, { x: i * step.shift, y: step.shift }])),
              );
              break;
            case 'auto-layout-request':
              // The canvas of A takes it; a canvas of B must find nothing to take.
              commands.run('auto-layout');
              expect(editor.takeLayoutRequest(b.id)).toBe(false);
              break;
            case 'delete': {
              const id = vpcAt(step.vpc);
              if (id) {
                editor.select([id]);
                commands.run('delete');
              }
              break;
            }
            case 'connect': {
              const from = vpcAt(step.from);
              const to = vpcAt(step.to);
              if (from && to && from !== to)
                editor.apply(createPeering(plan, { requester: from, accepter: to }));
              break;
            }
            case 'undo':
              commands.run('undo');
              break;
            case 'redo':
              commands.run('redo');
              break;
            case 'open-own-row':
              await library.open(a.id);
              break;
            case 'visit-b':
              // Open B without touching it, then come back to A.
              await library.open(b.id);
              await library.open(a.id);
              break;
            case 'made-up-positions':
              // What a canvas invents for VPCs without a place, reported for A and, late, for B.
              editor.placeUnplaced(
                a.id,
                new Map(
                  plan.vpcs.map((v): [string, { x: number; y: number }] => [v.id, { x: step.x, y: 0 }]),
                ),
                true,
              );
              editor.placeUnplaced(b.id, new Map([['vpc-shared', { x: step.x, y: 9 }]]), true);
              editor.moveVpcs(b.id, new Map([['vpc-app', { x: step.x, y: 9 }]]));
              editor.applyLayout(b.id, new Map([['vpc-pay', { x: step.x, y: 9 }]]));
              break;
            case 'flush':
              await editor.flush();
              break;
          }
        }
        await editor.flush();
        expect(storedRows(b.id)).toEqual(before);
        editor.close();
        repository.delete(a.id);
        repository.delete(b.id);
      }),
      { numRuns: 40 },
    );
  });

  it('near miss: the same commands do change plan A’s stored rows', async () => {
    const a = await importExample();
    const before = storedRows(a.id);
    const editor = new modules.editor.EditorState();
    const library = new modules.library.LibraryState(editor);
    await library.open(a.id);
    editor.moveVpcs(a.id, new Map([['vpc-app', { x: 77, y: 88 }]]));
    await editor.flush();
    expect(storedRows(a.id)).not.toEqual(before);
    expect(repository.positions(a.id)['vpc-app']).toEqual({ x: 77, y: 88 });
    editor.close();
  });
});
