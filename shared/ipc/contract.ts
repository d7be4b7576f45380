/**
 * The one API between the UI and the Node side. Each channel has a request schema (checked at
 * the boundary, whatever the caller claims) and a response type. The Electron preload exposes
 * one function per channel; the browser build carries the same calls over a loopback bridge;
 * `electron/handlers.ts` implements every channel (the `Handlers` type makes a missing one a
 * compile error).
 */
import { z } from 'zod';
import type { PlanStats } from '../diff/plan-stats';
import type { Plan } from '../plan/model';
import { planFileSchema } from '../plan/schema';
import { emptyPositions } from '../store/repository';
import type { ChannelName, MenuCommand } from './channel-names';

export { ipcChannelName, MENU_COMMANDS, MENU_EVENT_CHANNEL, OPEN_PLAN_EVENT_CHANNEL } from './channel-names';
export type { MenuCommand } from './channel-names';

const planId = z.string().min(1);
const nodePosition = z.strictObject({ x: z.number().finite(), y: z.number().finite() });
// Not z.record: it copies into a plain object, where an element named `__proto__` is lost.
const nodePositions = z
  .custom<Record<string, unknown>>(
    (value) => typeof value === 'object' && value !== null && !Array.isArray(value),
  )
  .transform((value, context) => {
    const positions = emptyPositions();
    for (const [elementId, position] of Object.entries(value)) {
      const checked = nodePosition.safeParse(position);
      if (!checked.success) {
        for (const issue of checked.error.issues)
          context.addIssue({ ...issue, path: [elementId, ...issue.path] } as z.core.$ZodRawIssue);
        return z.NEVER;
      }
      positions[elementId] = checked.data;
    }
    return positions;
  });

export interface PlanSummary {
  readonly id: string;
  readonly name: string;
  /** ISO time of the last save. */
  readonly updatedAt: string;
  readonly vpcCount: number;
  readonly peeringCount: number;
}

export interface StoredPlan {
  readonly id: string;
  readonly plan: Plan;
  /** Canvas positions by element id (VPC ids; region compounds are laid out around them). */
  readonly positions: Record<string, { x: number; y: number }>;
  readonly updatedAt: string;
}

export interface RevisionSummary {
  readonly id: number;
  readonly planId: string;
  readonly message: string;
  readonly createdAt: string;
}

/** A revision as the History lists it: with the figures of its plan. */
export interface RevisionListItem extends RevisionSummary {
  readonly stats: PlanStats;
}

/** What `plans.export` writes: every `peerplan export --to` format, and the topology picture. */
export const PLAN_EXPORT_FORMATS = ['md', 'html', 'csv', 'tf', 'api', 'json', 'svg'] as const;
export type PlanExportFormat = (typeof PLAN_EXPORT_FORMATS)[number];

export interface AppInfo {
  readonly version: string;
  readonly libraryPath: string;
  readonly shell: 'electron' | 'browser';
}

/** A refusal the user should read: which file, which field or line, what is wrong. */
export interface ApiError {
  readonly code: string;
  readonly message: string;
  /** JSON path of the offending field, when there is one. */
  readonly path?: string;
  readonly line?: number;
  readonly column?: number;
}

export type ApiResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ApiError };

export const channels = {
  'app.info': { request: z.strictObject({}), response: null as unknown as AppInfo },
  'plans.list': { request: z.strictObject({}), response: null as unknown as PlanSummary[] },
  'plans.get': { request: z.strictObject({ id: planId }), response: null as unknown as StoredPlan },
  'plans.create': {
    request: z.strictObject({ name: z.string().min(1).max(200), plan: planFileSchema.optional() }),
    response: null as unknown as StoredPlan,
  },
  /** Autosave: replaces the plan's current content in one transaction. */
  'plans.save': {
    request: z.strictObject({ id: planId, plan: planFileSchema }),
    response: null as unknown as { updatedAt: string },
  },
  'plans.rename': {
    request: z.strictObject({ id: planId, name: z.string().min(1).max(200) }),
    response: null as unknown as PlanSummary,
  },
  'plans.duplicate': {
    request: z.strictObject({ id: planId, name: z.string().min(1).max(200).optional() }),
    response: null as unknown as PlanSummary,
  },
  'plans.delete': { request: z.strictObject({ id: planId }), response: null as unknown as { deleted: true } },
  'plans.savePositions': {
    request: z.strictObject({ id: planId, positions: nodePositions }),
    response: null as unknown as { updatedAt: string },
  },
  /** Import a plan file's text; refusals carry the path or line and column. */
  'plans.import': {
    request: z.strictObject({ text: z.string().max(64 * 1024 * 1024), fileName: z.string().max(1024) }),
    response: null as unknown as StoredPlan,
  },
  /**
   * A stored plan exported as the command line's `peerplan export --to FORMAT` writes it (the same
   * function of shared/export, on the plan as stored), or its topology drawing as SVG; without a
   * format, the normalised plan file.
   */
  'plans.export': {
    request: z.strictObject({ id: planId, format: z.enum(PLAN_EXPORT_FORMATS).optional() }),
    response: null as unknown as { fileName: string; text: string },
  },
  /** Newest first, each with its plan's figures. */
  'revisions.list': {
    request: z.strictObject({ planId }),
    response: null as unknown as RevisionListItem[],
  },
  'revisions.save': {
    request: z.strictObject({ planId, message: z.string().max(2000) }),
    response: null as unknown as RevisionSummary,
  },
  /** A revision's plan, read-only. */
  'revisions.open': {
    request: z.strictObject({ revisionId: z.number().int().positive() }),
    response: null as unknown as {
      revision: RevisionSummary;
      plan: Plan;
      positions: Record<string, { x: number; y: number }>;
    },
  },
  /** Makes a revision the plan's current content (the current content is kept as a revision first). */
  'revisions.restore': {
    request: z.strictObject({ revisionId: z.number().int().positive() }),
    response: null as unknown as StoredPlan,
  },
  /**
   * Saves a text file. In Electron, `path` omitted opens the native save dialog; the browser
   * build has no file system access and answers `UNSUPPORTED` (the renderer downloads instead).
   */
  'files.saveText': {
    request: z.strictObject({
      suggestedName: z.string().max(255),
      text: z.string(),
      path: z.string().optional(),
      /** `base64`: `text` holds bytes (a PNG picture). */
      encoding: z.enum(['utf8', 'base64']).optional(),
    }),
    response: null as unknown as { path: string | null },
  },
  /**
   * Print… in Electron: the HTML report printed to PDF (Chromium's printToPDF, scripts off) and
   * saved where the user says in a "Save as PDF" dialog (null when cancelled). The browser build
   * answers `UNSUPPORTED` (the renderer opens its print dialog instead).
   */
  'files.savePdf': {
    request: z.strictObject({ suggestedName: z.string().max(255), html: z.string() }),
    response: null as unknown as { path: string | null },
  },
  /**
   * Reads a plan file the user picks in Electron's native open dialog (null when cancelled). The
   * browser build answers `UNSUPPORTED` (the renderer uses a file input instead).
   */
  'files.openText': {
    request: z.strictObject({ title: z.string().max(200).optional() }),
    response: null as unknown as { fileName: string; text: string } | null,
  },
  /**
   * A consistent copy of the whole library file through SQLite's backup API. In Electron, `path`
   * omitted opens the native save dialog (null when cancelled); the browser build writes the copy
   * beside the library and answers its path.
   */
  'library.saveCopy': {
    request: z.strictObject({ path: z.string().optional() }),
    response: null as unknown as { path: string | null },
  },
} as const;

export type Channel = keyof typeof channels;
export const CHANNELS = Object.keys(channels) as Channel[];

// channel-names.ts (what the preload bundles) names exactly these channels: a channel added to
// one and not the other is a compile error here.
type SameNames<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const channelNamesMatch: SameNames<Channel, ChannelName> = true;
void channelNamesMatch;

export type RequestOf<C extends Channel> = z.infer<(typeof channels)[C]['request']>;
export type ResponseOf<C extends Channel> = (typeof channels)[C]['response'];

/** What the preload exposes as `window.peerplan`, and what the loopback bridge client implements. */
export type Api = { readonly [C in Channel]: (request: RequestOf<C>) => Promise<ApiResult<ResponseOf<C>>> };

/** `window.peerplan` in Electron: one function per channel, plus the menu subscription. */
export type PeerplanBridge = Api & {
  /** Subscribes to menu events; returns the unsubscribe function. */
  readonly onMenuCommand: (listener: (command: MenuCommand) => void) => () => void;
  /** Subscribes to plans the shell opened (a plan file double-clicked, Open Recent); returns the unsubscribe function. */
  readonly onOpenPlan: (listener: (planId: string) => void) => () => void;
};

/** The Node side's implementation: one function per channel; a missing one fails to compile. */
export type Handlers = {
  readonly [C in Channel]: (request: RequestOf<C>) => ResponseOf<C> | Promise<ResponseOf<C>>;
};
