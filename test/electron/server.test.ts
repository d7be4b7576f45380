import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectStrictPolicy } from './strict-csp';
import { startServer } from '../../electron/server';
import type { RunningServer } from '../../electron/server';
import { examplePlanFiles } from './fixtures/library-plans';

let dir: string;
let server: RunningServer;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'peerplan-server-'));
  const staticDir = join(dir, 'static');
  mkdirSync(staticDir, { recursive: true });
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Peerplan</title>');
  writeFileSync(join(dir, 'secret.txt'), 'outside the static folder');
  server = await startServer({ dbPath: join(dir, 'library.peerplan.sqlite'), staticDir });
});

afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function call(
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: server.port,
        method,
        path,
        headers: { Host: `127.0.0.1:${server.port}`, ...headers },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const api = (channel: string, payload: unknown, headers: Record<string, string> = {}) =>
  call(
    'POST',
    `/api/${channel}`,
    { 'Content-Type': 'application/json', ...headers },
    JSON.stringify(payload),
  );

describe('the loopback server of the browser build', () => {
  it('prints a URL on 127.0.0.1 with the secret in the fragment', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/#token=${server.token}`);
    expect(server.token.length).toBeGreaterThanOrEqual(32);
  });

  it('serves the renderer with the CSP', async () => {
    const page = await call('GET', '/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Peerplan</title>');
    expectStrictPolicy(page.headers['content-security-policy'] as string | undefined);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
  });

  it('refuses an API call without the secret (401) or with a wrong one (403)', async () => {
    const missing = await api('plans.list', {});
    expect(missing.status).toBe(401);
    expect(JSON.parse(missing.body)).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    const wrong = await api('plans.list', {}, { 'X-Peerplan-Token': 'x'.repeat(server.token.length) });
    expect(wrong.status).toBe(403);
  });

  it('answers an API call that carries the secret', async () => {
    const example = examplePlanFiles()[0]!;
    const imported = await api(
      'plans.import',
      { text: example.text, fileName: example.name },
      { 'X-Peerplan-Token': server.token },
    );
    expect(imported.status).toBe(200);
    expect(JSON.parse(imported.body)).toMatchObject({ ok: true, value: { plan: { format: 'peerplan/1' } } });
    const listed = await api('plans.list', {}, { 'X-Peerplan-Token': server.token });
    expect(JSON.parse(listed.body)).toMatchObject({ ok: true, value: [{ vpcCount: expect.any(Number) }] });
    const malformed = await api('plans.get', { id: 3 }, { 'X-Peerplan-Token': server.token });
    expect(JSON.parse(malformed.body)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });

  it('refuses a foreign Host (DNS rebinding) and a foreign Origin, even with the secret', async () => {
    const rebound = await api(
      'plans.list',
      {},
      { Host: `evil.example:${server.port}`, 'X-Peerplan-Token': server.token },
    );
    expect(rebound.status).toBe(403);
    const crossSite = await api(
      'plans.list',
      {},
      { Origin: 'https://evil.example', 'X-Peerplan-Token': server.token },
    );
    expect(crossSite.status).toBe(403);
    const sameSite = await api('plans.list', {}, { Origin: server.origin, 'X-Peerplan-Token': server.token });
    expect(sameSite.status).toBe(200);
  });

  it('never serves a file outside the renderer folder', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/%2e%2e%5csecret.txt']) {
      expect([path, (await call('GET', path)).status]).toEqual([path, 404]);
    }
  });

  // Reaching the server by the machine's other address is the test; without one it cannot be
  // run, and says so instead of passing.
  const external = Object.values(networkInterfaces())
    .flat()
    .find((address) => address && address.family === 'IPv4' && !address.internal);
  it.skipIf(!external)(
    external
      ? `listens on loopback only (refused on ${external.address})`
      : 'listens on loopback only: SKIPPED, this machine has no non-loopback IPv4 address to try',
    async () => {
      const outcome = await new Promise<string>((resolve) => {
        const socket = connect({ host: external!.address, port: server.port });
        socket.on('connect', () => {
          socket.destroy();
          resolve('connected');
        });
        socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
      });
      expect(outcome).toBe('ECONNREFUSED');
    },
  );
});
