/** Reading a preview (contract §2) the way the comparison panel shows it: which figures moved, and for the better? */
import type { Decision, FlippedPair, Preview, PreviewSide } from './types';

export type Verdict = 'better' | 'worse' | 'same' | 'neutral';

export interface MetricRow {
  key: string;
  label: string;
  current: number;
  candidate: number;
  delta: number;
  verdict: Verdict;
  /** ratios (precision, recall, F1) print with 3 decimals, counts as integers */
  ratio: boolean;
}

/** +1: higher is better, -1: lower is better, 0: a change is neither (more matches are not good in themselves). */
const COUNT_METRICS: { key: string; label: string; read: (s: PreviewSide) => number; direction: -1 | 0 | 1 }[] = [
  { key: 'match', label: 'Match', read: (s) => s.counts.match, direction: 0 },
  // ambiguous pairs wait for the AI or a person: fewer is better
  { key: 'ambiguous', label: 'Ambiguous', read: (s) => s.counts.ambiguous, direction: -1 },
  { key: 'no_match', label: 'No match', read: (s) => s.counts.no_match, direction: 0 },
  { key: 'clusters', label: 'Clusters', read: (s) => s.clusters, direction: 0 },
  { key: 'flagged_clusters', label: 'Flagged clusters', read: (s) => s.flagged_clusters, direction: -1 },
  { key: 'canonical_events', label: 'Canonical events', read: (s) => s.canonical_events, direction: 0 },
];

const QUALITY_METRICS = [
  { key: 'precision', label: 'Precision' },
  { key: 'recall', label: 'Recall' },
  { key: 'f1', label: 'F1' },
] as const;

// scores are doubles: a difference below this is rounding, not a change
const EPSILON = 1e-9;

function verdictOf(delta: number, direction: -1 | 0 | 1): Verdict {
  if (Math.abs(delta) < EPSILON) return 'same';
  if (direction === 0) return 'neutral';
  return delta * direction > 0 ? 'better' : 'worse';
}

export function metricRows(preview: Preview): MetricRow[] {
  const { current, candidate } = preview;
  const rows: MetricRow[] = COUNT_METRICS.map(({ key, label, read, direction }) => {
    const delta = read(candidate) - read(current);
    return { key, label, current: read(current), candidate: read(candidate), delta, verdict: verdictOf(delta, direction), ratio: false };
  });
  if (current.quality && candidate.quality) {
    for (const { key, label } of QUALITY_METRICS) {
      const delta = candidate.quality[key] - current.quality[key];
      rows.push({ key, label, current: current.quality[key], candidate: candidate.quality[key], delta, verdict: verdictOf(delta, 1), ratio: true });
    }
  }
  return rows;
}

export function costVerdict(preview: Preview): Verdict {
  return verdictOf(preview.candidate.ai.cost_per_run - preview.current.ai.cost_per_run, -1);
}

export const DECISION_LABELS: Record<Decision, string> = { match: 'Match', ambiguous: 'Ambiguous', no_match: 'No match' };

/** Whether a decision agrees with the ground truth; ambiguous agrees with neither answer. */
function right(decision: Decision, sameEvent: boolean): boolean {
  return sameEvent ? decision === 'match' : decision === 'no_match';
}

/** For a labelled pair: does the candidate get it right where the current config did not, or the other way round? */
export function pairVerdict(pair: FlippedPair): Verdict {
  if (pair.labelled === null) return 'neutral';
  const before = right(pair.current.decision, pair.labelled);
  const after = right(pair.candidate.decision, pair.labelled);
  return before === after ? 'same' : after ? 'better' : 'worse';
}

export function formatNumber(value: number, ratio: boolean): string {
  return ratio ? value.toFixed(3) : value.toLocaleString('en-GB');
}

/** "+0.012", "−3", "±0" (a real minus sign, so the columns line up). */
export function formatDelta(delta: number, ratio: boolean): string {
  if (Math.abs(delta) < EPSILON) return '±0';
  const text = formatNumber(Math.abs(delta), ratio);
  return `${delta > 0 ? '+' : '−'}${text}`;
}

export function formatMoney(amount: number, currency: string): string {
  try {
    return new Intl.NumberFormat('en-GB', { style: 'currency', currency, currencyDisplay: 'narrowSymbol', maximumFractionDigits: amount < 1 ? 4 : 2 }).format(amount);
  } catch {
    return `${amount.toFixed(4)} ${currency}`;
  }
}
