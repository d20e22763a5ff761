import { resolve } from 'node:path';
import { checkFiles, defaultJobs, type CheckProblem, type FileResult } from './checkFiles';

export type { CheckProblem } from './checkFiles';

export const USAGE = `Usage: clinikdoc check [--format text|json] [--jobs <n>] [--resolve [--strict]] <file or glob>...

Checks ClinikAPI documents (POST /v1/documents bodies) with the same diagnostics as the editor.

  clinikdoc check 'docs/**/*.clinikdoc.json'
  clinikdoc check --format json a.clinikdoc.json b.clinikdoc.json

Prints one line per problem, file:line:col severity message (1-based), or with --format json
one JSON object. Quote globs so that the shell does not expand them.

  --format text|json   the output (default: text)
  --jobs <n>           threads to check with (default: one per idle core for large batches)
  --resolve            also ask ClinikAPI what each id is, and warn about unknown ids, another
                       patient's encounter or document, inactive patients or practitioners, and
                       a text that gives its patient another age, sex, date of birth or surname;
                       and note each paragraph that a file of another patient checked in the
                       same run also holds (copy-forward)
                       (key from CLINIKAPI_SECRET_KEY, base URL from CLINIKAPI_BASE_URL,
                       default https://api.clinikapi.com)
  --strict             with --resolve: those warnings are errors (copy-forward stays a note)

Exit status: 0 no errors (warnings allowed), 1 errors found, 2 usage error, no file matched, or a
file could not be read (the others are still checked).`;

export const EXIT_OK = 0;
export const EXIT_ERRORS = 1;
export const EXIT_USAGE = 2;

export interface CheckIo {
  cwd: string;
  out: (text: string) => void;
  err: (text: string) => void;
  /** The CLI bundle, which workers are started from; without it every file is checked on this thread. */
  workerScript?: string;
  /** The environment, for --resolve's CLINIKAPI_SECRET_KEY and CLINIKAPI_BASE_URL. */
  env?: Record<string, string | undefined>;
}

export interface CheckReport {
  /** Every file matched, in order; one that could not be read has `unreadable` (an errno code) and no problems. */
  files: { file: string; problems: CheckProblem[]; unreadable?: string }[];
  summary: { files: number; errors: number; warnings: number; unreadable: number };
}

/** `clinikdoc <args>`: returns the exit status. Never prints document content, only diagnostics. */
export async function runCli(args: string[], io: CheckIo): Promise<number> {
  const [command, ...rest] = args;
  if (command === '--help' || command === '-h' || command === 'help') {
    io.out(USAGE);
    return EXIT_OK;
  }
  if (command !== 'check') {
    io.err(command === undefined ? USAGE : `clinikdoc: unknown command "${command}"\n\n${USAGE}`);
    return EXIT_USAGE;
  }
  const parsed = parseCheckArgs(rest);
  if ('error' in parsed) {
    io.err(`clinikdoc check: ${parsed.error}\n\n${USAGE}`);
    return EXIT_USAGE;
  }
  if (parsed.help) {
    io.out(USAGE);
    return EXIT_OK;
  }
  // Loaded here, not at the top: the check workers run this bundle too and never glob.
  // A require, not an import: the bundle then takes tinyglobby's CommonJS build, whose ESM build
  // (through fdir) needs import.meta.url, which a CommonJS bundle does not have.
  const tinyglobby = require('tinyglobby') as typeof import('tinyglobby');
  // Shown relative to the working directory, or absolute when outside it.
  const files = (await tinyglobby.glob(parsed.patterns, { cwd: io.cwd, onlyFiles: true, ignore: ['**/node_modules/**'] }))
    .map((file) => (file.startsWith('../') ? resolve(io.cwd, file) : file))
    .sort();
  if (files.length === 0) {
    io.err(`clinikdoc check: no file matches ${parsed.patterns.map((p) => `'${p}'`).join(' ')}`);
    return EXIT_USAGE;
  }
  // Loaded only with --resolve: the plain check never reaches the network code.
  const references = parsed.resolve ? (require('./resolveReferences') as typeof import('./resolveReferences')) : undefined;
  const secretKey = references && io.env?.[references.KEY_VARIABLE];
  if (references && !secretKey) {
    io.err(`clinikdoc check: --resolve needs your ClinikAPI key in the ${references.KEY_VARIABLE} environment variable.`);
    return EXIT_USAGE;
  }
  const paths = files.map((file) => resolve(io.cwd, file));
  const results = await checkFiles(paths, parsed.jobs ?? defaultJobs(files.length), io.workerScript);
  if (references && secretKey) {
    await references.addReferenceProblems(paths, results, { secretKey, baseUrl: io.env?.[references.BASE_URL_VARIABLE], strict: parsed.strict, note: io.err, label: (i) => files[i]! });
  }
  const report = reportOf(files, results);
  if (parsed.format === 'json') {
    io.out(JSON.stringify(report, null, 2));
  } else {
    // One write for the whole listing, not one per line.
    const lines: string[] = [];
    for (const { file, problems } of report.files) {
      for (const p of problems) lines.push(`${file}:${p.line}:${p.column} ${p.severity} ${p.message}`);
    }
    if (lines.length > 0) io.out(lines.join('\n'));
    for (const { file, unreadable } of report.files) if (unreadable) io.err(`clinikdoc check: cannot read ${file}: ${unreadable}`);
    io.err(summaryLine(report.summary));
  }
  if (report.summary.unreadable > 0) return EXIT_USAGE;
  return report.summary.errors > 0 ? EXIT_ERRORS : EXIT_OK;
}

function reportOf(files: string[], results: FileResult[]): CheckReport {
  const report: CheckReport = { files: [], summary: { files: files.length, errors: 0, warnings: 0, unreadable: 0 } };
  files.forEach((file, i) => {
    const result = results[i]!;
    if ('unreadable' in result) {
      report.summary.unreadable++;
      report.files.push({ file, problems: [], unreadable: result.unreadable });
      return;
    }
    for (const p of result.problems) {
      if (p.severity === 'error') report.summary.errors++;
      else if (p.severity === 'warning') report.summary.warnings++;
    }
    report.files.push({ file, problems: result.problems });
  });
  return report;
}

interface CheckOptions {
  patterns: string[];
  format: 'text' | 'json';
  /** Threads to check with; undefined: defaultJobs. */
  jobs?: number;
  help: boolean;
  /** --resolve: ClinikAPI's warnings about the ids too; --strict: as errors. */
  resolve: boolean;
  strict: boolean;
}

/**
 * The options of `check`, by name. One that takes a value gets it from the next argument or after
 * `=`; `apply` returns an error message when the value is not acceptable.
 */
const OPTIONS: Record<string, { takesValue: boolean; apply: (options: CheckOptions, value: string | undefined) => string | undefined }> = {
  '--help': { takesValue: false, apply: (o) => void (o.help = true) },
  '-h': { takesValue: false, apply: (o) => void (o.help = true) },
  '--resolve': { takesValue: false, apply: (o) => void (o.resolve = true) },
  '--strict': { takesValue: false, apply: (o) => void (o.strict = true) },
  '--format': {
    takesValue: true,
    apply: (o, value) => {
      if (value !== 'text' && value !== 'json') return `--format must be text or json${value === undefined ? '' : `, not "${value}"`}`;
      o.format = value;
      return undefined;
    },
  },
  '--jobs': {
    takesValue: true,
    apply: (o, value) => {
      const jobs = Number(value);
      if (value === undefined || !/^[0-9]+$/.test(value) || jobs < 1 || jobs > 64) return `--jobs must be a whole number from 1 to 64${value === undefined ? '' : `, not "${value}"`}`;
      o.jobs = jobs;
      return undefined;
    },
  },
};

function parseCheckArgs(args: string[]): CheckOptions | { error: string } {
  const options: CheckOptions = { patterns: [], format: 'text', help: false, resolve: false, strict: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      options.patterns.push(...args.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-')) {
      options.patterns.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const option = OPTIONS[name];
    if (!option || (eq > 0 && !option.takesValue)) return { error: `unknown option "${arg}"` };
    const value = !option.takesValue ? undefined : eq > 0 ? arg.slice(eq + 1) : args[++i];
    const error = option.apply(options, value);
    if (error) return { error };
  }
  if (!options.help && options.patterns.length === 0) return { error: 'no files given' };
  if (options.strict && !options.resolve) return { error: '--strict applies to --resolve' };
  return options;
}

function summaryLine({ files, errors, warnings, unreadable }: CheckReport['summary']): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const line = errors + warnings === 0
    ? `${plural(files, 'file')} checked: no problems.`
    : `${plural(files, 'file')} checked: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}.`;
  return unreadable === 0 ? line : `${line} ${plural(unreadable, 'file')} could not be read.`;
}
