import { beforeEach, describe, expect, it } from 'vitest';
import App from '../src/App.svelte';
import { FakeServer } from './fake-server';
import { button, click, field, render, settle, type } from './render';

let server: FakeServer;

beforeEach(() => {
  server = new FakeServer();
  location.hash = '';
});

describe('the history', () => {
  it('shows version 0, the shipped configuration, last, and restores it after a save', async () => {
    const root = render(App, { api: server.api() });
    await settle();
    type(field(root, 'Match threshold'), '0.8');
    click(button(root, 'Save changes'));
    await settle();

    click(root.querySelector<HTMLElement>('#tab-history'));
    await settle();
    const headings = [...root.querySelectorAll('#panel-history .entry h2')].map((h) => h.textContent);
    expect(headings).toEqual(['Version 1', 'Version 0: shipped configuration']);
    click(button(root, 'Restore this version (0)'));
    await settle();
    click(button(document.body, 'Restore version 0'));
    await settle();

    expect(server.requests.find((r) => r.path === '/api/config/rollback')?.body).toEqual({ version: 0 });
    click(root.querySelector<HTMLElement>('#tab-config'));
    await settle();
    expect(field(root, 'Match threshold').value).toBe('0.75');
  });
});
