/**
 * Export › Picture (SVG): the HTML report's topology drawing as a file of its own. The report
 * styles the drawing from its stylesheet, so the standalone picture carries the same rules in a
 * `<style>` of its own (and a white background and a font), or every box would be black.
 */
import type { Plan } from '../plan/model';
import { buildReview } from './review';
import { renderTopologySvg, TOPOLOGY_CSS } from './topology-svg';

const STANDALONE_CSS = `${TOPOLOGY_CSS}.topology { font-family: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; background: #ffffff; }
`;

export function exportTopologySvg(plan: Plan): string {
  const svg = renderTopologySvg(buildReview(plan));
  const head = svg.indexOf('>') + 1;
  return `<?xml version="1.0" encoding="UTF-8"?>\n${svg.slice(0, head)}<style>${STANDALONE_CSS}</style>${svg.slice(head)}\n`;
}
