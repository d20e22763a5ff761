// Small HTTP helpers shared by the emulator's modules (plain node).

export function setRateHeaders(res, limit, remaining, reset) {
  res.setHeader('X-RateLimit-Limit', String(limit));
  res.setHeader('X-RateLimit-Remaining', String(remaining));
  res.setHeader('X-RateLimit-Reset', String(reset));
}

/** Sets each of `headers` (name → value) on the answer. */
export function setHeaders(res, headers) {
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
}

/**
 * After the key and the rate checks: counts the request against the monthly and sandbox quotas
 * and states them in the answer's headers; when one is used up, answers the 429 itself and
 * returns true.
 */
export function refusedByQuota(res, access, key, requestId) {
  const code = access.quota.take(key);
  setHeaders(res, access.quota.headers(key));
  if (!code) return false;
  const what = code === 'SANDBOX_QUOTA_EXCEEDED' ? 'Sandbox quota exceeded' : 'Monthly quota exceeded';
  sendJson(res, 429, { error: 'Too Many Requests', message: what, code, requestId });
  return true;
}

export function sendJson(res, status, value) {
  sendRaw(res, status, 'application/json; charset=utf-8', JSON.stringify(value));
}

export function sendRaw(res, status, contentType, text) {
  const buf = Buffer.from(text, 'utf8');
  res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': String(buf.length) });
  res.end(buf);
}

/** Reads the body, but stops keeping bytes past `limit` (the request is still drained). */
export function readBody(req, limit) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (c) => {
      size += c.length;
      if (size > limit) tooLarge = true;
      else chunks.push(c);
    });
    req.on('end', () => resolve({ buffer: Buffer.concat(chunks), tooLarge }));
    req.on('error', reject);
  });
}

export function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
