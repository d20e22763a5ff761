import * as vscode from 'vscode';
import { registerReferenceProviders } from './referenceProviders';
import { ReferenceService, type ReferenceServiceDeps } from './referenceService';

/**
 * The ids of a document resolved against ClinikAPI: the service that reads them (and answers
 * "who is this patient?" for the other features) and its hover, inlay names, warnings and fixes.
 */
export function registerIds(deps: ReferenceServiceDeps): { references: ReferenceService; disposable: vscode.Disposable } {
  const references = new ReferenceService(deps);
  return { references, disposable: vscode.Disposable.from(references, registerReferenceProviders(references)) };
}
