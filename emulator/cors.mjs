// CORS, for ClinikDoc running in VS Code for the Web: `allow` answers like a server that lets
// any origin call it with a key (preflight for `x-api-key` and `content-type`; the request id and
// rate-limit and quota headers readable by the page); `refuse` answers preflights without any allow header,
// so the browser sends nothing, and hides every answer from the page.

export const CORS_MODES = ['allow', 'refuse'];

/** Response headers a page may read (everything else but the CORS-safelisted ones is hidden). */
export const EXPOSED_HEADERS = [
  'x-request-id', 'Retry-After', 'X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset',
  'X-Quota-Limit', 'X-Quota-Used', 'X-Quota-Remaining', 'X-Quota-Billable', 'X-Quota-Overage', 'X-Quota-Reset',
  'X-Sandbox-Limit', 'X-Sandbox-Used', 'X-Sandbox-Remaining',
];
export const ALLOWED_HEADERS = ['x-api-key', 'content-type'];
export const ALLOWED_METHODS = ['GET', 'POST', 'PATCH', 'DELETE'];

/**
 * Sets the CORS headers of an answer and answers a preflight (`OPTIONS`) itself.
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {'allow' | 'refuse'} mode
 * @returns {boolean} true when the request was a preflight, now answered
 */
export function applyCors(req, res, mode) {
  const preflight = req.method === 'OPTIONS';
  if (mode === 'allow') {
    res.setHeader('Access-Control-Allow-Origin', '*');
    if (!preflight) res.setHeader('Access-Control-Expose-Headers', EXPOSED_HEADERS.join(', '));
  }
  if (!preflight) return false;
  if (mode === 'allow') {
    res.setHeader('Access-Control-Allow-Methods', ALLOWED_METHODS.join(', '));
    res.setHeader('Access-Control-Allow-Headers', ALLOWED_HEADERS.join(', '));
    res.setHeader('Access-Control-Max-Age', '600');
    // Chrome's Private Network Access asks this of a page on a public origin calling 127.0.0.1.
    if (req.headers['access-control-request-private-network'] === 'true') res.setHeader('Access-Control-Allow-Private-Network', 'true');
  }
  res.writeHead(204, { 'Content-Length': '0' });
  res.end();
  return true;
}
