/**
 * The review queue without the page: which pair shows, what a verdict, a skip or an undo does to the queue, which page
 * to fetch next, the progress line, the keys, and what differs between the two listings.
 *
 * The functions change the state they are given (the component keeps it in a rune, so changes show at once) and the
 * writes to the server are the caller's: the queue only counts what is in flight and confirmed.
 */
import type { LabelValue, Page, QualityFigures, ReviewListing, ReviewPair } from './types';

export type Verdict = LabelValue | 'skip';
export type KeyAction = Verdict | 'undo';

export const PAGE_SIZE = 20;
/** Fewer pairs than this left in the queue: fetch the next page, so the next pair is there before it is needed. */
export const PREFETCH_BELOW = 5;

export const KEYS: Record<string, KeyAction> = { s: 'same', d: 'different', n: 'skip', u: 'undo' };

export interface Step {
  pair: ReviewPair;
  verdict: Verdict;
}

export interface ReviewState {
  /** The pairs still to show; the first is on screen. */
  queue: ReviewPair[];
  /** What was done, newest last: the undo stack. */
  steps: Step[];
  /** Every pair received, so an overlapping page adds nothing twice. */
  seen: Record<string, true>;
  /**
   * How far into the server's list we have read, counting the pairs labelled since as if still there (the list holds
   * unlabelled pairs only, so each saved label moves the unread rest one place forward).
   */
  read: number;
  /** Label writes (PUT) sent and not answered yet. */
  saving: number;
  /** Label removals (DELETE) sent and not answered yet. */
  removing: number;
  /** Labels this page wrote that the server confirmed (minus confirmed removals). */
  confirmed: number;
  /** Labels given this session, counted at once (minus undone ones): "37 reviewed". */
  labelled: number;
  /**
   * The server's count of pairs to review from the newest page, and `confirmed` when it came: the labels confirmed by
   * then are in that count, the ones given since are not.
   */
  total: number;
  totalBase: number;
  /** The server's list has no more pairs for us. */
  exhausted: boolean;
}

export function initialState(): ReviewState {
  return { queue: [], steps: [], seen: {}, read: 0, saving: 0, removing: 0, confirmed: 0, labelled: 0, total: 0, totalBase: 0, exhausted: false };
}

/** One key per pair, whatever order its ids came in (the server stores a < b). */
export function pairKey(pair: ReviewPair): string {
  const [a, b] = [pair.a.id, pair.b.id];
  return a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
}

export interface PageRequest {
  offset: number;
  /** The lowest number of this page's labels the server can have applied when it answers. */
  applied: number;
}

/**
 * Where the next page starts. Writes still in flight may or may not have reached the server, so the offset assumes
 * the most labels applied (reading a pair twice is harmless, skipping one is not) and `applied` the fewest.
 */
export function nextRequest(s: ReviewState): PageRequest {
  return {
    offset: Math.max(0, s.read - s.confirmed - s.saving),
    applied: Math.max(0, s.confirmed - s.removing),
  };
}

/** Whether to fetch now: the queue runs short and the server may have more. */
export function needsMore(s: ReviewState): boolean {
  return !s.exhausted && s.queue.length < PREFETCH_BELOW;
}

/** Adds a page asked for with `request`; returns how many new pairs it brought. */
export function addPage(s: ReviewState, page: Page<ReviewPair>, request: PageRequest): number {
  let added = 0;
  for (const pair of page.items) {
    const key = pairKey(pair);
    if (s.seen[key]) continue;
    s.seen[key] = true;
    s.queue.push(pair);
    added++;
  }
  s.read = Math.max(s.read, request.offset + request.applied + page.items.length);
  s.total = page.total;
  s.totalBase = s.confirmed;
  s.exhausted = page.items.length === 0 || page.items.length < page.limit || request.offset + page.items.length >= page.total;
  return added;
}

/** The operator's verdict on the pair on screen; returns the step (null when there is none). */
export function decide(s: ReviewState, verdict: Verdict): Step | null {
  const pair = s.queue.shift();
  if (!pair) return null;
  const step = { pair, verdict };
  s.steps.push(step);
  if (verdict !== 'skip') {
    s.labelled++;
    s.saving++;
  }
  return step;
}

/** Takes the last step back: its pair shows again. A label step's label is the caller's to delete. */
export function undo(s: ReviewState): Step | null {
  const step = s.steps.pop();
  if (!step) return null;
  s.queue.unshift(step.pair);
  if (step.verdict !== 'skip') s.labelled--;
  return step;
}

/** The server stored the label. */
export function saved(s: ReviewState): void {
  s.saving--;
  s.confirmed++;
}

/**
 * The server refused or never got the label: unless the operator already took it back, the step goes and the pair
 * shows again. Returns whether it did.
 */
export function saveFailed(s: ReviewState, pair: ReviewPair): boolean {
  s.saving--;
  const i = s.steps.findIndex((step) => step.pair === pair && step.verdict !== 'skip');
  if (i < 0) return false;
  s.steps.splice(i, 1);
  s.labelled--;
  s.queue.unshift(pair);
  return true;
}

export function removing(s: ReviewState): void {
  s.removing++;
}

/** A DELETE answered; `wasConfirmed`: the label it removed was one this page had written and seen confirmed. */
export function removed(s: ReviewState, wasConfirmed: boolean): void {
  s.removing--;
  if (wasConfirmed) s.confirmed--;
}

export function toGo(s: ReviewState): number {
  return Math.max(0, s.total - (s.labelled - s.totalBase));
}

/** "37 reviewed, 6,983 to go". */
export function progressText(s: ReviewState): string {
  return `${s.labelled.toLocaleString('en-GB')} reviewed, ${toGo(s).toLocaleString('en-GB')} to go`;
}

type KeyEventLike = Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'repeat' | 'defaultPrevented'> & {
  target: EventTarget | null;
};

/** The review action a key press asks for: none with a modifier, held down, or while typing or in a dialog. */
export function keyAction(e: KeyEventLike): KeyAction | null {
  if (e.ctrlKey || e.metaKey || e.altKey || e.repeat || e.defaultPrevented) return null;
  const t = e.target as HTMLElement | null;
  if (t && typeof t.closest === 'function' && (t.isContentEditable || t.closest('input, textarea, select, dialog'))) return null;
  return Object.hasOwn(KEYS, e.key) ? KEYS[e.key] : null;
}

/** A stretch of a title; `only`: a word the other title lacks. */
export interface Piece {
  text: string;
  only: boolean;
}

const WORD = /([\p{L}\p{N}]+)/u;

function wordSet(text: string | null): Set<string> {
  return new Set((text ?? '').toLowerCase().split(WORD).filter((_, i) => i % 2 === 1));
}

/** `title` cut into words and what lies between, each word marked when `other` does not have it (case aside). */
export function titlePieces(title: string | null, other: string | null): Piece[] {
  const theirs = wordSet(other);
  return (title ?? '')
    .split(WORD)
    .map((text, i) => ({ text, only: i % 2 === 1 && !theirs.has(text.toLowerCase()) }))
    .filter((p) => p.text !== '');
}

const time = (t: string | null) => (t ? t.slice(0, 5) : '');

/** "2026-02-12 14:00–16:00" */
export function dateText(d: ReviewListing['dates'][number]): string {
  const times = [time(d.start_time), time(d.end_time)].filter(Boolean).join('–');
  return [d.date ?? 'no date', times].filter(Boolean).join(' ');
}

/** A listing's dates, each marked when the other listing has no such date and time. */
export function datePieces(mine: ReviewListing, other: ReviewListing): Piece[] {
  const theirs = new Set(other.dates.map(dateText));
  return mine.dates.map((d) => ({ text: dateText(d), only: !theirs.has(dateText(d)) }));
}

/** Two values differ when they are not the same text, case and surrounding space aside. */
export function differs(a: string | null | undefined, b: string | null | undefined): boolean {
  return (a ?? '').trim().toLowerCase() !== (b ?? '').trim().toLowerCase();
}

/** "P 0.94 · R 0.84 · F1 0.89 · 212 labels"; empty when there are no figures. */
export function qualityText(q: QualityFigures | null): string {
  if (!q || q.precision === null || q.recall === null || q.f1 === null) return '';
  return `P ${q.precision.toFixed(2)} · R ${q.recall.toFixed(2)} · F1 ${q.f1.toFixed(2)} · ${q.labels.toLocaleString('en-GB')} ${q.labels === 1 ? 'label' : 'labels'}`;
}
