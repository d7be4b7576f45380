/**
 * renderer/index.html carries the app's policy as a <meta> fallback: the same directives as the
 * header the app sends, except frame-ancestors (which a <meta> policy cannot carry), and the
 * built page keeps it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, META_CONTENT_SECURITY_POLICY } from '../../electron/security-headers';
import { REPO_ROOT } from './run-peerplan';
import { parsePolicy, STRICT_POLICY } from './strict-csp';

describe('the <meta> policy of renderer/index.html', () => {
  it('is the strict policy without frame-ancestors, the same as the header', () => {
    const html = readFileSync(join(REPO_ROOT, 'renderer/index.html'), 'utf8');
    const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/.exec(html)?.[1];
    const { 'frame-ancestors': _onlyInHeaders, ...expected } = STRICT_POLICY;
    expect(parsePolicy(meta)).toEqual(expected);
    expect(meta).toBe(META_CONTENT_SECURITY_POLICY);
    expect(parsePolicy(CONTENT_SECURITY_POLICY)).toEqual(STRICT_POLICY);
  });
});
