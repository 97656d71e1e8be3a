/**
 * An in-memory stand-in for the config API (contract §2), enough for the page's logic: versions with If-Match,
 * merge patches, history, rollback, the write-only key. Its `fetch` is what the page's ConfigApi is given.
 */
import { ConfigApi } from '../src/lib/api';
import { applyMergePatch, clone, createMergePatch, isObject, patchLeaves, getAt } from '../src/lib/json';
import type { HistoryEntry, Json, JsonObject, Problem, SchemaNode } from '../src/lib/types';
import defaultsJson from './fixtures/defaults.json';
import schemaJson from './fixtures/schema.json';

export const schema = schemaJson as unknown as SchemaNode;
export const defaults = defaultsJson as unknown as JsonObject;

export interface Request {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: Json | undefined;
}

export class FakeServer {
  document: JsonObject = clone(defaults);
  version = 0;
  updatedBy: string | null = null;
  key: string | null = null;
  history: HistoryEntry[] = [];
  requests: Request[] = [];
  /** answers the next PATCH with this problem instead of saving */
  nextPatchProblem: Problem | null = null;
  runs: Json | null = null;
  /** What GET /api/listings/categories answers; null: a server without it (404). */
  listingCategories: Json | null = null;
  /** Answers of GET /api/runs/{id}, one per request (the last one repeats). */
  runDetails: Json[] = [];
  /** Operators by name; null: a server from before sign-in existed (the auth routes answer 404). */
  operators: Record<string, { password: string; role: string }> | null = null;
  signedIn: string | null = null;
  loginFailures = 0;
  /** What POST /api/config/preview answers: a body (200) or a problem. */
  previewAnswer: Json = null;
  previewProblem: Problem | null = null;
  events: JsonObject[] = [];
  /** What /api/config/suggest answers, in turn: the POST first, then each poll (200, 202 or a problem's status). */
  suggestAnswers: { status: number; body: Json }[] = [];
  /** A key from EVENT_DEDUP_GEMINI_API_KEY: used when none is stored. */
  environmentKey: string | null = null;
  /** What POST /api/config/ai-key/test answers when there is a key (the server's 200 body). */
  keyTestAnswer: Json = { ok: true, model: 'gemini-2.5-flash', latency_ms: 123 };
  /** While set, the key test waits for it: lets a test see the page mid-request. */
  keyTestGate: Promise<void> | null = null;
  /** The pairs GET /api/review/pairs serves, in order; labelled ones drop out of the list as on the real server. */
  reviewPairs: JsonObject[] = [];
  /** Stored labels by "a b" (a < b), newest last. */
  labels = new Map<string, JsonObject>();
  /** While set, PUT /api/labels waits for it. */
  labelGate: Promise<void> | null = null;
  /** Answers the next PUT /api/labels with this problem. */
  nextLabelProblem: Problem | null = null;
  audit: JsonObject[] = [];
  /** GET /api/quality's body; null: no such endpoint (404). */
  quality: JsonObject | null = null;

  readonly fetch = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(String(input), 'http://ui.test');
    const method = init.method ?? 'GET';
    const headers = (init.headers ?? {}) as Record<string, string>;
    const body = init.body ? (JSON.parse(String(init.body)) as Json) : undefined;
    this.requests.push({ method, path: url.pathname + url.search, headers, body });
    if (url.pathname === '/api/config/ai-key/test' && this.keyTestGate) await this.keyTestGate;
    if (method === 'PUT' && url.pathname === '/api/labels' && this.labelGate) await this.labelGate;
    return this.handle(method, url, headers, body);
  };

  api(): ConfigApi {
    return new ConfigApi(this.fetch);
  }

  /** Someone else saving (another browser). */
  saveAs(who: string, patch: JsonObject): void {
    this.store(applyMergePatch(this.document, patch) as JsonObject, who);
  }

  view(): JsonObject {
    return {
      ...clone(this.document),
      has_api_key: this.key !== null,
      api_key_source: this.key !== null ? 'database' : this.environmentKey !== null ? 'environment' : null,
      updated_at: this.version ? `2026-01-0${Math.min(this.version, 9)}T10:00:00Z` : null,
      updated_by: this.updatedBy,
      version: this.version,
      source: this.version ? 'database' : 'file',
    };
  }

  private store(next: JsonObject, who: string, keyChange?: string): void {
    const patch = createMergePatch(this.document, next);
    const changes = patchLeaves(patch).map((path) => ({ path, old: getAt(this.document, path) ?? null, new: getAt(next, path) ?? null }));
    if (keyChange) changes.push({ path: '/ai_api_key', old: null, new: keyChange });
    if (changes.length === 0) return;
    this.document = next;
    this.version += 1;
    this.updatedBy = who;
    this.history.unshift({ version: this.version, updated_at: `2026-01-0${Math.min(this.version, 9)}T10:00:00Z`, updated_by: who, changes });
  }

  /** Switches sign-in on with these operators (password = name + "-pw"), nobody signed in. */
  withOperators(roles: Record<string, string>): this {
    this.operators = Object.fromEntries(Object.entries(roles).map(([name, role]) => [name, { password: `${name}-pw`, role }]));
    return this;
  }

  private auth(route: string, body: Json | undefined): Response | null {
    if (!route.includes(' /api/auth/')) {
      return this.operators && !this.signedIn ? problem(401, { type: 'https://event-dedup/problems/unauthenticated', detail: 'sign in first' }) : null;
    }
    if (!this.operators) return problem(404, { detail: 'no route' });
    if (route === 'POST /api/auth/login' && isObject(body)) {
      const who = this.operators[String(body.username)];
      if (this.loginFailures >= 5) {
        return new Response(JSON.stringify({ status: 429, title: 'Too Many Requests' }), { status: 429, headers: { 'Retry-After': '30' } });
      }
      if (!who || who.password !== body.password) {
        this.loginFailures++;
        return problem(401, { detail: 'invalid username or password' });
      }
      this.signedIn = String(body.username);
      return json(200, { name: this.signedIn, role: who.role });
    }
    if (route === 'POST /api/auth/logout') {
      this.signedIn = null;
      return new Response(null, { status: 204 });
    }
    if (route === 'GET /api/auth/me') {
      return this.signedIn ? json(200, { name: this.signedIn, role: this.operators[this.signedIn].role }) : problem(401, { detail: 'sign in first' });
    }
    return problem(404, { detail: 'no route' });
  }

  /** The operator's loop: review pairs, labels, merge/split, audit, quality (the agreed labels design). */
  private labelRoutes(route: string, url: URL, body: Json | undefined): Response | null {
    const key = (a: Json | undefined, b: Json | undefined) => [String(a), String(b)].sort().join(' ');
    const num = (name: string, fallback: number) => Number(url.searchParams.get(name) ?? fallback);
    if (route === 'GET /api/review/pairs') {
      const open = this.reviewPairs.filter((p) => !this.labels.has(key((p.a as JsonObject).id, (p.b as JsonObject).id)));
      const [limit, offset] = [num('limit', 20), num('offset', 0)];
      return json(200, { total: open.length, limit, offset, items: open.slice(offset, offset + limit) });
    }
    if (route === 'PUT /api/labels' && isObject(body)) {
      if (this.nextLabelProblem) {
        const p = this.nextLabelProblem;
        this.nextLabelProblem = null;
        return problem(p.status ?? 422, p);
      }
      const [a, b] = key(body.a, body.b).split(' ');
      const label = { a, b, label: body.label ?? null, note: body.note ?? null, labelled_by: 'api', labelled_at: '2026-02-01T10:00:00Z' };
      this.labels.delete(`${a} ${b}`);
      this.labels.set(`${a} ${b}`, label);
      return json(200, label);
    }
    if (route === 'DELETE /api/labels') {
      return this.labels.delete(key(url.searchParams.get('a'), url.searchParams.get('b')))
        ? new Response(null, { status: 204 })
        : problem(404, { detail: 'no label for this pair' });
    }
    if (route === 'GET /api/labels') {
      const items = [...this.labels.values()].reverse();
      return json(200, { total: items.length, limit: num('limit', 50), offset: 0, items });
    }
    if (route === 'GET /api/audit') {
      const before = url.searchParams.get('before');
      const limit = num('limit', 50);
      const older = this.audit.filter((e) => before === null || Number(e.id) < Number(before));
      const items = older.slice(0, limit);
      return json(200, { items, next_before: older.length > limit ? Number(items[items.length - 1].id) : null });
    }
    if (route === 'GET /api/quality') return this.quality ? json(200, this.quality) : problem(404, {});
    const action = /^POST \/api\/canonical-events\/(\d+)\/(merge|split)$/.exec(route);
    if (action && isObject(body)) {
      const event = this.events.find((e) => String(e.id) === action[1]);
      if (!event) return problem(404, { detail: 'no such event' });
      if (event.version !== body.version) return problem(409, { detail: `event ${event.id} is at version ${event.version}` });
      if (action[2] === 'merge') {
        const other = this.events.find((e) => e.id === body.with);
        if (!other) return problem(422, { detail: 'no such event', errors: [{ pointer: '#/with', detail: 'no such event' }] });
        if (other.version !== body.with_version) return problem(409, { detail: `event ${other.id} changed` });
        return json(200, { labels_written: 4, applied: 'next_run' });
      }
      return json(200, { labels_written: 1, applied: 'next_run' });
    }
    return null;
  }

  private handle(method: string, url: URL, headers: Record<string, string>, body: Json | undefined): Response {
    const ifMatch = headers['If-Match'];
    const stale = ifMatch !== undefined && ifMatch !== `"${this.version}"`;
    const route = `${method} ${url.pathname}`;
    const denied = this.auth(route, body);
    if (denied) return denied;
    if (route === 'POST /api/config/preview') {
      if (this.previewProblem) return problem(this.previewProblem.status ?? 422, this.previewProblem);
      return this.previewAnswer === null ? problem(404, {}) : json(200, this.previewAnswer);
    }
    if (route === 'POST /api/config/suggest' || route.startsWith('GET /api/config/suggest/')) {
      const next = this.suggestAnswers.shift();
      if (!next) return problem(404, { detail: 'no suggestion' });
      return next.status >= 400 ? problem(next.status, next.body as Problem) : json(next.status, next.body);
    }
    if (route.startsWith('DELETE /api/config/suggest/')) return new Response(null, { status: 204 });
    const labels = this.labelRoutes(route, url, body);
    if (labels) return labels;
    if (route === 'GET /api/canonical-events') {
      const q = url.searchParams.get('q')?.toLowerCase() ?? '';
      const items = this.events.filter((e) => String(e.title).toLowerCase().includes(q));
      return json(200, { total: items.length, limit: 25, offset: 0, items });
    }
    if (method === 'GET' && url.pathname.startsWith('/api/canonical-events/')) {
      const found = this.events.find((e) => String(e.id) === url.pathname.split('/').pop());
      return found ? json(200, found) : problem(404, { detail: 'no such event' });
    }
    if (route === 'GET /api/config') return json(200, this.view());
    if (route === 'GET /api/config/schema') return json(200, schema as unknown as Json);
    if (route === 'GET /api/config/defaults') return json(200, { ...clone(defaults), version: 0, source: 'file' });
    if (route === 'GET /api/config/history') {
      const shipped = { version: 0, updated_at: null, updated_by: null, changes: [] };
      return json(200, [...this.history, shipped] as unknown as Json);
    }
    if (method === 'GET' && url.pathname.startsWith('/api/runs/')) {
      const next = this.runDetails.length > 1 ? this.runDetails.shift() : this.runDetails[0];
      return next === undefined ? problem(404, { detail: 'no such run' }) : json(200, next);
    }
    if (route === 'GET /api/listings/categories') {
      return this.listingCategories === null ? problem(404, {}) : json(200, this.listingCategories);
    }
    if (route === 'GET /api/runs') return this.runs === null ? problem(404, {}) : json(200, this.runs);
    if (stale) return problem(412, { detail: `the current version is ${this.version}`, current_version: this.version });
    if (route === 'PATCH /api/config') {
      if (this.nextPatchProblem) {
        const p = this.nextPatchProblem;
        this.nextPatchProblem = null;
        return problem(p.status ?? 422, p);
      }
      this.store(applyMergePatch(this.document, body as JsonObject) as JsonObject, 'api');
      return json(200, this.view());
    }
    if (route === 'POST /api/config/rollback' && isObject(body) && body.version === 0) {
      this.store(clone(defaults) as JsonObject, 'api');
      return json(200, this.view());
    }
    if (route === 'PUT /api/config/ai-key' && isObject(body)) {
      const replaced = this.key !== null;
      this.key = String(body.api_key);
      this.store(clone(this.document), 'api', replaced ? 'replaced' : 'set');
      return new Response(null, { status: 204 });
    }
    if (route === 'POST /api/config/ai-key/test') {
      if (this.operators && this.operators[this.signedIn!].role === 'viewer') return problem(403, { detail: 'needs the editor role' });
      if (this.key === null && this.environmentKey === null) {
        return problem(409, { detail: 'No Gemini API key is stored; set one with PUT /api/config/ai-key first.' });
      }
      return json(200, this.keyTestAnswer);
    }
    if (route === 'DELETE /api/config/ai-key') {
      this.key = null;
      this.store(clone(this.document), 'api', 'cleared');
      return new Response(null, { status: 204 });
    }
    return problem(404, { detail: `no route ${route}` });
  }
}

function json(status: number, body: Json): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

function problem(status: number, body: Problem): Response {
  return new Response(JSON.stringify({ status, title: 'Problem', ...body }), {
    status,
    headers: { 'Content-Type': 'application/problem+json' },
  });
}
