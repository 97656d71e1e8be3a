// "Suggest values": what POST /api/config/suggest answers and how the page shows it.
import type { JsonObject } from './types';

/** Held-out pair quality of one config, with its spread over the folds. */
export interface SuggestQuality {
  precision: number;
  recall: number;
  f1: number;
  tp: number;
  fp: number;
  fn: number;
  spread: { precision: number; recall: number; f1: number };
}

export interface SuggestionChange {
  /** JSON pointer of the field, e.g. /thresholds/high */
  path: string;
  before: number;
  after: number;
}

export interface Suggestion {
  objective: string;
  patch: JsonObject;
  changes: SuggestionChange[];
  before: SuggestQuality;
  after: SuggestQuality;
  folds: number;
  labels: {
    labelled_listings: number;
    groups: number;
    true_pairs: number;
    labelled_candidate_pairs: number;
    candidate_pairs: number;
    tuned_categories: string[];
  };
}

/** A suggestion is either ready, or still running in the background under an id to poll. */
export type SuggestState = { kind: 'done'; suggestion: Suggestion } | { kind: 'running'; id: string };

export const OBJECTIVES: { value: string; label: string }[] = [
  { value: 'f1', label: 'Best F1' },
  { value: 'recall@p=0.95', label: 'Most recall at precision ≥ 0.95' },
  { value: 'recall@p=0.97', label: 'Most recall at precision ≥ 0.97' },
  { value: 'precision@r=0.8', label: 'Most precision at recall ≥ 0.80' },
];

/** The answer of a POST or a poll: 202 means still running. */
export async function suggestState(response: Response): Promise<SuggestState> {
  const body = (await response.json()) as JsonObject;
  if (response.status === 202) return { kind: 'running', id: String(body.id) };
  return { kind: 'done', suggestion: body as unknown as Suggestion };
}

export const QUALITY_KEYS = ['precision', 'recall', 'f1'] as const;

/** "0.886 ±0.007" */
export function withSpread(value: number, spread: number): string {
  return `${value.toFixed(3)} ±${spread.toFixed(3)}`;
}

/** "/category_weights/overrides/fasnacht/date" → "category_weights › overrides › fasnacht › date" */
export function fieldName(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .join(' › ');
}
