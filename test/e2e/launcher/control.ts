// The launcher's side of the companion runner extension's protocol: a small HTTP server on
// 127.0.0.1 that hands out suites to run (GET /next, held open until there is one) and
// collects results (POST /result per test, POST /finished per suite).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { TestResult } from '../suite/harness.js';
import type { SuiteRequest } from '../suite/index.js';

export interface Control {
  url: string;
  /** Resolves when the runner extension has started in the extension host. */
  connected(timeoutMs: number): Promise<void>;
  runSuite(request: SuiteRequest, timeoutMs: number, onResult: (r: TestResult) => void): Promise<TestResult[]>;
  close(): Promise<void>;
}

const HOLD_MS = 25_000;

function readJson(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      try {
        resolve(chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {});
      } catch (e) {
        reject(e);
      }
    });
    req.on('error', reject);
  });
}

function send(res: ServerResponse, body: unknown): void {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

export async function startControl(): Promise<Control> {
  let onHello: (() => void) | undefined;
  const hello = new Promise<void>((resolve) => (onHello = resolve));
  const queue: SuiteRequest[] = [];
  let waiting: { res: ServerResponse; timer: NodeJS.Timeout } | undefined;
  let closing = false;
  let current: { onResult: (r: TestResult) => void; finish: (r: TestResult[]) => void } | undefined;

  const answerWaiting = (): void => {
    if (!waiting) return;
    const request = queue.shift();
    if (!request && !closing) return;
    clearTimeout(waiting.timer);
    send(waiting.res, closing && !request ? { done: true } : { request });
    waiting = undefined;
  };

  const server = createServer((req, res) => {
    // The runner in the web worker host (the web pass) calls from the workbench's origin: CORS.
    res.setHeader('Access-Control-Allow-Origin', '*');
    if (req.method === 'OPTIONS') {
      res.writeHead(204, { 'Access-Control-Allow-Methods': 'GET, POST', 'Access-Control-Allow-Headers': 'content-type' });
      res.end();
      return;
    }
    void (async () => {
      if (req.method === 'GET' && req.url === '/next') {
        if (waiting) {
          clearTimeout(waiting.timer);
          send(waiting.res, {});
        }
        waiting = { res, timer: setTimeout(() => { if (waiting?.res === res) { waiting = undefined; send(res, {}); } }, HOLD_MS) };
        // A window reload ends the old extension host and its request: a suite queued meanwhile
        // must wait for the new runner's request, not go to the closed one.
        res.on('close', () => {
          if (waiting?.res === res) {
            clearTimeout(waiting.timer);
            waiting = undefined;
          }
        });
        answerWaiting();
        return;
      }
      const body = (await readJson(req)) as { result?: TestResult; results?: TestResult[] };
      if (req.url === '/hello') onHello?.();
      else if (req.url === '/result' && body.result) current?.onResult(body.result);
      else if (req.url === '/finished') current?.finish(body.results ?? []);
      send(res, { ok: true });
    })().catch(() => {
      res.statusCode = 400;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

  return {
    url,
    async connected(timeoutMs) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        hello,
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`the runner extension did not start within ${timeoutMs} ms`)), timeoutMs);
        }),
      ]).finally(() => clearTimeout(timer));
    },
    runSuite(request, timeoutMs, onResult) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          current = undefined;
          reject(new Error(`suite ${request.suite} did not finish within ${timeoutMs} ms`));
        }, timeoutMs);
        current = {
          onResult,
          finish: (results) => {
            clearTimeout(timer);
            current = undefined;
            resolve(results);
          },
        };
        queue.push(request);
        answerWaiting();
      });
    },
    async close() {
      closing = true;
      answerWaiting();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
