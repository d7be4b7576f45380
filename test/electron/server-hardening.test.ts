import { asPlanFile } from '../../shared/plan/as-file';
/**
 * The loopback server against hostile requests (issue 13, item 14): a body over the limit gets
 * 413 (not a reset connection), a malformed percent-encoding 400 (not 500), and a canvas position
 * of an element named `__proto__` is kept like any other.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../electron/server';
import type { RunningServer } from '../../electron/server';
import { PlanBuilder } from '../shared/plan-builder';

let dir: string;
let server: RunningServer;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'peerplan-server-harden-'));
  const staticDir = join(dir, 'static');
  mkdirSync(staticDir, { recursive: true });
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Peerplan</title>');
  server = await startServer({ dbPath: join(dir, 'library.peerplan.sqlite'), staticDir });
});

afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Answer {
  status: number;
  body: string;
}

/** A request whose body is sent in pieces (`chunks` of `chunkBytes`), as a streaming client does. */
function call(
  method: string,
  path: string,
  body: string | { chunks: number; chunkBytes: number } = '',
  headers: Record<string, string> = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: server.port,
        method,
        path,
        headers: {
          Host: `127.0.0.1:${server.port}`,
          'X-Peerplan-Token': server.token,
          'Content-Type': 'application/json',
          ...headers,
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    if (typeof body === 'string') {
      req.end(body);
      return;
    }
    const piece = Buffer.alloc(body.chunkBytes, 0x20);
    let sent = 0;
    const pump = () => {
      while (sent < body.chunks) {
        sent++;
        if (!req.write(piece)) {
          req.once('drain', pump);
          return;
        }
      }
      req.end();
    };
    pump();
  });
}

const api = (channel: string, payload: unknown) => call('POST', `/api/${channel}`, JSON.stringify(payload));

describe('the server refuses what it cannot take, with a status', () => {
  it('413 for a body over 80 MiB, announced or streamed (chunked)', async () => {
    const announced = await call('POST', '/api/plans.import', '', {
      'Content-Length': String(81 * 1024 * 1024),
    });
    expect(announced.status).toBe(413);
    expect(JSON.parse(announced.body)).toMatchObject({ ok: false, error: { code: 'TOO_LARGE' } });
    const streamed = await call('POST', '/api/plans.import', { chunks: 90, chunkBytes: 1024 * 1024 });
    expect(streamed.status).toBe(413);
    // The server still answers afterwards.
    expect((await api('plans.list', {})).status).toBe(200);
  }, 60_000);

  it.each(['/api/plans.%E0%A4%A', '/api/%', '/api/plans%2'])(
    '400 for the malformed API path %s',
    async (path) => {
      const answer = await call('POST', path, '{}');
      expect(answer.status).toBe(400);
      expect(JSON.parse(answer.body)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    },
  );

  it.each(['/%E0%A4%A', '/assets/%zz.js', '/%'])('400 for the malformed static path %s', async (path) => {
    expect((await call('GET', path)).status).toBe(400);
  });

  it('keeps well-encoded paths working (404 for a missing file, 200 for the page)', async () => {
    expect((await call('GET', '/no%20such.js')).status).toBe(404);
    expect((await call('GET', '/')).status).toBe(200);
  });
});

describe('canvas positions keyed by element ID', () => {
  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty'])(
    'keeps the position of an element named %s',
    async (elementId) => {
      const plan = new PlanBuilder()
        .vpc(elementId, { cidr: '10.0.0.0/16' })
        .vpc('vpc-b', { cidr: '10.1.0.0/16' })
        .build();
      const imported = JSON.parse(
        (await api('plans.import', { text: JSON.stringify(asPlanFile(plan)), fileName: 'p.json' })).body,
      ) as { ok: true; value: { id: string } };
      expect(imported.ok).toBe(true);
      const id = imported.value.id;
      // JSON.parse makes `__proto__` an own key, as a browser's fetch body does.
      const payload = JSON.parse(
        `{"id":${JSON.stringify(id)},"positions":{${JSON.stringify(elementId)}:{"x":11,"y":22},"vpc-b":{"x":1,"y":2}}}`,
      ) as unknown;
      const saved = await api('plans.savePositions', payload);
      expect(JSON.parse(saved.body)).toMatchObject({ ok: true });
      const stored = JSON.parse((await api('plans.get', { id })).body) as {
        value: { positions: Record<string, unknown> };
      };
      const positions = stored.value.positions;
      expect(Object.keys(positions).sort()).toEqual([elementId, 'vpc-b'].sort());
      expect(Object.getOwnPropertyDescriptor(positions, elementId)?.value).toEqual({ x: 11, y: 22 });
    },
  );
});
