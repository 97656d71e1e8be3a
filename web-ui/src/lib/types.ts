/** JSON as it travels over the wire. */
export type Json = null | boolean | number | string | Json[] | JsonObject;
export type JsonObject = { [key: string]: Json };

/** The part of JSON Schema 2020-12 that GET /api/config/schema uses (contract §2). */
export interface SchemaNode {
  title?: string;
  description?: string;
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
}

export type ApiKeySource = 'database' | 'environment' | null;

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
  updated_at: string;
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
  current_version?: number;
}

/**
 * One pipeline run (contract §2, GET /api/runs). The endpoint belongs to the worker issue; this is the shape the
 * page reads, documented in the README so both sides agree.
 */
export interface RunSummary {
  id: string | number;
  started_at: string;
  finished_at: string | null;
  status: string;
  config_version: number | null;
  counts: Partial<Record<RunCount, number>>;
  warnings: string[];
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
