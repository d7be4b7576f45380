/**
 * The Markdown escapers against a real CommonMark/GFM parser (marked, the one Mermaid ships
 * with): for any string, the escaped text renders as one run of plain text (or one code span) in
 * its context, showing exactly the string with its control characters made visible; nothing
 * becomes a heading, list, link, image, raw HTML, emphasis or a new table cell.
 */
import fc from 'fast-check';
import { marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { mdCellCode, mdCode, mdHeading, mdTable, mdText, mermaidLabel } from '../../../shared/export/escape';
import { visible } from '../../../shared/export/escape';
import { hostileString } from './plans';

const RUNS = { numRuns: 600 };

/** The text of HTML that may hold only character references (no element), decoded. */
function decodeText(html: string): string {
  expect(html, 'no element inside').not.toMatch(/[<>]/);
  return html.replace(/&(#\d+|#x[0-9a-f]+|amp|lt|gt|quot);/gi, (ref, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X'))
      return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)));
    return { amp: '&', lt: '<', gt: '>', quot: '"' }[name.toLowerCase()] ?? ref;
  });
}

function render(markdown: string): string {
  return marked.parse(markdown, { async: false, gfm: true });
}

/** The inner HTML of the only element `tag` of `html`, which must be all of `html`'s body. */
function only(html: string, open: string, close: string): string {
  expect(html.startsWith(open), `${JSON.stringify(html)} starts with ${open}`).toBe(true);
  expect(html.endsWith(close), `${JSON.stringify(html)} ends with ${close}`).toBe(true);
  return html.slice(open.length, html.length - close.length);
}

describe('mdText: plain text in every Markdown context', () => {
  it('paragraph: one paragraph of exactly the visible text', () => {
    fc.assert(
      fc.property(hostileString, (s) => {
        const html = render(mdText(s));
        if (visible(s) === '') {
          expect(html).toBe('');
          return;
        }
        expect(decodeText(only(html, '<p>', '</p>\n'))).toBe(visible(s));
      }),
      RUNS,
    );
  });

  it('list item after fixed text: one item, the text unchanged', () => {
    fc.assert(
      fc.property(hostileString, hostileString, (a, b) => {
        const html = render(`- **CODE** (x): ${mdText(a)} · ${mdText(b)} end`);
        const inner = only(html, '<ul>\n<li><strong>CODE</strong> (x): ', '</li>\n</ul>\n');
        expect(decodeText(inner)).toBe(`${visible(a)} · ${visible(b)} end`);
      }),
      RUNS,
    );
  });

  it('heading: one heading of exactly the visible text', () => {
    fc.assert(
      fc.property(hostileString, (s) => {
        const html = render(`### ${mdHeading(s)}`);
        expect(decodeText(only(html, '<h3>', '</h3>\n'))).toBe(visible(s));
      }),
      RUNS,
    );
  });

  it('table cell: the row keeps its cells, each one shows its text', () => {
    fc.assert(
      fc.property(hostileString, hostileString, (a, b) => {
        const html = render(mdTable(['A', 'B', 'C'], [[mdText(a), mdText(b), 'end']]));
        const cells = [...html.matchAll(/<td>([\s\S]*?)<\/td>/g)].map((m) => m[1]!);
        expect(cells).toHaveLength(3);
        expect(decodeText(cells[0]!)).toBe(visible(a));
        expect(decodeText(cells[1]!)).toBe(visible(b));
        expect(cells[2]).toBe('end');
      }),
      RUNS,
    );
  });

  it('neutralises the attacks of issue 13.5 and keeps ordinary text readable', () => {
    const name = 'evil`\n# Owned\n![x](https://e.example/x.png)<img src=x onerror=alert(1)>';
    const html = render(`### Peering ${mdHeading(name)} (${mdCode(name)})`);
    expect(html).not.toMatch(/<img|<h1|<a /);
    expect(html.match(/<h3>/g)).toHaveLength(1);
    expect(mdText('vpc 12 (prod), 10.0.0.0/16')).toBe('vpc 12 (prod), 10.0.0.0/16');
    expect(mdText('a|b *c* <x>\nnext')).toBe('a\\|b \\*c\\* \\<x\\>\\\\nnext');
  });
});

describe('mdCode and mdCellCode: one code span of the visible text', () => {
  it('code span in a paragraph', () => {
    fc.assert(
      fc.property(hostileString, (s) => {
        const code = mdCode(s);
        if (visible(s) === '') {
          expect(code).toBe('');
          return;
        }
        const inner = only(render(`x ${code} y`), '<p>x <code>', '</code> y</p>\n');
        expect(decodeText(inner)).toBe(visible(s));
      }),
      RUNS,
    );
  });

  it('code span in a table cell (plain text when the span cannot hold it)', () => {
    fc.assert(
      fc.property(hostileString, (s) => {
        const html = render(mdTable(['A', 'B'], [[mdCellCode(s), 'end']]));
        const cells = [...html.matchAll(/<td>([\s\S]*?)<\/td>/g)].map((m) => m[1]!);
        expect(cells).toHaveLength(2);
        const cell = cells[0]!;
        const text = cell.startsWith('<code>') ? only(cell, '<code>', '</code>') : cell;
        if (!/\\\|/.test(visible(s)) && visible(s) !== '') expect(cell.startsWith('<code>')).toBe(true);
        expect(decodeText(text)).toBe(visible(s));
        expect(cells[1]).toBe('end');
      }),
      RUNS,
    );
  });

  it('picks a fence longer than any run of backticks inside', () => {
    expect(mdCode('vpc-1')).toBe('`vpc-1`');
    expect(mdCode('a`b')).toBe('``a`b``');
    expect(mdCode('`a')).toBe('`` `a ``');
    expect(mdCode('x```y')).toBe('````x```y````');
    expect(mdCellCode('a|b')).toBe('`a\\|b`');
  });
});

describe('visible', () => {
  it('shows control, bidi, zero-width and lone surrogate characters as escapes, keeps the rest', () => {
    expect(visible('a\nb\r\tc\u0000\u001b[2J\u007f\u0085')).toBe('a\\nb\\r\\tc\\x00\\x1b[2J\\x7f\\x85');
    expect(visible('x\u202ey\u2066\u200b\ufeff\u2028')).toBe('x\\u202ey\\u2066\\u200b\\ufeff\\u2028');
    expect(visible('\ud800 \udc00 😀 中文 é')).toBe('\\ud800 \\udc00 😀 中文 é');
  });
});

describe('mermaidLabel', () => {
  it('leaves no character that ends, formats or rewrites a label', () => {
    fc.assert(
      fc.property(hostileString, (s) => {
        const label = mermaidLabel(s);
        expect(label).not.toMatch(/["<>&`$:\\\n\r]/);
        // Every `#` and `;` belongs to an entity code of ours.
        expect(label.replace(/#(?:\d+|quot|amp|lt|gt);/g, '')).not.toMatch(/[#;]/);
      }),
      RUNS,
    );
    expect(mermaidLabel('core "gz"\n<b>#1</b>')).toBe('core #quot;gz#quot;#92;n#lt;b#gt;#35;1#lt;/b#gt;');
  });
});
