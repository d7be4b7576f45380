/**
 * `peerplan://app/…`: the built renderer served to the window from a custom protocol (never
 * `file://`, which would give the page the whole disk's origin), with the app's CSP on every
 * response. Registered in `main.ts` with `protocol.handle`.
 */
import { readFile } from 'node:fs/promises';
import { contentTypeOf, SECURITY_HEADERS } from '../security-headers';
import { resolveStaticFile } from '../static-files';

export const APP_SCHEME = 'peerplan';
export const APP_START_URL = `${APP_SCHEME}://app/index.html`;

export function createAppProtocolHandler(staticDir: string): (request: Request) => Promise<Response> {
  return async (request) => {
    const url = new URL(request.url);
    const file = url.host === 'app' ? resolveStaticFile(staticDir, url.pathname) : null;
    if (!file) return new Response('Not found', { status: 404, headers: { ...SECURITY_HEADERS } });
    const body = await readFile(file);
    return new Response(body, {
      status: 200,
      headers: { ...SECURITY_HEADERS, 'Content-Type': contentTypeOf(file) },
    });
  };
}
