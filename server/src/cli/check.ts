import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LanguageService } from '../languageService';
import { LANGUAGE_ID, SERVER_DIAGNOSTIC_SOURCE } from '../protocol';
import { BASE_URL_VARIABLE, createReferenceCheck, DEFAULT_BASE_URL, KEY_VARIABLE } from './resolveReferences';
// A require, not an import: the bundle then takes tinyglobby's CommonJS build, whose ESM build
// (through fdir) needs import.meta.url, which a CommonJS bundle does not have.
import tinyglobby = require('tinyglobby');

export const USAGE = `Usage: clinikdoc check [--format text|json] [--resolve [--strict]] <file or glob>...

Checks ClinikAPI documents (POST /v1/documents bodies) with the same diagnostics as the editor.

  clinikdoc check 'docs/**/*.clinikdoc.json'
  clinikdoc check --format json a.clinikdoc.json b.clinikdoc.json

Prints one line per problem, file:line:col severity message (1-based), or with --format json
one JSON object. Quote globs so that the shell does not expand them.
--resolve also asks ClinikAPI what each id is (patientId, practitionerId, encounterId, …) and
warns about unknown ids, another patient's encounter or document, and inactive patients or
practitioners; --strict makes those errors. It reads the key from CLINIKAPI_SECRET_KEY and the
base URL from CLINIKAPI_BASE_URL (default https://api.clinikapi.com).
Exit status: 0 no errors (warnings allowed), 1 errors found, 2 usage error or no file matched.`;

export const EXIT_OK = 0;
export const EXIT_ERRORS = 1;
export const EXIT_USAGE = 2;

export interface CheckIo {
  cwd: string;
  out: (text: string) => void;
  err: (text: string) => void;
  /** The environment (for --resolve's CLINIKAPI_SECRET_KEY and CLINIKAPI_BASE_URL). */
  env?: Record<string, string | undefined>;
}

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

export interface CheckReport {
  files: { file: string; problems: CheckProblem[] }[];
  summary: { files: number; errors: number; warnings: number };
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
  // Shown relative to the working directory, or absolute when outside it.
  const files = (await tinyglobby.glob(parsed.patterns, { cwd: io.cwd, onlyFiles: true, ignore: ['**/node_modules/**'] }))
    .map((file) => (file.startsWith('../') ? resolve(io.cwd, file) : file))
    .sort();
  if (files.length === 0) {
    io.err(`clinikdoc check: no file matches ${parsed.patterns.map((p) => `'${p}'`).join(' ')}`);
    return EXIT_USAGE;
  }
  let references: ReturnType<typeof createReferenceCheck> | undefined;
  if (parsed.resolve) {
    const secretKey = io.env?.[KEY_VARIABLE];
    if (!secretKey) {
      io.err(`clinikdoc check: --resolve needs your ClinikAPI key in the ${KEY_VARIABLE} environment variable.`);
      return EXIT_USAGE;
    }
    references = createReferenceCheck(secretKey, io.env?.[BASE_URL_VARIABLE] || DEFAULT_BASE_URL, io.err);
  }
  const report = await checkFiles(files, io, references && { check: references, strict: parsed.strict });
  references?.finish();
  if (!report) return EXIT_USAGE;
  if (parsed.format === 'json') {
    io.out(JSON.stringify(report, null, 2));
  } else {
    for (const { file, problems } of report.files) {
      for (const p of problems) io.out(`${file}:${p.line}:${p.column} ${p.severity} ${p.message}`);
    }
    io.err(summaryLine(report.summary));
  }
  return report.summary.errors > 0 ? EXIT_ERRORS : EXIT_OK;
}

type CheckArgs = { patterns: string[]; format: 'text' | 'json'; help: boolean; resolve: boolean; strict: boolean } | { error: string };

function parseCheckArgs(args: string[]): CheckArgs {
  const patterns: string[] = [];
  let format: 'text' | 'json' = 'text';
  let help = false;
  let resolve = false;
  let strict = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--help' || arg === '-h') {
      help = true;
    } else if (arg === '--resolve') {
      resolve = true;
    } else if (arg === '--strict') {
      strict = true;
    } else if (arg === '--format' || arg.startsWith('--format=')) {
      const value = arg === '--format' ? args[++i] : arg.slice('--format='.length);
      if (value !== 'text' && value !== 'json') return { error: `--format must be text or json${value === undefined ? '' : `, not "${value}"`}` };
      format = value;
    } else if (arg === '--') {
      patterns.push(...args.slice(i + 1));
      break;
    } else if (arg.startsWith('-')) {
      return { error: `unknown option "${arg}"` };
    } else {
      patterns.push(arg);
    }
  }
  if (!help && patterns.length === 0) return { error: 'no files given' };
  if (strict && !resolve) return { error: '--strict applies to --resolve' };
  return { patterns, format, help, resolve, strict };
}

/** Diagnoses each file through the language service, exactly as the editor does. */
async function checkFiles(
  files: string[],
  io: CheckIo,
  references?: { check: ReturnType<typeof createReferenceCheck>; strict: boolean },
): Promise<CheckReport | undefined> {
  const service = new LanguageService();
  const report: CheckReport = { files: [], summary: { files: files.length, errors: 0, warnings: 0 } };
  for (const file of files) {
    const path = resolve(io.cwd, file);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      io.err(`clinikdoc check: cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
      return undefined;
    }
    const document = TextDocument.create(pathToFileURL(path).href, LANGUAGE_ID, 1, text);
    const problems = service.diagnostics(document).map(toProblem);
    if (references) {
      const severity = references.strict ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning;
      for (const p of await references.check.problems(document, service)) problems.push(toProblem({ ...p, severity, source: SERVER_DIAGNOSTIC_SOURCE }));
      problems.sort((a, b) => a.line - b.line || a.column - b.column);
    }
    service.close(document.uri);
    for (const p of problems) {
      if (p.severity === 'error') report.summary.errors++;
      else if (p.severity === 'warning') report.summary.warnings++;
    }
    report.files.push({ file, problems });
  }
  return report;
}

const SEVERITIES = {
  [DiagnosticSeverity.Error]: 'error',
  [DiagnosticSeverity.Warning]: 'warning',
  [DiagnosticSeverity.Information]: 'information',
  [DiagnosticSeverity.Hint]: 'hint',
} as const;

function toProblem(d: Diagnostic): CheckProblem {
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

function summaryLine({ files, errors, warnings }: CheckReport['summary']): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return errors + warnings === 0
    ? `${plural(files, 'file')} checked: no problems.`
    : `${plural(files, 'file')} checked: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}.`;
}
