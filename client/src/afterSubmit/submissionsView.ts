import * as vscode from 'vscode';
import { STATE_TEXT, type SubmissionRecord, type SubmissionState } from '../record/submissionRecords';
import type { DocumentLife } from './documentLife';
import { submissionTooltipMarkdown } from './submissionTooltip';

/** A file of the view; its children are its submissions. */
class FileItem extends vscode.TreeItem {
  constructor(
    readonly fileUri: string,
    readonly entries: SubmissionRecord[],
    linked: SubmissionRecord | undefined,
  ) {
    const uri = vscode.Uri.parse(fileUri);
    super(uri, vscode.TreeItemCollapsibleState.Expanded);
    this.description = linked ? `→ ${linked.documentId}` : undefined;
    this.contextValue = linked ? 'clinikapi.file.linked' : 'clinikapi.file';
    this.tooltip = `${vscode.workspace.asRelativePath(uri)}${linked ? `\nLinked to ${linked.documentId}` : ''}`;
    this.command = { command: 'vscode.open', title: 'Open File', arguments: [uri] };
  }
}

/** How the view shows each state (its words are STATE_TEXT's). */
const ICON: Record<SubmissionState, { icon: string; color?: string }> = {
  claimed: { icon: 'loading~spin' },
  sent: { icon: 'question', color: 'list.warningForeground' },
  created: { icon: 'pass', color: 'testing.iconPassed' },
  rejected: { icon: 'error', color: 'list.errorForeground' },
  unknown: { icon: 'question', color: 'list.warningForeground' },
  found: { icon: 'pass', color: 'testing.iconPassed' },
  notFoundYet: { icon: 'watch', color: 'list.warningForeground' },
  settled: { icon: 'circle-slash' },
  updated: { icon: 'edit', color: 'testing.iconPassed' },
};

/** The view's words for a record's state; an update has its own for an unknown or refused outcome. */
function stateLabel(entry: SubmissionRecord): string {
  if (entry.action === 'update' && entry.state === 'unknown') return 'update may be applied';
  if (entry.action === 'update' && entry.state === 'rejected') return 'update refused';
  if (entry.state === 'notFoundYet' && entry.checkedAt) return `not found yet (searched ${when(entry.checkedAt)})`;
  return STATE_TEXT[entry.state].view;
}

/** One submission (or update) of a file. */
class EntryItem extends vscode.TreeItem {
  constructor(readonly entryKey: string, entry: SubmissionRecord) {
    const o = ICON[entry.state];
    const label = stateLabel(entry);
    super(`${when(entry.time)} · ${label}`, vscode.TreeItemCollapsibleState.None);
    const host = new URL(entry.origin).host;
    this.description = [entry.documentId, `${entry.keyKind} · ${host}`].filter(Boolean).join(' · ');
    this.iconPath = new vscode.ThemeIcon(o.icon, o.color ? new vscode.ThemeColor(o.color) : undefined);
    this.contextValue = `clinikapi.submission.${entry.action === 'create' ? entry.state : `update.${entry.state}`}${entry.documentId ? '.withId' : ''}`;
    const settles = entry.settleAt && (entry.state === 'unknown' || entry.state === 'notFoundYet') ? new Date(entry.settleAt).toLocaleTimeString() : undefined;
    const tip = new vscode.MarkdownString(submissionTooltipMarkdown(entry, label, new Date(entry.sentAt ?? entry.claimedAt).toLocaleString(), settles));
    tip.isTrusted = false;
    tip.supportHtml = false;
    this.tooltip = tip;
  }
}

function when(iso: string): string {
  const d = new Date(iso);
  const now = new Date();
  const time = d.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  return d.toDateString() === now.toDateString() ? time : `${d.toLocaleDateString(undefined, { day: 'numeric', month: 'short' })} ${time}`;
}

/**
 * The ClinikAPI view (Explorer): the submissions made from this machine, grouped by file. It shows
 * only what the history stores: no content, no titles, no names.
 */
export class SubmissionsView implements vscode.TreeDataProvider<FileItem | EntryItem>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: { dispose(): void };

  constructor(private readonly life: DocumentLife) {
    this.subscription = life.records.onDidChange(() => this.changed.fire());
  }

  getTreeItem(item: FileItem | EntryItem): vscode.TreeItem {
    return item;
  }

  getChildren(item?: FileItem | EntryItem): Array<FileItem | EntryItem> {
    if (!item) return this.life.records.byFile().map((g) => new FileItem(g.file, g.entries, this.life.records.linkedDocument(g.file)));
    if (item instanceof FileItem) return item.entries.map((e) => new EntryItem(e.key, e));
    return [];
  }

  refresh(): void {
    this.changed.fire();
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

export function registerSubmissionsView(life: DocumentLife): vscode.Disposable {
  const provider = new SubmissionsView(life);
  const view = vscode.window.createTreeView('clinikapi.submissions', { treeDataProvider: provider, showCollapseAll: true });
  const clear = vscode.commands.registerCommand('clinikapi.clearSubmissionHistory', async () => {
    const go = 'Clear History';
    const answer = await vscode.window.showWarningMessage(
      'Forget the submissions listed in the ClinikAPI view? The documents stay in ClinikAPI; the files lose their link to them. (Submit still asks before sending content it sent before.)',
      { modal: true },
      go,
    );
    if (answer === go) await life.records.clear();
  });
  const copy = vscode.commands.registerCommand('clinikapi.copyDocumentId', async (item?: { entryKey?: string }) => {
    const id = item?.entryKey ? life.records.get(item.entryKey)?.documentId : undefined;
    if (id) await vscode.env.clipboard.writeText(id);
  });
  return vscode.Disposable.from(provider, view, clear, copy);
}
