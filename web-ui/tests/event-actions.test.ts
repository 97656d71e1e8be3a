import { flushSync } from 'svelte';
import { beforeEach, describe, expect, it } from 'vitest';
import App from '../src/App.svelte';
import EventsTab from '../src/components/EventsTab.svelte';
import type { JsonObject } from '../src/lib/types';
import { FakeServer } from './fake-server';
import { button, click, field, render, settle, type } from './render';

let server: FakeServer;

function event(id: number, title: string, version: number, sources: string[]): JsonObject {
  return {
    id,
    title,
    first_date: '2026-02-12',
    last_date: '2026-02-12',
    location: { name: 'Marktplatz', city: 'Kenzingen' },
    categories: [],
    source_count: sources.length,
    match_confidence: 0.9,
    needs_review: false,
    review_reason: null,
    ai_assisted: false,
    version,
    config_version: 0,
    updated_at: '2026-02-01T10:00:00Z',
    sources: sources.map((s) => ({ id: s, source_code: s.split('-')[0], source_type: null, filename: `${s}.json`, listing: { title: `Listing ${s}` } })),
    decisions: [],
  };
}

async function openEvent(id: number, props: { readOnly?: boolean } = {}): Promise<HTMLElement> {
  const root = render(EventsTab, { api: server.api(), currentVersion: 0, refreshAfterMs: 30, ...props });
  await settle();
  click(root.querySelector(`#event-${id}`));
  await settle();
  return root;
}

const said = (root: HTMLElement) => root.querySelector('.actions [role=status]')?.textContent;
const alert = (root: HTMLElement) => root.querySelector('.actions [role=alert]')?.textContent?.trim();
const posts = () => server.requests.filter((r) => r.method === 'POST');

beforeEach(() => {
  server = new FakeServer();
  server.events = [
    event(41, 'Großer Fasnetsumzug Kenzingen', 2, ['bwb-1', 'emt-2', 'rek-3']),
    event(42, 'Fasnetsumzug in Kenzingen', 5, ['bzo-4']),
    event(43, 'Frühjahrskonzert', 1, ['bwb-5']),
  ];
});

describe('merge with another event', () => {
  it('finds the other event by title, asks, and sends both versions; then reads the event again', async () => {
    const root = await openEvent(41);
    click(button(root, 'Merge with…'));
    expect(button(root, 'Merge with…').getAttribute('aria-expanded')).toBe('true');
    type(field(root, 'Other event’s title'), 'fasnet');
    click(button(root, 'Search'));
    await settle();
    expect(server.requests.at(-1)?.path).toBe('/api/canonical-events?q=fasnet&limit=10');
    // the open event is not offered as its own partner
    const choices = [...root.querySelectorAll<HTMLInputElement>('input[name=merge-with]')];
    expect(choices.map((c) => c.value)).toEqual(['42']);
    expect(button(root, 'Merge…').disabled).toBe(true);
    click(choices[0]);
    click(button(root, 'Merge…'));
    expect(document.querySelector('dialog')?.textContent).toContain('are labelled as the same event');
    const reads = () => server.requests.filter((r) => r.path === '/api/canonical-events/41').length;
    const before = reads();
    click(button(document.body, 'Merge'));
    await settle();
    expect(posts().map((r) => [r.path, r.body])).toEqual([['/api/canonical-events/41/merge', { with: 42, version: 2, with_version: 5 }]]);
    expect(said(root)).toBe('Labels saved; the events update with the next run (seconds).');
    expect(document.activeElement?.id).toBe('merge-toggle');

    await new Promise((r) => setTimeout(r, 60));
    await settle();
    expect(reads()).toBe(before + 1);
  });

  it('says the event changed meanwhile on a 409, and reloads it on request', async () => {
    const root = await openEvent(41);
    click(button(root, 'Merge with…'));
    type(field(root, 'Other event’s title'), 'fasnet');
    click(button(root, 'Search'));
    await settle();
    click(root.querySelector('input[name=merge-with]'));
    (server.events[1] as JsonObject).version = 6; // someone else's change
    click(button(root, 'Merge…'));
    click(button(document.body, 'Merge'));
    await settle();
    expect(alert(root)).toMatch(/^This event changed meanwhile — reload it\./);
    const reads = server.requests.filter((r) => r.path === '/api/canonical-events/41').length;
    click(button(root, 'Reload'));
    await settle();
    expect(server.requests.filter((r) => r.path === '/api/canonical-events/41').length).toBe(reads + 1);
    expect(alert(root)).toBeUndefined();
  });
  it('says the event is gone when a run merged it away meanwhile (404)', async () => {
    const root = await openEvent(41);
    click(button(root, 'Merge with…'));
    type(field(root, 'Other event’s title'), 'fasnet');
    click(button(root, 'Search'));
    await settle();
    click(root.querySelector('input[name=merge-with]'));
    server.events = server.events.filter((e) => e.id !== 41);
    click(button(root, 'Merge…'));
    click(button(document.body, 'Merge'));
    await settle();
    expect(alert(root)).toMatch(/^This event is no longer there: its listings now belong to another event\./);
    expect(button(root, 'Reload')).toBeTruthy();
  });
  it('names the field when the server refuses the merge (422)', async () => {
    const root = await openEvent(41);
    click(button(root, 'Merge with…'));
    type(field(root, 'Other event’s title'), 'fasnet');
    click(button(root, 'Search'));
    await settle();
    click(root.querySelector('input[name=merge-with]'));
    server.events = server.events.filter((e) => e.id !== 42);
    click(button(root, 'Merge…'));
    click(button(document.body, 'Merge'));
    await settle();
    expect(alert(root)).toBe('Nothing was saved: no such event with: no such event.');
    expect(root.querySelector('.actions [role=alert] button')).toBeNull();
  });
});

describe('split an event', () => {
  it('puts each listing in a group, needs two non-empty groups, and sends the groups with the version', async () => {
    const root = await openEvent(41);
    click(button(root, 'Split…'));
    const split = () => button(root, 'Split into events…');
    expect(split().disabled).toBe(true);
    expect(root.querySelector('#split-panel')?.textContent).toContain('Put the listings in at least two groups.');
    const select = field(root, /Listing emt-2/) as unknown as HTMLSelectElement;
    expect([...select.options].map((o) => o.textContent)).toEqual(['Group 1', 'Group 2', 'Group 3']);
    select.value = '2';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    flushSync();
    expect(root.querySelector('#split-panel')?.textContent).toContain('Splits into 2 events.');
    click(split());
    click(button(document.body, 'Split'));
    await settle();
    expect(posts().map((r) => [r.path, r.body])).toEqual([['/api/canonical-events/41/split', { groups: [['bwb-1', 'rek-3'], ['emt-2']], version: 2 }]]);
    expect(said(root)).toBe('Labels saved; the events update with the next run (seconds).');
  });

  it('is not offered for an event with one listing', async () => {
    const root = await openEvent(43);
    expect(button(root, 'Split…').disabled).toBe(true);
  });
});

describe('merge and split for a viewer', () => {
  it('are disabled, with the reason', async () => {
    const root = await openEvent(41, { readOnly: true });
    expect(button(root, 'Merge with…').disabled).toBe(true);
    expect(button(root, 'Split…').disabled).toBe(true);
    expect(root.querySelector('.actions')?.textContent).toContain('merging and splitting need the editor role');
  });

  it('follow the signed-in role in the page', async () => {
    server = new FakeServer().withOperators({ vera: 'viewer' });
    server.signedIn = 'vera';
    server.events = [event(41, 'Umzug', 1, ['a-1', 'b-2'])];
    location.hash = '#events';
    const root = render(App, { api: server.api() });
    await settle();
    click(root.querySelector('#event-41'));
    await settle();
    expect(button(root, 'Merge with…').disabled).toBe(true);
  });
});
