import { runCli } from './check';

// `clinikdoc check …` (dist/cli.js, the package's bin): see USAGE in check.ts.
runCli(process.argv.slice(2), {
  cwd: process.cwd(),
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
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
