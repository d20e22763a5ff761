// Who may steer the emulator: its /__emulator/* control endpoints answer only a request that
// carries the control token printed at start (so another user of the machine, or a web page, cannot
// queue faults or read what was submitted) and that names the emulator itself in `Host` (a page on
// a rebound DNS name reaches 127.0.0.1 with its own name there).
import { randomBytes, timingSafeEqual } from 'node:crypto';

/** The request header that carries the control token. */
export const CONTROL_TOKEN_HEADER = 'x-emulator-token';

export function newControlToken() {
  return randomBytes(18).toString('base64url');
}

/**
 * Why a control request is refused, or undefined when it may go on.
 * @param {import('node:http').IncomingMessage} req
 * @param {{ token: string, port: number }} own
 * @returns {{ status: number, error: string } | undefined}
 */
export function controlRefusal(req, own) {
  const host = String(req.headers.host ?? '').toLowerCase();
  if (host !== `127.0.0.1:${own.port}` && host !== `localhost:${own.port}`) {
    return { status: 421, error: `control endpoints answer only Host 127.0.0.1:${own.port} or localhost:${own.port}` };
  }
  const given = Buffer.from(String(req.headers[CONTROL_TOKEN_HEADER] ?? ''), 'utf8');
  const expected = Buffer.from(own.token, 'utf8');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { status: 401, error: `control endpoints need the control token printed at start, in the ${CONTROL_TOKEN_HEADER} header` };
  }
  return undefined;
}
