// Bad documents never reach the network. The error count the submission flow refuses on
// comes from the real language server (through the protocol, as the Submit command asks it), and
// the flow runs against the emulator: nothing is received, nothing is created.
//
// And the other direction, on random documents: whatever the server finds no error in, the
// emulator (the contract's validator) accepts. So a document ClinikAPI would refuse for its content
// is stopped in the editor, before the key and the content travel.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Emulator } from '../../emulator/server.mjs' with { 'resolution-mode': 'import' };
import { MAX_BODY_BYTES, submitDocument, type SubmitResult } from '../../client/src/submit/submitFlow';
import { SubmissionsInFlight } from '../../client/src/submit/inFlight';
import { MemoryStore } from '../../client/src/record/keyValueStore';
import { SubmissionRecords } from '../../client/src/record/submissionRecords';
import { postJson } from '../../client/src/api/nodeTransport';
import { LspTestClient } from '../support/lspClient';
import { FakeUi, LspDocument, TEST_KEY, documentText, withEmulator } from './helpers';

let emu: Emulator;
let server: LspTestClient;
let counter = 0;
before(async () => {
  emu = await withEmulator({ rateLimit: 100_000 });
  server = await LspTestClient.start();
});
after(async () => {
  await server.stop();
  await emu.close();
});

/** Errors (severity 1) the language server reports for the text. */
async function serverErrors(text: string): Promise<number> {
  const uri = `file:///tmp/clinikdoc-bad/doc-${++counter}.clinikdoc.json`;
  await server.open(uri, text);
  const diagnostics = await server.diagnostics(uri);
  await server.close(uri);
  return diagnostics.filter((d) => d.severity === 1).length;
}

/** Submits the text as the Submit command does: open in the real language server, checked through `clinikdoc/submissionCheck`. */
async function submit(text: string): Promise<{ result: SubmitResult; logs: string[] }> {
  const logs: string[] = [];
  const document = await LspDocument.open(server, text);
  try {
    const result = await submitDocument(
      { document, trusted: true, apiKey: TEST_KEY, baseUrl: emu.url, timeoutSeconds: 5, confirmLive: true, userAgent: 'ClinikDoc/test' },
      { records: new SubmissionRecords(new MemoryStore()), window: 'window-1', inFlight: new SubmissionsInFlight(), ui: new FakeUi(), log: (l) => logs.push(l), post: postJson },
    );
    return { result, logs };
  } finally {
    await document.close();
  }
}

function doc(overrides: Record<string, unknown>): string {
  return documentText(overrides);
}

describe('a document with errors is refused before the network', () => {
  const bad: Array<[string, string]> = [
    ['a missing comma', documentText().replace('"final",', '"final"')],
    ['a trailing comma', documentText().replace(/\n}\n$/, ',\n}\n')],
    ['a comment', `// draft\n${documentText()}`],
    ['a missing required field', JSON.stringify({ ...JSON.parse(documentText()), practitionerId: undefined }, null, 2)],
    ['a wrong status', doc({ status: 'draft' })],
    ['a title over 500', doc({ title: 't'.repeat(501) })],
    ['no sections', doc({ sections: [] })],
    ['51 sections', doc({ sections: Array.from({ length: 51 }, (_, i) => ({ title: `S${i}`, text: 'x' })) })],
    ['a section without text', doc({ sections: [{ title: 'Diagnosis' }] })],
    ['a section text over 50,000 UTF-16 units (emoji count 2)', doc({ sections: [{ title: 'Notes', text: '😀'.repeat(25_001) }] })],
    ['a date that is not RFC 3339', doc({ date: '15/01/2025' })],
    ['an attester without mode', doc({ attester: [{ partyId: 'prac_1' }] })],
    ['a relatesTo without targetId', doc({ relatesTo: [{ code: 'replaces' }] })],
    ['a confidentiality outside N/R/V', doc({ confidentiality: 'X' })],
    ['an array instead of the document', '[]'],
    ['an empty file', ''],
  ];
  for (const [name, text] of bad) {
    it(name, async () => {
      const errors = await serverErrors(text);
      assert.ok(errors > 0, 'the language server reports an error');
      const { result, logs } = await submit(text);
      assert.equal(result.kind, 'refused');
      assert.ok(result.kind === 'refused' && result.reason === 'hasErrors' && /Nothing was sent/.test(result.message.text));
      assert.equal(emu.state.requests.length, 0, 'the emulator received nothing');
      assert.equal(emu.state.documents.length, 0);
      assert.deepEqual(logs, [], 'not even a log line: nothing was attempted');
    });
  }
});

describe('over 1 MB is refused with a clear message, whatever the editor says of it', () => {
  const cases: Array<[string, string]> = [
    // Valid for the language server (50 sections of 21,000 characters), too big for the SDK.
    ['an error-free document of 1.05 MB', doc({ sections: Array.from({ length: 50 }, (_, i) => ({ title: `S${i}`, text: 'x'.repeat(21_000) })) })],
    // 600,000 UTF-16 units, 1.2 MB in UTF-8: the limit is on bytes sent.
    ['600,000 accented letters (1.2 MB of UTF-8)', doc({ sections: Array.from({ length: 12 }, (_, i) => ({ title: `S${i}`, text: 'é'.repeat(50_000) })) })],
  ];
  for (const [name, text] of cases) {
    it(name, async () => {
      const errors = await serverErrors(text);
      assert.equal(errors, 0, 'the language server finds nothing wrong');
      assert.ok(Buffer.byteLength(text) > MAX_BODY_BYTES);
      const { result } = await submit(text);
      assert.ok(result.kind === 'refused' && result.reason === 'tooLarge', JSON.stringify(result).slice(0, 200));
      assert.match(result.message.text, /The document is 1\.\d MB; ClinikAPI accepts at most 1 MB\. Nothing was sent\./);
      assert.equal(emu.state.requests.length, 0);
      assert.equal(emu.state.documents.length, 0);
    });
  }

  it('one byte over the limit is refused, the limit itself is sent', async () => {
    const base = documentText({ sections: [{ title: 'Notes', text: '' }] });
    const at = (bytes: number) => base.replace('"text": ""', `"text": ""${' '.repeat(bytes - Buffer.byteLength(base))}`);
    const over = await submit(at(MAX_BODY_BYTES + 1));
    assert.ok(over.result.kind === 'refused' && over.result.reason === 'tooLarge');
    assert.equal(emu.state.requests.length, 0);
    const exact = await submit(at(MAX_BODY_BYTES));
    assert.ok(exact.result.kind === 'sent' && exact.result.outcome.kind === 'created');
    emu.reset();
  });
});

describe('random documents: no error in the editor ⇒ ClinikAPI (the emulator) accepts', () => {
  /** Mostly valid (so that both sides are exercised), sometimes one of the ways to be wrong. */
  const mostly = <T, U>(valid: fc.Arbitrary<T>, invalid: fc.Arbitrary<U>) => fc.oneof({ weight: 12, arbitrary: valid }, { weight: 1, arbitrary: invalid });
  const text = (max: number) =>
    mostly(
      fc.oneof(fc.string({ minLength: 1, maxLength: 12 }), fc.constant('x'.repeat(max)), fc.constant('😀'.repeat(Math.floor(max / 2)))),
      fc.oneof(fc.constant('x'.repeat(max + 1)), fc.constant('😀'.repeat(Math.floor(max / 2) + 1)), fc.constant(7)),
    );
  const date = mostly(
    fc.constantFrom('2025-01-15', '2025-01-15T10:00:00Z', '2025-01-15T10:00:00.123+02:00'),
    fc.constantFrom('2025-13-01', '15/01/2025', '', '2025-01-15T25:00:00Z', '2025-02-30', '2025-01-15 10:00'),
  );
  const id = mostly(fc.string({ minLength: 1, maxLength: 8 }), fc.constantFrom(42, null, ''));
  const section = fc.record(
    {
      title: text(200),
      text: fc.oneof(text(50_000), fc.constant('Pneumonia.')),
      code: fc.string({ maxLength: 5 }),
      mode: mostly(fc.constantFrom('working', 'snapshot', 'changes'), fc.constantFrom('final', 'Working')),
      resourceIds: fc.array(fc.string({ maxLength: 4 }), { maxLength: 2 }),
      sections: fc.array(fc.record({ title: text(200), text: fc.string({ maxLength: 8 }) }), { maxLength: 2 }),
    },
    { requiredKeys: ['title', 'text'] },
  );
  const withoutOne = <T extends Record<string, unknown>>(arb: fc.Arbitrary<T>, keys: string[]) =>
    fc.tuple(arb, fc.nat(12 * keys.length)).map(([value, i]) => (i < keys.length ? Object.fromEntries(Object.entries(value).filter(([k]) => k !== keys[i])) : value));
  const documentArb = withoutOne(
    fc.record(
      {
        status: mostly(fc.constantFrom('preliminary', 'final', 'amended'), fc.constantFrom('draft', 'FINAL')),
        type: mostly(fc.constantFrom('discharge-summary', 'care-plan', 'anything else'), fc.constant('t'.repeat(101))),
        patientId: id,
        practitionerId: id,
        title: text(500),
        sections: mostly(fc.array(section, { minLength: 1, maxLength: 3 }), fc.constant([])),
        date,
        confidentiality: mostly(fc.constantFrom('N', 'R', 'V'), fc.constantFrom('X', 'n')),
        category: fc.array(text(200), { maxLength: 2 }),
        attester: fc.array(
          fc.record({ mode: mostly(fc.constantFrom('personal', 'professional', 'legal', 'official'), fc.constant('boss')), time: date, partyId: fc.string({ maxLength: 5 }) }, { requiredKeys: ['mode'] }),
          { maxLength: 2 },
        ),
        relatesTo: fc.array(
          withoutOne(fc.record({ code: mostly(fc.constantFrom('replaces', 'transforms', 'signs', 'appends'), fc.constant('copies')), targetId: fc.string({ minLength: 1, maxLength: 5 }) }), ['code', 'targetId']),
          { maxLength: 2 },
        ),
        event: fc.array(
          fc.record(
            {
              code: fc.array(fc.record({ system: fc.string({ maxLength: 5 }), code: fc.string({ maxLength: 5 }), display: fc.string({ maxLength: 5 }) }, { requiredKeys: [] }), { maxLength: 2 }),
              period: fc.record({ start: date, end: date }, { requiredKeys: [] }),
              detailIds: fc.array(fc.string({ maxLength: 4 }), { maxLength: 2 }),
            },
            { requiredKeys: [] },
          ),
          { maxLength: 2 },
        ),
        confidentialty: fc.constant('R'),
      },
      { requiredKeys: ['status', 'type', 'patientId', 'practitionerId', 'title', 'sections'] },
    ),
    ['status', 'type', 'patientId', 'practitionerId', 'title', 'sections'],
  );

  it('300 seeded random documents: the editor is at least as strict as ClinikAPI', async () => {
    let clean = 0;
    let flagged = 0;
    await fc.assert(
      fc.asyncProperty(documentArb, async (value) => {
        const body = JSON.stringify(value, null, 2);
        const errors = await serverErrors(body);
        emu.reset();
        if (errors > 0) {
          flagged++;
          const { result } = await submit(body);
          assert.ok(result.kind === 'refused' && result.reason === 'hasErrors');
          assert.equal(emu.state.requests.length, 0);
          return;
        }
        clean++;
        const { result } = await submit(body);
        assert.ok(result.kind === 'sent', JSON.stringify(result).slice(0, 300));
        assert.equal(result.outcome.kind, 'created', `the editor found no error, ClinikAPI said ${JSON.stringify(result.outcome).slice(0, 400)}`);
      }),
      { seed: 20_261_125, numRuns: 300 },
    );
    assert.ok(clean >= 10 && flagged >= 100, `${clean} clean, ${flagged} flagged: the generator no longer covers both`);
  });
});
