/**
 * The plain-node core of resolving a document's ids (no `vscode`), for products outside the
 * extension (the CLI, cli/): the budgeted resolver, the problems it finds, and how a state is said.
 */
export { findReferenceProblems } from './referenceFindings';
export { ReferenceResolver } from './referenceResolver';
export { stateSentence } from './referenceText';
