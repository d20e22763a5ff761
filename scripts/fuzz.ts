// `npm run fuzz`: the long fuzz run of the language server. Random edit sequences sent as
// incremental didChange through the real protocol to `node dist/server.js --stdio`, each followed
// by diagnostics, completion, hover, symbols, code actions and the other advertised requests; see
// test/support/serverFuzz.ts for what is checked.
//
//   npm run fuzz -- [--edits 100000] [--seed N] [--minutes 40]
//
// Runs in rounds of fast-check runs, each round seeded `seed + round`, until `--edits` edits were
// sent or `--minutes` passed. A failing round is shrunk by fast-check to a minimal sequence and
// printed with the seed and path that replay it (`--seed S --replay PATH`). Exit code 1 on any
// failure or if the edit target was not reached in time.
import fc from 'fast-check';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FuzzFailure, FuzzTarget, type FuzzRun, LONG_SCALE, assertServesFreshDocument, executeRun, newStats, runArbitrary } from '../test/support/serverFuzz';

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

let reports = 0;

/** fast-check's report with the error that broke the property. */
function describe(details: fc.RunDetails<[FuzzRun]>, target: FuzzTarget): string {
  const error = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
  const report = fc.defaultReportMessage(details) ?? 'failed';
  // Counterexamples can hold megabytes of inserted text: the full report goes to a file.
  const file = join(tmpdir(), `clinikdoc-fuzz-${process.pid}-${++reports}.txt`);
  const document = details.errorInstance instanceof FuzzFailure ? details.errorInstance.document : undefined;
  const first = target.firstFailure;
  target.firstFailure = undefined;
  writeFileSync(
    file,
    `${report}\nError: ${error}\n${document !== undefined ? `\nDocument at the failure (JSON-quoted):\n${JSON.stringify(document)}\n` : ''}` +
      (first && first.message !== error ? `\nFirst failure, before shrinking: ${first.message}\nIts document (JSON-quoted):\n${JSON.stringify(first.document)}\n` : ''),
  );
  const short = report.length > 800 ? `${report.slice(0, 800)}… (${report.length} characters in all, see ${file})` : report;
  return `${short}\nError: ${error.slice(0, 2000)}`;
}

async function main(): Promise<number> {
  const targetEdits = Number(option('edits') ?? 100_000);
  const seed = Number(option('seed') ?? Date.now() % 2 ** 31);
  const minutes = Number(option('minutes') ?? 40);
  const replay = option('replay');
  const runsPerRound = 50;
  const deadline = Date.now() + minutes * 60_000;
  const stats = newStats();
  const target = new FuzzTarget();
  await target.start();
  const failures: string[] = [];
  const started = Date.now();
  console.log(`fuzz: seed ${seed}, target ${targetEdits} edits, at most ${minutes} min`);

  let round = 0;
  const property = fc.asyncProperty(runArbitrary(LONG_SCALE), (run) => executeRun(target, run, LONG_SCALE, stats));
  if (replay !== undefined) {
    const details = await fc.check(property, { seed, path: replay, numRuns: 1, endOnFailure: true });
    if (details.failed) failures.push(describe(details, target));
  }
  while (replay === undefined && stats.edits < targetEdits && Date.now() < deadline) {
    const roundSeed = seed + round;
    const details = await fc.check(property, {
      seed: roundSeed,
      numRuns: runsPerRound,
      interruptAfterTimeLimit: Math.max(1, deadline - Date.now()),
      // Shrinking re-runs the property many times: bound it too.
      skipAllAfterTimeLimit: Math.max(1, deadline - Date.now()),
    });
    if (details.failed) {
      const report = describe(details, target);
      failures.push(`round ${round} (seed ${roundSeed}):\n${report}`);
      console.log(`FAILURE in round ${round} (seed ${roundSeed}):\n${report}`);
    }
    round++;
    if (round % 10 === 0) {
      const s = (Date.now() - started) / 1000;
      console.log(`  ${stats.edits} edits, ${stats.requests} requests, ${stats.runs} runs, ${failures.length} failures, ${s.toFixed(0)} s`);
    }
  }
  try {
    // A server left stuck by a failure is replaced first; the check itself is bounded.
    await target.ensureAlive();
    await Promise.race([
      assertServesFreshDocument(target),
      new Promise((_, reject) => setTimeout(() => reject(new Error('no answer within 10 s')), 10_000).unref()),
    ]);
  } catch (error) {
    failures.push(`after the run: ${error instanceof Error ? error.message : String(error)}`);
  }
  await target.stop();
  const seconds = (Date.now() - started) / 1000;
  console.log('');
  console.log(`edits run:     ${stats.edits}`);
  console.log(`requests:      ${stats.requests} (${stats.cancelled} cancelled by the client and answered as cancelled)`);
  console.log(`runs:          ${stats.runs} in ${round} rounds of ${runsPerRound}`);
  console.log(`seed:          ${seed} (round r uses seed ${seed} + r)`);
  console.log(`slowest answer ${stats.maxLatencyMs.toFixed(0)} ms (${stats.maxLatencyMethod}); bound ${LONG_SCALE.requestBoundMs} ms`);
  console.log(`time:          ${seconds.toFixed(0)} s`);
  console.log(`failures:      ${failures.length}`);
  for (const f of failures) console.log(f);
  if (replay === undefined && stats.edits < targetEdits) {
    console.log(`target of ${targetEdits} edits not reached within ${minutes} min`);
    return 1;
  }
  return failures.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
