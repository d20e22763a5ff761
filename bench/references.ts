/**
 * The reads that resolve a document's ids while a document is edited, against the local emulator (127.0.0.1):
 * a document with six references edited for 200 keystrokes (typed in bursts with pauses, so the
 * debounce fires between them), counting the requests ClinikAPI would get — at most one read per
 * distinct id — and hover on a resolved id (the server's hover plus the client's answer from
 * memory) against a plain hover of our server. Figures only.
 */
import { performance } from 'node:perf_hooks';
import type { Emulator } from '../emulator/server.mjs' with { 'resolution-mode': 'import' };
import { ClinikApiReads } from '../client/src/api/clinikApiReads';
import { DocumentResolutions, type DocumentResolution } from '../client/src/ids/documentResolutions';
import { ReferenceResolver } from '../client/src/ids/referenceResolver';
import { hoverMarkdown } from '../client/src/ids/referenceText';
import { sendRequest } from '../client/src/api/nodeTransport';
import { ReferencesRequest, type ReferencesResult } from '../shared/protocol';
import type { LspSession } from './lspSession';
import { median, type Row } from './table';

const KEYSTROKES = 200;
const BURST = 40;
const KEY_INTERVAL_MS = 15;
const DEBOUNCE_MS = 150;
const HOVER_ROUNDS = 40;
const KEY = 'clk_test_bench_reads';

/** Six references, five distinct ids (the practitioner twice), one of them unknown. */
const DOCUMENT = JSON.stringify(
  {
    status: 'final',
    type: 'discharge-summary',
    patientId: 'pat_123',
    encounterId: 'enc_456',
    practitionerId: 'prac_789',
    custodianId: 'org_1',
    title: 'Discharge Summary',
    attester: [{ mode: 'legal', partyId: 'prac_789' }],
    relatesTo: [{ code: 'appends', targetId: 'comp_999' }],
    sections: [{ title: 'Diagnosis', text: 'Community-acquired pneumonia.' }],
  },
  null,
  2,
);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function referenceRows(ours: LspSession): Promise<Row[]> {
  const { startEmulator } = await import('../emulator/server.mjs');
  const emu: Emulator = await startEmulator({ rateLimit: 10_000 });
  const uri = 'file:///tmp/clinikdoc-bench/references.clinikdoc.json';
  try {
    const reads = new ClinikApiReads({ transport: sendRequest, log: () => undefined, userAgent: 'ClinikDoc/bench' });
    reads.configure(KEY, emu.url);
    const resolver = new ReferenceResolver(reads);
    let updates = 0;
    let last: DocumentResolution | undefined;
    const docs = new DocumentResolutions(resolver, (_u, r) => {
      updates++;
      last = r;
    }, { debounceMs: DEBOUNCE_MS });
    const list = () => ours.connection.sendRequest(ReferencesRequest.type, { textDocument: { uri } }) as Promise<ReferencesResult>;

    await ours.open(uri, DOCUMENT);
    docs.changed(uri, list);
    // Type into the title, in bursts; the debounce fires in each pause.
    const titleEnd = DOCUMENT.indexOf('Discharge Summary') + 'Discharge Summary'.length;
    for (let i = 0; i < KEYSTROKES; i++) {
      await ours.change(uri, titleEnd + i, titleEnd + i, 'x');
      docs.changed(uri, list);
      await sleep((i + 1) % BURST === 0 ? DEBOUNCE_MS * 3 : KEY_INTERVAL_MS);
    }
    while (docs.waiting > 0) await sleep(DEBOUNCE_MS);
    await sleep(DEBOUNCE_MS);
    const requests = Object.values(emu.state.reads).reduce((a, b) => a + b, 0);
    const distinct = new Set((last?.references ?? []).map((r) => `${r.kind}:${r.id}`)).size;

    // Hover: the server's hover on patientId plus the client's answer from memory, against the
    // server's plain hover on the title.
    const text = DOCUMENT.slice(0, titleEnd) + 'x'.repeat(KEYSTROKES) + DOCUMENT.slice(titleEnd);
    const at = (needle: string) => {
      const offset = text.indexOf(needle) + 2;
      const before = text.slice(0, offset).split('\n');
      return { line: before.length - 1, character: before.at(-1)!.length };
    };
    const hover = (position: { line: number; character: number }) => ours.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position });
    const plain: number[] = [];
    const resolved: number[] = [];
    for (let i = 0; i < HOVER_ROUNDS; i++) {
      let t0 = performance.now();
      await hover(at('"title"'));
      plain.push(performance.now() - t0);
      t0 = performance.now();
      const position = at('"pat_123"');
      const [, listed] = await Promise.all([hover(position), Promise.resolve(docs.get(uri))]);
      const reference = listed?.references.find((r) => r.path === 'patientId')!;
      hoverMarkdown(reference.kind, reference.id, await resolver.resolve(reference.kind, reference.id), reads.state);
      resolved.push(performance.now() - t0);
    }
    const hoverReads = Object.values(emu.state.reads).reduce((a, b) => a + b, 0) - requests;
    docs.dispose();
    reads.dispose();
    return [
      {
        figure: `ClinikAPI reads, ${KEYSTROKES} keystrokes, 6 references`,
        ours: requests,
        peer: undefined,
        unit: 'reads',
        target: { max: distinct },
        note: `${requests} for ${distinct} distinct ids, ${updates} resolutions after pauses; hovers then made ${hoverReads}`,
      },
      {
        figure: 'hover on a resolved id vs plain hover',
        ours: median(resolved),
        peer: median(plain),
        unit: 'ms',
        target: { ratio: 1.5 },
        note: 'ours: hover on patientId with its name from memory; peer column: our plain hover on title',
      },
    ];
  } finally {
    await ours.close(uri);
    await emu.close();
  }
}
