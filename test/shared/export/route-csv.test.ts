import { describe, expect, it } from 'vitest';
import { ROUTE_CSV_COLUMNS, csvField, exportRouteCsv } from '../../../shared/export/route-csv';
import { ccnCorePlan, examplePlan } from './plans';
import { PlanBuilder } from '../plan-builder';

/** A strict RFC 4180 reader: records end with CRLF, quoted fields may hold anything. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let i = 0;
  while (i < text.length) {
    let field = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= text.length) throw new Error('unterminated quote');
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
          } else {
            i++;
            break;
          }
        } else field += text[i++];
      }
    } else {
      while (i < text.length && text[i] !== ',' && text[i] !== '\r') {
        if (text[i] === '"' || text[i] === '\n') throw new Error(`bare ${text[i]} at ${i}`);
        field += text[i++];
      }
    }
    record.push(field);
    if (text[i] === ',') i++;
    else if (text.startsWith('\r\n', i)) {
      records.push(record);
      record = [];
      i += 2;
    } else throw new Error(`unexpected character at ${i}`);
  }
  return records;
}

describe('route tables as CSV', () => {
  it('quotes only what RFC 4180 requires', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
  });

  it('one row per route with its origin and findings (shanghai hub)', () => {
    const records = parseCsv(exportRouteCsv(examplePlan('shanghai-hub'), { includeSuggestions: true }));
    expect(records[0]).toEqual([...ROUTE_CSV_COLUMNS]);
    for (const r of records) expect(r).toHaveLength(ROUTE_CSV_COLUMNS.length);
    const rows = records.slice(1).map((r) => Object.fromEntries(ROUTE_CSV_COLUMNS.map((c, i) => [c, r[i]!])));
    // 4 tables: 4 local routes, 6 plan routes, 1 suggestion (the data VPC's way back to the hub).
    expect(rows.filter((r) => r.origin === 'local')).toHaveLength(4);
    expect(rows.filter((r) => r.origin === 'plan')).toHaveLength(6);
    expect(rows.filter((r) => r.origin === 'suggested')).toEqual([
      expect.objectContaining({
        route_table: 'rtb-data',
        destination: '10.100.0.0/16',
        next_hop_id: 'pcx-data',
      }),
    ]);
    const transitive = rows.find((r) => r.route_id === 'rtb-app#1')!;
    expect(transitive).toMatchObject({
      vpc: 'vpc-app',
      subnets: 'sn-app-web sn-app-svc',
      destination: '10.120.0.0/16',
      next_hop_type: 'peering',
      next_hop_id: 'pcx-app',
      finding_codes: 'ROUTE_TRANSITIVE',
    });
    expect(transitive.finding_messages).toMatch(/not transitive/);
    expect(rows.find((r) => r.route_id === 'rtb-app#0')!.finding_codes).toBe('');
  });

  it('by default holds exactly the effective routes (as `peerplan routes`)', () => {
    const records = parseCsv(exportRouteCsv(examplePlan('shanghai-hub')));
    expect(records.slice(1).map((r) => r[7])).not.toContain('suggested');
    expect(records).toHaveLength(1 + 4 + 6);
  });

  it('CCN routes: origin ccn, next hop the CCN, effective or not with the code and why (ccn-core)', () => {
    const records = parseCsv(exportRouteCsv(ccnCorePlan()));
    const rows = records.slice(1).map((r) => Object.fromEntries(ROUTE_CSV_COLUMNS.map((c, i) => [c, r[i]!])));
    const ccnRows = rows
      .filter((r) => r.origin === 'ccn')
      .map((r) => [
        r.vpc,
        r.destination,
        r.next_hop_type,
        r.next_hop_id,
        r.effective,
        r.finding_codes,
        r.finding_messages,
      ]);
    // Attachment order gz, sh, bj (data is pending: not a member). bj's 10.1.128.0/17 lies inside
    // gz's earlier 10.1.0.0/16: invalid everywhere; every other published CIDR is effective.
    const why =
      'invalid on ccn-core: 10.1.128.0/17 of vpc-bj conflicts with 10.1.0.0/16 published earlier by vpc-gz';
    expect(ccnRows).toEqual([
      ['vpc-gz', '10.2.0.0/16', 'ccn', 'ccn-core', 'true', '', ''],
      ['vpc-gz', '10.1.128.0/17', 'ccn', 'ccn-core', 'false', 'CCN_ROUTE_CONFLICT', why],
      ['vpc-sh', '10.1.0.0/16', 'ccn', 'ccn-core', 'true', '', ''],
      ['vpc-sh', '10.1.128.0/17', 'ccn', 'ccn-core', 'false', 'CCN_ROUTE_CONFLICT', why],
      ['vpc-bj', '10.1.0.0/16', 'ccn', 'ccn-core', 'true', '', ''],
      ['vpc-bj', '10.2.0.0/16', 'ccn', 'ccn-core', 'true', '', ''],
    ]);
    // The pending member's VPC gets no CCN route; non-CCN rows leave `effective` empty.
    expect(rows.filter((r) => r.vpc === 'vpc-data').map((r) => r.origin)).toEqual(['local']);
    expect(rows.filter((r) => r.origin !== 'ccn').every((r) => r.effective === '')).toBe(true);
  });

  it('a CCN route shadowed by a plan route with the same destination names that route', () => {
    const plan = new PlanBuilder()
      .vpc('vpc-a', { region: 'ap-guangzhou', cidr: '10.0.0.0/16', table: 'rtb-a' })
      .vpc('vpc-b', { region: 'ap-beijing', cidr: '10.9.0.0/16', table: 'rtb-b' })
      .peering('pcx', 'vpc-a', 'vpc-b')
      .route('rtb-a', '10.9.0.0/16', 'pcx')
      .ccn('ccn-x', ['vpc-a', 'vpc-b'])
      .build();
    const rows = parseCsv(exportRouteCsv(plan))
      .slice(1)
      .map((r) => Object.fromEntries(ROUTE_CSV_COLUMNS.map((c, i) => [c, r[i]!])));
    expect(
      rows
        .filter((r) => r.origin === 'ccn')
        .map((r) => [r.route_table, r.destination, r.effective, r.finding_codes, r.finding_messages]),
    ).toEqual([
      [
        'rtb-a',
        '10.9.0.0/16',
        'false',
        'CCN_ROUTE_SHADOWED',
        'not effective: plan route rtb-a#0 has the same destination',
      ],
      // The near miss: vpc-b has no plan route to 10.0.0.0/16, so its CCN route is effective.
      ['rtb-b', '10.0.0.0/16', 'true', '', ''],
    ]);
  });
});
