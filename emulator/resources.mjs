// The emulator's datastore and every /v1 route other than `POST /v1/documents` (which stays in
// server.mjs): create, read and search of patients, practitioners, encounters and organizations;
// read, search, PATCH and DELETE of documents (FHIR Compositions). Shapes as in
// /work/shared/contract/REFERENCES.md. Every request goes through the same key checks and the
// same per-key rate window as the create (access.mjs). Nothing here logs or records a name, a
// birth date, a body or an id: requests are counted per path template (`/v1/patients/{id}`).
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createAjv } from '../scripts/validatorSource.mjs';
import { UPDATABLE_FIELDS, applyUpdate, referencedId, toComposition } from './composition.mjs';
import { CREATE_SCHEMAS, fromCreateRequest } from './createRequests.mjs';
import { createFixture } from './fixture.mjs';
import { readBody, refusedByQuota, sendJson, sendRaw, setHeaders, setRateHeaders, sleep } from './http.mjs';
import { ParameterError, booleanParam, contains, dateRange, inRange, page, sortByDate } from './search.mjs';

/** The content type of a PATCH body, as the official SDK sends it. */
export const UPDATE_CONTENT_TYPE = 'application/json-patch+json';

/** The media type of a Content-Type header, without its parameters, in lower case (`application/json; charset=utf-8` → `application/json`). */
function mediaType(header) {
  return typeof header === 'string' ? header.split(';')[0].trim().toLowerCase() : null;
}

/** The SDK's id shape (`sanitizeId`): 1–128 of A–Z a–z 0–9 - _ . — anything else is refused. */
export const RESOURCE_ID = /^[A-Za-z0-9._-]{1,128}$/;

const KINDS = {
  patients: { label: 'Patient', prefix: 'pat' },
  practitioners: { label: 'Practitioner', prefix: 'prac' },
  encounters: { label: 'Encounter', prefix: 'enc' },
  organizations: { label: 'Organization', prefix: 'org' },
  documents: { label: 'Document', prefix: 'comp' },
};

const ROUTE = /^\/v1\/(patients|practitioners|encounters|organizations|documents)(?:\/([^/]*))?$/;

/** Which requests a fault with this `on` applies to (the default, `create`, is POST /v1/documents). */
export const FAULT_TARGETS = ['create', 'read', 'update'];
const READ_FAULT_KINDS = new Set(['delay', 'status', 'rateLimited', 'quota', 'reset', 'malformed']);

/** Why a fault cannot be queued (its `on` or its kind for that target), or null. */
export function faultTargetError(fault) {
  const on = fault.on ?? 'create';
  if (!FAULT_TARGETS.includes(on)) return `faults: unknown target on=${String(on)}; known: ${FAULT_TARGETS.join(', ')}`;
  if (on !== 'create' && !READ_FAULT_KINDS.has(fault.kind)) {
    return `faults: ${fault.kind} applies to creates only; reads and updates take ${[...READ_FAULT_KINDS].join(', ')}`;
  }
  return null;
}

/** The route template of a request path (`/v1/patients/{id}`), or null when it is not a resource route. */
export function routeTemplate(rawPath) {
  const m = ROUTE.exec(rawPath);
  if (!m) return null;
  return m[2] === undefined ? `/v1/${m[1]}` : `/v1/${m[1]}/{id}`;
}

/**
 * @param {{
 *   access: ReturnType<typeof import('./access.mjs').createAccess>,
 *   state: Record<string, unknown>,
 *   takeFault: (on: 'read' | 'update') => Record<string, any> | undefined,
 *   issueFromAjvError: (error: unknown) => unknown,
 *   maxBodyBytes: number,
 *   log: (line: string) => void,
 *   searchLag?: () => number,
 * }} deps
 */
export function createResources({ access, state, takeFault, issueFromAjvError, maxBodyBytes, log, searchLag = () => 0 }) {
  /**
   * When each document created here becomes visible to search (epoch ms). ClinikAPI's search is
   * eventually consistent (data-consistency.mdx: a new document appears in search "within seconds
   * (commonly ~10s)"); a read by id sees it at once.
   */
  const searchableAt = new Map();
  const ajv = createAjv({ removeAdditional: true });
  const documentSchema = JSON.parse(readFileSync(fileURLToPath(new URL('../schemas/document-create.schema.json', import.meta.url)), 'utf8'));
  ajv.addSchema(documentSchema);
  const validateUpdate = ajv.compile({
    type: 'object',
    additionalProperties: false,
    properties: Object.fromEntries(UPDATABLE_FIELDS.map((f) => [f, { $ref: `${documentSchema.$id}#/properties/${f}` }])),
  });
  const validateCreate = Object.fromEntries(Object.entries(CREATE_SCHEMAS).map(([kind, s]) => [kind, ajv.compile(s)]));

  /** kind → (id → resource), in insertion order. */
  let store = load();
  Object.assign(state, fresh());

  function load() {
    const fixture = createFixture();
    return Object.fromEntries(Object.keys(KINDS).map((kind) => [kind, new Map(fixture[kind].map((r) => [r.id, r]))]));
  }

  function fresh() {
    return {
      /** GET requests per path template: `{ "/v1/patients/{id}": 2 }` (never an id or a query). */
      reads: {},
      /** Other /v1 requests per method and template: `{ "PATCH /v1/documents/{id}": 1 }` (`POST /v1/documents` is in `requests`). */
      writes: {},
      /** CORS preflights (`OPTIONS`) received. */
      preflights: 0,
      /** Every PATCH of a document: which fields it carried (names, never values), its Content-Type and what it answered. */
      updates: [],
    };
  }

  function bump(counts, name) {
    counts[name] = (counts[name] ?? 0) + 1;
  }

  /**
   * Answers a request to a resource route; false when the path is none of them.
   * @param {import('node:http').IncomingMessage} req
   * @param {import('node:http').ServerResponse} res
   * @param {string} requestId
   */
  async function handle(req, res, requestId) {
    const target = req.url ?? '/';
    const q = target.indexOf('?');
    const [rawPath, rawQuery] = q < 0 ? [target, ''] : [target.slice(0, q), target.slice(q + 1)];
    const m = ROUTE.exec(rawPath);
    if (!m) return false;
    const kind = m[1];
    const rawId = m[2];
    const template = rawId === undefined ? `/v1/${kind}` : `/v1/${kind}/{id}`;
    const method = req.method ?? 'GET';
    if (method === 'GET') bump(state.reads, template);
    else bump(state.writes, `${method} ${template}`);
    log(`emulator: ${method} ${template} ${requestId}`);

    const allowed = rawId === undefined ? ['GET', 'POST'] : kind === 'documents' ? ['GET', 'PATCH', 'DELETE'] : ['GET'];
    if (!allowed.includes(method)) {
      res.setHeader('Allow', allowed.join(', '));
      sendJson(res, 405, { error: 'Method Not Allowed', code: 'METHOD_NOT_ALLOWED', requestId });
      return true;
    }
    const raw = method === 'POST' || method === 'PATCH' ? await readBody(req, maxBodyBytes) : undefined;

    const fault = method === 'GET' ? takeFault('read') : method === 'POST' ? undefined : takeFault('update');
    const afterChange = fault?.phase === 'after-update';
    if (fault?.kind === 'delay' && !afterChange) await sleep(fault.ms ?? 1000);
    if (fault?.kind === 'reset' && !afterChange) {
      req.socket.destroy();
      return true;
    }
    if (fault?.kind === 'status') {
      sendJson(res, fault.status ?? 500, fault.body ?? { error: 'Internal Server Error', code: 'INTERNAL_ERROR', requestId });
      return true;
    }
    if (fault?.kind === 'malformed') {
      sendRaw(res, fault.status ?? 502, 'text/html', '<html><body>502 Bad Gateway</body></html>');
      return true;
    }

    const key = req.headers['x-api-key'];
    const refusal = access.refusal(key, method === 'GET' ? 'read' : 'write');
    if (refusal) {
      sendJson(res, refusal.status, { ...refusal.body, requestId });
      return true;
    }
    const rate = access.take(/** @type {string} */ (key), fault?.kind === 'rateLimited');
    setRateHeaders(res, access.rateLimit, rate.remaining, rate.resetEpoch);
    if (rate.limited) {
      const retryAfter = fault?.kind === 'rateLimited' ? fault.retryAfter : rate.retryAfter;
      if (retryAfter !== null && retryAfter !== undefined) res.setHeader('Retry-After', String(retryAfter));
      setHeaders(res, access.quota.headers(/** @type {string} */ (key)));
      sendJson(res, 429, { error: 'Too Many Requests', message: 'Rate limit exceeded', code: 'RATE_LIMITED', requestId });
      return true;
    }
    if (refusedByQuota(res, access, /** @type {string} */ (key), requestId)) return true;
    if (fault?.kind === 'quota') {
      const code = fault.code ?? (String(key).startsWith('clk_test_') ? 'SANDBOX_QUOTA_EXCEEDED' : 'MONTHLY_QUOTA_EXCEEDED');
      sendJson(res, 429, { error: 'Too Many Requests', message: 'Monthly quota exceeded', code, requestId });
      return true;
    }

    if (rawId !== undefined && !RESOURCE_ID.test(rawId)) {
      // A valid id never needs percent-encoding, so the raw segment is what is checked.
      sendJson(res, 400, {
        error: 'Bad Request',
        message: 'Resource ids are 1 to 128 characters of A-Z a-z 0-9 - _ .',
        code: 'INVALID_ID',
        requestId,
      });
      return true;
    }

    const meta = (status) => ({
      requestId,
      timestamp: new Date().toISOString(),
      status,
      rateLimitTotal: access.rateLimit,
      rateLimitRemaining: rate.remaining,
      rateLimitReset: rate.resetEpoch,
    });
    const notFound = () => sendJson(res, 404, { error: 'Not Found', message: `${KINDS[kind].label} not found`, code: 'NOT_FOUND', requestId });
    const parseBody = () => {
      if (raw?.tooLarge) {
        sendJson(res, 413, { error: 'Payload Too Large', message: 'Body exceeds 1 MB', code: 'PAYLOAD_TOO_LARGE', requestId });
        return undefined;
      }
      try {
        return { value: JSON.parse(raw?.buffer.toString('utf8') ?? '') };
      } catch {
        sendJson(res, 400, { error: 'Bad Request', message: 'Malformed JSON body', code: 'INVALID_JSON', requestId });
        return undefined;
      }
    };
    const invalid = (validate) => {
      const issues = (validate.errors ?? []).map(issueFromAjvError);
      sendJson(res, 422, { error: 'Unprocessable Entity', message: 'Validation failed', code: 'VALIDATION_ERROR', requestId, issues });
    };

    if (method === 'GET' && rawId === undefined) {
      let result;
      const query = new URLSearchParams(rawQuery);
      try {
        result = page(search(kind, query), query);
      } catch (e) {
        if (!(e instanceof ParameterError)) throw e;
        sendJson(res, 400, { error: 'Bad Request', message: e.message, code: 'INVALID_PARAMETER', requestId });
        return true;
      }
      sendJson(res, 200, { data: result, meta: meta(200) });
      return true;
    }

    if (method === 'GET') {
      const found = store[kind].get(rawId);
      if (!found) notFound();
      else sendJson(res, 200, { data: found, meta: meta(200) });
      return true;
    }

    if (method === 'POST') {
      const body = parseBody();
      if (!body) return true;
      const validate = validateCreate[kind];
      if (!validate(body.value)) {
        invalid(validate);
        return true;
      }
      const id = `${KINDS[kind].prefix}_${randomBytes(8).toString('hex')}`;
      const created = fromCreateRequest(kind, id, body.value);
      store[kind].set(id, created);
      sendJson(res, 201, { data: created, meta: meta(201) });
      return true;
    }

    if (method === 'DELETE') {
      if (!store.documents.delete(rawId)) notFound();
      else {
        res.writeHead(204);
        res.end();
      }
      return true;
    }

    // PATCH /v1/documents/{id}
    const contentType = req.headers['content-type'] ?? null;
    const record = { requestId, fields: /** @type {string[]} */ ([]), status: 0, contentType };
    state.updates.push(record);
    const current = store.documents.get(rawId);
    if (!current) {
      record.status = 404;
      notFound();
      return true;
    }
    // What the official SDK sends, and so what ClinikAPI's update is built for: the
    // `DocumentUpdateRequest` object under `application/json-patch+json` (docs/CONTRACT.md).
    if (mediaType(contentType) !== UPDATE_CONTENT_TYPE) {
      record.status = 415;
      sendJson(res, 415, {
        error: 'Unsupported Media Type',
        message: `PATCH bodies are ${UPDATE_CONTENT_TYPE}`,
        code: 'UNSUPPORTED_MEDIA_TYPE',
        requestId,
      });
      return true;
    }
    const body = parseBody();
    if (!body) {
      record.status = res.statusCode;
      return true;
    }
    // An RFC 6902 patch (an array of operations) is not what the update takes: it is one object.
    if (body.value === null || typeof body.value !== 'object' || Array.isArray(body.value)) {
      record.status = 400;
      sendJson(res, 400, { error: 'Bad Request', message: 'The body is a DocumentUpdateRequest object', code: 'INVALID_BODY', requestId });
      return true;
    }
    if (!validateUpdate(body.value)) {
      record.status = 422;
      invalid(validateUpdate);
      return true;
    }
    record.fields = Object.keys(body.value);
    const updated = applyUpdate(current, body.value, new Date().toISOString());
    store.documents.set(rawId, updated);
    record.status = 200;
    if (fault?.kind === 'delay' && afterChange) await sleep(fault.ms ?? 1000);
    if (fault?.kind === 'reset' && afterChange) {
      req.socket.destroy();
      return true;
    }
    sendJson(res, 200, { data: updated, meta: meta(200) });
    return true;
  }

  /** The resources of `kind` that match the query's filters, in order (before paging). */
  function search(kind, q) {
    const all = [...store[kind].values()];
    const text = (name) => {
      const v = q.get(name);
      return v === null || v === '' ? undefined : v;
    };
    switch (kind) {
      case 'patients': {
        const [name, email, phone, gender, birthDate, active] =
          [text('name'), text('email'), text('phone'), text('gender'), text('birthDate'), booleanParam(q, 'active')];
        return all.filter((p) =>
          (name === undefined || [p.fullName, p.firstName, p.lastName, p.middleName].some((n) => contains(n, name))) &&
          (email === undefined || p.email?.toLowerCase() === email.toLowerCase()) &&
          (phone === undefined || p.phone === phone) &&
          (gender === undefined || p.gender === gender) &&
          (birthDate === undefined || p.birthDate === birthDate) &&
          (active === undefined || (p.active ?? true) === active));
      }
      case 'practitioners': {
        const [name, specialty, npi, active] = [text('name'), text('specialty'), text('npi'), booleanParam(q, 'active')];
        return all.filter((p) =>
          (name === undefined || (p.name ?? []).some((n) => [n.text, n.family, ...(n.given ?? [])].some((s) => contains(s, name)))) &&
          (specialty === undefined || (p.qualification ?? []).some((qu) => contains(qu.code?.text, specialty))) &&
          (npi === undefined || (p.identifier ?? []).some((i) => i.system === 'http://hl7.org/fhir/sid/us-npi' && i.value === npi)) &&
          (active === undefined || (p.active ?? true) === active));
      }
      case 'organizations': {
        const [name, type, active] = [text('name'), text('type'), booleanParam(q, 'active')];
        return all.filter((o) =>
          (name === undefined || [o.name, ...(o.alias ?? [])].some((n) => contains(n, name))) &&
          (type === undefined || (o.type ?? []).some((t) => (t.coding ?? []).some((c) => c.code === type))) &&
          (active === undefined || (o.active ?? true) === active));
      }
      case 'encounters': {
        const [patientId, status, range] = [text('patientId'), text('status'), dateRange(q)];
        const matches = all.filter((e) =>
          (patientId === undefined || referencedId(e.subject, 'Patient') === patientId) &&
          (status === undefined || e.status === status) &&
          inRange(e.period?.start, range));
        return sortByDate(matches, q, (e) => e.period?.start);
      }
      case 'documents': {
        const [patientId, type, practitionerId, status, range] =
          [text('patientId'), text('type'), text('practitionerId'), text('status'), dateRange(q)];
        const now = Date.now();
        const matches = all.filter((d) =>
          (searchableAt.get(d.id) ?? 0) <= now &&
          (patientId === undefined || referencedId(d.subject, 'Patient') === patientId) &&
          (type === undefined || d.type?.text === type || (d.type?.coding ?? []).some((c) => c.code === type)) &&
          (practitionerId === undefined || (d.author ?? []).some((a) => referencedId(a, 'Practitioner') === practitionerId)) &&
          (status === undefined || d.status === status) &&
          inRange(d.date, range));
        return sortByDate(matches, q, (d) => d.date);
      }
      default:
        return [];
    }
  }

  return {
    handle,
    /** Stores a document just created by `POST /v1/documents` and returns it as its Composition. */
    storeCreatedDocument(id, body, createdAt) {
      const composition = toComposition(id, body, createdAt);
      store.documents.set(id, composition);
      searchableAt.set(id, Date.now() + searchLag());
      return composition;
    },
    /** Back to the fixture, counters cleared (in place: a test may hold on to them). */
    reset() {
      store = load();
      searchableAt.clear();
      for (const counts of [state.reads, state.writes]) for (const name of Object.keys(counts)) delete counts[name];
      state.updates.length = 0;
      state.preflights = 0;
    },
  };
}
