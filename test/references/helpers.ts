// Shared by the reference tests: an emulator, a reads client on the real HTTP transport with
// every log line and state change captured, and the PHI of the emulator's fixture that must
// never appear in a log line or a message.
import type { Emulator } from '../../emulator/server.mjs' with { 'resolution-mode': 'import' };
import { ClinikApiReads, type ReadsState } from '../../client/src/api/clinikApiReads';
import { ReferenceResolver } from '../../client/src/ids/referenceResolver';
import { sendRequest } from '../../client/src/api/nodeTransport';

export { TEST_KEY, LIVE_KEY } from '../submission/helpers';

/** Names and birth dates of the fixture (emulator/fixture.mjs), and the fixture's ids. */
export const FIXTURE_PHI = ['Jane', 'Doe', 'Rosa', 'Placeholder', 'Alice', 'Sample', '1990-03-15', '1985-11-02', '1942-07-01'];
export const FIXTURE_ID_PATTERN = /\b(pat|prac|enc|org|comp)_\w+/;

export async function startEmulator(options: { rateLimit?: number } = {}): Promise<Emulator> {
  const { startEmulator: start } = await import('../../emulator/server.mjs');
  return start({ rateLimit: options.rateLimit ?? 1000 });
}

export interface Harness {
  reads: ClinikApiReads;
  resolver: ReferenceResolver;
  logs: string[];
  states: ReadsState[];
  clock: { now: number };
}

export function harness(baseUrl: string, key: string | undefined, options: { ttlMs?: number; retryMs?: number } = {}): Harness {
  const logs: string[] = [];
  const states: ReadsState[] = [];
  const clock = { now: Date.now() };
  const reads = new ClinikApiReads({
    transport: sendRequest,
    log: (line) => logs.push(line),
    userAgent: 'ClinikDoc/test',
    now: () => clock.now,
    timeoutMs: 5000,
    onStateChange: (s) => states.push(s),
  });
  reads.configure(key, baseUrl);
  const resolver = new ReferenceResolver(reads, { now: () => clock.now, ...options });
  return { reads, resolver, logs, states, clock };
}

/** Every captured text is free of the fixture's names and birth dates and of ids in paths. */
export function assertNoPhi(texts: readonly string[], assert: { ok(v: unknown, m?: string): void }): void {
  for (const text of texts) {
    for (const phi of FIXTURE_PHI) assert.ok(!text.includes(phi), `"${phi}" in: ${text}`);
    assert.ok(!FIXTURE_ID_PATTERN.test(text), `an id in: ${text}`);
  }
}
