import type {
  AuditPage,
  CanonicalEventDetail,
  CanonicalEventPage,
  ConfigView,
  HistoryEntry,
  Json,
  KeyTest,
  JsonObject,
  LabelsWritten,
  LabelValue,
  Operator,
  Page,
  PairLabel,
  QualityFigures,
  ReviewPair,
  Preview,
  Problem,
  RunDetail,
  RunSummary,
  SchemaNode,
} from './types';
import { suggestState, type SuggestState } from './suggest';
import type { StoredCategory } from './categories';

/** A non-2xx answer; `problem` holds the problem+json body when the server sent one. */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;
  /** Seconds from a 429's Retry-After header, when it sent one. */
  readonly retryAfter: number | undefined;

  constructor(status: number, problem: Problem, retryAfter?: number) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
    this.retryAfter = retryAfter;
    this.name = 'ApiError';
  }

  /** 412 (stale If-Match) or 409 (stale updated_at): someone else saved first. */
  get isConflict(): boolean {
    return this.status === 412 || this.status === 409;
  }
}

/** The server could not be reached at all (down, network gone). */
export class NetworkError extends Error {
  constructor(cause: unknown) {
    super('The server cannot be reached.');
    this.name = 'NetworkError';
    this.cause = cause;
  }
}

const METADATA = ['has_api_key', 'api_key_source', 'updated_at', 'updated_by', 'version', 'source'] as const;

/** Splits GET /api/config's body into the config document and its metadata. */
export function toConfigView(body: JsonObject): ConfigView {
  const document: JsonObject = {};
  for (const [key, value] of Object.entries(body)) {
    if (!(METADATA as readonly string[]).includes(key)) document[key] = value;
  }
  return {
    document,
    hasApiKey: body.has_api_key === true,
    apiKeySource: body.api_key_source === 'database' || body.api_key_source === 'environment' ? body.api_key_source : null,
    updatedAt: typeof body.updated_at === 'string' ? body.updated_at : null,
    updatedBy: typeof body.updated_by === 'string' ? body.updated_by : null,
    version: typeof body.version === 'number' ? body.version : 0,
    source: typeof body.source === 'string' ? body.source : 'defaults',
  };
}

type Fetch = typeof fetch;

/** Filter values of GET /api/canonical-events; empty ones are left out of the query. */
export interface EventQuery {
  q?: string;
  city?: string;
  date_from?: string;
  date_to?: string;
  limit?: number;
  offset?: number;
}

/** The typed client of the config API (contract §2). One instance per page; it holds no state of its own. */
export class ConfigApi {
  private readonly fetcher: Fetch;
  private readonly base: string;
  private readonly signedOutListeners = new Set<() => void>();

  constructor(fetcher: Fetch = (input, init) => fetch(input, init), base = '') {
    this.fetcher = fetcher;
    this.base = base;
  }

  /** Called whenever the server answers 401 (session expired or never there); returns the unsubscribe. */
  onSignedOut(listener: () => void): () => void {
    this.signedOutListeners.add(listener);
    return () => this.signedOutListeners.delete(listener);
  }

  /** The signed-in operator; null when the server has no sign-in at all (404: an older server). 401 throws. */
  async me(): Promise<Operator | null> {
    try {
      return await this.json<Operator>('GET', '/api/auth/me');
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) return null;
      throw e;
    }
  }

  login(username: string, password: string): Promise<Operator> {
    return this.json<Operator>('POST', '/api/auth/login', { username, password });
  }

  async logout(): Promise<void> {
    await this.send('POST', '/api/auth/logout');
  }

  /** What the candidate (the current config with this merge patch) would change on the stored listings. */
  preview(patch: JsonObject): Promise<Preview> {
    return this.json<Preview>('POST', '/api/config/preview', patch, { 'Content-Type': 'application/merge-patch+json' });
  }

  /** Starts a config suggestion: the suggestion when it is ready within 2 s, else the id to poll. */
  async suggest(objective: string): Promise<SuggestState> {
    return suggestState(await this.send('POST', '/api/config/suggest', { objective }, { Accept: 'application/json' }));
  }

  async suggestion(id: string): Promise<SuggestState> {
    const path = `/api/config/suggest/${encodeURIComponent(id)}`;
    return suggestState(await this.send('GET', path, undefined, { Accept: 'application/json' }));
  }

  async cancelSuggestion(id: string): Promise<void> {
    await this.send('DELETE', `/api/config/suggest/${encodeURIComponent(id)}`);
  }

  canonicalEvents(query: EventQuery): Promise<CanonicalEventPage> {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined && value !== '') params.set(key, String(value));
    }
    return this.json<CanonicalEventPage>('GET', `/api/canonical-events?${params}`);
  }

  canonicalEvent(id: number): Promise<CanonicalEventDetail> {
    return this.json<CanonicalEventDetail>('GET', `/api/canonical-events/${encodeURIComponent(id)}`);
  }

  async config(): Promise<ConfigView> {
    return toConfigView(await this.json<JsonObject>('GET', '/api/config'));
  }

  async defaults(): Promise<JsonObject> {
    return toConfigView(await this.json<JsonObject>('GET', '/api/config/defaults')).document;
  }

  schema(): Promise<SchemaNode> {
    return this.json<SchemaNode>('GET', '/api/config/schema');
  }

  /** Sends a merge patch (RFC 7396) guarded by the version it was made against. */
  async patch(patch: JsonObject, version: number): Promise<ConfigView> {
    return toConfigView(
      await this.json<JsonObject>('PATCH', '/api/config', patch, {
        'Content-Type': 'application/merge-patch+json',
        'If-Match': `"${version}"`,
      }),
    );
  }

  async setApiKey(key: string, version: number): Promise<void> {
    await this.send('PUT', '/api/config/ai-key', { api_key: key }, { 'If-Match': `"${version}"` });
  }

  async removeApiKey(version: number): Promise<void> {
    await this.send('DELETE', '/api/config/ai-key', undefined, { 'If-Match': `"${version}"` });
  }

  /** Tests the stored key with the smallest Gemini call; a 200 even when the provider refused it (`ok: false`). */
  testApiKey(): Promise<KeyTest> {
    return this.json<KeyTest>('POST', '/api/config/ai-key/test');
  }

  history(limit: number, before?: number): Promise<HistoryEntry[]> {
    const query = new URLSearchParams({ limit: String(limit) });
    if (before !== undefined) query.set('before', String(before));
    return this.json<HistoryEntry[]>('GET', `/api/config/history?${query}`);
  }

  async rollback(version: number, currentVersion: number): Promise<ConfigView> {
    return toConfigView(
      await this.json<JsonObject>('POST', '/api/config/rollback', { version }, { 'If-Match': `"${currentVersion}"` }),
    );
  }

  /** The categories of the stored listings with counts, most frequent first; none from a server without the endpoint. */
  async listingCategories(): Promise<StoredCategory[]> {
    try {
      const body = await this.json<Json>('GET', '/api/listings/categories');
      return Array.isArray(body) ? (body as unknown as StoredCategory[]) : [];
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) return [];
      throw e;
    }
  }

  /** Recent pipeline runs; an empty list while the server has no runs endpoint yet (404). */
  async runs(limit: number): Promise<RunSummary[]> {
    try {
      const body = await this.json<Json>('GET', `/api/runs?limit=${limit}`);
      return Array.isArray(body) ? (body as unknown as RunSummary[]) : [];
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) return [];
      throw e;
    }
  }

  /** One run in full (GET /api/runs/{id}). */
  async run(id: string | number): Promise<RunDetail> {
    return this.json<RunDetail>('GET', `/api/runs/${encodeURIComponent(String(id))}`);
  }

  /** Unlabelled pairs that need a human, most uncertain first by default. */
  reviewPairs(limit: number, offset: number, order: 'uncertainty' | 'score' | 'recent' = 'uncertainty'): Promise<Page<ReviewPair>> {
    return this.json<Page<ReviewPair>>('GET', `/api/review/pairs?${new URLSearchParams({ order, limit: String(limit), offset: String(offset) })}`);
  }

  putLabel(a: string, b: string, label: LabelValue, note?: string): Promise<PairLabel> {
    return this.json<PairLabel>('PUT', '/api/labels', note ? { a, b, label, note } : { a, b, label });
  }

  /** Removes a pair's label; a pair without one (404) is already where the caller wants it. */
  async deleteLabel(a: string, b: string): Promise<void> {
    try {
      await this.send('DELETE', `/api/labels?${new URLSearchParams({ a, b })}`);
    } catch (e) {
      if (!(e instanceof ApiError && e.status === 404)) throw e;
    }
  }

  labels(limit: number, offset = 0): Promise<Page<PairLabel>> {
    return this.json<Page<PairLabel>>('GET', `/api/labels?limit=${limit}&offset=${offset}`);
  }

  merge(id: number, other: number, version: number, otherVersion: number): Promise<LabelsWritten> {
    return this.json<LabelsWritten>('POST', `/api/canonical-events/${id}/merge`, { with: other, version, with_version: otherVersion });
  }

  split(id: number, groups: string[][], version: number): Promise<LabelsWritten> {
    return this.json<LabelsWritten>('POST', `/api/canonical-events/${id}/split`, { groups, version });
  }

  audit(limit: number, before?: number | null): Promise<AuditPage> {
    return this.json<AuditPage>('GET', `/api/audit?limit=${limit}${before == null ? '' : `&before=${before}`}`);
  }

  /** Precision, recall and F1 against every label; null when the server has no such endpoint yet (404). */
  async quality(): Promise<QualityFigures | null> {
    try {
      return await this.json<QualityFigures>('GET', '/api/quality');
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) return null;
      throw e;
    }
  }

  private async json<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
    const response = await this.send(method, path, body, { Accept: 'application/json', ...headers });
    return (await response.json()) as T;
  }

  private async send(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
    const init: RequestInit = { method, headers: { ...headers }, cache: 'no-store' };
    if (body !== undefined) {
      init.body = JSON.stringify(body);
      (init.headers as Record<string, string>)['Content-Type'] ??= 'application/json';
    }
    let response: Response;
    try {
      response = await this.fetcher(this.base + path, init);
    } catch (e) {
      throw new NetworkError(e);
    }
    if (!response.ok) {
      if (response.status === 401 && path !== '/api/auth/login') this.signedOutListeners.forEach((l) => l());
      const retryAfter = Number.parseInt(response.headers.get('Retry-After') ?? '', 10);
      throw new ApiError(response.status, await problemOf(response), Number.isFinite(retryAfter) ? retryAfter : undefined);
    }
    return response;
  }
}

async function problemOf(response: Response): Promise<Problem> {
  try {
    const body = (await response.json()) as Problem;
    if (body && typeof body === 'object') return body;
  } catch {
    // not JSON: a proxy's error page or an empty body
  }
  return { status: response.status, title: response.statusText || `HTTP ${response.status}` };
}
