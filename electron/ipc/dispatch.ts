/**
 * The one door into the handler table, used by Electron's IPC wrapper and by the loopback server
 * alike: the payload is parsed with the channel's schema from `shared/ipc/contract.ts` whatever the
 * caller claims, and the answer is always `{ ok: true, value } | { ok: false, error }`: nothing
 * throws across the boundary, and nothing reaches a handler unparsed.
 */
import type { ApiError, ApiResult, Channel, Handlers } from '../../shared/ipc/contract';
import { channels } from '../../shared/ipc/contract';
import { StoreError } from '../../shared/store/repository';
import { ApiFailure } from './api-failure';

export function isChannel(name: string): name is Channel {
  return Object.prototype.hasOwnProperty.call(channels, name);
}

function formatIssuePath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const segment of path) {
    text += typeof segment === 'number' ? `[${segment}]` : `${text ? '.' : ''}${String(segment)}`;
  }
  return text;
}

function failure(error: ApiError): { ok: false; error: ApiError } {
  return { ok: false, error };
}

export async function dispatch(
  handlers: Handlers,
  channel: string,
  payload: unknown,
  log: (message: string) => void = (message) => console.error(message),
): Promise<ApiResult<unknown>> {
  if (!isChannel(channel)) {
    return failure({ code: 'UNKNOWN_CHANNEL', message: `There is no API channel "${channel}".` });
  }
  // Channels without fields may be called without a payload; anything else must match the schema.
  const parsed = channels[channel].request.safeParse(payload === undefined ? {} : payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue ? formatIssuePath(issue.path) : '';
    return failure({
      code: 'BAD_REQUEST',
      message: `${channel}: ${path ? `${path}: ` : ''}${issue?.message ?? 'malformed request'}`,
      ...(path ? { path } : {}),
    });
  }
  try {
    const handler = handlers[channel] as (request: unknown) => unknown;
    return { ok: true, value: await handler(parsed.data) };
  } catch (error) {
    if (error instanceof ApiFailure) return failure(error.error);
    if (error instanceof StoreError) return failure({ code: error.code, message: error.message });
    const message = error instanceof Error ? error.message : String(error);
    log(`peerplan: ${channel} failed: ${error instanceof Error && error.stack ? error.stack : message}`);
    return failure({ code: 'INTERNAL', message: `${channel} failed: ${message}` });
  }
}
