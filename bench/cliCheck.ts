/**
 * `clinikdoc check` against `ajv validate` (ajv-cli, a devDependency used only here) given our
 * schema, on the same generated folder of 5,000 documents in a temporary directory: the wall time
 * of the whole command, spawn to exit, as a CI job pays it. Runs alternate between the two.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { writeBatch } from './batch';
import { median, type Row } from './table';

const DOCUMENTS = 5_000;
const ROUNDS = 5;
const GLOB = 'docs/**/*.clinikdoc.json';

export function cliCheckRows(root: string): Row[] {
  const dir = mkdtempSync(join(tmpdir(), 'clinikdoc-bench-batch-'));
  try {
    const bytes = writeBatch(join(dir, 'docs'), DOCUMENTS);
    const cli = join(root, 'dist/cli.js');
    const ajv = join(root, 'node_modules/ajv-cli/dist/index.js');
    const schema = join(root, 'schemas/document-create.schema.json');
    // --strict=false: the schema carries editor annotations (enumDescriptions …) that strict Ajv
    // refuses unless declared, which only our build does; --all-errors as our validator.
    const commands = {
      ours: [cli, 'check', GLOB],
      jobs1: [cli, 'check', '--jobs', '1', GLOB],
      jobs2: [cli, 'check', '--jobs', '2', GLOB],
      peer: [ajv, 'validate', '-s', schema, '-d', GLOB, '--all-errors', '--strict=false'],
    };
    const run = (args: string[]) => {
      const t0 = performance.now();
      const result = spawnSync(process.execPath, args, { cwd: dir, encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
      return { ms: performance.now() - t0, ...result };
    };
    // Both must find the same files wrong (our warnings are ajv's errors too: additionalProperties).
    const ours = run(commands.ours);
    const peer = run(commands.peer);
    const oursFlagged = new Set(ours.stdout.split('\n').filter(Boolean).map((line) => line.slice(0, line.indexOf(':'))));
    const peerFlagged = new Set(peer.stderr.split('\n').filter((line) => line.endsWith(' invalid')).map((line) => line.slice(0, -' invalid'.length)));
    const same = oursFlagged.size === peerFlagged.size && [...oursFlagged].every((file) => peerFlagged.has(file));
    if (!same || oursFlagged.size === 0 || ours.status !== 1 || peer.status !== 1) {
      throw new Error(`clinikdoc check and ajv validate must flag the same files: ${oursFlagged.size} vs ${peerFlagged.size} (exit ${ours.status} / ${peer.status}: ${(ours.stderr + peer.stderr).slice(0, 300)})`);
    }
    console.log(`check: ${DOCUMENTS.toLocaleString('en-US')} documents, ${(bytes / 2 ** 20).toFixed(1)} MB; clinikdoc check and ajv validate both flag the same ${oursFlagged.size} files`);
    const times = { ours: [] as number[], jobs1: [] as number[], jobs2: [] as number[], peer: [] as number[] };
    const loads: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const order = (i % 2 === 0 ? ['ours', 'peer', 'jobs1', 'jobs2'] : ['peer', 'ours', 'jobs2', 'jobs1']) as (keyof typeof times)[];
      for (const key of order) {
        loads.push(loadavg()[0]!);
        times[key].push(run(commands[key]).ms);
      }
    }
    const note = `load ${median(loads).toFixed(1)} on ${cpus().length} cores`;
    return [
      { figure: `clinikdoc check vs ajv validate, ${DOCUMENTS} documents`, ours: median(times.ours), peer: median(times.peer), unit: 'ms', target: { ratio: 1.0 }, note },
      { figure: `  the same, --jobs 1 (this thread only)`, ours: median(times.jobs1), peer: median(times.peer), unit: 'ms', note: 'informational' },
      { figure: `  the same, --jobs 2 (a worker thread too)`, ours: median(times.jobs2), peer: median(times.peer), unit: 'ms', note: 'informational' },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
