import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHandlers } from '../../electron/handlers';
import { dispatch } from '../../electron/ipc/dispatch';
import { isAppUrl, isTrustedSender, registerIpcHandlers } from '../../electron/ipc/register';
import { SqlitePlanRepository } from '../../electron/store/sqlite-repository';
import { CHANNEL_NAMES } from '../../shared/ipc/channel-names';
import { CHANNELS, ipcChannelName } from '../../shared/ipc/contract';
import type { Channel, Handlers } from '../../shared/ipc/contract';
import { examplePlanFiles, parseOrThrow, TODAY } from './fixtures/library-plans';

let dir: string;
let repository: SqlitePlanRepository;
let handlers: Handlers;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'peerplan-handlers-'));
  repository = SqlitePlanRepository.open(join(dir, 'library.peerplan.sqlite'));
  handlers = createHandlers({ repository, shell: 'browser', version: '1.2.3', today: () => TODAY });
});

afterEach(() => {
  repository.close();
  rmSync(dir, { recursive: true, force: true });
});

const example = examplePlanFiles()[0]!;

/** Everything the library holds, to prove a refused call changed nothing. */
function libraryState(): unknown {
  const db = repository.database;
  const tables = db
    .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
    .pluck()
    .all() as string[];
  return Object.fromEntries(
    tables.map((table) => [table, db.prepare(`SELECT * FROM "${table}"`).raw().all()]),
  );
}

describe('the handler table', () => {
  it('has one handler per channel, and nothing else', () => {
    // Against the preload's hand-written list of names (shared/ipc/channel-names.ts), not the
    // contract table the Handlers type is built from.
    expect(Object.keys(handlers).sort()).toEqual([...CHANNEL_NAMES].sort());
  });

  it('makes a missing channel a compile error', () => {
    const { 'app.info': _removed, ...incomplete } = handlers;
    // @ts-expect-error: the Handlers type requires every channel of the contract.
    const table: Handlers = incomplete;
    expect(Object.keys(table)).not.toContain('app.info');
  });

  const malformed: [string, unknown][] = [
    ['null', null],
    ['a number', 42],
    ['a string', 'plans'],
    ['an array', []],
    ['an unknown field', { unexpected: true }],
  ];
  const wrongTypes: Partial<Record<Channel, unknown>> = {
    'plans.get': { id: 7 },
    'plans.create': { name: '' },
    'plans.save': { id: 'x', plan: { format: 'peerplan/2', name: 'n', accounts: [], vpcs: [] } },
    'plans.rename': { id: 'x', name: 'a'.repeat(201) },
    'plans.duplicate': { id: '' },
    'plans.delete': { id: null },
    'plans.savePositions': { id: 'x', positions: { a: { x: 'left', y: 0 } } },
    'plans.import': { text: 42, fileName: 'a.json' },
    'plans.export': { id: 'x', format: 'pdf' },
    'revisions.list': { planId: 1 },
    'revisions.save': { planId: 'x' },
    'revisions.open': { revisionId: -1 },
    'revisions.restore': { revisionId: 1.5 },
    'files.saveText': { suggestedName: 'a.json' },
    'files.savePdf': { suggestedName: 'a.pdf', html: 3 },
    'files.openText': { title: 3 },
    'library.saveCopy': { path: 3 },
  };

  for (const channel of CHANNELS) {
    it(`${channel} refuses malformed payloads with a clear error and changes nothing`, async () => {
      const stored = await handlers['plans.import']({ text: example.text, fileName: example.name });
      const before = libraryState();
      const payloads = [
        ...malformed,
        ...(channel in wrongTypes ? [['wrong types', wrongTypes[channel]] as const] : []),
      ];
      for (const [what, payload] of payloads) {
        const result = await dispatch(handlers, channel, payload);
        expect([what, result.ok]).toEqual([what, false]);
        if (!result.ok) {
          expect(result.error.code).toBe('BAD_REQUEST');
          expect(result.error.message.startsWith(`${channel}: `)).toBe(true);
        }
      }
      expect(libraryState()).toEqual(before);
      expect(repository.export(stored.id)).toStrictEqual(stored.plan);
    });
  }

  it('refuses an unknown channel', async () => {
    expect(await dispatch(handlers, 'plans.drop', {})).toEqual({
      ok: false,
      error: { code: 'UNKNOWN_CHANNEL', message: 'There is no API channel "plans.drop".' },
    });
  });

  it('names the field of a bad request', async () => {
    const result = await dispatch(handlers, 'plans.savePositions', {
      id: 'x',
      positions: { a: { x: 'left', y: 0 } },
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', path: 'positions.a.x' } });
  });
});

describe('handlers at work', () => {
  it('imports, lists, saves, exports, revises', async () => {
    const imported = await dispatch(handlers, 'plans.import', { text: example.text, fileName: example.name });
    expect(imported.ok).toBe(true);
    const { id, plan } = (imported as { value: { id: string; plan: ReturnType<typeof parseOrThrow> } }).value;
    expect(plan).toStrictEqual(parseOrThrow(example.text));

    const listed = await dispatch(handlers, 'plans.list', undefined);
    expect(listed).toMatchObject({ ok: true, value: [{ id, name: plan.name, vpcCount: plan.vpcs.length }] });

    const exported = await dispatch(handlers, 'plans.export', { id });
    expect(exported.ok).toBe(true);
    const { fileName, text } = (exported as { value: { fileName: string; text: string } }).value;
    expect(fileName).toMatch(/^[a-z0-9-]+\.json$/);
    expect(parseOrThrow(text)).toStrictEqual(plan);

    const saved = await dispatch(handlers, 'plans.save', {
      id,
      plan: { ...JSON.parse(text), name: 'Saved through the API' },
    });
    expect(saved.ok).toBe(true);
    expect(repository.export(id).name).toBe('Saved through the API');

    const revision = await dispatch(handlers, 'revisions.save', { planId: id, message: 'checkpoint' });
    expect(revision).toMatchObject({ ok: true, value: { planId: id, message: 'checkpoint' } });
  });

  it('refuses a plan file with the file, line and column of the problem', async () => {
    const result = await dispatch(handlers, 'plans.import', {
      text: '{\n  "format": "peerplan/1",\n  oops\n}',
      fileName: 'bad.json',
    });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('PLAN_INVALID');
      expect(result.error.message).toMatch(/^bad\.json:3:\d+: /);
      expect(result.error.line).toBe(3);
    }
    expect(repository.list()).toEqual([]);
  });

  it('answers a library refusal as an error, not a throw', async () => {
    expect(await dispatch(handlers, 'plans.get', { id: 'nope' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', message: expect.stringContaining('no plan with ID "nope"') },
    });
  });

  it('the browser build cannot open native dialogs, and copies the library beside itself', async () => {
    expect(await dispatch(handlers, 'files.saveText', { suggestedName: 'a.json', text: '{}' })).toMatchObject(
      {
        ok: false,
        error: { code: 'UNSUPPORTED' },
      },
    );
    const copy = await dispatch(handlers, 'library.saveCopy', {});
    expect(copy).toMatchObject({ ok: true, value: { path: expect.stringContaining(dir) } });
    expect(await dispatch(handlers, 'library.saveCopy', { path: '/etc/passwd' })).toMatchObject({
      ok: false,
    });
  });
});

describe('the Electron IPC wrapper', () => {
  function registered() {
    const listeners = new Map<string, (event: never, payload: unknown) => Promise<unknown>>();
    registerIpcHandlers(
      { handle: (channel, listener) => listeners.set(channel, listener as never) },
      handlers,
    );
    return listeners;
  }

  it('registers every channel', () => {
    expect([...registered().keys()].sort()).toEqual(CHANNELS.map(ipcChannelName).sort());
  });

  it('answers the app frame and refuses any other sender', async () => {
    const call = registered().get(ipcChannelName('app.info'))!;
    const appFrame = { senderFrame: { url: 'peerplan://app/index.html', parent: null } } as never;
    expect(await call(appFrame, {})).toMatchObject({ ok: true, value: { version: '1.2.3' } });
    for (const frame of [
      { url: 'https://evil.example/', parent: null },
      { url: 'peerplan://app/index.html', parent: {} },
      { url: 'peerplan://app.evil/', parent: null },
      null,
    ]) {
      expect(await call({ senderFrame: frame } as never, {})).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
    }
  });

  it('hands a checked call to the route it is given (the library worker), never an untrusted one', async () => {
    const routed: [string, unknown][] = [];
    const listeners = new Map<string, (event: never, payload: unknown) => Promise<unknown>>();
    registerIpcHandlers(
      { handle: (channel, listener) => listeners.set(channel, listener as never) },
      handlers,
      async (channel, payload) => {
        routed.push([channel, payload]);
        return { ok: true, value: 'from the route' };
      },
    );
    const save = listeners.get(ipcChannelName('plans.save'))!;
    const appFrame = { senderFrame: { url: 'peerplan://app/index.html', parent: null } } as never;
    expect(await save(appFrame, { id: 'x' })).toEqual({ ok: true, value: 'from the route' });
    const evil = { senderFrame: { url: 'https://evil.example/', parent: null } } as never;
    expect(await save(evil, { id: 'y' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(routed).toEqual([['plans.save', { id: 'x' }]]);
  });

  it('knows the app URL exactly', () => {
    expect(isAppUrl('peerplan://app/')).toBe(true);
    expect(isAppUrl('peerplan://app.example/')).toBe(false);
    expect(isAppUrl('file:///app/')).toBe(false);
    expect(isTrustedSender({ url: 'peerplan://app/', parent: null })).toBe(true);
  });
});
