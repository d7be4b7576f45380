/**
 * The example plans that ship with Peerplan. They are product: the start screen offers them, the
 * README's commands run them (`shared/examples/*.json`), and the tests and benchmarks read these
 * same files, so everything in the repository works on a fresh clone with nothing beside it.
 *
 * The JSON files are the source; they are bundled as data (Vite, esbuild and tsx all import
 * JSON) and checked against the plan schema once, when first asked for.
 */
import type { PlanFile } from '../plan/schema';
import { planFileSchema } from '../plan/schema';
import ccn from './ccn.json';
import multiRegion from './multi-region.json';
import quickstart from './quickstart.json';
import shanghaiHub from './shanghai-hub.json';

export interface ExamplePlan {
  /** The file name in shared/examples without `.json`. */
  readonly id: string;
  /** What the start screen's button says after "Open the". */
  readonly label: string;
  readonly description: string;
  readonly plan: PlanFile;
}

const SOURCES: readonly { id: string; label: string; description: string; json: unknown }[] = [
  {
    id: 'quickstart',
    label: 'quick-start example',
    description: 'Guangzhou to Beijing: two VPCs and one cross-region peering.',
    json: quickstart,
  },
  {
    id: 'shanghai-hub',
    label: 'Shanghai hub example',
    description:
      'A shared-services hub in Shanghai with three spokes, a partner account and a few mistakes to find.',
    json: shanghaiHub,
  },
  {
    id: 'multi-region',
    label: 'multi-region example',
    description:
      'Shanghai core peered to Guangzhou, Beijing (another account) and Hong Kong, with their costs.',
    json: multiRegion,
  },
  {
    id: 'ccn',
    label: 'CCN example',
    description:
      'Shanghai, Guangzhou and Beijing on one Cloud Connect Network, a pending member of another account, and a legacy Guangzhou–Chengdu peering to migrate.',
    json: ccn,
  },
];

let parsed: readonly ExamplePlan[] | undefined;

/** Every example, in the order the start screen lists them. */
export function examplePlans(): readonly ExamplePlan[] {
  parsed ??= SOURCES.map(({ json, ...rest }) => ({ ...rest, plan: planFileSchema.parse(json) }));
  return parsed;
}
