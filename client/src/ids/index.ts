/**
 * The plain-node core of resolving a document's ids (no `vscode`), for products outside the
 * extension (the CLI, cli/): the budgeted resolver, the problems it finds, and how a state is said;
 * and the checks of a document's text against its resolved patient, with copy-forward across files.
 */
export { findReferenceProblems } from './referenceFindings';
export { ReferenceResolver } from './referenceResolver';
export { stateSentence } from './referenceText';
export { resolvePatientTextProblems, type PatientTextProblem } from './patientTextProblems';
export { documentTexts, type DocumentTexts } from '../patientText/documentTexts';
export { CopyForwardIndex } from '../patientText/copyForward';
export { COPY_FORWARD_CODE, placeCopyForwardMatches, type CopyForwardProblem } from '../patientText/copyForwardProblems';
