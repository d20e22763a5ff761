/** Where documents are posted, derived from `clinikapi.baseUrl`. */
export type EndpointResult = { ok: true; url: URL } | { ok: false; reason: string };

/** Hosts that never leave this machine: the only ones allowed over plain http. */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (h === 'localhost' || h === '::1') return true;
  return /^127(\.\d{1,3}){3}$/.test(h);
}

/**
 * `{baseUrl}/v1/documents`, or why the base URL is not acceptable: it must be https, or http on a
 * loopback host (the local emulator), carry no user name or password, no query and no fragment.
 */
export function documentsEndpoint(baseUrl: string): EndpointResult {
  let url: URL;
  try {
    url = new URL(baseUrl.trim());
  } catch {
    return { ok: false, reason: 'clinikapi.baseUrl is not a valid URL.' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { ok: false, reason: 'clinikapi.baseUrl must start with https://.' };
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    return { ok: false, reason: 'clinikapi.baseUrl must use https:// (plain http:// is allowed only for localhost / 127.0.0.1).' };
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
