/** JSON as it travels over the wire. */
export type Json = null | boolean | number | string | Json[] | JsonObject;
export type JsonObject = { [key: string]: Json };

/** The part of JSON Schema 2020-12 that GET /api/config/schema uses (contract §2). */
export interface SchemaNode {
  title?: string;
  description?: string;
  /** What each `enum` value does, by value (the canonical strategies). */
  'x-option-help'?: Record<string, string>;
  type?: string | string[];
  properties?: Record<string, SchemaNode>;
  required?: string[];
  additionalProperties?: boolean | SchemaNode;
  items?: SchemaNode;
  enum?: string[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  uniqueItems?: boolean;
  default?: Json;
  'x-weights-sum'?: number;
  /** The domain's cross-field rules as data (root only); see `lib/rules.ts`. */
  'x-rules'?: CrossFieldRule[];
}

/** One cross-field rule as the schema publishes it (the server checks the same definition). */
export interface CrossFieldRule {
  name: string;
  kind: 'sum' | 'positive_sum' | 'less_than' | 'at_most';
  /** JSON Pointer of the object(s) the rule reads; `*` is each entry of a map. */
  scope: string;
  fields: string[];
  factor?: number;
  target?: number;
  tolerance?: number;
  /** What the operator reads; `{right}` and `{sum}` are filled in. */
  message: string;
}

export type ApiKeySource = 'database' | 'environment' | null;

/** POST /api/config/ai-key/test: one minimal Gemini call with the stored key (contract §2). */
export interface KeyTest {
  ok: boolean;
  model: string;
  latency_ms: number;
  /** The provider's HTTP status when it answered with an error; absent when no answer came (timeout, network). */
  status?: number | null;
  /** The provider's error message, key redacted by the server. */
  message?: string | null;
}

/** GET /api/config split into the document and its metadata. */
export interface ConfigView {
  document: JsonObject;
  hasApiKey: boolean;
  apiKeySource: ApiKeySource;
  updatedAt: string | null;
  updatedBy: string | null;
  version: number;
  source: string;
}

export interface Change {
  path: string;
  old: Json;
  new: Json;
}

export interface HistoryEntry {
  version: number;
  /** null for version 0, the shipped configuration (YAML over built-ins) that no save made */
  updated_at: string | null;
  updated_by: string | null;
  changes: Change[];
}

/** RFC 9457 problem details as the server sends them. */
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: { pointer: string; detail: string }[];
  violations?: { pointer: string; detail: string }[];
  current_version?: number;
}

/**
 * One pipeline run (contract §2, GET /api/runs). The endpoint belongs to the worker issue; this is the shape the
 * page reads, documented in docs/http-api.md so both sides agree.
 */
export interface RunSummary {
  id: string | number;
  started_at: string;
  finished_at: string | null;
  status: string;
  config_version: number | null;
  counts: Partial<Record<RunCount, number>>;
  warnings: string[];
  /** The warnings grouped by kind (alike lines counted once), first examples kept; absent on older servers. */
  warning_groups?: { kind: string; count: number; examples: string[] }[];
}

/** GET /api/runs/{id}: a run with its timings, files and AI usage. */
export interface RunDetail extends RunSummary {
  mode?: string | null;
  config_source?: string | null;
  error?: string | null;
  /** milliseconds by step, e.g. ingest_ms, matching_ms, total_ms */
  timings: Record<string, number>;
  files: {
    ingestion_id: number;
    filename: string;
    origin: string;
    status: string;
    event_count: number;
    problems: Record<string, Json>[];
  }[];
  ai_usage: {
    model: string;
    requests: number;
    cached_requests: number;
    api_calls: number;
    failed_requests: number;
    prompt_tokens: number;
    output_tokens: number;
    thought_tokens: number;
    total_tokens: number;
    estimated_cost_usd: number;
  }[];
}

export const RUN_COUNTS = [
  'ingested',
  'pairs',
  'match',
  'ambiguous',
  'no_match',
  'ai_resolved',
  'canonicals',
  'flagged',
] as const;
export type RunCount = (typeof RUN_COUNTS)[number];

/** Operator roles (contract §1), in order: viewer < editor < admin. */
export type Role = 'viewer' | 'editor' | 'admin';

/** GET /api/auth/me and POST /api/auth/login. */
export interface Operator {
  name: string;
  role: Role;
}

export type Decision = 'match' | 'ambiguous' | 'no_match';

export interface Signals {
  date: number | null;
  geo: number | null;
  title: number | null;
  description: number | null;
}

export interface Quality {
  precision: number;
  recall: number;
  f1: number;
  labelled_pairs: number;
}

export interface AiForecast {
  enabled: boolean;
  pairs_in_window: number;
  avg_input_tokens: number;
  avg_output_tokens: number;
  tokens_source: 'measured' | 'estimate';
  cost_per_run: number;
  currency: string;
}

/** One config's results on the preview sample (contract §2 "Side"). */
export interface PreviewSide {
  version: number | null;
  counts: Record<Decision, number>;
  clusters: number;
  flagged_clusters: number;
  canonical_events: number;
  quality: Quality | null;
  histogram: { min: number; max: number; counts: number[] };
  thresholds: { low: number; high: number; title_veto: number };
  ai: AiForecast;
}

/** A listing of a flipped pair; title and source are null when the listing is no longer stored. */
export interface PairListing {
  id: string;
  title: string | null;
  source: string | null;
}

/** One side's view of a pair; score and signals are null when that side's blocking never compared the pair. */
export interface PairOutcome {
  decision: Decision;
  score: number | null;
  signals: Signals | null;
}

export interface FlippedPair {
  a: PairListing;
  b: PairListing;
  current: PairOutcome;
  candidate: PairOutcome;
  labelled: boolean | null;
}

export interface FlipGroup {
  from: Decision;
  to: Decision;
  count: number;
  pairs: FlippedPair[];
}

/** POST /api/config/preview (contract §2). */
export interface Preview {
  sample: { listings: number; labelled_pairs: number; candidate_pairs: number; elapsed_ms: number };
  current: PreviewSide;
  candidate: PreviewSide;
  flips: { total: number; groups: FlipGroup[] };
}

/** One row of GET /api/canonical-events. */
export interface CanonicalEventSummary {
  id: number;
  title: string | null;
  first_date: string | null;
  last_date: string | null;
  location: { name: string | null; city: string | null };
  categories: string[] | null;
  source_count: number;
  match_confidence: number | null;
  needs_review: boolean;
  review_reason: string | null;
  ai_assisted: boolean;
  version: number;
  config_version: number | null;
  updated_at: string | null;
}

export interface CanonicalEventPage {
  total: number;
  limit: number;
  offset: number;
  items: CanonicalEventSummary[];
}

export interface EventDecision {
  a: string;
  b: string;
  within_event: boolean;
  decision: string;
  tier: string | null;
  combined_score: number | null;
  signals: Signals;
  config_version: number | null;
  decided_at: string | null;
}

/** GET /api/canonical-events/{id}: the summary plus where it came from. */
export interface CanonicalEventDetail extends CanonicalEventSummary {
  short_description: string | null;
  description: string | null;
  dates: Json;
  location: { name: string | null; city: string | null; street?: string | null; zipcode?: string | null };
  created_at: string | null;
  field_provenance: Record<string, string> | null;
  sources: { id: string; source_code: string; source_type: string | null; filename: string | null; listing: Json }[];
  decisions: EventDecision[];
}

/** A listing as the review queue shows it (GET /api/review/pairs). */
export interface ReviewListing {
  id: string;
  title: string | null;
  dates: { date: string | null; start_time: string | null; end_time: string | null }[];
  city: string | null;
  venue: string | null;
  source_code: string | null;
  source_type: string | null;
  /** at most 300 characters */
  description_excerpt: string | null;
  canonical_event_id: number | null;
}

/** One unlabelled pair that needs a human: ambiguous, or a match with the title just above the veto. */
export interface ReviewPair {
  a: ReviewListing;
  b: ReviewListing;
  signals: Signals;
  combined_score: number | null;
  decision: string;
  tier: string | null;
  reason: 'ambiguous' | 'veto_edge' | string;
  config_version: number | null;
}

export interface Page<T> {
  total: number;
  limit: number;
  offset: number;
  items: T[];
}

export type LabelValue = 'same' | 'different';

/** PUT /api/labels and GET /api/labels: an operator's verdict on a pair (a < b). */
export interface PairLabel {
  a: string;
  b: string;
  label: LabelValue;
  note: string | null;
  labelled_by: string;
  labelled_at: string;
}

/** POST /api/canonical-events/{id}/merge and /split. */
export interface LabelsWritten {
  labels_written: number;
  applied: string;
}

export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  action: string;
  target: string | null;
  details: JsonObject;
}

export interface AuditPage {
  items: AuditEntry[];
  next_before: number | null;
}

/** GET /api/quality: the stored decisions against imported truth ∪ labels; null figures when nothing is labelled. */
export interface QualityFigures {
  precision: number | null;
  recall: number | null;
  f1: number | null;
  labelled_pairs: number;
  labels: number;
  imported_pairs: number;
}
