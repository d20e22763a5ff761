import * as vscode from 'vscode';
import { SERVER_DIAGNOSTIC_SOURCE, type DocumentReference } from '../../../shared/protocol';
import { CLINIKDOC_SELECTOR } from '../editor/clinikDocDocument';
import { documentPatientId } from './referenceFindings';
import { completionSearch, quickFixCandidates } from './referenceQueries';
import { cacheKey } from './referenceResolver';
import { describe, hoverMarkdown, shortLabel, textProblemMarkdown } from './referenceText';
import type { Resolved } from './resolvedResources';
import type { ReferenceService } from './referenceService';

/** Quiet time while typing a name before a search is sent. */
const SEARCH_DEBOUNCE_MS = 300;

const toRange = (r: DocumentReference['range']) => new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);

/** The inside of the string token (without its quotes). */
function innerRange(reference: DocumentReference, document: vscode.TextDocument): vscode.Range {
  const r = toRange(reference.range);
  const text = document.getText(r);
  const closed = text.length >= 2 && text.endsWith('"');
  return new vscode.Range(r.start.translate(0, 1), closed ? r.end.translate(0, -1) : r.end);
}

/** Hover, inlay hints, completion of ids and quick fixes offering candidates: each reads from the service. */
export function registerReferenceProviders(service: ReferenceService): vscode.Disposable {
  const inlayChanged = new vscode.EventEmitter<void>();
  return vscode.Disposable.from(
    inlayChanged,
    service.onDidChange(() => inlayChanged.fire()),
    vscode.languages.registerHoverProvider(CLINIKDOC_SELECTOR, {
      async provideHover(document, position) {
        // Without a key (or in Restricted Mode, or turned off) hover stays what it is without ClinikAPI.
        const state = service.reads.state;
        if (service.gate !== 'on' || (state.kind === 'off' && (state.reason === 'noKey' || state.reason === 'badKey'))) return undefined;
        const reference = await service.referenceAt(document, position);
        if (!reference) {
          // Words of the text that disagree with the patient: what ClinikAPI has, in full.
          const detail = service.textProblemAt(document, document.offsetAt(position));
          if (!detail) return undefined;
          const markdown = new vscode.MarkdownString(textProblemMarkdown(detail, service.reads.state));
          markdown.isTrusted = false;
          markdown.supportHtml = false;
          return new vscode.Hover(markdown);
        }
        if (reference.id === '') return undefined;
        const resolution = await service.resolve(reference);
        const markdown = new vscode.MarkdownString(hoverMarkdown(reference.kind, reference.id, resolution, service.reads.state));
        markdown.isTrusted = false;
        markdown.supportHtml = false;
        return new vscode.Hover(markdown, toRange(reference.range));
      },
    }),
    vscode.languages.registerInlayHintsProvider(CLINIKDOC_SELECTOR, {
      onDidChangeInlayHints: inlayChanged.event,
      provideInlayHints(document, range) {
        if (!service.active || !service.settings.inlayHints) return [];
        const current = service.current(document);
        if (!current) return [];
        const hints: vscode.InlayHint[] = [];
        for (const reference of current.references) {
          const r = toRange(reference.range);
          if (!range.contains(r.end)) continue;
          const resolution = current.resolutions.get(cacheKey(reference.kind, reference.id));
          if (resolution?.state !== 'resolved') continue;
          const hint = new vscode.InlayHint(r.end, shortLabel(resolution.resource), vscode.InlayHintKind.Type);
          hint.paddingLeft = true;
          hint.tooltip = `${describe(resolution.resource)} — from ClinikAPI (turn these off with clinikapi.references.inlayHints)`;
          hints.push(hint);
        }
        return hints;
      },
    }),
    vscode.languages.registerCompletionItemProvider(
      CLINIKDOC_SELECTOR,
      {
        async provideCompletionItems(document, position, token) {
          if (!service.active) return undefined;
          const listed = await service.list(document);
          const reference = listed?.references.find((r) => toRange(r.range).contains(position) && !toRange(r.range).start.isEqual(position));
          if (!listed || !reference) return undefined;
          const inner = innerRange(reference, document);
          const typed = document.getText(new vscode.Range(inner.start, position));
          const patientId = documentPatientId(listed.references);
          const query = completionSearch(reference.kind, typed, patientId);
          if (!query) return undefined;
          if (query.debounce) {
            // Typing a name: wait for a pause; VS Code cancels this request on the next keystroke.
            await new Promise((resolve) => setTimeout(resolve, SEARCH_DEBOUNCE_MS));
            if (token.isCancellationRequested) return undefined;
          }
          const found = await service.resolver.search(query.kind, query.params);
          if (!found || token.isCancellationRequested) return undefined;
          const items = found.map((resource, index) => {
            const item = new vscode.CompletionItem({ label: completionLabel(resource), description: resource.id }, vscode.CompletionItemKind.Reference);
            item.insertText = resource.id;
            item.range = inner;
            item.filterText = typed;
            item.sortText = String(index).padStart(4, '0');
            item.detail = 'ClinikAPI';
            return item;
          });
          return new vscode.CompletionList(items, query.debounce);
        },
      },
      '"',
    ),
    vscode.languages.registerCodeActionsProvider(
      CLINIKDOC_SELECTOR,
      {
        async provideCodeActions(document, _range, context) {
          const actions: vscode.CodeAction[] = [];
          const current = service.current(document);
          if (!current || !service.active) return actions;
          for (const diagnostic of context.diagnostics) {
            if (diagnostic.source !== SERVER_DIAGNOSTIC_SOURCE || typeof diagnostic.code !== 'string') continue;
            const finding = current.findings.find((f) => f.code === diagnostic.code && toRange(f.reference.range).isEqual(diagnostic.range));
            if (!finding) continue;
            for (const candidate of await quickFixCandidates(service.resolver, finding.reference, finding.code, finding.patientId)) {
              const action = new vscode.CodeAction(`Use ${candidate.id} (${shortLabel(candidate)})`, vscode.CodeActionKind.QuickFix);
              action.diagnostics = [diagnostic];
              action.edit = new vscode.WorkspaceEdit();
              action.edit.replace(document.uri, toRange(finding.reference.range), JSON.stringify(candidate.id));
              actions.push(action);
            }
          }
          return actions;
        },
      },
      { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] },
    ),
  );
}

/** `Jane Doe · 1990-03-15 · pat_123`. */
function completionLabel(resource: Resolved): string {
  return `${shortLabel(resource).replace(/, /g, ' · ')} · ${resource.id}`;
}
