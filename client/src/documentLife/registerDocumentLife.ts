import * as vscode from 'vscode';
import { registerAmendSubmittedDocument } from '../commands/amendSubmittedDocument';
import { registerCheckWhetherCreated } from '../commands/checkWhetherCreated';
import { registerCompareWithSubmitted } from '../commands/compareWithSubmitted';
import { registerOpenSubmittedDocument } from '../commands/openSubmittedDocument';
import { DocumentLife, type DocumentLifeServices } from './documentLife';
import { SubmittedDocuments } from './submittedDocuments';
import { registerSubmissionsView } from './submissionsView';

/** The document's life after Submit (issue 14): the ClinikAPI view and its commands. */
export function registerDocumentLife(services: DocumentLifeServices): { life: DocumentLife; disposable: vscode.Disposable } {
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
