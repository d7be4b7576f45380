/**
 * One browser-build session for a test file: a temporary library, helper-3's loopback server
 * serving dist-renderer/, and Debian's Chromium driven by playwright-core.
 */
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, expect } from 'vitest';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startServer } from '../../electron/server';
import { CHROMIUM, CHROMIUM_CANVAS_ARGS } from '../chromium';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const RESULTS = join(ROOT, 'test-results');

/** An example plan file: the team's `../shared/examples` beside the checkout (as CI lays it out), else the copy in test/fixtures. */
/** An example plan that ships with Peerplan (shared/examples). */
export function examplePath(name: string): string {
  return join(ROOT, 'shared', 'examples', name);
}

export const CHROMIUM_ARGS: readonly string[] = [
  ...CHROMIUM_CANVAS_ARGS,
  // The renderer's V8 young generation, as electron/main.ts sets it for the app's windows.
  '--js-flags=--max-semi-space-size=64',
];

export interface Session {
  readonly page: Page;
  readonly url: string;
  /** The session's temporary plan library (SQLite), for tests that check what was saved. */
  readonly dbPath: string;
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

export async function openSession(options: { colorScheme?: 'light' | 'dark' } = {}): Promise<Session> {
  mkdirSync(RESULTS, { recursive: true });
  const dir = mkdtempSync(join(tmpdir(), 'peerplan-e2e-'));
  const dbPath = join(dir, 'library.peerplan');
  const server = await startServer({
    dbPath,
    staticDir: join(ROOT, 'dist-renderer'),
  });
  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [...CHROMIUM_ARGS],
  });
  const context: BrowserContext = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    colorScheme: options.colorScheme ?? 'light',
  });
  // Every Content-Security-Policy violation of every page, for test/e2e/csp.e2e.test.ts.
  await context.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) =>
      seen.push(
        `${event.effectiveDirective} blocked ${event.blockedURI || 'inline'} (${event.sourceFile}:${event.lineNumber})`,
      ),
    );
  });
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error('page error:', error));
  await page.goto(server.url);
  return {
    page,
    url: server.url,
    dbPath,
    newPage: () => context.newPage(),
    async close() {
      await browser.close();
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * One session for the enclosing describe block: opened in `beforeAll` (ready once the
 * `Welcome to Peerplan` heading shows), closed in `afterAll`. `onOpen` receives it (to keep its
 * page in a variable); the getter returned gives it to tests once open.
 */
export function useSession(
  options: { colorScheme?: 'light' | 'dark'; onOpen?: (session: Session) => void } = {},
): () => Session {
  let session: Session | undefined;
  beforeAll(async () => {
    session = await openSession(options.colorScheme ? { colorScheme: options.colorScheme } : {});
    await session.page.getByRole('heading', { name: 'Welcome to Peerplan' }).waitFor();
    options.onOpen?.(session);
  });
  afterAll(async () => {
    await session?.close();
  });
  return () => {
    if (!session) throw new Error('The session opens in beforeAll: use it inside a test.');
    return session;
  };
}

/**
 * Imports a plan through the hidden `Plan file to import` input (a file's path, or a plan object
 * sent as `<name>.json`) and waits until it is open: the Findings tab, and the button of the plan
 * (named after the object's `name`, else `name`).
 */
export async function importPlan(page: Page, plan: string | object, name: string): Promise<void> {
  const input = page.getByLabel('Plan file to import');
  if (typeof plan === 'string') await input.setInputFiles(plan);
  else
    await input.setInputFiles({
      name: `${name}.json`,
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(plan)),
    });
  const title =
    typeof plan === 'object' && 'name' in plan && typeof plan.name === 'string' ? plan.name : name;
  await page
    .getByRole('button', { name: new RegExp(`^${escapeRegExp(title)}`) })
    .first()
    .waitFor();
  await page.getByRole('tab', { name: 'Findings', exact: true }).waitFor();
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Waits until the app says the open plan is saved to the library. */
/** One API call through the session's loopback server, as the page makes it (with the run's secret). */
export async function callApi<T>(session: Session, channel: string, request: unknown): Promise<T> {
  const url = new URL(session.url);
  const token = decodeURIComponent(/token=([^&]+)/.exec(url.hash)![1]!);
  const response = await fetch(`${url.origin}/api/${channel}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Peerplan-Token': token },
    body: JSON.stringify(request),
  });
  const body = (await response.json()) as { ok: boolean; value?: T; error?: { message: string } };
  if (!body.ok) throw new Error(`${channel}: ${body.error?.message}`);
  return body.value as T;
}

export async function waitSaved(page: Page): Promise<void> {
  await expect
    .poll(() => page.getByRole('status', { name: 'Save state' }).textContent(), { timeout: 10_000 })
    .toBe('Saved');
}

/** The canvas position the session's library (SQLite) holds for an element, if any. */
export function savedPosition(dbPath: string, elementId: string): { x: number; y: number } | undefined {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT x, y FROM canvas_positions WHERE element_id = ?').get(elementId) as
      { x: number; y: number } | undefined;
  } finally {
    db.close();
  }
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(RESULTS, `${name}.png`) });
}

/** The Content-Security-Policy violations the page reported so far. */
export function cspViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => [...(window as unknown as { __cspViolations: string[] }).__cspViolations]);
}

interface CanvasProbe {
  peerplanView?: {
    cy: {
      animated(): boolean;
      container(): HTMLElement;
      getElementById(id: string): {
        position(): { x: number; y: number };
        renderedPosition(): { x: number; y: number };
      };
    };
  };
}

/** The model position (canvas units, whatever the zoom) of a drawn element. */
export function modelPosition(page: Page, elementId: string): Promise<{ x: number; y: number }> {
  return page.evaluate((id) => {
    const canvas = document.querySelector('[data-testid="canvas"]') as HTMLElement & CanvasProbe;
    const { x, y } = canvas.peerplanView!.cy.getElementById(id).position();
    return { x, y };
  }, elementId);
}

/**
 * True once the canvas has stopped animating with `elementId` at its centre (as Find leaves it):
 * the state a drag from the centre needs, instead of a fixed wait for the animation.
 */
export function centredOn(page: Page, elementId: string): Promise<boolean> {
  return page.evaluate((id) => {
    const canvas = document.querySelector('[data-testid="canvas"]') as HTMLElement & CanvasProbe;
    const cy = canvas.peerplanView!.cy;
    const node = cy.getElementById(id).renderedPosition();
    const origin = cy.container().getBoundingClientRect();
    const frame = canvas.getBoundingClientRect();
    const dx = origin.left + node.x - (frame.left + frame.width / 2);
    const dy = origin.top + node.y - (frame.top + frame.height / 2);
    return !cy.animated() && Math.hypot(dx, dy) < 2;
  }, elementId);
}

/**
 * Drags from the canvas's centre (moved by `offset`, to grab a node beside the edges that meet at
 * its centre) by (dx, dy) screen pixels, in ten mouse moves.
 */
export async function dragFromCentre(
  page: Page,
  dx: number,
  dy: number,
  offset: { x: number; y: number } = { x: 0, y: 0 },
): Promise<void> {
  const box = (await page.getByTestId('canvas').boundingBox())!;
  const centre = { x: box.x + box.width / 2 + offset.x, y: box.y + box.height / 2 + offset.y };
  await page.mouse.move(centre.x, centre.y);
  await page.mouse.down();
  for (let step = 1; step <= 10; step++)
    await page.mouse.move(centre.x + (step * dx) / 10, centre.y + (step * dy) / 10);
  await page.mouse.up();
}
