// Runs the built CLI as a user would (`node dist/cli.js …` in test/fixtures/cli), asynchronously, so
// that an emulator in this process can answer it. The caller's ClinikAPI variables are left out:
// each test gives the ones it means.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { FIXTURES } from '../support/documents';

const CLI = join(__dirname, '..', '..', 'dist', 'cli.js');
const CWD = join(FIXTURES, 'cli');

export function cli(env: Record<string, string | undefined>, ...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const { CLINIKAPI_SECRET_KEY: _k, CLINIKAPI_BASE_URL: _u, ...rest } = process.env;
    const child = spawn(process.execPath, [CLI, ...args], { cwd: CWD, env: { ...rest, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** The non-empty lines of an output. */
export const lines = (text: string): string[] => text.split('\n').filter((l) => l !== '');
