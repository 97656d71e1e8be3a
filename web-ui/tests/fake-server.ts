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

  readonly fetch = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(String(input), 'http://ui.test');
    const method = init.method ?? 'GET';
    const headers = (init.headers ?? {}) as Record<string, string>;
    const body = init.body ? (JSON.parse(String(init.body)) as Json) : undefined;
    this.requests.push({ method, path: url.pathname + url.search, headers, body });
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
      api_key_source: this.key !== null ? 'database' : null,
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

  private handle(method: string, url: URL, headers: Record<string, string>, body: Json | undefined): Response {
    const ifMatch = headers['If-Match'];
    const stale = ifMatch !== undefined && ifMatch !== `"${this.version}"`;
    const route = `${method} ${url.pathname}`;
    if (route === 'GET /api/config') return json(200, this.view());
    if (route === 'GET /api/config/schema') return json(200, schema as unknown as Json);
    if (route === 'GET /api/config/defaults') return json(200, { ...clone(defaults), version: 0, source: 'file' });
    if (route === 'GET /api/config/history') return json(200, this.history as unknown as Json);
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
    if (route === 'PUT /api/config/ai-key' && isObject(body)) {
      const replaced = this.key !== null;
      this.key = String(body.api_key);
      this.store(clone(this.document), 'api', replaced ? 'replaced' : 'set');
      return new Response(null, { status: 204 });
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
