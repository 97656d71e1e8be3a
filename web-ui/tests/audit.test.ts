import { beforeEach, describe, expect, it } from 'vitest';
import App from '../src/App.svelte';
import type { JsonObject } from '../src/lib/types';
import { FakeServer } from './fake-server';
import { button, click, render, settle } from './render';

let server: FakeServer;

beforeEach(() => {
  server = new FakeServer();
  location.hash = '#audit';
});

const entries = (root: HTMLElement) => [...root.querySelectorAll('[data-testid=audit-log] li')];

describe('the audit tab', () => {
  it('lists the actions in words, newest first, with who and when, and loads older ones', async () => {
    const older = Array.from({ length: 55 }, (_, i) => ({
      id: 60 - i,
      at: '2026-02-01T10:00:00Z',
      actor: 'anna',
      action: 'label.set',
      target: null,
      details: { a: `a${60 - i}`, b: `b${60 - i}`, label: 'different', previous: null },
    }));
    server.audit = [
      { id: 62, at: '2026-02-02T09:30:00Z', actor: 'admin', action: 'event.merge', target: '41', details: { ids: [41, 42], labels_written: 3 } },
      { id: 61, at: '2026-02-02T09:00:00Z', actor: 'ben', action: 'config.save', target: null, details: { version: 12, changes: [] } },
      ...older,
    ] as unknown as JsonObject[];
    const root = render(App, { api: server.api() });
    await settle();
    expect(entries(root)).toHaveLength(50);
    expect(entries(root)[0].querySelector('.what')?.textContent).toBe('Merged events 41 and 42 (3 labels)');
    expect(entries(root)[0].querySelector('.who')?.textContent).toContain('admin · ');
    expect(entries(root)[0].querySelector('time')?.getAttribute('datetime')).toBe('2026-02-02T09:30:00Z');
    expect(entries(root)[1].textContent).toContain('Saved config version 12');
    expect(entries(root)[2].textContent).toContain('Labelled pair a60 ↔ b60 as different');

    click(button(root, 'Load more'));
    await settle();
    expect(server.requests.at(-1)?.path).toBe('/api/audit?limit=50&before=13');
    expect(entries(root)).toHaveLength(57);
    expect(root.querySelector('button.more')).toBeNull();
    expect(document.activeElement?.id).toBe('audit-12');
  });

  it('says so when nothing is logged yet', async () => {
    const root = render(App, { api: server.api() });
    await settle();
    expect(root.querySelector('[data-testid=audit-empty] h2')?.textContent).toBe('Nothing logged yet');
  });
});
