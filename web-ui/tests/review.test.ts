import { describe, expect, it } from 'vitest';
import { auditText, splitGroups } from '../src/lib/labels';
import * as q from '../src/lib/review';
import type { AuditEntry, Page, ReviewPair } from '../src/lib/types';
import { listing, pair } from './review-fixtures';

const page = (from: number, count: number, total: number, limit = q.PAGE_SIZE): Page<ReviewPair> => ({
  total,
  limit,
  offset: 0,
  items: Array.from({ length: count }, (_, i) => pair(from + i)),
});

function loaded(count: number, total = count): q.ReviewState {
  const s = q.initialState();
  q.addPage(s, page(1, count, total, Math.max(count, 1)), q.nextRequest(s));
  return s;
}

describe('what differs between the two listings', () => {
  it('marks the words of a title that the other title lacks, case aside, keeping the text between them', () => {
    const pieces = q.titlePieces('Großer Fasnetsumzug, Kenzingen', 'großer Umzug in Kenzingen');
    expect(pieces.map((p) => p.text).join('')).toBe('Großer Fasnetsumzug, Kenzingen');
    expect(pieces.filter((p) => p.only).map((p) => p.text)).toEqual(['Fasnetsumzug']);
    expect(q.titlePieces(null, 'x')).toEqual([]);
    expect(q.titlePieces('Konzert 2026', null).filter((p) => p.only).map((p) => p.text)).toEqual(['Konzert', '2026']);
  });

  it('marks a date or time that the other listing does not have; seconds are not shown', () => {
    const a = listing('a', { dates: [{ date: '2026-02-12', start_time: '14:00:00', end_time: '16:00' }, { date: '2026-02-13', start_time: null, end_time: null }] });
    const b = listing('b', { dates: [{ date: '2026-02-12', start_time: '14:00', end_time: '16:00:00' }, { date: '2026-02-13', start_time: '10:00', end_time: null }] });
    expect(q.datePieces(a, b)).toEqual([
      { text: '2026-02-12 14:00–16:00', only: false },
      { text: '2026-02-13', only: true },
    ]);
    expect(q.datePieces(b, a)[1]).toEqual({ text: '2026-02-13 10:00', only: true });
  });

  it('compares city and venue without case or surrounding space; two missing values are alike', () => {
    expect(q.differs('Kenzingen ', 'kenzingen')).toBe(false);
    expect(q.differs('Kenzingen', 'Emmendingen')).toBe(true);
    expect(q.differs(null, '')).toBe(false);
    expect(q.differs(null, 'Stadthalle')).toBe(true);
  });
});

describe('the review keys', () => {
  const press = (key: string, over: Partial<KeyboardEvent> & { target?: EventTarget | null } = {}) =>
    q.keyAction({ key, ctrlKey: false, metaKey: false, altKey: false, repeat: false, defaultPrevented: false, target: document.body, ...over });

  it('s, d, n and u are same, different, skip and undo; other keys do nothing', () => {
    expect(['s', 'd', 'n', 'u', 'x', 'S', 'Enter', 'constructor'].map((k) => press(k))).toEqual(['same', 'different', 'skip', 'undo', null, null, null, null]);
  });

  it('are ignored with a modifier, held down, or already handled', () => {
    expect(press('s', { ctrlKey: true })).toBeNull();
    expect(press('s', { metaKey: true })).toBeNull();
    expect(press('d', { altKey: true })).toBeNull();
    expect(press('d', { repeat: true })).toBeNull();
    expect(press('d', { defaultPrevented: true })).toBeNull();
  });

  it('are ignored while typing in a field or inside a dialog', () => {
    const input = document.createElement('input');
    const textarea = document.createElement('textarea');
    const dialog = document.createElement('dialog');
    const inDialog = document.createElement('button');
    dialog.append(inDialog);
    document.body.append(input, textarea, dialog);
    try {
      expect(press('s', { target: input })).toBeNull();
      expect(press('n', { target: textarea })).toBeNull();
      expect(press('u', { target: inDialog })).toBeNull();
      expect(press('u', { target: document.createElement('button') })).toBe('undo');
    } finally {
      input.remove();
      textarea.remove();
      dialog.remove();
    }
  });
});

describe('the review queue', () => {
  it('shows the next pair at once after a verdict, counting the label before the server answers', () => {
    const s = loaded(3, 40);
    const step = q.decide(s, 'same');
    expect(step?.pair.a.id).toBe('a1');
    expect(s.queue[0].a.id).toBe('a2');
    expect(s.labelled).toBe(1);
    expect(s.saving).toBe(1);
    expect(q.progressText(s)).toBe('1 reviewed, 39 to go');
    q.saved(s);
    expect([s.saving, s.confirmed]).toEqual([0, 1]);
  });

  it('a skip counts as nothing and writes nothing', () => {
    const s = loaded(3);
    q.decide(s, 'skip');
    expect([s.labelled, s.saving, s.queue[0].a.id]).toEqual([0, 0, 'a2']);
    expect(q.decide(q.initialState(), 'same')).toBeNull();
  });

  it('undo steps back over a skip or a label, newest first, and shows that pair again', () => {
    const s = loaded(4);
    q.decide(s, 'same');
    q.decide(s, 'skip');
    q.decide(s, 'different');
    expect(q.undo(s)?.verdict).toBe('different');
    expect([s.queue[0].a.id, s.labelled]).toEqual(['a3', 1]);
    expect(q.undo(s)?.verdict).toBe('skip');
    expect([s.queue[0].a.id, s.labelled]).toEqual(['a2', 1]);
    expect(q.undo(s)?.verdict).toBe('same');
    expect([s.queue[0].a.id, s.labelled]).toEqual(['a1', 0]);
    expect(q.undo(s)).toBeNull();
  });

  it('a label the server refused goes off the undo stack and its pair shows again', () => {
    const s = loaded(3);
    const step = q.decide(s, 'same')!;
    q.decide(s, 'skip');
    expect(q.saveFailed(s, step.pair)).toBe(true);
    expect(s.queue[0]).toBe(step.pair);
    expect(s.steps.map((st) => st.verdict)).toEqual(['skip']);
    expect([s.labelled, s.saving]).toEqual([0, 0]);
  });

  it('a refused label that was already undone changes nothing more', () => {
    const s = loaded(3);
    const step = q.decide(s, 'different')!;
    q.undo(s);
    expect(q.saveFailed(s, step.pair)).toBe(false);
    expect(s.queue.filter((p) => p === step.pair)).toHaveLength(1);
    expect(s.labelled).toBe(0);
  });

  it('fetches the next page when fewer than 5 pairs are left, until the server has no more', () => {
    const s = loaded(6, 30);
    expect(q.needsMore(s)).toBe(false);
    q.decide(s, 'skip');
    expect(q.needsMore(s)).toBe(false);
    q.decide(s, 'skip');
    expect(s.queue).toHaveLength(4);
    expect(q.needsMore(s)).toBe(true);
    const last = q.initialState();
    q.addPage(last, page(1, 3, 3), q.nextRequest(last));
    expect(last.exhausted).toBe(true);
    expect(q.needsMore(last)).toBe(false);
  });

  it('asks for the next page past the pairs it has, less the ones labelled since (they left the server\'s list)', () => {
    const s = q.initialState();
    q.addPage(s, page(1, 20, 30), q.nextRequest(s));
    expect(s.read).toBe(20);
    for (let i = 0; i < 16; i++) q.decide(s, i % 4 === 3 ? 'skip' : 'same');
    // 12 labels: 10 confirmed, 2 still in flight (they may or may not have reached the server)
    for (let i = 0; i < 10; i++) q.saved(s);
    const request = q.nextRequest(s);
    expect(request.offset).toBe(20 - 10 - 2);
    expect(request.applied).toBe(10);
    // the 2 in flight have not reached the server yet: its list holds 20 (pairs 4, 8, 12, 14, 15, 16, 17, …), so
    // position 8 is pair 19; pairs 19 and 20 come again and are dropped, nothing is missed
    q.addPage(s, { total: 20, limit: 20, offset: 8, items: Array.from({ length: 12 }, (_, i) => pair(19 + i)) }, request);
    expect(s.queue.map((p) => p.a.id)).toEqual(Array.from({ length: 14 }, (_, i) => `a${17 + i}`));
    expect(s.read).toBe(30);
    expect(s.exhausted).toBe(true);
  });

  it('assumes an unanswered removal may have put its pair back in the server\'s list', () => {
    const s = q.initialState();
    q.addPage(s, page(1, 20, 40), q.nextRequest(s));
    q.decide(s, 'same');
    q.saved(s);
    q.undo(s);
    q.removing(s);
    expect(q.nextRequest(s)).toEqual({ offset: 19, applied: 0 });
    q.removed(s, true);
    expect(q.nextRequest(s)).toEqual({ offset: 20, applied: 0 });
  });

  it('counts to go from the newest total less what was labelled since it was read', () => {
    const s = q.initialState();
    q.addPage(s, { total: 7020, limit: 20, offset: 0, items: [pair(1), pair(2)] }, q.nextRequest(s));
    for (let i = 0; i < 37; i++) {
      s.queue.push(pair(100 + i));
      q.decide(s, 'same');
    }
    expect(q.progressText(s)).toBe('37 reviewed, 6,983 to go');
    for (let i = 0; i < 36; i++) q.saved(s);
    // the new total has the 36 confirmed labels in it, not the one still in flight
    const request = q.nextRequest(s);
    q.addPage(s, { total: 6984, limit: 20, offset: request.offset, items: [] }, request);
    expect(q.toGo(s)).toBe(6983);
    q.undo(s);
    expect(q.toGo(s)).toBe(6984);
  });

  it('never adds a pair twice, whichever order its ids come in', () => {
    const s = loaded(2, 10);
    const swapped = { ...pair(1), a: pair(1).b, b: pair(1).a };
    expect(q.addPage(s, { total: 10, limit: 20, offset: 0, items: [swapped, pair(3)] }, q.nextRequest(s))).toBe(1);
    expect(s.queue.map((p) => p.a.id)).toEqual(['a1', 'a2', 'a3']);
  });
});

describe('the quality line, the audit log in words, the groups of a split', () => {
  it('reads "P 0.94 · R 0.84 · F1 0.89 · 212 labels", and nothing without figures', () => {
    expect(q.qualityText({ precision: 0.9412, recall: 0.8351, f1: 0.8851, labelled_pairs: 300, labels: 212, imported_pairs: 88 })).toBe(
      'P 0.94 · R 0.84 · F1 0.89 · 212 labels',
    );
    expect(q.qualityText({ precision: null, recall: null, f1: null, labelled_pairs: 0, labels: 0, imported_pairs: 0 })).toBe('');
    expect(q.qualityText(null)).toBe('');
  });

  const entry = (action: string, details: AuditEntry['details'], target: string | null = null): AuditEntry => ({ id: 1, at: '2026-02-01T10:00:00Z', actor: 'anna', action, target, details });

  it.each([
    [entry('config.save', { version: 12, changes: [{ path: '/thresholds/high' }] }), 'Saved config version 12 (1 change)'],
    [entry('config.rollback', { version: 13, to: 4 }), 'Restored config version 4 as version 13'],
    [entry('ai_key.set', {}), 'Set the AI API key'],
    [entry('ai_key.removed', {}), 'Removed the AI API key'],
    [entry('label.set', { a: 'bwb-1', b: 'emt-2', label: 'same', previous: 'none' }), 'Labelled pair bwb-1 ↔ emt-2 as same'],
    [entry('label.set', { a: 'bwb-1', b: 'emt-2', label: 'same', previous: 'different' }), 'Labelled pair bwb-1 ↔ emt-2 as same (was different)'],
    [entry('label.removed', { a: 'bwb-1', b: 'emt-2', label: 'same' }), 'Removed the label of pair bwb-1 ↔ emt-2 (was same)'],
    [entry('label.removed', {}, 'bwb-1|emt-2'), 'Removed the label of pair bwb-1|emt-2'],
    [entry('event.merge', { ids: [41, 42], labels_written: 6 }, '41'), 'Merged events 41 and 42 (6 labels)'],
    [entry('event.split', { groups: [['a'], ['b', 'c']], labels_written: 3 }, '41'), 'Split event 41 into 2 groups (3 labels)'],
    [entry('operator.created', { role: 'viewer' }, 'ben'), 'Created operator ben (viewer)'],
    [entry('operator.changed', {}, 'ben'), 'Changed operator ben'],
    [entry('ground_truth.import', { pairs: 200, listings: 1 }), 'Imported ground truth: 200 pairs, 1 listing'],
    [entry('something.new', {}, 'x'), 'something.new x'],
  ])('%#: %s', (e, text) => {
    expect(auditText(e)).toBe(text);
  });

  it('groups a split by group number, empty groups dropped; fewer than two groups is no split', () => {
    expect(splitGroups(['a', 'b', 'c', 'd'], { a: 3, b: 1, c: 3, d: 1 })).toEqual([['b', 'd'], ['a', 'c']]);
    expect(splitGroups(['a', 'b'], { a: 2, b: 2 })).toBeNull();
    expect(splitGroups(['a', 'b'], {})).toBeNull();
  });
});
