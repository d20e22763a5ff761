/**
 * The hostile documents of `npm run bench`: legal bodies (under 1 MB) that used to take seconds,
 * ours against the floor and the peer in the same run. Each is opened afresh in both servers and its
 * diagnostics pulled (the parse, the validation and every diagnostic); one letter of the section
 * text is then edited and the diagnostics pulled again (typing in such a document); and the
 * quick fixes on the one very long key are asked for. Every answer is checked (the diagnostics'
 * count and codes), so a fast wrong answer cannot pass for a fast one.
 */
import { performance } from 'node:perf_hooks';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { positionAt } from './documents';
import { longUnknownKeyDocument, manyDuplicateKeysDocument, manyUnknownKeysDocument, unknownKeysInSectionsDocument, type HostileDocument } from './hostileDocuments';
import type { LspSession } from './lspSession';
import { inOrder, SESSION_KEYS, timesOf, type SessionKey, type Sessions } from './sessions';
import { median, type Row } from './table';

const OPEN_ROUNDS = 5;
const EDIT_ROUNDS = 6;
const FIX_ROUNDS = 5;
/** What VS Code's extension host passes on to the editor of one file, and our server's default bound. */
const LISTED_AT_MOST = 1000;
/** The letter the edit toggles: in the section text every hostile document has. */
const EDITED_TEXT = 'Admitted with fever.';

let opened = 0;
const freshUri = (name: string) => `file:///tmp/clinikdoc-bench/hostile-${name.replace(/[^a-z0-9]+/gi, '-')}-${++opened}.clinikdoc.json`;

/** How many problems of each code: a diagnostic that stands for `hidden` more (ours past its bound) counts for them too. */
function countCodes(diagnostics: Diagnostic[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const d of diagnostics) {
    const hidden = (d.data as { hidden?: unknown } | undefined)?.hidden;
    counts[String(d.code)] = (counts[String(d.code)] ?? 0) + 1 + (typeof hidden === 'number' ? hidden : 0);
  }
  return counts;
}

/**
 * Ours must report exactly the expected problems, in at most LISTED_AT_MOST diagnostics (the bound
 * VS Code's extension host has too); the peer must at least see as many problems; the floor
 * reports none.
 */
function check(session: LspSession, doc: HostileDocument, diagnostics: Diagnostic[], key: SessionKey): void {
  const expectedTotal = Object.values(doc.expected.codes).reduce((a, b) => a + b, 0);
  if (key === 'floor') return;
  if (key === 'ours') {
    const found = JSON.stringify(countCodes(diagnostics));
    if (found !== JSON.stringify(doc.expected.codes)) throw new Error(`${session.spec.name} on ${doc.name}: ${found}, expected ${JSON.stringify(doc.expected.codes)}`);
    if (diagnostics.length > LISTED_AT_MOST) throw new Error(`${session.spec.name} on ${doc.name}: ${diagnostics.length} diagnostics listed, more than ${LISTED_AT_MOST}`);
  } else if (diagnostics.length < expectedTotal) {
    console.log(`note: ${session.spec.name} reports ${diagnostics.length} diagnostics on ${doc.name} (ours ${expectedTotal})`);
  }
}

/** Opens `doc` under a new uri and pulls its diagnostics: the round trip in ms. */
async function openThenDiagnostics(session: LspSession, doc: HostileDocument, key: SessionKey): Promise<{ ms: number; uri: string; diagnostics: Diagnostic[] }> {
  const uri = freshUri(doc.name);
  const t0 = performance.now();
  await session.open(uri, doc.text);
  const diagnostics = await session.diagnostics(uri);
  const ms = performance.now() - t0;
  check(session, doc, diagnostics, key);
  return { ms, uri, diagnostics };
}

async function perDocument(s: Sessions, doc: HostileDocument, rows: Row[]): Promise<void> {
  const times = timesOf();
  let peerCount = 0;
  let oursListed = 0;
  for (let i = 0; i < OPEN_ROUNDS; i++) {
    for (const [key, session] of inOrder(s, i)) {
      const { ms, uri, diagnostics } = await openThenDiagnostics(session, doc, key);
      if (key === 'peer') peerCount = diagnostics.length;
      if (key === 'ours') oursListed = diagnostics.length;
      times[key].push(ms);
      await session.close(uri);
    }
  }
  const total = Object.values(doc.expected.codes).reduce((a, b) => a + b, 0);
  rows.push({ figure: `open → diagnostics, ${doc.name}`, ours: median(times.ours), floor: median(times.floor), peer: median(times.peer), unit: 'ms', target: { ratio: 1.0 }, note: `${total.toLocaleString('en-US')} (${oursListed.toLocaleString('en-US')} listed) / ${peerCount.toLocaleString('en-US')} diagnostics` });

  // Typing in the document: one letter of a section's text, then the diagnostics again.
  const uri = freshUri(doc.name);
  for (const key of SESSION_KEYS) await s[key].open(uri, doc.text);
  const editOffset = doc.text.indexOf(EDITED_TEXT) + 1;
  const original = doc.text[editOffset]!;
  const edits = timesOf();
  for (let i = 0; i < EDIT_ROUNDS; i++) {
    const character = i % 2 === 0 ? 'q' : original;
    for (const [key, session] of inOrder(s, i)) {
      const { ms, diagnostics } = await session.editThenDiagnostics(uri, editOffset, character);
      check(session, doc, diagnostics, key);
      edits[key].push(ms);
    }
  }
  rows.push({ figure: `edit → diagnostics, ${doc.name}`, ours: median(edits.ours), floor: median(edits.floor), peer: median(edits.peer), unit: 'ms', target: { ratio: 1.0 } });
  for (const key of SESSION_KEYS) await s[key].close(uri);
}

/**
 * The quick fixes on the very long unknown key (none is close enough to rename it to). The peer
 * offers no quick fixes, so its figure is its own diagnostics of the same document: the fix must
 * not cost more than the peer takes to check the document.
 */
async function quickFixOnLongKey(ours: LspSession, peer: LspSession, rows: Row[]): Promise<void> {
  const doc = longUnknownKeyDocument();
  const { uri, diagnostics } = await openThenDiagnostics(ours, doc, 'ours');
  const unknown = diagnostics.find((d) => d.code === 'unknown-property')!;
  const keyStart = doc.text.indexOf(JSON.stringify(doc.key));
  const start = positionAt(doc.text, keyStart);
  if (unknown.range.start.line !== start.line || unknown.range.start.character !== start.character || unknown.range.end.character !== start.character + doc.key.length + 2) {
    throw new Error(`${ours.spec.name}: the long key is reported at ${JSON.stringify(unknown.range)}`);
  }
  const fixes: number[] = [];
  for (let i = 0; i < FIX_ROUNDS; i++) {
    const t0 = performance.now();
    const actions = (await ours.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: unknown.range, context: { diagnostics: [unknown] } })) as CodeAction[] | null;
    fixes.push(performance.now() - t0);
    if (!Array.isArray(actions) || actions.length !== 0) throw new Error(`${ours.spec.name}: expected no rename for the long key, got ${JSON.stringify(actions?.map((a) => a.title))}`);
  }
  await ours.close(uri);
  const peerTimes: number[] = [];
  const peerFixes = peer.initializeResult?.capabilities.codeActionProvider !== undefined;
  for (let i = 0; i < FIX_ROUNDS; i++) {
    const opened = await openThenDiagnostics(peer, doc, 'peer');
    if (peerFixes) {
      const t0 = performance.now();
      await peer.connection.sendRequest('textDocument/codeAction', { textDocument: { uri: opened.uri }, range: unknown.range, context: { diagnostics: opened.diagnostics } });
      peerTimes.push(performance.now() - t0);
    } else {
      peerTimes.push(opened.ms);
    }
    await peer.close(opened.uri);
  }
  rows.push({
    figure: `quick fix on the ${doc.key.length.toLocaleString('en-US')}-character key`,
    ours: median(fixes),
    peer: median(peerTimes),
    unit: 'ms',
    target: { ratio: 1.0 },
    note: peerFixes ? 'both: textDocument/codeAction' : 'peer (no quick fixes): its open → diagnostics of that document',
  });
}

/** The hostile documents' rows, measured in the three servers (already started and configured). */
export async function hostileRows(s: Sessions): Promise<Row[]> {
  const rows: Row[] = [];
  const docs = [manyUnknownKeysDocument(), unknownKeysInSectionsDocument(), manyDuplicateKeysDocument(), longUnknownKeyDocument()];
  console.log(`hostile documents: ${docs.map((d) => `${d.name} ${(d.text.length / 1024).toFixed(0)} KB`).join(', ')}`);
  for (const doc of docs) await perDocument(s, doc, rows);
  // The floor answers no code actions: this row is ours against the peer only.
  await quickFixOnLongKey(s.ours, s.peer, rows);
  return rows;
}
