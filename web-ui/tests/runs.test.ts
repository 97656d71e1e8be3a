import { beforeEach, describe, expect, it } from 'vitest';
import App from '../src/App.svelte';
import type { Json } from '../src/lib/types';
import { FakeServer } from './fake-server';
import { button, click, render, settle } from './render';

let server: FakeServer;

const summary = (status: string, finished: string | null) => ({
  id: 7,
  started_at: '2026-01-10T10:00:00Z',
  finished_at: finished,
  status,
  mode: 'incremental',
  config_version: 0,
  config_source: 'file',
  counts: { ingested: 3, pairs: 2, match: 1, ambiguous: 0, no_match: 1, ai_resolved: 0, canonicals: 2, flagged: 0 },
  warnings: [],
  warning_groups: [],
  error: null,
});

const detail = (status: string, finished: string | null) => ({
  ...summary(status, finished),
  timings: { ingest_ms: 120, matching_ms: 2400, total_ms: 2600 },
  files: [
    { ingestion_id: 1, filename: 'bwb_2026-01.json', origin: 'upload', status: 'completed', event_count: 2, size_bytes: 900, problems: [] },
    {
      ingestion_id: 2,
      filename: 'emt_broken.json',
      origin: 'folder',
      status: 'failed',
      event_count: 0,
      size_bytes: 40,
      problems: [{ event_index: 3, event_id: 'emt-9', field: 'event_dates', reason: 'must not be empty' }],
    },
  ],
  ai_usage: [
    { model: 'gemini-2.5-flash', requests: 4, cached_requests: 1, api_calls: 3, failed_requests: 0, prompt_tokens: 2000, output_tokens: 200, thought_tokens: 0, total_tokens: 2200, estimated_cost_usd: 0.0011 },
  ],
});

beforeEach(() => {
  server = new FakeServer();
  location.hash = '#runs';
});

describe('the runs tab', () => {
  it('opens a run to its mode, config, timings, files with a rejected file\'s problems and AI usage, live while it runs', async () => {
    server.runs = [summary('running', null)] as unknown as Json;
    server.runDetails = [detail('running', null), detail('completed', '2026-01-10T10:00:03Z')] as unknown as Json[];
    const root = render(App, { api: server.api() });
    await settle();
    const openButton = button(root, 'Open run');
    click(openButton);
    await settle();
    const panel = root.querySelector<HTMLElement>('[data-testid=run-detail]')!;
    expect(openButton.getAttribute('aria-expanded')).toBe('true');
    expect(panel.textContent).toContain('Running — updates every few seconds.');
    expect(panel.textContent).toContain('incremental');
    expect(panel.textContent).toContain('version 0 (file)');
    expect(panel.textContent).toContain('Matching2.4 s');
    expect(panel.textContent).toContain('emt_broken.json');
    expect(panel.querySelector('[aria-label="Problems of emt_broken.json"]')?.textContent).toBe('emt-9 · event_dates: must not be empty');
    expect(panel.textContent).toContain('gemini-2.5-flash');
    expect(root.querySelector('.run .status')?.textContent).toBe('running');

    await new Promise((r) => setTimeout(r, 1700));
    await settle();
    expect(root.querySelector('[data-testid=run-detail]')?.textContent).not.toContain('Running —');
    expect(root.querySelector('.run .status')?.textContent).toBe('completed');
    expect(server.requests.filter((r) => r.path === '/api/runs/7').length).toBe(2);
  });
});
