import { flushSync } from 'svelte';
import { beforeEach, describe, expect, it } from 'vitest';
import App from '../src/App.svelte';
import type { JsonObject } from '../src/lib/types';
import { FakeServer } from './fake-server';
import { button, click, render, settle } from './render';
import { listing, pair } from './review-fixtures';

let server: FakeServer;

const pairs = (n: number) => Array.from({ length: n }, (_, i) => pair(i + 1) as unknown as JsonObject);

async function reviewTab(): Promise<HTMLElement> {
  location.hash = '#review';
  const root = render(App, { api: server.api() });
  await settle();
  return root;
}

/** A key pressed where the keyboard focus is, as a person would. */
function press(key: string): void {
  (document.activeElement ?? document.body).dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
  flushSync();
}

const card = (root: HTMLElement) => root.querySelector<HTMLElement>('[data-testid=review-card]')!;
const shown = (root: HTMLElement) => card(root).querySelector('#review-a')?.textContent?.trim();
const progress = (root: HTMLElement) => root.querySelector('[data-testid=review-progress]')?.textContent;
const labelled = () => [...server.labels.values()].map((l) => `${l.a}/${l.b} ${l.label}`);

beforeEach(() => {
  server = new FakeServer();
});

describe('the review tab', () => {
  it('shows one pair side by side, what differs marked, the signals, the score and why it is here', async () => {
    server.reviewPairs = [
      pair(1, {
        a: listing('bwb-1', { title: 'Großer Fasnetsumzug Kenzingen', city: 'Kenzingen', venue: 'Marktplatz' }),
        b: listing('emt-7', {
          title: 'Fasnetsumzug in Kenzingen',
          city: 'Kenzingen',
          venue: 'Altstadt',
          dates: [{ date: '2026-02-12', start_time: '15:00', end_time: null }],
          description_excerpt: 'Der große Umzug durch die Altstadt.',
        }),
        combined_score: 0.612,
        reason: 'veto_edge',
        decision: 'match',
      }) as unknown as JsonObject,
    ];
    const root = await reviewTab();
    const sides = card(root).querySelectorAll('article.side');
    expect(sides).toHaveLength(2);
    expect([...sides[0].querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['Großer']);
    expect([...sides[1].querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['in']);
    expect(sides[1].querySelector('.date.diff')?.textContent).toBe('2026-02-12 15:00 (differs)');
    const diffs = [...sides[0].querySelectorAll('dd.diff')].map((d) => d.textContent?.trim());
    expect(diffs).toEqual(['Marktplatz (differs)']);
    expect(sides[1].textContent).toContain('Der große Umzug durch die Altstadt.');
    expect(card(root).querySelector('.signals')?.textContent).toContain('Combined0.61');
    expect(card(root).textContent).toContain('Match: a match with the title just above the veto');
    expect(progress(root)).toBe('0 reviewed, 1 to go');
    expect(root.querySelector('[data-testid=review-progress]')?.getAttribute('role')).toBe('status');
    expect(button(root, /^Same/).getAttribute('aria-keyshortcuts')).toBe('s');
    expect(button(root, /^Same/).querySelector('kbd')?.textContent).toBe('s');
  });

  it('shows the next pair as soon as a key gives the verdict, stores the label behind it, and keeps focus on the card', async () => {
    server.reviewPairs = pairs(3);
    let release!: () => void;
    server.labelGate = new Promise((r) => (release = r));
    const root = await reviewTab();
    expect(shown(root)).toBe('Event a1');

    press('s');
    // the server has not answered yet: the next pair is already there
    expect(shown(root)).toBe('Event a2');
    expect(progress(root)).toBe('1 reviewed, 2 to go');
    expect(labelled()).toEqual([]);
    await settle();
    expect(card(root).contains(document.activeElement)).toBe(true);

    release();
    await settle();
    expect(labelled()).toEqual(['a1/b1 same']);
    expect(server.requests.find((r) => r.method === 'PUT')?.body).toEqual({ a: 'a1', b: 'b1', label: 'same' });

    click(button(root, /^Different/));
    await settle();
    expect(labelled()).toEqual(['a1/b1 same', 'a2/b2 different']);
    expect(card(root).contains(document.activeElement)).toBe(true);
  });

  it('n skips without writing; u steps back over the skip, then over the label, deleting it', async () => {
    server.reviewPairs = pairs(4);
    const root = await reviewTab();
    press('d');
    await settle();
    press('n');
    expect(shown(root)).toBe('Event a3');
    expect(progress(root)).toBe('1 reviewed, 3 to go');

    press('u');
    expect(shown(root)).toBe('Event a2');
    await settle();
    expect(server.requests.filter((r) => r.method === 'DELETE')).toHaveLength(0);

    press('u');
    expect(shown(root)).toBe('Event a1');
    expect(progress(root)).toBe('0 reviewed, 4 to go');
    await settle();
    expect(server.requests.find((r) => r.method === 'DELETE')?.path).toBe('/api/labels?a=a1&b=b1');
    expect(labelled()).toEqual([]);
    expect(button(root, /^Undo/).disabled).toBe(true);
  });

  it('an undo right after the verdict waits for the label to be stored, then removes it', async () => {
    server.reviewPairs = pairs(2);
    let release!: () => void;
    server.labelGate = new Promise((r) => (release = r));
    const root = await reviewTab();
    press('s');
    press('u');
    expect(shown(root)).toBe('Event a1');
    release();
    await settle();
    expect(server.requests.filter((r) => r.path.startsWith('/api/labels')).map((r) => r.method)).toEqual(['PUT', 'DELETE']);
    expect(labelled()).toEqual([]);
  });

  it('fetches the next page when fewer than 5 pairs are left, and every pair is shown once', async () => {
    server.reviewPairs = pairs(25);
    const root = await reviewTab();
    const seen: string[] = [];
    for (let i = 0; i < 25; i++) {
      seen.push(shown(root)!);
      press('s');
      await settle();
    }
    expect(seen).toEqual(Array.from({ length: 25 }, (_, i) => `Event a${i + 1}`));
    expect(server.labels.size).toBe(25);
    const pages = server.requests.filter((r) => r.path.startsWith('/api/review/pairs')).map((r) => r.path);
    expect(pages[0]).toBe('/api/review/pairs?order=uncertainty&limit=20&offset=0');
    // asked for when 4 were left, past the 20 it had less the 16 labelled since
    expect(pages[1]).toBe('/api/review/pairs?order=uncertainty&limit=20&offset=4');
    expect(root.querySelector('[data-testid=review-empty] h2')?.textContent).toBe('You have been through every pair');
    expect(progress(root)).toBe('25 reviewed, 0 to go');
  });

  it('says why when the server refuses a label, and shows that pair again', async () => {
    server.reviewPairs = pairs(3);
    server.nextLabelProblem = { status: 422, detail: 'unknown listing a1', errors: [{ pointer: '#/a', detail: 'unknown listing' }] };
    const root = await reviewTab();
    press('s');
    await settle();
    expect(root.querySelector('[role=alert]')?.textContent).toContain('was not saved: unknown listing a1');
    expect(shown(root)).toBe('Event a1');
    expect(progress(root)).toBe('0 reviewed, 3 to go');
    expect(button(root, /^Undo/).disabled).toBe(true);
  });

  it('ignores the keys with a modifier', async () => {
    server.reviewPairs = pairs(2);
    const root = await reviewTab();
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 's', ctrlKey: true, bubbles: true }));
    await settle();
    expect(shown(root)).toBe('Event a1');
    expect(server.requests.some((r) => r.method === 'PUT')).toBe(false);
  });

  it('says so when no pair needs a review', async () => {
    const root = await reviewTab();
    expect(root.querySelector('[data-testid=review-empty] h2')?.textContent).toBe('No pairs need a review');
    expect(button(root, /^Same/).disabled).toBe(true);
    expect(progress(root)).toBe('0 reviewed, 0 to go');
  });

  it('offers to start again over the skipped pairs', async () => {
    server.reviewPairs = pairs(2);
    const root = await reviewTab();
    press('n');
    press('n');
    await settle();
    expect(root.querySelector('[data-testid=review-empty]')?.textContent).toContain('You skipped 2 pairs.');
    click(button(root, 'Start again'));
    await settle();
    expect(shown(root)).toBe('Event a1');
  });

  it('lets a viewer look through the pairs but not give a verdict, and says why', async () => {
    server = new FakeServer().withOperators({ vera: 'viewer' });
    server.signedIn = 'vera';
    server.reviewPairs = pairs(3);
    const root = await reviewTab();
    expect(root.querySelector('#panel-review [data-testid=read-only]')?.textContent).toContain('a verdict needs the editor role');
    expect(button(root, /^Same/).disabled).toBe(true);
    expect(button(root, /^Different/).disabled).toBe(true);
    press('s');
    await settle();
    expect(server.requests.some((r) => r.method === 'PUT')).toBe(false);
    expect(shown(root)).toBe('Event a1');
    press('n');
    expect(shown(root)).toBe('Event a2');
  });
});

describe('the quality in the header', () => {
  it('shows precision, recall, F1 and the labels behind them, and reads them again after a label', async () => {
    server.quality = { precision: 0.94, recall: 0.84, f1: 0.887, labelled_pairs: 300, labels: 212, imported_pairs: 88 };
    server.reviewPairs = pairs(2);
    const root = await reviewTab();
    expect(root.querySelector('[data-testid=quality]')?.textContent?.trim()).toBe('P 0.94 · R 0.84 · F1 0.89 · 212 labels');
    server.quality = { ...server.quality, labels: 213 };
    press('s');
    const text = () => root.querySelector('[data-testid=quality]')?.textContent?.trim();
    // read again once the verdicts have settled for a second
    await settle();
    expect(text()).toBe('P 0.94 · R 0.84 · F1 0.89 · 212 labels');
    for (let waited = 0; waited < 5000 && text() !== 'P 0.94 · R 0.84 · F1 0.89 · 213 labels'; waited += 100) {
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(text()).toBe('P 0.94 · R 0.84 · F1 0.89 · 213 labels');
    expect(server.requests.filter((r) => r.path === '/api/quality')).toHaveLength(2);
  });

  it('is hidden while nothing is labelled, and on a server without quality figures', async () => {
    server.quality = { precision: null, recall: null, f1: null, labelled_pairs: 0, labels: 0, imported_pairs: 0 };
    const root = await reviewTab();
    expect(root.querySelector('[data-testid=quality]')).toBeNull();
  });
});
