/**
 * Imported first by main.ts, so it runs before any module that builds or uses a schema: the
 * page's policy forbids eval (electron/security-headers.ts), and zod would otherwise probe for it
 * with `new Function` (a reported violation) to compile faster checkers.
 */
import { config } from 'zod';

config({ jitless: true });
