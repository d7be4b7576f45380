/**
 * The messages between the Traffic tab and its import worker (traffic-import.worker.ts).
 */
import type { TrafficSample } from '../../../shared/plan/model';

export interface TrafficImportRequest {
  readonly file: Blob;
  /** The plan's peering IDs: a sample naming another one is an error. */
  readonly peerings: readonly string[];
}

export type TrafficImportMessage =
  | { readonly kind: 'progress'; readonly bytes: number; readonly total: number; readonly lines: number }
  /** A batch of samples read (posted as they come, so no single message is huge). */
  | { readonly kind: 'samples'; readonly samples: TrafficSample[]; readonly instants: Float64Array }
  | { readonly kind: 'error'; readonly line: number; readonly message: string }
  | { readonly kind: 'done'; readonly lines: number };
