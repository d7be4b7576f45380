/**
 * The browser build's server: the built renderer and the same handler table as Electron, on
 * 127.0.0.1 only, on a free port. Every API call must carry the per-run secret in
 * `X-Peerplan-Token` (the printed URL holds it in its fragment, which browsers never send, so it
 * stays out of logs and Referer headers); Host and Origin must name this server, which stops DNS
 * rebinding and cross-site pages from reaching the API. Pages carry the app's CSP.
 *
 *   const { url, close } = await startServer({ dbPath });   // url: http://127.0.0.1:PORT/#token=…
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { Handlers } from '../shared/ipc/contract';
import { dispatch } from './ipc/dispatch';
import { contentTypeOf, SECURITY_HEADERS } from './security-headers';
import { resolveStaticFile } from './static-files';
import { WorkerPlanRepository } from './store/worker-client';
import { SOURCE_WORKER_FILE } from './store/worker-file';

export const TOKEN_HEADER = 'x-peerplan-token';
/** Import allows 64 MiB of plan text; JSON escaping can grow it a little. */
const MAX_BODY_BYTES = 80 * 1024 * 1024;
/** How long the rest of a body over the limit is read (and dropped) after the 413. */
const DRAIN_LIMIT_MS = 30_000;
const DEFAULT_STATIC_DIR = fileURLToPath(new URL('../dist-renderer', import.meta.url));

export interface ServerOptions {
  /** The library file. */
  readonly dbPath: string;
  /** 0 (the default) picks a free port. */
  readonly port?: number;
  /** The built renderer; default dist-renderer/. */
  readonly staticDir?: string;
  /** Overrides the random secret (tests only). */
  readonly token?: string;
  readonly version?: string;
  /** Handlers to serve instead of the library's (tests). */
  readonly handlers?: Handlers;
  /** The library's worker thread script; default the TypeScript source's bootstrap (run under tsx). */
  readonly workerFile?: string;
}

export interface RunningServer {
  /** The URL to open, with the secret in its fragment. */
  readonly url: string;
  readonly origin: string;
  readonly port: number;
  readonly token: string;
  close(): Promise<void>;
}

function send(
  response: ServerResponse,
  status: number,
  body: string,
  type = 'application/json; charset=utf-8',
): void {
  response.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': type, 'Cache-Control': 'no-store' });
  response.end(body);
}

function sendError(response: ServerResponse, status: number, code: string, message: string): void {
  send(response, status, JSON.stringify({ ok: false, error: { code, message } }));
}

function sameSecret(given: string | undefined, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The request body as text, or null when it is over MAX_BODY_BYTES. A body announced as too
 * large (Content-Length) is refused before a byte is read; one that grows too large is no longer
 * kept. Either way the caller answers 413 and closes the connection (see `refuseTooLarge`):
 * destroying the socket at once would reset the connection before the client reads the answer.
 */
function readBody(request: IncomingMessage): Promise<string | { tooLarge: TooLarge }> {
  const announced = Number(request.headers['content-length'] ?? 0);
  if (announced > MAX_BODY_BYTES) return Promise.resolve({ tooLarge: 'announced' });
  return new Promise((resolvePromise, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const collect = (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        chunks.length = 0;
        request.off('data', collect);
        resolvePromise({ tooLarge: 'streamed' });
        return;
      }
      chunks.push(chunk);
    };
    request.on('data', collect);
    request.on('end', () => resolvePromise(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

/** Why a body was refused: its Content-Length said so, or it grew over the limit as it came. */
type TooLarge = 'announced' | 'streamed';

/**
 * 413 for a body over the limit, then the connection is closed (it cannot carry another request:
 * the body is not read). A body refused as it came is read and dropped to its end first, so the
 * client, still sending, is not reset before it can read the status; a sender that goes on for
 * more than DRAIN_LIMIT_MS is cut off.
 */
function refuseTooLarge(request: IncomingMessage, response: ServerResponse, why: TooLarge): void {
  const message = `The request is larger than ${MAX_BODY_BYTES / (1024 * 1024)} MiB, the limit of this server.`;
  if (why === 'announced') {
    response.shouldKeepAlive = false;
    sendError(response, 413, 'TOO_LARGE', message);
    return;
  }
  request.on('data', () => undefined);
  request.resume();
  const cutOff = setTimeout(() => request.socket.destroy(), DRAIN_LIMIT_MS);
  cutOff.unref();
  request.once('end', () => {
    clearTimeout(cutOff);
    request.socket.end();
  });
  sendError(response, 413, 'TOO_LARGE', message);
}

function isWellEncoded(path: string): boolean {
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const staticDir = options.staticDir ?? DEFAULT_STATIC_DIR;
  // The library lives in a worker thread: a long save never holds up another request.
  const repository = options.handlers
    ? null
    : await WorkerPlanRepository.open(options.dbPath, {
        workerFile: options.workerFile ?? SOURCE_WORKER_FILE,
        api: { shell: 'browser', version: options.version ?? '0.0.0' },
      });

  let allowedHosts = new Set<string>();
  let allowedOrigins = new Set<string>();

  const server = createServer((request, response) => {
    void handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) sendError(response, 500, 'INTERNAL', String(error));
      else response.destroy();
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    // DNS rebinding: a page of evil.example that resolves to 127.0.0.1 still sends its own Host.
    if (!allowedHosts.has(request.headers.host ?? '')) {
      sendError(
        response,
        403,
        'FORBIDDEN',
        'This server only answers requests addressed to it on 127.0.0.1.',
      );
      return;
    }
    const origin = request.headers.origin;
    if (origin !== undefined && !allowedOrigins.has(origin)) {
      sendError(response, 403, 'FORBIDDEN', `Requests from ${origin} are refused.`);
      return;
    }
    const path = (request.url ?? '/').split('?')[0]!;
    if (path.startsWith('/api/')) {
      if (request.method !== 'POST') {
        response.setHeader('Allow', 'POST');
        sendError(response, 405, 'METHOD', 'API calls are POST requests.');
        return;
      }
      const given = request.headers[TOKEN_HEADER];
      if (given === undefined) {
        sendError(response, 401, 'UNAUTHORIZED', `API calls must carry the secret in ${TOKEN_HEADER}.`);
        return;
      }
      if (!sameSecret(Array.isArray(given) ? given[0] : given, token)) {
        sendError(response, 403, 'FORBIDDEN', 'The secret of this call is wrong.');
        return;
      }
      if (!(request.headers['content-type'] ?? '').startsWith('application/json')) {
        sendError(response, 415, 'BAD_REQUEST', 'API calls send JSON (Content-Type: application/json).');
        return;
      }
      const body = await readBody(request);
      if (typeof body !== 'string') {
        refuseTooLarge(request, response, body.tooLarge);
        return;
      }
      let channel: string;
      try {
        channel = decodeURIComponent(path.slice('/api/'.length));
      } catch {
        sendError(response, 400, 'BAD_REQUEST', 'The path has a malformed percent-encoding.');
        return;
      }
      // The library's worker parses, checks and answers the call: a big save never holds up the
      // requests that come meanwhile.
      if (repository) {
        send(response, 200, await repository.dispatchJson(channel, body));
        return;
      }
      let payload: unknown;
      try {
        payload = body === '' ? undefined : JSON.parse(body);
      } catch {
        send(
          response,
          200,
          JSON.stringify({ ok: false, error: { code: 'BAD_REQUEST', message: 'The request is not JSON.' } }),
        );
        return;
      }
      const result = await dispatch(options.handlers!, channel, payload);
      send(response, 200, JSON.stringify(result));
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      sendError(response, 405, 'METHOD', 'Only GET here.');
      return;
    }
    if (!isWellEncoded(path)) {
      send(response, 400, 'Malformed percent-encoding in the path.', 'text/plain; charset=utf-8');
      return;
    }
    const file = resolveStaticFile(staticDir, path);
    if (!file) {
      send(response, 404, 'Not found', 'text/plain; charset=utf-8');
      return;
    }
    const content = await readFile(file);
    response.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': contentTypeOf(file),
      'Cache-Control': file.endsWith('index.html') ? 'no-store' : 'no-cache',
    });
    response.end(request.method === 'HEAD' ? undefined : content);
  }

  try {
    await new Promise<void>((resolvePromise, reject) => {
      server.once('error', reject);
      server.listen({ host: '127.0.0.1', port: options.port ?? 0 }, () => resolvePromise());
    });
  } catch (error) {
    await repository?.close();
    throw error;
  }
  const port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  allowedOrigins = new Set([origin, `http://localhost:${port}`]);

  return {
    url: `${origin}/#token=${token}`,
    origin,
    port,
    token,
    close: () =>
      new Promise<void>((resolvePromise) => {
        server.closeAllConnections();
        server.close(() => {
          void (repository?.close() ?? Promise.resolve()).then(() => resolvePromise());
        });
      }),
  };
}
