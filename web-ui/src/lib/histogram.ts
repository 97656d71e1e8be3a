/** Geometry and reading of the preview's score histogram (equal-width bins from `min` to `max`). */

export interface Histogram {
  min: number;
  max: number;
  counts: number[];
}

/** Where a score lies along the histogram, 0..1 (clamped). */
export function position(h: Histogram, score: number): number {
  const span = h.max - h.min;
  if (!(span > 0)) return 0;
  return Math.min(1, Math.max(0, (score - h.min) / span));
}

/**
 * How many pairs each zone would hold at these thresholds, read from the bins (a bin counts where its centre lies;
 * the exact split happens on the server). The title veto is left out: it needs the title score, not in the bins.
 */
export function zoneCounts(h: Histogram, low: number, high: number): { no_match: number; ambiguous: number; match: number } {
  const result = { no_match: 0, ambiguous: 0, match: 0 };
  const width = (h.max - h.min) / (h.counts.length || 1);
  h.counts.forEach((n, i) => {
    const centre = h.min + (i + 0.5) * width;
    if (centre >= high) result.match += n;
    else if (centre >= low) result.ambiguous += n;
    else result.no_match += n;
  });
  return result;
}

/**
 * Bar heights 0..1 on a square-root scale: most pairs score low, and on a linear scale the few near the match
 * threshold — the ones a threshold change moves — would be invisible.
 */
export function heights(counts: number[], peak: number): number[] {
  const top = Math.sqrt(Math.max(1, peak));
  return counts.map((n) => Math.sqrt(Math.max(0, n)) / top);
}
