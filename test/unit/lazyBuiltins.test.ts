import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SERVER = join(__dirname, '..', '..', 'dist', 'server.js');

function message(body: unknown): string {
  const text = JSON.stringify(body);
  return `Content-Length: ${Buffer.byteLength(text)}\r\n\r\n${text}`;
}

/** The built-in modules the server has loaded when it answers `initialize` and exits. */
async function builtinsAtStart(): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'clinikdoc-builtins-'));
  try {
    const preload = join(dir, 'record.js');
    const out = join(dir, 'modules.txt');
    writeFileSync(preload, `process.on('exit', () => require('fs').writeFileSync(${JSON.stringify(out)}, process.moduleLoadList.join('\\n')));`);
    const server = spawn(process.execPath, ['--require', preload, SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    const exited = new Promise((resolve) => server.once('exit', resolve));
    let answered = false;
    server.stdout.on('data', (chunk: Buffer) => {
      if (!answered && chunk.toString().includes('"id":1')) {
        answered = true;
        server.stdin.write(message({ jsonrpc: '2.0', id: 2, method: 'shutdown' }) + message({ jsonrpc: '2.0', method: 'exit' }));
      }
    });
    server.stdin.write(message({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } }));
    await exited;
    assert.ok(answered, 'the server answered initialize');
    return readFileSync(out, 'utf8').split('\n').filter((m) => m.startsWith('NativeModule ')).map((m) => m.slice('NativeModule '.length));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('server start-up (scripts/lazyBuiltins.mjs)', () => {
  it('answers initialize without loading crypto or child_process, which the LSP library requires at load time', async () => {
    const loaded = await builtinsAtStart();
    assert.ok(loaded.includes('net'), 'the record is real: stdio needs net');
    assert.ok(!loaded.includes('crypto'), 'crypto loaded at start-up');
    assert.ok(!loaded.includes('child_process'), 'child_process loaded at start-up');
  });
});
