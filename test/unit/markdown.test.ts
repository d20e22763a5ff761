// Strings that are not ClinikDoc's (ClinikAPI's names and ids, ids typed in the file, the base URL)
// shown in Markdown: in a hover and in the ClinikAPI view's tooltips. Each is rendered here by a
// CommonMark renderer (markdown-it's commonmark preset) and must come out as exactly its text: no
// code span it ends early, no emphasis, no link, no heading.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { markdownCode, markdownText } from '../../client/src/editor/markdown';
import { hoverMarkdown } from '../../client/src/ids/referenceText';
import type { Resolution } from '../../client/src/ids/referenceResolver';
import { submissionTooltipMarkdown } from '../../client/src/afterSubmit/submissionTooltip';
import type { SubmissionRecord } from '../../client/src/record/submissionRecords';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const MarkdownIt = require('markdown-it') as new (preset: string) => { render(src: string): string; renderInline(src: string): string };
const md = new MarkdownIt('commonmark');

const HOSTILE = 'Jane `x` **Doe** [link](cmd:)';
const html = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
/** What the renderer makes of the Markdown, with the tags it made. */
const rendered = (markdown: string) => md.render(markdown);
const MARKUP = /<(a|em|strong|h\d|ul|ol|li|blockquote|pre|img)\b/;

const ready = { kind: 'ready', environment: 'test', origin: 'http://127.0.0.1:8787' } as const;

describe('Markdown for strings that are not ours', () => {
  it('plain text renders as exactly itself', () => {
    assert.equal(md.renderInline(markdownText(HOSTILE)), html(HOSTILE));
    for (const s of ['# heading', '- item', '> quote', '1. one', '&amp; &#96;', '<cmd:x>', 'a\n\n# b', 'a\\', '$(alert) x', '***', 'x_y_z']) {
      assert.equal(md.render(`x${markdownText(s)}x`), `<p>x${html(s.replace(/\n/g, ' '))}x</p>\n`, s);
    }
  });

  it('a code span holds any text, backticks included', () => {
    assert.equal(md.renderInline(markdownCode(HOSTILE)), `<code>${html(HOSTILE)}</code>`);
    for (const s of ['`', '``', 'a``b`c', '`a', 'a`', ' a', ' ', '', 'a\nb']) {
      const expected = s === '' ? ' ' : s.replace(/\n/g, ' ');
      assert.equal(md.renderInline(`x ${markdownCode(s)} x`), `x <code>${html(expected)}</code> x`, JSON.stringify(s));
    }
  });

  it('any string, rendered, is its text (property)', () => {
    const chars = fc.constantFrom(...'ab `*_[]()<>!#\\&;:-+.=|~$\n'.split(''));
    fc.assert(
      fc.property(fc.string({ unit: chars, maxLength: 30 }), (s) => {
        const flat = s.replace(/\n/g, ' ');
        assert.equal(md.render(`x${markdownText(s)}x`), `<p>x${html(flat)}x</p>\n`);
        assert.equal(md.renderInline(`x ${markdownCode(s)} x`), `x <code>${html(/^ *$/.test(flat) ? ' ' : flat)}</code> x`);
      }),
      { numRuns: 2000 },
    );
    // The case a random run found once: only line breaks.
    assert.equal(md.renderInline(`x ${markdownCode('\n\n\n')} x`), 'x <code> </code> x');
    assert.equal(md.render(`x${markdownText('\n\n\n')}x`), '<p>x   x</p>\n');
  });

  it("a hover shows ClinikAPI's name, its patient id and an unknown id as their text", () => {
    const env = '<p><em>ClinikAPI sandbox, test key</em></p>\n';
    const patient: Resolution = { state: 'resolved', resource: { kind: 'patient', id: 'pat_1', name: HOSTILE, active: true } };
    assert.equal(rendered(hoverMarkdown('patient', 'pat_1', patient, ready)), `<p><strong>${html(HOSTILE)}</strong></p>\n${env}`);

    const encounter: Resolution = { state: 'resolved', resource: { kind: 'encounter', id: 'enc_1', status: 'finished', patientId: 'pat`_1` **x**' } };
    assert.equal(
      rendered(hoverMarkdown('encounter', 'enc_1', encounter, ready)),
      `<p><strong>encounter · finished</strong></p>\n<p>of patient <code>${html('pat`_1` **x**')}</code></p>\n${env}`,
    );

    assert.equal(
      rendered(hoverMarkdown('patient', 'a`b` [c](cmd:x)', { state: 'unknown' }, ready)),
      `<p>ClinikAPI (sandbox) has no patient <code>${html('a`b` [c](cmd:x)')}</code>.</p>\n${env}`,
    );

    const origin = 'http://[::1]:1/_x_*y*';
    assert.equal(
      rendered(hoverMarkdown('patient', 'pat_1', { state: 'notResolved' }, { kind: 'ready', environment: 'test', origin })),
      `<p>Not resolved: ids are resolved against ClinikAPI sandbox, test key (${html(origin)}).</p>\n${env}`,
    );
  });

  it("a submission's tooltip shows the origin, document id and request id as their text", () => {
    const entry: SubmissionRecord = {
      key: 'k',
      file: 'file:///w/a.clinikdoc.json',
      action: 'create',
      claimedAt: '2026-12-01T10:00:00.000Z',
      sentAt: '2026-12-01T10:00:00.000Z',
      time: '2026-12-01T10:00:01.000Z',
      origin: 'https://x_y_.example*z*',
      keyKind: 'test',
      state: 'created',
      documentId: 'comp`1` **x**',
      requestId: '``req`` [l](cmd:y)',
    };
    const tip = rendered(submissionTooltipMarkdown(entry, 'created', '12/1/2026, 10:00:00 AM'));
    assert.ok(tip.includes(`<code>${html('comp`1` **x**')}</code>`), tip);
    assert.ok(tip.includes(`<code>${html('``req`` [l](cmd:y)')}</code>`), tip);
    assert.ok(tip.includes(html('https://x_y_.example*z*')), tip);
    assert.doesNotMatch(tip.replace(/<\/?strong>/g, ''), MARKUP);
  });
});
