import type { ReferenceKind } from '../../../shared/protocol';
import type { ApiKeyKind } from './apiKey';
import { documentsEndpoint } from './endpoint';

/** Where each kind of resource is read and searched (REFERENCES.md). */
export const COLLECTION: Record<ReferenceKind, string> = {
  patient: 'patients',
  practitioner: 'practitioners',
  encounter: 'encounters',
  organization: 'organizations',
  document: 'documents',
};

/** The official SDK's id shape: only such an id is ever put into a path (no traversal, no escaping). */
export const RESOURCE_ID = /^[A-Za-z0-9._-]{1,128}$/;

/** An id that may go into a path: the SDK's shape, and not `.` or `..`, which a URL resolves away. */
export function isReadableId(id: string): boolean {
  return RESOURCE_ID.test(id) && id !== '.' && id !== '..';
}

/** `/v1/patients/{id}` — what a log line shows of a read: the template, never the id. */
export function readTemplate(kind: ReferenceKind): string {
  return `/v1/${COLLECTION[kind]}/{id}`;
}

/** `/v1/patients` — what a log line shows of a search: never its query (a typed name). */
export function searchTemplate(kind: ReferenceKind): string {
  return `/v1/${COLLECTION[kind]}`;
}

export type ApiBase = { ok: true; base: URL } | { ok: false; reason: string };

/**
 * `{baseUrl}/v1/` under the same rules as the create (endpoint.ts: https; plain http only for a
 * test key on this machine; no credentials, query or fragment), so reads go exactly where Submit goes.
 */
export function apiBase(baseUrl: string, keyKind: ApiKeyKind): ApiBase {
  const endpoint = documentsEndpoint(baseUrl, keyKind);
  if (!endpoint.ok) return endpoint;
  const base = new URL(endpoint.url.href);
  base.pathname = base.pathname.replace(/documents$/, '');
  return { ok: true, base };
}

export function readUrl(base: URL, kind: ReferenceKind, id: string): URL {
  if (!isReadableId(id)) throw new Error('an id outside the SDK shape is never put into a URL');
  const url = new URL(base.href);
  url.pathname = `${base.pathname}${COLLECTION[kind]}/${id}`;
  return url;
}

export function searchUrl(base: URL, kind: ReferenceKind, query: Record<string, string | undefined>): URL {
  const url = new URL(base.href);
  url.pathname = `${base.pathname}${COLLECTION[kind]}`;
  for (const [name, value] of Object.entries(query)) if (value !== undefined) url.searchParams.set(name, value);
  return url;
}
