import type { ApiKeyKind } from './apiKey';

/** ClinikAPI's own address, the default of `clinikapi.baseUrl` (package.json) and of the CLI's `CLINIKAPI_BASE_URL`. */
export const DEFAULT_BASE_URL = 'https://api.clinikapi.com';

/** Where documents are posted, derived from `clinikapi.baseUrl`. */
export type EndpointResult = { ok: true; url: URL } | { ok: false; reason: string };

/**
 * The only hosts a test key may reach over plain http: exactly these three names of this machine.
 * Not the rest of 127/8 (`127.0.0.2`): VS Code's proxy support bypasses only these, so another
 * loopback address would go through a configured proxy in clear text. (`URL` has already
 * normalised spellings such as `127.1` or `0x7f.0.0.1` to `127.0.0.1`.)
 */
export function isPlainHttpHost(hostname: string): boolean {
  const h = hostname.toLowerCase();
  return h === 'localhost' || h === '127.0.0.1' || h === '[::1]';
}

/**
 * `{baseUrl}/v1/documents` for a key of kind `keyKind`, or why the base URL is not acceptable:
 * it must be https — plain http only for a test key on `localhost`, `127.0.0.1` or `[::1]` (the
 * local emulator), never for a live key, not even on this machine (once the emulator is down,
 * any user of the machine can listen on its port) — with no user name or password, no query and
 * no fragment.
 */
export function documentsEndpoint(baseUrl: string, keyKind: ApiKeyKind): EndpointResult {
  let url: URL;
  try {
    url = new URL(baseUrl.trim());
  } catch {
    return { ok: false, reason: 'clinikapi.baseUrl is not a valid URL.' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { ok: false, reason: 'clinikapi.baseUrl must start with https://.' };
  }
  if (url.protocol === 'http:' && keyKind === 'live') {
    return {
      ok: false,
      reason: `A live key (clk_live_…) is only ever sent over https://, and clinikapi.baseUrl is ${url.origin}: plain http:// is for test keys and the local emulator.`,
    };
  }
  if (url.protocol === 'http:' && !isPlainHttpHost(url.hostname)) {
    return {
      ok: false,
      reason: 'clinikapi.baseUrl must use https:// (plain http:// is allowed only for a test key on localhost, 127.0.0.1 or [::1]).',
    };
  }
  if (url.username || url.password) {
    return { ok: false, reason: 'clinikapi.baseUrl must not contain a user name or password.' };
  }
  if (url.search || url.hash) {
    return { ok: false, reason: 'clinikapi.baseUrl must not contain a query (?) or fragment (#).' };
  }
  const base = url.pathname.replace(/\/+$/, '');
  url.pathname = `${base}/v1/documents`;
  return { ok: true, url };
}
