/**
 * The Content-Security-Policy the app must send, written out here directive by directive (not
 * read from electron/security-headers.ts, so a weakened policy fails the tests that use it):
 * scripts and styles only from the app itself (no inline, no eval), images and fonts also from
 * data/blob URLs (the canvas export, uPlot), connections back to the app only, nothing framed,
 * posted or embedded.
 */
import { expect } from 'vitest';

export const STRICT_POLICY: Readonly<Record<string, readonly string[]>> = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'worker-src': ["'self'", 'blob:'],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
  'frame-src': ["'none'"],
};

/** A policy header as directive → sources (order of sources kept, directives by name). */
export function parsePolicy(header: string | null | undefined): Record<string, string[]> {
  const directives: Record<string, string[]> = {};
  for (const part of (header ?? '').split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) directives[name] = sources;
  }
  return directives;
}

export function expectStrictPolicy(header: string | null | undefined): void {
  expect(parsePolicy(header)).toEqual(STRICT_POLICY);
}
