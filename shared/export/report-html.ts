/**
 * The HTML review report: one self-contained file (inline CSS and SVG, no script, no external
 * request; a Content-Security-Policy forbids any), printable (print stylesheet, sections that do
 * not split). The same content as the Markdown report (review.ts, review-digest.ts), with the
 * topology drawn (VPC by VPC, or by region for a big plan) and each peering's route tables
 * folded in a `<details>` (no script needed), so a plan of thousands of peerings opens at once.
 */
import type { Plan, Vpc } from '../plan/model';
import type { EffectiveRoute } from '../routing/route-tables';
import type { Severity } from '../rules/finding';
import type { Review, ReviewCcn, ReviewPeering, ReviewRouteTable } from './review';
import {
  REACH_LIST_MAX_ROWS,
  REACH_MATRIX_MAX_SUBNETS,
  REACH_SYMBOL,
  buildReview,
  connectedVpcsText,
  describeNextHop,
  formatCny,
  peeringTableView,
  reachMatrix,
} from './review';
import { htmlText as esc } from './escape';
import {
  CCN_PUBLISHED_MAX_ROWS,
  FINDING_EXAMPLES,
  FULL_LISTS,
  SUMMARY_TOP_CODES,
  costRows,
  findingGroups,
  formatCount,
  payersByCost,
  peeringSections,
  plural,
  reviewSummary,
} from './review-digest';
import { SVG_VPC_VIEW_MAX, TOPOLOGY_CSS, renderTopologySvg, topologyView } from './topology-svg';

const SEVERITY_TITLES: Record<Severity, string> = { error: 'Errors', warning: 'Warnings', info: 'Infos' };

/** Said wherever costs in two currencies stand side by side. */
const CURRENCIES_NOTE =
  'Peerings are billed in CNY and CCNs in USD: each currency has its own total, never added together.';

const CSS = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; color: #0f172a; background: #ffffff; }
main { max-width: 1200px; margin: 0 auto; padding: 24px 28px 48px; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 32px 0 12px; padding-bottom: 4px; border-bottom: 2px solid #e2e8f0; }
h3 { font-size: 16px; margin: 20px 0 8px; }
.meta { color: #475569; margin: 0 0 16px; }
code, .mono { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 12.5px; }
table { border-collapse: collapse; margin: 8px 0 16px; }
caption { text-align: left; font-weight: 600; padding: 4px 0; }
th, td { border: 1px solid #cbd5e1; padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #f1f5f9; font-weight: 600; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.cards { display: flex; flex-wrap: wrap; gap: 12px; margin: 12px 0; }
.card { border: 1px solid #cbd5e1; border-radius: 8px; padding: 10px 16px; min-width: 110px; }
.card .value { font-size: 22px; font-weight: 700; }
.card .label { color: #475569; font-size: 12px; text-transform: uppercase; letter-spacing: 0.04em; }
.card.error .value { color: #b91c1c; } .card.warning .value { color: #b45309; } .card.info .value { color: #0369a1; }
.verdict { font-weight: 600; padding: 8px 12px; border-radius: 6px; display: inline-block; }
.verdict.bad { background: #fee2e2; color: #991b1b; } .verdict.good { background: #dcfce7; color: #166534; }
.sev { display: inline-block; min-width: 64px; font-size: 11px; font-weight: 700; text-transform: uppercase; padding: 1px 6px; border-radius: 4px; text-align: center; }
.sev.error { background: #fee2e2; color: #991b1b; } .sev.warning { background: #fef3c7; color: #92400e; } .sev.info { background: #e0f2fe; color: #075985; }
ul.findings { list-style: none; padding: 0; margin: 0; }
ul.findings li { padding: 6px 0; border-bottom: 1px solid #f1f5f9; }
ul.findings .code { font-weight: 700; margin: 0 6px; }
ul.findings .subjects { color: #475569; }
tr.suggested td { background: #fffbeb; }
td.codes { color: #b91c1c; font-weight: 600; }
.facts { color: #334155; margin: 4px 0 8px; }
.sides { display: grid; grid-template-columns: repeat(auto-fit, minmax(360px, 1fr)); gap: 16px; }
.side h4 { margin: 8px 0 4px; font-size: 14px; }
.figure { border: 1px solid #e2e8f0; border-radius: 8px; padding: 8px; overflow-x: auto; }
.legend { display: flex; flex-wrap: wrap; gap: 16px; color: #334155; font-size: 12px; margin: 8px 0; }
.legend svg { vertical-align: middle; margin-right: 4px; }
table.matrix td, table.matrix th { text-align: center; padding: 3px 6px; }
table.matrix th.row { text-align: left; }
td.reach-reachable { background: #dcfce7; color: #166534; } td.reach-partial { background: #fef9c3; color: #854d0e; }
td.reach-no-return { background: #ffedd5; color: #9a3412; } td.reach-unreachable { background: #fee2e2; color: #991b1b; }
td.reach-local { background: #f1f5f9; color: #94a3b8; }
details.tables { margin: 4px 0 8px; }
details.tables > summary { cursor: pointer; color: #1d4ed8; }
.note { color: #475569; }
tr.total td { font-weight: 700; border-top: 2px solid #94a3b8; }
h4.code { margin: 14px 0 4px; font-size: 14px; }
section { break-inside: auto; }
.peering-block { break-inside: avoid; }
@media print {
  @page { size: A4 landscape; margin: 12mm; }
  body { font-size: 11px; }
  main { max-width: none; padding: 0; }
  h2 { break-after: avoid; }
  .figure { border: none; overflow: visible; }
  table, .peering-block, .figure { break-inside: avoid; }
  tr { break-inside: avoid; }
}
`;

export function exportHtmlReport(plan: Plan): string {
  return renderHtmlReport(buildReview(plan));
}

export function renderHtmlReport(review: Review): string {
  const { plan } = review;
  const body: string[] = [];
  body.push(`<h1>Peering review: ${esc(plan.name)}</h1>`);
  body.push(
    `<p class="meta">Planning date ${esc(plan.asOf)} · generated by Peerplan · IDs are the plan's</p>`,
  );
  body.push(summarySection(review));
  body.push(topologySection(review));
  body.push(findingsSection(review));
  body.push(peeringsSection(review));
  if (review.ccns.length > 0) body.push(ccnsSection(review));
  body.push(reachabilitySection(review));
  body.push(costsSection(review));
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Peering review: ${esc(plan.name)}</title>
<style>${CSS}${TOPOLOGY_CSS}</style>
</head>
<body>
<main>
${body.join('\n')}
</main>
</body>
</html>
`;
}

/** `<code>` for the commands a report names (fixed text written as Markdown code spans). */
function commandHtml(markdown: string): string {
  return esc(markdown).replace(/`([^`]+)`/g, '<code>$1</code>');
}

function summarySection(review: Review): string {
  const s = reviewSummary(review);
  const card = (value: number, label: string, figure: string, cls = '') =>
    `<div class="card ${cls}" data-figure="${figure}"><div class="value">${formatCount(value)}</div><div class="label">${esc(label)}</div></div>`;
  const parts = ['<section id="summary"><h2>Summary</h2>'];
  parts.push(
    `<p class="verdict ${s.errors > 0 ? 'bad' : 'good'}">${
      s.errors > 0
        ? `Not ready: ${plural(s.errors, 'error finding')} must be fixed before this plan is built.`
        : 'No error finding.'
    }</p>`,
  );
  parts.push(
    `<div class="cards">${card(s.vpcs, 'VPCs', 'vpcs')}${card(s.subnets, 'Subnets', 'subnets')}${card(s.peerings, 'Peerings', 'peerings')}${card(s.errors, 'Errors', 'errors', 'error')}${card(s.warnings, 'Warnings', 'warnings', 'warning')}${card(s.infos, 'Infos', 'infos', 'info')}</div>`,
  );
  if (s.costs.length === 0)
    parts.push(
      review.ccns.length > 0
        ? '<p>Nothing costs anything: no billed peering, no billed CCN.</p>'
        : '<p>No peering costs anything: regional peering is free.</p>',
    );
  else {
    const row = (label: string, c: (typeof s.costs)[number], cls: string, figure: string) =>
      `<tr class="${cls}"><td>${label}</td><td class="num" data-figure="${figure}-monthly">${esc(formatCny(c.monthly))}</td><td class="num" data-figure="${figure}-daily">${c.daily === null ? '-' : esc(formatCny(c.daily))}</td><td class="num">${
        c.onRequest > 0 ? `${formatCount(c.onRequest)} on request` : '-'
      }</td></tr>`;
    parts.push(
      `<table class="costs-by-currency"><caption>Cost${s.month ? ` for ${esc(s.month)}` : ''}, per currency</caption><thead><tr><th>Currency</th><th>Per month</th><th>Per day (now)</th><th>Payers not counted</th></tr></thead><tbody>${s.costs
        .map((c) => row(esc(c.currency), c, '', `cost-${esc(c.currency)}`))
        .join('')}${s.total ? row('Total', s.total, 'total', 'cost-total') : ''}</tbody></table>`,
    );
    if (!s.total) parts.push(`<p class="note">${esc(CURRENCIES_NOTE)}</p>`);
  }
  if (s.codes.length > 0) {
    parts.push(
      `<table class="top-codes"><caption>Most frequent findings</caption><thead><tr><th>Code</th><th>Severity</th><th>Findings</th></tr></thead><tbody>${s.codes
        .slice(0, SUMMARY_TOP_CODES)
        .map(
          (c) =>
            `<tr><td class="mono">${c.code}</td><td><span class="sev ${c.severity}">${c.severity}</span></td><td class="num">${formatCount(c.count)}</td></tr>`,
        )
        .join('')}</tbody></table>`,
    );
    if (s.codes.length > SUMMARY_TOP_CODES) {
      parts.push(
        `<p class="note">… and ${plural(s.codes.length - SUMMARY_TOP_CODES, 'more code')} under Findings.</p>`,
      );
    }
  } else parts.push('<p>No findings.</p>');
  parts.push('</section>');
  return parts.join('\n');
}

function topologySection(review: Review): string {
  const view = topologyView(review);
  const note =
    view === 'vpcs'
      ? legend(review.ccns.length > 0)
      : `<p class="note">Drawn by region${review.ccns.length > 0 ? ' (CCNs are not drawn here: see CCNs)' : ''}: ${plural(review.plan.vpcs.length, 'VPC')} and ${plural(review.peerings.length, 'peering')} are more than a picture of every VPC shows legibly (over ${formatCount(SVG_VPC_VIEW_MAX.vpcs)} VPCs or ${formatCount(SVG_VPC_VIEW_MAX.peerings)} peerings). Each box is a region with its VPCs and the peerings inside it; each line is the peerings between two regions, thicker for more; red when some have error findings (✖ how many); ▲ counts the peerings with warnings inside a region. The app's canvas draws every VPC.</p>`;
  return `<section id="topology"><h2>Topology</h2><div class="figure">${renderTopologySvg(review)}</div>${note}</section>`;
}

function legend(withCcns: boolean): string {
  const sample = (style: string) =>
    `<svg width="44" height="10" aria-hidden="true"><line x1="2" y1="5" x2="42" y2="5" style="${style}"/></svg>`;
  return `<div class="legend">
<span>${sample('stroke:#2563eb;stroke-width:2.5')}active</span>
<span>${sample('stroke:#2563eb;stroke-width:2.5;stroke-dasharray:9 6')}pending</span>
<span>${sample('stroke:#9ca3af;stroke-width:2;stroke-dasharray:3 5')}expired / rejected</span>
<span>${sample('stroke:#d97706;stroke-width:4.5')}cross-region (paid by the requester)</span>${
    withCcns ? `\n<span>${sample('stroke:#0e7490;stroke-width:2')}CCN member (pending: dashed)</span>` : ''
  }
</div>`;
}

function findingsSection(review: Review): string {
  const parts = ['<section id="findings"><h2>Findings</h2>'];
  if (review.findings.length === 0) parts.push('<p>No findings.</p>');
  const groups = findingGroups(review);
  if (groups.some((g) => g.count > FINDING_EXAMPLES)) {
    parts.push(
      `<p class="note">Grouped by code, with the first ${FINDING_EXAMPLES} of each; ${commandHtml(FULL_LISTS.findings)} lists them all.</p>`,
    );
  }
  for (const severity of ['error', 'warning', 'info'] as const) {
    const ofSeverity = groups.filter((g) => g.severity === severity);
    if (ofSeverity.length === 0) continue;
    const total = ofSeverity.reduce((n, g) => n + g.count, 0);
    parts.push(`<h3>${SEVERITY_TITLES[severity]} (${formatCount(total)})</h3>`);
    for (const group of ofSeverity) {
      parts.push(
        `<h4 class="code" id="code-${group.code}"><span class="sev ${severity}">${severity}</span> <span class="mono">${group.code}</span> (${formatCount(group.count)})</h4><ul class="findings">`,
      );
      for (const f of group.examples) {
        parts.push(
          `<li>${esc(f.message)} <span class="subjects mono">[${esc(f.subjects.join(', '))}]</span></li>`,
        );
      }
      if (group.count > group.examples.length) {
        parts.push(`<li class="note">… and ${formatCount(group.count - group.examples.length)} more</li>`);
      }
      parts.push('</ul>');
    }
  }
  parts.push('</section>');
  return parts.join('\n');
}

function routeTableHtml(routes: readonly EffectiveRoute[]): string {
  const rows = routes
    .map(
      (r) =>
        `<tr class="${r.origin}"><td class="mono">${esc(r.destination)}</td><td class="mono">${esc(describeNextHop(r))}</td><td>${
          r.origin === 'suggested' ? '<strong>missing</strong> (suggested)' : esc(r.origin)
        }</td><td class="codes mono">${esc(r.codes.join(', '))}</td></tr>`,
    )
    .join('');
  return `<table><thead><tr><th>Destination</th><th>Next hop</th><th>Origin</th><th>Findings</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function tableView(t: ReviewRouteTable, peeringId: string, peer: Vpc | undefined): string {
  const view = peeringTableView(t, peeringId, peer);
  const note =
    view.hidden > 0
      ? `<p class="facts">${view.hidden} other routes of <code>${esc(t.id)}</code> (to other next hops, outside the peer's CIDRs) not shown.</p>`
      : '';
  return routeTableHtml(view.routes) + note;
}

function peeringsSection(review: Review): string {
  const parts = ['<section id="peerings"><h2>Peerings and route tables</h2>'];
  if (review.peerings.length === 0) parts.push('<p>No peering in this plan.</p>');
  else {
    const sections = peeringSections(review);
    if (sections.mode === 'with-findings') {
      const shown = sections.shown.length;
      parts.push(
        `<p class="note">${plural(review.peerings.length, 'peering')}: sections only for the ${formatCount(sections.withFindings)} with findings or missing routes${
          shown < sections.withFindings ? `, the first ${formatCount(shown)} of them (errors first)` : ''
        }. Every route table: ${commandHtml(FULL_LISTS.routes)}.</p>`,
      );
    }
    for (const p of sections.shown) parts.push(peeringBlock(review, p));
  }
  parts.push('</section>');
  return parts.join('\n');
}

function peeringBlock(review: Review, p: ReviewPeering): string {
  const { peering } = p;
  const facts = [
    `state <strong>${esc(p.state)}</strong>${p.state !== peering.state ? ` (planned ${esc(peering.state)})` : ''}`,
    p.crossRegion ? 'cross-region' : 'regional',
    p.crossAccount ? 'cross-account' : 'same account',
  ];
  if (p.crossRegion) {
    facts.push(`cap ${peering.bandwidthMbps === undefined ? 'not set' : `${peering.bandwidthMbps} Mbps`}`);
    facts.push(
      `${esc(peering.chargeType)}, paid by ${esc(review.accountName(p.requester?.account ?? null))}`,
    );
  }
  if (peering.requestedAt) facts.push(`requested ${esc(peering.requestedAt)}`);
  let tableCount = 0;
  let missing = 0;
  const side = (title: string, vpcId: string, tables: readonly ReviewRouteTable[], peer: Vpc | undefined) => {
    tableCount += tables.length;
    for (const t of tables)
      missing += peeringTableView(t, peering.id, peer).routes.filter((r) => r.origin === 'suggested').length;
    if (tables.length === 0)
      return `<div class="side"><h4>${title} <code>${esc(vpcId)}</code></h4><p>Not in the plan.</p></div>`;
    return `<div class="side">${tables
      .map(
        (t) =>
          `<h4>${title} <code>${esc(vpcId)}</code> · route table <code>${esc(t.id)}</code></h4><p class="facts">Subnets: ${
            t.subnets.length > 0 ? t.subnets.map((s) => `<code>${esc(s)}</code>`).join(', ') : 'none'
          }</p>${tableView(t, peering.id, peer)}`,
      )
      .join('')}</div>`;
  };
  const sides =
    side('Requester', peering.requester, p.requesterTables, p.accepter) +
    side('Accepter', peering.accepter, p.accepterTables, p.requester);
  return `<div class="peering-block" id="peering-${esc(peering.id)}"><h3>${esc(peering.name)} <code>${esc(peering.id)}</code>: ${esc(
    p.requester?.name ?? peering.requester,
  )} → ${esc(p.accepter?.name ?? peering.accepter)}</h3>
<p class="facts">${facts.join(' · ')}</p>
<details class="tables"><summary>${esc(plural(tableCount, 'route table'))}${missing > 0 ? `, ${esc(plural(missing, 'route'))} missing` : ''}</summary><div class="sides">${sides}</div></details></div>`;
}

function reachabilitySection(review: Review): string {
  const matrix = reachMatrix(review);
  const parts = ['<section id="reachability"><h2>Reachability</h2>'];
  if (matrix.subnets.length === 0) parts.push('<p>No subnet in this plan.</p>');
  else if (matrix.subnets.length <= REACH_MATRIX_MAX_SUBNETS) {
    const header = matrix.subnets
      .map((s) => `<th class="mono" title="${esc(`${s.name} in ${s.vpc}`)}">${esc(s.id)}</th>`)
      .join('');
    const rows = matrix.subnets
      .map((from) => {
        const cells = matrix.subnets
          .map((to) => {
            const cell = matrix.cell(from.id, to.id);
            const symbol = cell === 'local' ? '·' : REACH_SYMBOL[cell];
            return `<td class="reach-${cell}" title="${esc(`${from.id} → ${to.id}: ${cell === 'local' ? 'same VPC' : cell}`)}">${symbol}</td>`;
          })
          .join('');
        return `<tr><th class="row mono">${esc(from.id)}</th>${cells}</tr>`;
      })
      .join('');
    parts.push(
      `<p>Rows: from; columns: to. ${REACH_SYMBOL.reachable} reachable · ${REACH_SYMBOL.partial} partial · ${REACH_SYMBOL['no-return']} no return · ${REACH_SYMBOL.unreachable} unreachable · <code>·</code> same VPC</p>`,
    );
    parts.push(
      `<table class="matrix"><thead><tr><th>from \\ to</th>${header}</tr></thead><tbody>${rows}</tbody></table>`,
    );
  }
  const notReachable = review.reach.filter((p) => p.status !== 'reachable');
  if (review.reach.length > 0 && notReachable.length === 0) {
    parts.push(`<p>Every pair of subnets in ${connectedVpcsText(review)} is reachable both ways.</p>`);
  } else if (notReachable.length > 0) {
    parts.push(`<h3>Pairs in ${connectedVpcsText(review)} that are not fully reachable</h3>`);
    parts.push(
      `<table><thead><tr><th>From</th><th>To</th><th>Status</th><th>Via</th><th>Reasons</th></tr></thead><tbody>${notReachable
        .slice(0, REACH_LIST_MAX_ROWS)
        .map(
          (p) =>
            `<tr><td class="mono">${esc(p.from)}</td><td class="mono">${esc(p.to)}</td><td class="reach-${p.status}">${esc(p.status)}</td><td class="mono">${esc(p.via ?? '-')}</td><td class="mono">${esc(p.reasons.join(', '))}</td></tr>`,
        )
        .join('')}</tbody></table>`,
    );
  }
  if (notReachable.length > REACH_LIST_MAX_ROWS) {
    parts.push(
      `<p>… and ${formatCount(notReachable.length - REACH_LIST_MAX_ROWS)} more pairs (${commandHtml(FULL_LISTS.reach)} lists them all).</p>`,
    );
  }
  parts.push(
    review.plan.ccns.length > 0
      ? '<p>Subnets of VPCs that are neither peered nor attached to one CCN cannot reach each other (NOT_PEERED).</p></section>'
      : '<p>Subnets of VPCs that are not peered cannot reach each other (NOT_PEERED).</p></section>',
  );
  return parts.join('\n');
}

function ccnsSection(review: Review): string {
  const parts = [
    '<section id="ccns"><h2>CCNs</h2>',
    '<p class="note">Members in attachment order (the first attached wins a route conflict); the CIDRs the active members publish, with the invalid ones and why; CCN routes a plan route keeps from taking effect; bandwidth limits.</p>',
  ];
  for (const c of review.ccns) parts.push(ccnBlock(review, c));
  parts.push('</section>');
  return parts.join('\n');
}

function ccnBlock(review: Review, c: ReviewCcn): string {
  const { ccn } = c;
  const parts = [
    `<div class="ccn" data-ccn="${esc(ccn.id)}"><h3>${esc(ccn.name)} (<code>${esc(ccn.id)}</code>)</h3>`,
    `<p class="facts">owned and paid for by ${esc(review.accountName(ccn.account))} · QoS ${esc(ccn.qosLevel)} · ${esc(ccn.chargeType)} · ${esc(ccn.bandwidthLimitType)} limits · ${plural(ccn.attachments.length, 'attachment')}</p>`,
  ];
  if (c.members.length === 0) parts.push('<p>No attachment.</p>');
  else
    parts.push(
      `<table class="ccn-members"><caption>Members</caption><thead><tr><th>Order</th><th>VPC</th><th>Region</th><th>Account</th><th>State</th><th>Attached</th><th>Publishes</th></tr></thead><tbody>${c.members
        .map(
          (m) =>
            `<tr class="state-${esc(m.attachment.state)}"><td class="num">${m.order}</td><td>${
              m.vpc
                ? `${esc(m.vpc.name)} (<code>${esc(m.vpc.id)}</code>)`
                : `<code>${esc(m.attachment.vpc)}</code> (not in the plan)`
            }</td><td>${m.vpc ? esc(m.vpc.region) : '-'}</td><td>${m.vpc ? esc(review.accountName(m.vpc.account)) : '-'}</td><td><strong>${esc(m.attachment.state)}</strong></td><td>${esc(m.attachment.attachedAt ?? '-')}</td><td>${m.attachment.publish === 'subnets' ? 'subnet CIDRs' : 'VPC CIDRs'}</td></tr>`,
        )
        .join('')}</tbody></table>`,
    );
  if (c.published.length === 0) parts.push('<p>No active member publishes a CIDR.</p>');
  else {
    const invalid = c.published.filter((p) => !p.valid).length;
    parts.push(
      `<table class="ccn-published"><caption>${plural(c.published.length, 'published CIDR')}, ${invalid === 0 ? 'all valid' : `${formatCount(invalid)} invalid (CCN_ROUTE_CONFLICT)`}</caption><thead><tr><th>CIDR</th><th>Published by</th><th>CCN route</th><th>Why</th></tr></thead><tbody>${c.published
        .slice(0, CCN_PUBLISHED_MAX_ROWS)
        .map(
          (p) =>
            `<tr${p.valid ? '' : ' class="invalid"'}><td class="mono">${esc(p.cidr)}</td><td class="mono">${esc(p.vpc)}${p.subnet !== undefined ? ` (${esc(p.subnet)})` : ''}</td><td>${p.valid ? 'valid' : '<strong>invalid</strong>'}</td><td${p.conflictsWith ? ' class="codes"' : ''}>${
              p.conflictsWith
                ? `CCN_ROUTE_CONFLICT: overlaps <code>${esc(p.conflictsWith.cidr)}</code> published earlier by <code>${esc(p.conflictsWith.vpc)}</code>`
                : '-'
            }</td></tr>`,
        )
        .join('')}</tbody></table>`,
    );
    if (c.published.length > CCN_PUBLISHED_MAX_ROWS)
      parts.push(
        `<p class="note">… and ${formatCount(c.published.length - CCN_PUBLISHED_MAX_ROWS)} more (${commandHtml(FULL_LISTS.routes)} lists every route).</p>`,
      );
  }
  if (c.shadowed.length > 0)
    parts.push(
      `<table class="ccn-shadowed"><caption>${plural(c.shadowed.length, 'CCN route')} not effective (CCN_ROUTE_SHADOWED)</caption><thead><tr><th>Route table</th><th>Destination</th><th>Why</th></tr></thead><tbody>${c.shadowed
        .slice(0, CCN_PUBLISHED_MAX_ROWS)
        .map(
          (n) =>
            `<tr><td class="mono">${esc(n.table)}</td><td class="mono">${esc(n.route.destination)}</td><td>${esc(n.why)}</td></tr>`,
        )
        .join('')}</tbody></table>`,
    );
  parts.push(
    ccn.bandwidthLimits.length > 0
      ? `<table class="ccn-limits"><caption>Bandwidth limits</caption><thead><tr><th>Region</th><th>Destination</th><th>Mbps</th></tr></thead><tbody>${ccn.bandwidthLimits
          .map(
            (l) =>
              `<tr><td>${esc(l.region)}</td><td>${l.dstRegion === undefined ? '(out of the region)' : esc(l.dstRegion)}</td><td class="num">${l.mbps}</td></tr>`,
          )
          .join('')}</tbody></table>`
      : '<p>No bandwidth limit set.</p>',
  );
  parts.push('</div>');
  return parts.join('\n');
}

function costsSection(review: Review): string {
  const parts = ['<section id="costs"><h2>Costs</h2>'];
  if (review.costs.peerings.length === 0) parts.push('<p>No peering.</p>');
  else parts.push(...peeringCostParts(review));
  if (review.costs.ccns.length > 0) parts.push(...ccnCostParts(review));
  parts.push('</section>');
  return parts.join('\n');
}

/** CCN costs in USD (spec/ccn.md, Costs): payers with their own total, then each CCN's region pairs. */
function ccnCostParts(review: Review): string[] {
  const parts = ['<h3>CCNs (USD)</h3>'];
  if (review.costs.peerings.length > 0) parts.push(`<p class="note">${esc(CURRENCIES_NOTE)}</p>`);
  const { payers, total } = payersByCost(review, 'USD');
  const month = review.costs.ccns.find((c) => c.monthly)?.monthly?.month;
  parts.push(
    `<table class="payers payers-usd"><caption>Paying accounts, most expensive first</caption><thead><tr><th>Paying account</th><th>Per month (USD${month ? `, ${esc(month)}` : ''})</th></tr></thead><tbody>${payers
      .map(
        (p) =>
          `<tr><td>${esc(review.accountName(p.account))}</td><td class="num">${esc(formatCny(p.monthlyCost))}</td></tr>`,
      )
      .join(
        '',
      )}</tbody><tfoot><tr class="total"><td>Total USD (${plural(payers.length, 'account')}${total.onRequest > 0 ? `, ${formatCount(total.onRequest)} on request not counted` : ''})</td><td class="num" data-figure="ccn-total-usd">${esc(formatCny(total.monthly))}</td></tr></tfoot></table>`,
  );
  const rows: string[] = [];
  for (const c of review.costs.ccns) {
    for (const pair of c.pairs)
      rows.push(
        `<tr><td class="mono">${esc(c.id)}</td><td>${esc(pair.regions.join(' – '))}</td><td class="num">${pair.p95Mbps} Mbps</td><td>${pair.measured ? 'samples' : 'expected'}</td><td class="num">${pair.validDays}</td><td class="num">${pair.pricePerMbps === null ? 'on request' : esc(formatCny(pair.pricePerMbps))}</td><td class="num">${esc(formatCny(pair.cost))}</td></tr>`,
      );
    if (c.instanceFee > 0)
      rows.push(
        `<tr><td class="mono">${esc(c.id)}</td><td>attached instances beyond 2</td><td></td><td></td><td></td><td></td><td class="num">${esc(formatCny(c.instanceFee))}</td></tr>`,
      );
    rows.push(
      `<tr class="total"><td class="mono">${esc(c.id)}</td><td colspan="5">month${c.monthly ? ` ${esc(c.monthly.month)}` : ''}, paid by ${esc(review.accountName(c.payer))}</td><td class="num">${c.monthly ? esc(formatCny(c.monthly.cost)) : '-'}</td></tr>`,
    );
  }
  parts.push(
    `<table class="ccn-costs"><thead><tr><th>CCN</th><th>Region pair</th><th>P95</th><th>From</th><th>Valid days</th><th>USD per Mbps</th><th>Cost (USD)</th></tr></thead><tbody>${rows.join('')}</tbody></table>`,
  );
  return parts;
}

function peeringCostParts(review: Review): string[] {
  const parts: string[] = [];
  if (review.costs.ccns.length > 0) parts.push('<h3>Peerings (CNY)</h3>');
  const { payers, total } = payersByCost(review);
  const month = review.costs.peerings.find((p) => p.monthly)?.monthly?.month;
  const currency = esc(review.costs.currency);
  if (payers.length > 0) {
    parts.push(
      `<table class="payers"><caption>Paying accounts, most expensive first</caption><thead><tr><th>Paying account</th><th>Per month (${currency}${month ? `, ${esc(month)}` : ''})</th><th>Per day, now (${currency})</th></tr></thead><tbody>${payers
        .map(
          (p) =>
            `<tr><td>${esc(review.accountName(p.account))}</td><td class="num">${esc(formatCny(p.monthlyCost))}</td><td class="num">${esc(formatCny(p.dailyCost))}</td></tr>`,
        )
        .join(
          '',
        )}</tbody><tfoot><tr class="total"><td>Total${review.costs.ccns.length > 0 ? ' CNY' : ''} (${plural(payers.length, 'account')}${total.onRequest > 0 ? `, ${formatCount(total.onRequest)} on request not counted` : ''})</td><td class="num">${esc(formatCny(total.monthly))}</td><td class="num">${esc(formatCny(total.daily ?? 0))}</td></tr></tfoot></table>`,
    );
  }
  const rows = costRows(review);
  if (rows.mode === 'billed') {
    parts.push(
      `<p class="note">${plural(rows.billed, 'billed peering')} (cross-region)${
        rows.rows.length < rows.billed ? `, the ${formatCount(rows.rows.length)} most expensive listed` : ''
      }; ${plural(rows.free, 'regional peering')} (free); ${plural(rows.notBilled, 'peering')} not billed. Every peering's cost: ${commandHtml(FULL_LISTS.costs)}.</p>`,
    );
  }
  if (rows.rows.length > 0) {
    const body = rows.rows
      .map(
        (c) =>
          `<tr><td class="mono">${esc(c.id)}</td><td>${esc(c.kind)}</td><td>${esc(review.accountName(c.payer))}</td><td>${esc(c.chargeType)}</td><td>${esc(
            c.monthly?.month ?? '-',
          )}</td><td class="num">${esc(c.monthly ? formatCny(c.monthly.cost) : '-')}</td><td>${
            c.priceOnRequest ? 'on request' : c.kind === 'regional' ? 'free' : 'list'
          }</td></tr>`,
      )
      .join('');
    parts.push(
      `<table><thead><tr><th>Peering</th><th>Kind</th><th>Payer</th><th>Charge type</th><th>Month</th><th>Monthly cost (${currency})</th><th>Price</th></tr></thead><tbody>${body}</tbody></table>`,
    );
  }
  return parts;
}
