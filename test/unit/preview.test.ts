import { describe, it } from 'node:test';
import { runInNewContext } from 'node:vm';
import assert from 'node:assert/strict';
import { renderPreviewBody, renderPreviewHtml, type PreviewInput } from '../../client/src/preview/renderPreviewHtml';
import { fixture } from '../support/documents';

const NONCE = 'bm9uY2Vmb3J0ZXN0czEyMw==';

interface FakeMessageEvent {
  data: unknown;
  source: unknown;
  origin: string;
}

/**
 * Runs the page's one script in a minimal stand-in of the webview frame (only what the script
 * touches: its message listener, `#preview` and acquireVsCodeApi), to check whom it listens to.
 */
function runPageScript(html: string) {
  const script = html.match(/<script nonce="[^"]+">([^]*?)<\/script>/)?.[1];
  assert.ok(script, 'the page has its script');
  const listeners: Array<(e: FakeMessageEvent) => void> = [];
  const parent = { name: 'vscode host frame' };
  const main = { innerHTML: '<p>old</p>', addEventListener() {} };
  const window = {
    parent,
    origin: 'vscode-webview://abc123',
    addEventListener: (type: string, fn: (e: FakeMessageEvent) => void) => void (type === 'message' && listeners.push(fn)),
  };
  const document = { getElementById: (id: string) => (id === 'preview' ? main : null) };
  runInNewContext(script, { window, document, acquireVsCodeApi: () => ({ postMessage() {} }) });
  assert.equal(listeners.length, 1);
  return {
    main,
    parent,
    origin: window.origin,
    dispatch(event: FakeMessageEvent, _what: string) {
      for (const l of listeners) l(event);
    },
  };
}

function page(value: unknown, problems: PreviewInput['problems'] = []): string {
  return renderPreviewHtml({ value, problems, fileName: 'note.clinikdoc.json' }, NONCE);
}

/** Every tag name in order, e.g. ['h1', 'h2', 'h3'] for headings. */
function tags(html: string, pattern: RegExp): string[] {
  return [...html.matchAll(pattern)].map((m) => m[1]!);
}

describe('preview HTML', () => {
  const dischargeSummary = JSON.parse(fixture('discharge-summary.clinikdoc.json'));

  it('has a strict CSP: nothing by default, style and script only with this render\'s nonce, no form target, no base', () => {
    const html = page(dischargeSummary);
    const csp = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]*)">/)?.[1];
    assert.equal(csp, `default-src 'none'; style-src 'nonce-${NONCE}'; script-src 'nonce-${NONCE}'; form-action 'none'; base-uri 'none'`);
    assert.ok(html.indexOf('Content-Security-Policy') < html.indexOf('<style'), 'the policy comes before any style or script');
    assert.deepEqual(tags(html, /<(script|style)\b[^>]*>/g), ['style', 'script']);
    for (const tag of html.match(/<(script|style)\b[^>]*>/g)!) assert.ok(tag.includes(`nonce="${NONCE}"`), tag);
    assert.doesNotMatch(html, /unsafe-inline|unsafe-eval|https?:\/\/(?!snomed)/);
  });

  it('its script takes updates only from its own host (its own origin: each webview has one)', () => {
    const page = runPageScript(renderPreviewHtml({ value: dischargeSummary, problems: [], fileName: 'x' }, NONCE));
    const update = { type: 'update', body: '<p>new</p>' };
    page.dispatch({ data: update, source: page.parent, origin: 'https://evil.example' }, 'a page');
    page.dispatch({ data: update, source: page.parent, origin: 'vscode-webview://another-webview' }, 'another webview');
    page.dispatch({ data: update, source: page.parent, origin: 'null' }, 'an opaque origin');
    assert.equal(page.main.innerHTML, '<p>old</p>', 'none of those changed the page');
    page.dispatch({ data: { type: 'update', body: 42 }, source: page.parent, origin: page.origin }, 'malformed');
    assert.equal(page.main.innerHTML, '<p>old</p>');
    page.dispatch({ data: update, source: page.parent, origin: page.origin }, 'the host');
    assert.equal(page.main.innerHTML, '<p>new</p>');
  });

  it('refuses a nonce that could break out of the attribute', () => {
    assert.throws(() => renderPreviewHtml({ value: {}, problems: [], fileName: 'x' }, `abc"><script>`));
    assert.throws(() => renderPreviewHtml({ value: {}, problems: [], fileName: 'x' }, 'short'));
  });

  it('renders title, metadata, sections and sub-sections in order, attesters, events and related documents', () => {
    const html = page(dischargeSummary);
    assert.match(html, /<h1>Discharge Summary<\/h1>/);
    assert.deepEqual(tags(html, /<dt>([^<]*)<\/dt>/g), ['Type', 'Status', 'Date', 'Patient', 'Author', 'Encounter', 'Custodian', 'Confidentiality', 'Categories']);
    assert.match(html, /<dt>Confidentiality<\/dt><dd>N — normal<\/dd>/);
    // Headings in reading order: the sub-section sits under its section, one level down.
    assert.deepEqual(tags(html, /<h\d>([^<]*)<\/h\d>/g), ['Discharge Summary', 'Diagnosis', 'Hospital Course', 'Day 1', 'Attested by', 'Events', 'Related documents']);
    assert.deepEqual(tags(html, /<(h\d)>/g), ['h1', 'h2', 'h2', 'h3', 'h2', 'h2', 'h2']);
    assert.ok(html.indexOf('Community-acquired pneumonia') < html.indexOf('Admitted with fever'));
    assert.match(html, /<td>professional<\/td><td>prac_3e9a44<\/td><td>2025-01-15T16:45:00Z<\/td>/);
    assert.match(html, /Hospital admission \(http:\/\/snomed.info\/sct 32485007\) <span class="period">2025-01-10 – 2025-01-15<\/span>/);
    assert.match(html, /<li>replaces comp_0001<\/li>/);
    assert.match(html, /<p class="section-meta">Code 11535-2 · List mode: snapshot · Author prac_3e9a44 · Refers to cond_77<\/p>/);
  });

  it('splits section text into paragraphs at blank lines', () => {
    const html = renderPreviewBody({ value: { sections: [{ title: 'S', text: 'One.\nStill one.\n\nTwo.' }] }, problems: [], fileName: 'f' });
    assert.deepEqual(tags(html, /<p class="text">([^<]*)<\/p>/g), ['One.\nStill one.', 'Two.']);
  });

  it('escapes every value from the document', () => {
    const hostile = '<script>alert(1)</script><img src=x onerror="alert(2)">&\'';
    const value = {
      title: hostile,
      status: hostile,
      category: [hostile],
      sections: [{ title: hostile, text: hostile, code: hostile, resourceIds: [hostile], sections: [{ title: hostile, text: hostile }] }],
      attester: [{ mode: hostile, partyId: hostile, time: hostile }],
      event: [{ code: [{ display: hostile, system: hostile, code: hostile }], period: { start: hostile }, detailIds: [hostile] }],
      relatesTo: [{ code: hostile, targetId: hostile }],
    };
    const html = page(value, [{ message: hostile, severity: 'error', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } } }]);
    assert.equal((html.match(/<script/g) ?? []).length, 1, 'only the page\'s own script');
    assert.doesNotMatch(html, /<img/);
    assert.doesNotMatch(html, /onerror="/);
    assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=&quot;alert(2)&quot;&gt;&amp;&#39;'));
    // 1 <title> + 1 h1 + metadata (type missing: status, categories) + the rest: the value appears escaped many times.
    assert.ok((html.match(/&lt;script&gt;/g) ?? []).length >= 15);
  });

  it('lists problems first, each a link carrying the range to reveal', () => {
    const html = renderPreviewBody({
      value: { title: 'T' },
      fileName: 'f',
      problems: [
        { message: 'status must be one of "preliminary", "final", "amended".', severity: 'error', range: { start: { line: 1, character: 12 }, end: { line: 1, character: 19 } } },
        { message: '"confidentialty" is not a property', severity: 'warning', range: { start: { line: 6, character: 2 }, end: { line: 6, character: 18 } } },
      ],
    });
    assert.ok(html.startsWith('<aside class="problems"'));
    assert.match(html, /<strong>1 error, 1 warning<\/strong>: ClinikAPI would reject this document\./);
    assert.match(html, /<li class="error"><a href="#" class="problem" data-line="1" data-character="12" data-end-line="1" data-end-character="19">Line 2: status must be one of &quot;preliminary&quot;/);
    assert.match(html, /<li class="warning"><a [^>]*data-line="6"[^>]*>Line 7: &quot;confidentialty&quot;/);
  });

  it('no problems, no problem box; a document that is not an object says so', () => {
    assert.doesNotMatch(page(dischargeSummary), /class="problems"/);
    assert.match(page([1, 2]), /the document is not a JSON object/);
    assert.match(page(undefined), /the document is not a JSON object/);
  });

  it('names untitled documents and sections instead of leaving them blank; wrong types are skipped, not printed', () => {
    const html = page({ title: '', patientId: { nested: true }, sections: [{ text: 'x' }, 'not a section'] });
    assert.match(html, /<h1>note\.clinikdoc\.json \(no title\)<\/h1>/);
    assert.match(html, /Section 1 \(untitled\)/);
    assert.match(html, /Section 2 \(untitled\)/);
    assert.doesNotMatch(html, /object Object/);
    assert.doesNotMatch(html, /<dt>Patient<\/dt>/);
  });

  it('uses the editor\'s theme colours, not fixed ones', () => {
    const style = page(dischargeSummary).match(/<style[^>]*>([\s\S]*?)<\/style>/)![1]!;
    assert.match(style, /var\(--vscode-foreground\)/);
    assert.match(style, /var\(--vscode-editor-background\)/);
    assert.doesNotMatch(style, /#[0-9a-f]{3,6}\b|rgb\(/i);
  });
});
