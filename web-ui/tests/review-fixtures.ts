/** Pairs for the review queue's tests, valid as they are, with what a test needs changed. */
import type { ReviewListing, ReviewPair } from '../src/lib/types';

export function listing(id: string, over: Partial<ReviewListing> = {}): ReviewListing {
  return {
    id,
    title: `Event ${id}`,
    dates: [{ date: '2026-02-12', start_time: '14:00:00', end_time: null }],
    city: 'Kenzingen',
    venue: 'Marktplatz',
    source_code: 'bwb',
    source_type: 'terminliste',
    description_excerpt: null,
    canonical_event_id: null,
    ...over,
  };
}

export function pair(n: number, over: Partial<ReviewPair> = {}): ReviewPair {
  return {
    a: listing(`a${n}`),
    b: listing(`b${n}`),
    signals: { date: 1, geo: 0.9, title: 0.6, description: 0.4 },
    combined_score: 0.55,
    decision: 'ambiguous',
    tier: null,
    reason: 'ambiguous',
    config_version: 3,
    ...over,
  };
}
