import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { finding, FINDING_CODES, FINDING_SEVERITY } from '../../shared/rules/finding';
import type { Finding, FindingCode, Severity } from '../../shared/rules/finding';
import {
  findingMatches,
  findingRows,
  FOLDED_FROM,
  groupFindings,
  rowsOfGroups,
} from '../../renderer/src/lib/finding-rows';

const ALL: ReadonlySet<Severity> = new Set(['error', 'warning', 'info']);
const many = (code: FindingCode, n: number): Finding[] =>
  Array.from({ length: n }, (_, i) => finding(code, `${code} number ${i}`, [`vpc-${i}`]));

describe('the findings list rows', () => {
  it('groups by code, folds big groups, and a toggle unfolds one', () => {
    const findings = [...many('ROUTE_TRANSITIVE', 2), ...many('PEERING_NO_ROUTES', FOLDED_FROM)];
    const rows = findingRows(findings, { query: '', severities: ALL, code: null }, new Set());
    expect(
      rows.filter((r) => r.kind === 'group').map((r) => r.kind === 'group' && [r.code, r.count, r.expanded]),
    ).toEqual([
      ['ROUTE_TRANSITIVE', 2, true],
      ['PEERING_NO_ROUTES', FOLDED_FROM, false],
    ]);
    expect(rows).toHaveLength(2 + 1 + 1);
    const unfolded = findingRows(
      findings,
      { query: '', severities: ALL, code: null },
      new Set(['PEERING_NO_ROUTES']),
    );
    expect(unfolded).toHaveLength(2 + 1 + 1 + FOLDED_FROM);
  });

  it('filters by text (code, message, subjects), severity and code; a typed query unfolds', () => {
    const findings = [
      ...many('ROUTE_TRANSITIVE', 30),
      finding('PEERING_PENDING', 'waiting for pcx-9', ['pcx-9']),
    ];
    const text = findingRows(findings, { query: 'number 2', severities: ALL, code: null }, new Set());
    // "number 2", "number 20" … "number 29": 11 rows under one unfolded header.
    expect(text.filter((r) => r.kind === 'finding')).toHaveLength(11);
    expect(findingRows(findings, { query: 'PCX-9', severities: ALL, code: null }, new Set())).toHaveLength(2);
    expect(
      findingRows(findings, { query: '', severities: new Set(['info']), code: null }, new Set()).map(
        (r) => r.kind,
      ),
    ).toEqual(['group', 'finding']);
    expect(
      findingRows(findings, { query: '', severities: ALL, code: 'PEERING_PENDING' }, new Set()),
    ).toHaveLength(2);
  });

  it('property: unfolded, every finding that matches is a row exactly once, and no other', () => {
    const arbFinding = fc
      .record({
        code: fc.constantFrom(...FINDING_CODES),
        message: fc.string({ maxLength: 12 }),
        subjects: fc.array(fc.string({ maxLength: 6 }), { maxLength: 3 }),
      })
      .map(({ code, message, subjects }) => finding(code, message, subjects));
    fc.assert(
      fc.property(
        fc.array(arbFinding, { maxLength: 60 }),
        fc.string({ maxLength: 3 }),
        fc.subarray(['error', 'warning', 'info'] as Severity[]),
        (findings, query, severities) => {
          const filter = { query, severities: new Set(severities), code: null };
          const everyCode = new Set(findings.map((f) => f.code));
          // Toggling every folded group unfolds everything.
          const folded = new Set(
            findingRows(findings, filter, new Set())
              .filter((r) => r.kind === 'group' && !r.expanded)
              .map((r) => (r.kind === 'group' ? r.code : FINDING_CODES[0]!)),
          );
          const rows = findingRows(findings, filter, folded);
          const shown = rows.flatMap((r) => (r.kind === 'finding' ? [r.finding] : []));
          const expected = findings.filter(
            (f) =>
              severities.includes(FINDING_SEVERITY[f.code]) &&
              (query.trim() === '' ||
                [f.code, f.message, ...f.subjects].some((t) =>
                  t.toLowerCase().includes(query.trim().toLowerCase()),
                )),
          );
          expect(new Set(shown)).toEqual(new Set(expected));
          expect(shown).toHaveLength(expected.length);
          for (const f of shown) expect(findingMatches(f, filter)).toBe(true);
          expect(everyCode.size).toBeGreaterThanOrEqual(rows.filter((r) => r.kind === 'group').length);
        },
      ),
    );
  });
});

describe('the findings grouped once, filtered many times', () => {
  const findings = [
    finding('ROUTE_TRANSITIVE', 'route rtb-1#0 sends to a third VPC', ['rtb-1#0']),
    finding('PEERING_NO_ROUTES', 'peering pcx-1 has no routes', ['pcx-1', 'vpc-a', 'vpc-b']),
    finding('SUBNET_OVERLAP', 'subnets overlap', ['subnet-1', 'subnet-2']),
    finding('ROUTE_TRANSITIVE', 'route rtb-2#3 sends to a third VPC', ['rtb-2#3']),
  ];

  it('counts each severity and keeps the codes in first-seen order', () => {
    const groups = groupFindings(findings);
    expect(groups.total).toBe(4);
    expect([...groups.byCode.keys()]).toEqual(['ROUTE_TRANSITIVE', 'PEERING_NO_ROUTES', 'SUBNET_OVERLAP']);
    expect(groups.byCode.get('ROUTE_TRANSITIVE')).toEqual([findings[0], findings[3]]);
    // Severities as the catalogue of codes gives them, counted by hand.
    const expected = { error: 0, warning: 0, info: 0 };
    for (const code of [
      'ROUTE_TRANSITIVE',
      'PEERING_NO_ROUTES',
      'SUBNET_OVERLAP',
      'ROUTE_TRANSITIVE',
    ] as const)
      expected[FINDING_SEVERITY[code]]++;
    expect(groups.bySeverity).toEqual(expected);
  });

  it('finds a finding by the name of a subject, not only by its ID', () => {
    const names = new Map([['vpc-b', 'billing-prod']]);
    const filter = {
      query: 'BILLING',
      severities: ALL,
      code: null,
      nameOf: (id: string) => names.get(id) ?? null,
    };
    const rows = rowsOfGroups(groupFindings(findings), filter, new Set());
    expect(rows.map((r) => (r.kind === 'group' ? r.code : r.finding))).toEqual([
      'PEERING_NO_ROUTES',
      findings[1],
    ]);
    // Near miss: without the names, nothing matches.
    expect(rowsOfGroups(groupFindings(findings), { ...filter, nameOf: undefined }, new Set())).toEqual([]);
  });
});
