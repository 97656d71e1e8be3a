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
 * the exact split happens on the server). The title veto is left out: it needs the title score, not in the bins;
 * {@link shownZones} starts from the server's counts instead.
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

export type ZoneCounts = { no_match: number; ambiguous: number; match: number };

/**
 * The zone counts the histogram states. At the thresholds the preview ran with they are the preview's own decision
 * counts — title veto included, so they agree with the results table. Once the operator moves a line, they are
 * those counts shifted by the pairs the bins say crossed it; a changed title veto is not estimated (`vetoMoved`).
 */
export function shownZones(
  h: Histogram,
  decided: ZoneCounts | undefined,
  ran: { low: number; high: number; title_veto: number } | undefined,
  low: number,
  high: number,
  veto: number | undefined,
): { counts: ZoneCounts; exact: boolean; vetoMoved: boolean } {
  // an answer without them (an older server): the bins alone
  if (!decided || !ran) return { counts: zoneCounts(h, low, high), exact: false, vetoMoved: false };
  const vetoMoved = veto !== undefined && veto !== ran.title_veto;
  if (low === ran.low && high === ran.high) return { counts: { ...decided }, exact: !vetoMoved, vetoMoved };
  const then = zoneCounts(h, ran.low, ran.high);
  const now = zoneCounts(h, low, high);
  const shift = (k: keyof ZoneCounts) => Math.max(0, decided[k] + now[k] - then[k]);
  return { counts: { no_match: shift('no_match'), ambiguous: shift('ambiguous'), match: shift('match') }, exact: false, vetoMoved };
}

/**
 * Bar heights 0..1 on a square-root scale: most pairs score low, and on a linear scale the few near the match
 * threshold — the ones a threshold change moves — would be invisible.
 */
export function heights(counts: number[], peak: number): number[] {
  const top = Math.sqrt(Math.max(1, peak));
  return counts.map((n) => Math.sqrt(Math.max(0, n)) / top);
}
