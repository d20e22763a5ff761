import * as vscode from 'vscode';
import { registerAmendSubmittedDocument } from './amendCommand';
import { registerCheckWhetherCreated } from './checkWhetherCreatedCommand';
import { registerCompareWithSubmitted } from './compareCommand';
import { registerOpenSubmittedDocument } from './openSubmittedCommand';
import { DocumentLife, type DocumentLifeServices } from './documentLife';
import { SubmittedDocuments } from './submittedDocuments';
import { registerSubmissionsView } from './submissionsView';

/** The document's life after Submit: the ClinikAPI Submissions view and its commands (open, check, compare, amend). */
export function registerAfterSubmit(services: DocumentLifeServices): { life: DocumentLife; disposable: vscode.Disposable } {
  const life = new DocumentLife(services);
  const documents = new SubmittedDocuments();
  const disposable = vscode.Disposable.from(
    life,
    documents,
    registerSubmissionsView(life),
    registerCheckWhetherCreated(life),
    registerOpenSubmittedDocument(life, documents),
    registerCompareWithSubmitted(life, documents),
    registerAmendSubmittedDocument(life, services.client),
  );
  return { life, disposable };
}
