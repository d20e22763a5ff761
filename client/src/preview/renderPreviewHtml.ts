import { enumDescription, schemaAt } from '../../../shared/documentSchema';

/**
 * The preview's HTML: a ClinikDoc document rendered as the clinical document it describes. Pure
 * (no `vscode`), so it is tested as HTML in node. Every value from the document is HTML-escaped;
 * the only script is the page's own, allowed by a per-render nonce under a CSP that forbids
 * everything else.
 */

/** A problem shown at the top of the preview; 0-based positions, for revealing it in the editor. */
export interface PreviewProblem {
  message: string;
  severity: 'error' | 'warning' | 'information';
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

export interface PreviewInput {
  /** The document's value, as far as it parses (a tolerant parse: the preview follows typing). */
  value: unknown;
  problems: readonly PreviewProblem[];
  /** For the heading when the document has no title yet. */
  fileName: string;
  /**
   * What ClinikAPI says each id is, by the id's path (`patientId`, `attester[0].partyId`):
   * `Jane Doe, 1990-03-15`. Shown beside the id; absent when ids are not resolved.
   */
  labels?: Readonly<Record<string, string>>;
}

/** Posted by the page when a problem is clicked: reveal this range in the editor. */
export interface RevealMessage {
  type: 'reveal';
  range: PreviewProblem['range'];
}

/** Posted to the page to replace its content without reloading it (the scroll position stays). */
export interface UpdateMessage {
  type: 'update';
  body: string;
}

/** The whole page. `nonce` must be fresh for each panel and made of base64 characters only. */
export function renderPreviewHtml(input: PreviewInput, nonce: string): string {
  if (!/^[A-Za-z0-9+/=]{16,}$/.test(nonce)) throw new Error('the preview nonce must be at least 16 base64 characters');
  // No forms to submit and no <base> to re-point links: the page only shows, and posts a reveal.
  const csp = `default-src 'none'; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}'; form-action 'none'; base-uri 'none'`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(documentTitle(input))}</title>
<style nonce="${nonce}">${STYLE}</style>
</head>
<body>
<main id="preview">${renderPreviewBody(input)}</main>
<script nonce="${nonce}">${SCRIPT}</script>
</body>
</html>`;
}

/** The content of `<main>`: problems, then the document. */
export function renderPreviewBody(input: PreviewInput): string {
  const doc = isObject(input.value) ? input.value : undefined;
  const parts = [renderProblems(input.problems)];
  if (!doc) {
    parts.push(`<p class="empty">Nothing to preview yet: the document is not a JSON object.</p>`);
    return parts.join('\n');
  }
  parts.push(`<header>`);
  parts.push(`<h1>${escapeHtml(documentTitle(input))}</h1>`);
  parts.push(renderMetadata(doc, input.labels ?? {}));
  parts.push(`</header>`);
  parts.push(renderSections(doc.sections, 2));
  parts.push(renderAttesters(doc.attester, input.labels ?? {}));
  parts.push(renderEvents(doc.event));
  parts.push(renderRelated(doc.relatesTo, input.labels ?? {}));
  return parts.filter((p) => p !== '').join('\n');
}

function documentTitle(input: PreviewInput): string {
  const title = isObject(input.value) ? text(input.value.title) : undefined;
  return title && title.trim() !== '' ? title : `${input.fileName} (no title)`;
}

function renderProblems(problems: readonly PreviewProblem[]): string {
  if (problems.length === 0) return '';
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors;
  const summary = [errors ? `${errors} error${errors === 1 ? '' : 's'}` : '', warnings ? `${warnings} warning${warnings === 1 ? '' : 's'}` : ''].filter(Boolean).join(', ');
  const items = problems.map((p) => {
    const { start, end } = p.range;
    return `<li class="${p.severity}"><a href="#" class="problem" data-line="${start.line}" data-character="${start.character}" data-end-line="${end.line}" data-end-character="${end.character}">Line ${start.line + 1}: ${escapeHtml(p.message)}</a></li>`;
  });
  return `<aside class="problems" aria-label="Problems"><p><strong>${summary}</strong>: ClinikAPI would ${errors ? 'reject this document' : 'accept this document, but'}${errors ? '.' : ' see the warnings.'} Click one to go to it.</p>\n<ul>\n${items.join('\n')}\n</ul></aside>`;
}

/** `pat_123 — Jane Doe, 1990-03-15` when ClinikAPI said who the id is, else the id. */
function withLabel(id: string | undefined, label: string | undefined): string | undefined {
  return id !== undefined && label ? `${id} — ${label}` : id;
}

function renderMetadata(doc: Record<string, unknown>, labels: Readonly<Record<string, string>>): string {
  const rows: [string, string | undefined][] = [
    ['Type', text(doc.type)],
    ['Status', text(doc.status)],
    ['Date', text(doc.date)],
    ['Patient', withLabel(text(doc.patientId), labels.patientId)],
    ['Author', withLabel(text(doc.practitionerId), labels.practitionerId)],
    ['Encounter', withLabel(text(doc.encounterId), labels.encounterId)],
    ['Custodian', withLabel(text(doc.custodianId), labels.custodianId)],
    ['Confidentiality', confidentiality(doc.confidentiality)],
    ['Categories', list(doc.category).map(text).filter(isDefined).join(', ') || undefined],
  ];
  const shown = rows.filter((r): r is [string, string] => r[1] !== undefined && r[1] !== '');
  if (shown.length === 0) return '';
  return `<dl class="metadata">${shown.map(([label, value]) => `<dt>${label}</dt><dd>${escapeHtml(value)}</dd>`).join('')}</dl>`;
}

/** "R" → "R — restricted", the label from the schema's own description of the value. */
function confidentiality(value: unknown): string | undefined {
  const code = text(value);
  if (code === undefined) return undefined;
  const schema = schemaAt(['confidentiality']);
  const description = schema ? enumDescription(schema, code) : undefined;
  const label = description?.match(/^[^:]+:\s*([^.]+)\./)?.[1];
  return label ? `${code} — ${label}` : code;
}

/** Sections in order, each with its sub-sections one heading level down. */
function renderSections(value: unknown, level: number): string {
  const sections = list(value);
  if (sections.length === 0) return '';
  const heading = `h${Math.min(level, 6)}`;
  return sections
    .map((section, i) => {
      const s = isObject(section) ? section : {};
      const title = text(s.title);
      const meta = [
        text(s.code) ? `Code ${escapeHtml(text(s.code)!)}` : '',
        text(s.mode) ? `List mode: ${escapeHtml(text(s.mode)!)}` : '',
        text(s.authorId) ? `Author ${escapeHtml(text(s.authorId)!)}` : '',
        list(s.resourceIds).length ? `Refers to ${list(s.resourceIds).map(text).filter(isDefined).map(escapeHtml).join(', ')}` : '',
      ].filter(Boolean);
      return [
        `<section class="level-${level}">`,
        `<${heading}>${title && title.trim() !== '' ? escapeHtml(title) : `<span class="missing">Section ${i + 1} (untitled)</span>`}</${heading}>`,
        meta.length ? `<p class="section-meta">${meta.join(' · ')}</p>` : '',
        renderText(s.text),
        renderSections(s.sections, level + 1),
        `</section>`,
      ].filter(Boolean).join('\n');
    })
    .join('\n');
}

/** Paragraphs at blank lines; single line breaks kept (white-space: pre-wrap). */
function renderText(value: unknown): string {
  const body = text(value);
  if (body === undefined || body.trim() === '') return `<p class="missing">No text.</p>`;
  return body
    .split(/\n[ \t]*\n/)
    .filter((p) => p.trim() !== '')
    .map((p) => `<p class="text">${escapeHtml(p.trim())}</p>`)
    .join('\n');
}

function renderAttesters(value: unknown, labels: Readonly<Record<string, string>>): string {
  const attesters = list(value).filter(isObject);
  if (attesters.length === 0) return '';
  const rows = attesters.map((a, i) => `<tr><td>${escapeHtml(text(a.mode) ?? '')}</td><td>${escapeHtml(withLabel(text(a.partyId), labels[`attester[${i}].partyId`]) ?? '')}</td><td>${escapeHtml(text(a.time) ?? '')}</td></tr>`);
  return `<section class="attesters"><h2>Attested by</h2><table><thead><tr><th>Mode</th><th>Party</th><th>Time</th></tr></thead><tbody>${rows.join('')}</tbody></table></section>`;
}

function renderEvents(value: unknown): string {
  const events = list(value).filter(isObject);
  if (events.length === 0) return '';
  const items = events.map((e) => {
    const codes = list(e.code).filter(isObject).map((c) => {
      const display = text(c.display);
      const code = [text(c.system), text(c.code)].filter(isDefined).join(' ');
      return escapeHtml(display && code ? `${display} (${code})` : display ?? code);
    });
    const period = isObject(e.period) ? [text(e.period.start), text(e.period.end)] : [];
    const when = period.some(isDefined) ? ` <span class="period">${escapeHtml(period[0] ?? '…')} – ${escapeHtml(period[1] ?? '…')}</span>` : '';
    const details = list(e.detailIds).map(text).filter(isDefined);
    const detail = details.length ? ` <span class="details">Details: ${details.map(escapeHtml).join(', ')}</span>` : '';
    return `<li>${codes.join('; ') || 'Event'}${when}${detail}</li>`;
  });
  return `<section class="events"><h2>Events</h2><ul>${items.join('')}</ul></section>`;
}

function renderRelated(value: unknown, labels: Readonly<Record<string, string>>): string {
  const related = list(value).filter(isObject);
  if (related.length === 0) return '';
  const items = related.map((r, i) => `<li>${escapeHtml(text(r.code) ?? 'relates to')} ${escapeHtml(withLabel(text(r.targetId), labels[`relatesTo[${i}].targetId`]) ?? '')}</li>`);
  return `<section class="related"><h2>Related documents</h2><ul>${items.join('')}</ul></section>`;
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function isDefined<T>(value: T | undefined): value is T {
  return value !== undefined;
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** A scalar as text; objects and lists (a wrong type, already reported) are not shown. */
function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

const STYLE = `
body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); background: var(--vscode-editor-background); line-height: 1.5; max-width: 52em; margin: 0 auto; padding: 1em 2em 3em; }
h1 { font-size: 1.7em; margin-bottom: 0.3em; }
h2 { font-size: 1.3em; border-bottom: 1px solid var(--vscode-panel-border, var(--vscode-editorWidget-border)); padding-bottom: 0.2em; margin-top: 1.6em; }
h3, h4, h5, h6 { font-size: 1.1em; margin-top: 1.2em; }
section.level-3, section.level-4 { margin-left: 1em; }
.metadata { display: grid; grid-template-columns: max-content 1fr; gap: 0.2em 1.2em; margin: 0.8em 0 1.2em; }
.metadata dt { color: var(--vscode-descriptionForeground); }
.metadata dd { margin: 0; }
.section-meta, .period, .details { color: var(--vscode-descriptionForeground); font-size: 0.9em; }
p.text { white-space: pre-wrap; }
.missing { color: var(--vscode-descriptionForeground); font-style: italic; }
table { border-collapse: collapse; }
th, td { text-align: left; padding: 0.2em 1em 0.2em 0; border-bottom: 1px solid var(--vscode-panel-border, var(--vscode-editorWidget-border)); }
.problems { border-left: 3px solid var(--vscode-editorError-foreground, var(--vscode-errorForeground)); background: var(--vscode-textBlockQuote-background); padding: 0.5em 1em; margin-bottom: 1.5em; }
.problems ul { margin: 0.3em 0; padding-left: 1.2em; }
.problems li.error a { color: var(--vscode-errorForeground); }
.problems li.warning a { color: var(--vscode-editorWarning-foreground); }
.problems li.information a { color: var(--vscode-editorInfo-foreground); }
a { color: var(--vscode-textLink-foreground); }
a:focus { outline: 1px solid var(--vscode-focusBorder); }
`;

/**
 * Problem links post a reveal; updates replace the content in place. No other script runs.
 * Updates are taken only from the webview's own host: VS Code's frame around the page posts
 * them with the page's own origin, and every webview has an origin of its own, so a message from
 * any other origin (another webview, a page, an opaque `null` origin) is ignored. (`event.source`
 * cannot be compared with the parent: VS Code sets `window.parent = window` inside webviews.)
 */
const SCRIPT = `
(function () {
  const vscode = acquireVsCodeApi();
  const main = document.getElementById('preview');
  main.addEventListener('click', function (event) {
    const link = event.target.closest('a.problem');
    if (!link) return;
    event.preventDefault();
    const n = function (name) { return Number(link.getAttribute(name)); };
    vscode.postMessage({ type: 'reveal', range: { start: { line: n('data-line'), character: n('data-character') }, end: { line: n('data-end-line'), character: n('data-end-character') } } });
  });
  window.addEventListener('message', function (event) {
    if (event.origin !== window.origin) return;
    if (event.data && event.data.type === 'update' && typeof event.data.body === 'string') main.innerHTML = event.data.body;
  });
})();
`;
