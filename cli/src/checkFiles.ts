import { availableParallelism, loadavg } from 'node:os';
import { Worker } from 'node:worker_threads';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { checkText } from '../../server/src/index';
import { readText } from './readText';

/** One problem as printed: 1-based lines and columns (columns in UTF-16 code units, as editors count). */
export interface CheckProblem {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: 'error' | 'warning' | 'information' | 'hint';
  code: string | undefined;
  message: string;
}

/** What checking one file gave: its problems, or why it could not be read (an errno code such as ENOENT). */
export type FileResult = { problems: CheckProblem[] } | { unreadable: string };

/**
 * Below this many files per thread one thread checks them all: a worker takes 40–70 ms to start
 * and load the bundle, which a small share of the batch does not win back (BENCHMARKS.md).
 */
export const MIN_FILES_PER_WORKER = 500;

/**
 * How many threads check `count` files when the user did not say (`--jobs`): one per core that
 * is idle, each with enough files to pay for its start. As `make -l` does, cores already busy
 * (the load average of the last minute) are not counted: a second thread on a core that another
 * process keeps busy only takes turns with it, and measured slower than one thread.
 */
export function defaultJobs(count: number, cores = availableParallelism(), load = loadavg()[0]!): number {
  const idle = Math.round(cores - load);
  return Math.max(1, Math.min(idle, Math.floor(count / MIN_FILES_PER_WORKER)));
}

/** Reads and checks one file (an absolute path). */
export function checkFile(path: string): FileResult {
  let text: string;
  try {
    text = readText(path);
  } catch (error) {
    return { unreadable: (error as NodeJS.ErrnoException).code ?? 'error' };
  }
  return { problems: checkText(text).map(toProblem) };
}

/**
 * Checks `paths` (absolute) on `jobs` threads: this one and `jobs - 1` workers started from
 * `workerScript` (the bundle, which runs checkWorker when it is not the main thread). The threads
 * take the next unchecked file from one shared counter, so a thread slowed by a loaded machine
 * simply checks fewer. Results come back in the order of `paths`.
 */
export async function checkFiles(paths: string[], jobs: number, workerScript: string | undefined): Promise<FileResult[]> {
  const results: FileResult[] = new Array(paths.length);
  if (jobs <= 1 || workerScript === undefined || paths.length < 2) {
    for (let i = 0; i < paths.length; i++) results[i] = checkFile(paths[i]!);
    return results;
  }
  const next = new Int32Array(new SharedArrayBuffer(4));
  const workers = Array.from({ length: jobs - 1 }, () => runWorker(workerScript, { paths, next }, results));
  // This thread checks too, while the workers load.
  for (let i = Atomics.add(next, 0, 1); i < paths.length; i = Atomics.add(next, 0, 1)) results[i] = checkFile(paths[i]!);
  // A worker that fails (it cannot start, say) leaves its files to this thread: every file is checked once.
  await Promise.allSettled(workers);
  for (let i = 0; i < paths.length; i++) results[i] ??= checkFile(paths[i]!);
  return results;
}

/** What a worker is given: every path, and the counter the threads take the next index from. */
export interface WorkerJob {
  paths: string[];
  next: Int32Array;
}

/** What a worker answers: the indices it checked and their results, in step. */
interface WorkerAnswer {
  indices: number[];
  results: FileResult[];
}

function runWorker(script: string, job: WorkerJob, results: FileResult[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(script, { workerData: job });
    worker.once('message', (answer: WorkerAnswer) => {
      answer.indices.forEach((index, k) => (results[index] = answer.results[k]!));
      resolve();
    });
    worker.once('error', reject);
    worker.once('exit', () => resolve());
  });
}

/** The worker's side: checks files until the shared counter runs past the end, then answers once. */
export function checkWorker(job: WorkerJob, answer: (a: WorkerAnswer) => void): void {
  const indices: number[] = [];
  const results: FileResult[] = [];
  for (let i = Atomics.add(job.next, 0, 1); i < job.paths.length; i = Atomics.add(job.next, 0, 1)) {
    indices.push(i);
    results.push(checkFile(job.paths[i]!));
  }
  answer({ indices, results });
}

const SEVERITIES = {
  [DiagnosticSeverity.Error]: 'error',
  [DiagnosticSeverity.Warning]: 'warning',
  [DiagnosticSeverity.Information]: 'information',
  [DiagnosticSeverity.Hint]: 'hint',
} as const;

export function toProblem(d: Diagnostic): CheckProblem {
  return {
    line: d.range.start.line + 1,
    column: d.range.start.character + 1,
    endLine: d.range.end.line + 1,
    endColumn: d.range.end.character + 1,
    severity: SEVERITIES[d.severity ?? DiagnosticSeverity.Error],
    code: d.code === undefined ? undefined : String(d.code),
    message: typeof d.message === 'string' ? d.message : d.message.value,
  };
}
