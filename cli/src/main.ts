import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { runCli } from './check';
import { checkWorker, type WorkerJob } from './checkFiles';

if (isMainThread) {
  // `clinikdoc check …` (dist/cli.js, the package's bin): see USAGE in check.ts.
  runCli(process.argv.slice(2), {
    cwd: process.cwd(),
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
    workerScript: __filename,
    env: process.env,
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`clinikdoc: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 2;
    },
  );
} else {
  // A check worker of a large batch (checkFiles.ts), started from this same bundle.
  checkWorker(workerData as WorkerJob, (answer) => parentPort!.postMessage(answer));
}
