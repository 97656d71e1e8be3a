import { beforeEach, describe, expect, it } from 'vitest';
import App from '../src/App.svelte';
import SuggestPanel from '../src/components/SuggestPanel.svelte';
import { ConfigEditor } from '../src/lib/editor.svelte';
import { fieldName, withSpread } from '../src/lib/suggest';
import type { Json } from '../src/lib/types';
import { FakeServer, schema } from './fake-server';
import suggestionJson from './fixtures/suggestion.json';
import { button, click, field, render, settle } from './render';

let server: FakeServer;
const suggestion = suggestionJson as unknown as Json;

beforeEach(() => {
  server = new FakeServer();
  location.hash = '';
  localStorage.clear();
});

async function waitFor(check: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !check(); i++) {
    await new Promise((r) => setTimeout(r, 10));
    await settle();
  }
  if (!check()) throw new Error('timed out');
}

describe('suggest values', () => {
  it('is offered in the save bar beside Preview impact and takes the operator to the card', async () => {
    const root = render(App, { api: server.api() });
    await settle();
    const bar = root.querySelector<HTMLElement>('#save-bar')!;
    const labels = [...bar.querySelectorAll('button')].map((b) => b.textContent!.replace(/\s+/g, ' ').trim());
    expect(labels.indexOf('Suggest values')).toBe(labels.indexOf('Preview impact') - 1);
    click(button(bar, 'Suggest values'));
    await settle();
    expect(document.activeElement).toBe(root.querySelector('#suggest-objective'));
    expect(server.requests.some((r) => r.path === '/api/config/suggest')).toBe(false);
  });

  it('shows the suggested changes with the held-out quality and puts them into the draft on request', async () => {
    server.suggestAnswers = [{ status: 200, body: suggestion }];
    const root = render(App, { api: server.api() });
    await settle();
    const panel = root.querySelector<HTMLElement>('[data-testid=suggest]')!;
    const select = panel.querySelector('select')!;
    select.value = 'recall@p=0.97';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    click(button(panel, 'Suggest values'));
    await settle();

    expect(server.requests.find((r) => r.path === '/api/config/suggest')).toMatchObject({
      method: 'POST',
      body: { objective: 'recall@p=0.97' },
    });
    expect(panel.querySelector('tr[data-metric=f1]')?.textContent).toContain('0.663 ±0.018');
    expect(panel.querySelector('tr[data-metric=f1]')?.textContent).toContain('0.868 ±0.011');
    expect([...panel.querySelectorAll('li[data-path]')].map((li) => li.getAttribute('data-path'))).toEqual([
      '/thresholds/high',
      '/thresholds/title_veto',
      '/scoring/date',
      '/scoring/title',
    ]);
    expect(field(root, 'Match threshold').value).toBe('0.75');
    expect(server.requests.some((r) => r.method === 'PATCH')).toBe(false);

    click(button(panel, 'Apply to draft'));
    await settle();
    expect(field(root, 'Match threshold').value).toBe('0.68');
    expect(field(root, 'Title veto').value).toBe('0.2');
    expect(button(root, 'Save changes').disabled).toBe(false);
    expect(server.requests.some((r) => r.method === 'PATCH')).toBe(false);
  });

  it('polls a suggestion that runs in the background until it is ready', async () => {
    server.suggestAnswers = [
      { status: 202, body: { id: 's1', status: 'running' } },
      { status: 202, body: { id: 's1', status: 'running' } },
      { status: 200, body: suggestion },
    ];
    const api = server.api();
    const editor = new ConfigEditor(api, schema, await api.config(), await api.defaults());
    const root = render(SuggestPanel, { editor, pollMillis: 1 });
    click(button(root, 'Suggest values'));
    await waitFor(() => root.querySelector('li[data-path]') !== null);

    expect(server.requests.filter((r) => r.path === '/api/config/suggest/s1')).toHaveLength(2);
  });

  it('cancels a running suggestion', async () => {
    server.suggestAnswers = [{ status: 202, body: { id: 's7', status: 'running' } }];
    const api = server.api();
    const editor = new ConfigEditor(api, schema, await api.config(), await api.defaults());
    const root = render(SuggestPanel, { editor, pollMillis: 50 });
    click(button(root, 'Suggest values'));
    await settle();
    click(button(root, 'Cancel'));
    await waitFor(() => server.requests.some((r) => r.method === 'DELETE'));

    expect(server.requests.find((r) => r.method === 'DELETE')?.path).toBe('/api/config/suggest/s7');
    expect(button(root, 'Suggest values').disabled).toBe(false);
  });

  it('says why when the labels cannot support a suggestion', async () => {
    server.suggestAnswers = [{ status: 409, body: { detail: 'No suggestion: the labels hold no same-event pair.' } }];
    const api = server.api();
    const editor = new ConfigEditor(api, schema, await api.config(), await api.defaults());
    const root = render(SuggestPanel, { editor });
    click(button(root, 'Suggest values'));
    await settle();

    expect(root.querySelector('[role=alert]')?.textContent).toContain('the labels hold no same-event pair');
  });

  it('is not offered to a viewer', async () => {
    const api = server.api();
    const editor = new ConfigEditor(api, schema, await api.config(), await api.defaults());
    const root = render(SuggestPanel, { editor, readOnlyReason: 'Viewers cannot change the config.' });

    expect(button(root, 'Suggest values').disabled).toBe(true);
  });

  it('names fields and figures readably', () => {
    expect(fieldName('/category_weights/overrides/a~1b/date')).toBe('category_weights › overrides › a/b › date');
    expect(withSpread(0.88634, 0.0071)).toBe('0.886 ±0.007');
  });
});
