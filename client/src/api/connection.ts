import { apiKeyKind, type ApiKeyKind } from './apiKey';
import { documentsEndpoint } from './endpoint';
import type { HttpTransport } from './transport';
import { baseOf, bind } from './clinikApi';
import type { DocumentsConnection } from './documentsApi';

export interface ConnectionInput {
  apiKey: string | undefined;
  baseUrl: string;
  timeoutSeconds: number;
  userAgent: string;
  log(line: string): void;
  transport: HttpTransport;
  signal?: AbortSignal;
}

export type ConnectionResult =
  | { ok: true; connection: DocumentsConnection; keyKind: ApiKeyKind; origin: string }
  | { ok: false; reason: 'noKey' | 'badKey' | 'badBaseUrl'; message: string };

/**
 * The connection the documents reads and updates use: the stored key (only in the request
 * header), the endpoint from `clinikapi.baseUrl` under the same rules as Submit.
 */
export function documentsConnection(input: ConnectionInput): ConnectionResult {
  if (input.apiKey === undefined) return { ok: false, reason: 'noKey', message: 'No ClinikAPI key is set. Set one first.' };
  const keyKind = apiKeyKind(input.apiKey);
  if (!keyKind) return { ok: false, reason: 'badKey', message: 'The stored API key is not a ClinikAPI key (clk_test_… or clk_live_…). Set it again.' };
  const endpoint = documentsEndpoint(input.baseUrl, keyKind);
  if (!endpoint.ok) return { ok: false, reason: 'badBaseUrl', message: `${endpoint.reason} Nothing was sent.` };
  return {
    ok: true,
    keyKind,
    origin: endpoint.url.origin,
    connection: {
      endpoint: endpoint.url,
      // The key and where it goes, bound now: every request of this connection goes there with it.
      binding: bind({ base: baseOf(endpoint.url), apiKey: input.apiKey, keyKind, userAgent: input.userAgent, transport: input.transport, log: input.log }),
      timeoutMs: input.timeoutSeconds * 1000,
      signal: input.signal,
    },
  };
}

/** Whether a connection reaches the datastore an earlier request went to (same origin, same kind of key). */
export function sameTarget(result: { keyKind: ApiKeyKind; origin: string }, target: { keyKind: ApiKeyKind; origin: string }): boolean {
  return result.keyKind === target.keyKind && result.origin === target.origin;
}
