// Shared by the emulator's own tests: one in-process emulator, requests with a key, and the
// envelope every /v1 answer carries (REFERENCES.md).
import assert from 'node:assert/strict';
import type { Emulator } from '../../emulator/server.mjs' with { 'resolution-mode': 'import' };
import { TEST_KEY } from '../submission/helpers';

export async function startTestEmulator(
  options: { rateLimit?: number; monthlyQuota?: number; sandboxQuota?: number; cors?: 'allow' | 'refuse'; log?: (line: string) => void; searchLagMs?: number } = {},
): Promise<Emulator> {
  // A dynamic import: the emulator is an ES module run by plain node, these tests are CommonJS.
  const { startEmulator } = await import('../../emulator/server.mjs');
  // Search without lag unless a test is about it (ClinikAPI's own is ~10 s, the emulator's default).
  return startEmulator({ ...options, rateLimit: options.rateLimit ?? 1000, searchLagMs: options.searchLagMs ?? 0 });
}

export function get(emu: Emulator, path: string, key = TEST_KEY): Promise<Response> {
  return fetch(`${emu.url}${path}`, { headers: { 'x-api-key': key }, redirect: 'manual' });
}

export function post(emu: Emulator, path: string, body: unknown, key = TEST_KEY): Promise<Response> {
  return send(emu, 'POST', path, body, key);
}

/** A PATCH as the official SDK sends it: the object under `application/json-patch+json`, unless told otherwise. */
export function patch(emu: Emulator, path: string, body: unknown, key = TEST_KEY, contentType = 'application/json-patch+json'): Promise<Response> {
  return send(emu, 'PATCH', path, body, key, contentType);
}

function send(emu: Emulator, method: string, path: string, body: unknown, key: string, contentType = 'application/json'): Promise<Response> {
  return fetch(`${emu.url}${path}`, {
    method,
    headers: { 'x-api-key': key, 'content-type': contentType },
    body: JSON.stringify(body),
    redirect: 'manual',
  });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are checked field by field
export async function json(res: Response): Promise<any> {
  return res.json();
}

/** `{ data, meta: { requestId, timestamp, status, rateLimitTotal, rateLimitRemaining, rateLimitReset } }`. */
export function envelope(body: { data?: unknown; meta?: Record<string, unknown> }, res: Response, status: number): void {
  assert.ok(body.data !== undefined, 'data');
  assert.deepEqual(Object.keys(body.meta ?? {}).sort(), ['rateLimitRemaining', 'rateLimitReset', 'rateLimitTotal', 'requestId', 'status', 'timestamp']);
  assert.equal(body.meta?.requestId, res.headers.get('x-request-id'));
  assert.equal(body.meta?.status, status);
  assert.ok(!Number.isNaN(Date.parse(String(body.meta?.timestamp))));
  assert.equal(typeof body.meta?.rateLimitRemaining, 'number');
}

/** A valid DocumentCreate for the fixture's Jane Doe. */
export function janeDocument(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    status: 'final',
    type: 'discharge-summary',
    patientId: 'pat_123',
    encounterId: 'enc_456',
    practitionerId: 'prac_789',
    title: 'Discharge Summary',
    date: '2025-01-15',
    sections: [{ title: 'Diagnosis', text: 'Community-acquired pneumonia.' }],
    ...overrides,
  };
}
