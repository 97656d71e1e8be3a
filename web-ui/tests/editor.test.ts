import { beforeEach, describe, expect, it } from 'vitest';
import { ConfigEditor } from '../src/lib/editor.svelte';
import type { JsonObject } from '../src/lib/types';
import { defaults, FakeServer, schema } from './fake-server';

let server: FakeServer;
let editor: ConfigEditor;

async function open(): Promise<ConfigEditor> {
  const api = server.api();
  return new ConfigEditor(api, schema, await api.config(), await api.defaults());
}

function lastPatch() {
  return server.requests.filter((r) => r.method === 'PATCH').at(-1);
}

beforeEach(async () => {
  server = new FakeServer();
  editor = await open();
});

describe('dirty tracking', () => {
  it('marks a field changed only when its value differs from the saved one', () => {
    editor.set('/scoring/date', '0.30');
    expect(editor.changed).toEqual([]);
    editor.set('/scoring/date', '0.35');
    expect(editor.changed).toEqual(['/scoring/date']);
    expect(editor.isChanged('/scoring')).toBe(true);
    expect(editor.isChanged('/thresholds')).toBe(false);
  });

  it('counts an emptied field as changed and keeps it empty', () => {
    editor.set('/thresholds/high', '');
    expect(editor.value('/thresholds/high')).toBe('');
    expect(editor.changed).toEqual(['/thresholds/high']);
    expect(editor.errorAt('/thresholds/high')).toBe('Enter a value.');
  });

  it('discards back to the saved version', () => {
    editor.set('/scoring/date', '0.35');
    editor.discard();
    expect(editor.isDirty).toBe(false);
    expect(editor.value('/scoring/date')).toBe('0.3');
  });

  it('resets a field to the effective default', () => {
    server.saveAs('alice', { thresholds: { high: 0.8 } });
    return open().then((e) => {
      e.resetToDefault('/thresholds/high');
      expect(e.value('/thresholds/high')).toBe(String((defaults.thresholds as JsonObject).high));
      expect(e.changed).toEqual(['/thresholds/high']);
    });
  });
});

describe('saving', () => {
  it('sends only the changed fields as a merge patch with If-Match', async () => {
    editor.set('/scoring/date', '0.35');
    editor.set('/scoring/description', '0.1');
    editor.set('/ai/enabled', true);
    await editor.save();
    const patch = lastPatch()!;
    expect(patch.headers['If-Match']).toBe('"0"');
    expect(patch.headers['Content-Type']).toBe('application/merge-patch+json');
    expect(patch.body).toEqual({ scoring: { date: 0.35, description: 0.1 }, ai: { enabled: true } });
    expect(editor.base.version).toBe(1);
    expect(editor.isDirty).toBe(false);
    expect(editor.notice?.text).toBe('Saved as version 1.');
  });

  it('does not send anything while a field does not parse', async () => {
    editor.set('/scoring/date', 'abc');
    await editor.save();
    expect(lastPatch()).toBeUndefined();
    expect(editor.notice?.kind).toBe('error');
    expect(editor.value('/scoring/date')).toBe('abc');
  });

  it('shows the server validation messages at the fields they name, until the field is edited', async () => {
    server.nextPatchProblem = {
      status: 422,
      detail: '2 fields are invalid.',
      errors: [
        { pointer: '#/thresholds/low', detail: 'A problem only the server sees.' },
        { pointer: '#/scoring', detail: 'Another one.' },
      ],
    };
    editor.set('/thresholds/low', '0.5');
    await editor.save();
    expect(editor.errorAt('/thresholds/low')).toBe('A problem only the server sees.');
    expect(editor.serverErrors['/scoring']).toBe('Another one.');
    expect(editor.value('/thresholds/low')).toBe('0.5');
    editor.set('/thresholds/low', '0.2');
    expect(editor.errorAt('/thresholds/low')).toBeUndefined();
    editor.set('/scoring/geo', '0.2');
    expect(editor.serverErrors['/scoring']).toBeUndefined();
  });

  it('checks the cross-field rules the schema publishes as the operator types, in labels and values', () => {
    editor.set('/thresholds/low', '0.8');
    editor.set('/date/time_tolerance_minutes', '100');
    editor.set('/ai/min_combined_score', '0.9');
    editor.set('/title/blend_lower', '0.9');
    editor.set('/title/primary_weight', '0');
    editor.set('/title/secondary_weight', '0');
    editor.set('/scoring/date', '0.5');
    expect(editor.clientErrors).toEqual({
      '/thresholds/low': 'Must be below the match threshold (0.75).',
      '/date/time_tolerance_minutes': 'Must be at most the close time (90 min).',
      '/ai/min_combined_score': 'Must be at most the AI window upper score (0.79).',
      '/title/blend_lower': 'Must be at most the blend upper bound (0.80).',
      '/title/primary_weight': 'Primary and secondary weight must not both be 0 (they need not add up to 1).',
      '/scoring': 'The weights must add up to 1 (± 0.01); they add up to 1.20.',
    });
    editor.set('/thresholds/low', '0.3');
    expect(editor.errorAt('/thresholds/low')).toBeUndefined();
  });

  it('does not save while a cross-field rule is broken', async () => {
    editor.set('/date/time_close_minutes', '200');
    expect(editor.errorAt('/date/time_close_minutes')).toBe('Must be at most the gap penalty time (120 min, the hours × 60).');
    await editor.save();
    expect(lastPatch()).toBeUndefined();
  });

  it('checks every category override and a field that does not parse yet only by its own message', () => {
    editor.set('/category_weights/overrides/fasnacht/date', '0.9');
    expect(editor.errorAt('/category_weights/overrides/fasnacht')).toMatch(/^The weights must add up to 1 \(± 0.01\); they add up to 1\.\d+\.$/);
    editor.set('/thresholds/low', 'abc');
    expect(editor.errorAt('/thresholds/low')).toBe('Enter a number, e.g. 0.25.');
  });

  it('renames a category as one removal and one addition, and renames it in the priority list', async () => {
    const overrides = editor.value('/category_weights/overrides') as JsonObject;
    editor.set('/category_weights/overrides', { karneval: overrides.fasnacht, versammlung: overrides.versammlung });
    editor.set('/category_weights/priority', ['karneval', 'versammlung']);
    await editor.save();
    expect(lastPatch()!.body).toEqual({
      category_weights: {
        priority: ['karneval', 'versammlung'],
        overrides: { fasnacht: null, karneval: { date: 0.3, geo: 0.3, title: 0.25, description: 0.15 } },
      },
    });
  });
});

describe('conflicts', () => {
  it('explain what the other side changed and re-apply the edits on top, nothing typed lost', async () => {
    editor.set('/thresholds/high', '0.7');
    editor.set('/scoring/date', '');
    server.saveAs('bob', { thresholds: { high: 0.8 }, geo: { max_distance_km: 12 } });

    editor.set('/scoring/date', '0.3');
    await editor.save();

    expect(editor.conflict).not.toBeNull();
    expect(editor.conflict!.theirs.version).toBe(1);
    expect(editor.conflict!.changes.map((h) => h.updated_by)).toEqual(['bob']);
    expect(editor.conflict!.overlap).toEqual(['/thresholds/high']);
    expect(editor.value('/thresholds/high')).toBe('0.7');

    editor.reapply();
    expect(editor.conflict).toBeNull();
    expect(editor.base.version).toBe(1);
    expect(editor.value('/thresholds/high')).toBe('0.7');
    expect(editor.value('/geo/max_distance_km')).toBe('12');
    expect(editor.changed).toEqual(['/thresholds/high']);

    await editor.save();
    expect(lastPatch()!.headers['If-Match']).toBe('"1"');
    expect(lastPatch()!.body).toEqual({ thresholds: { high: 0.7 } });
    expect(server.version).toBe(2);
    expect((server.document.geo as JsonObject).max_distance_km).toBe(12);
  });

  it('keep a switched-off optional object switched off when re-applied', async () => {
    editor.set('/title/cross_source_type', null);
    server.saveAs('bob', { cluster: { max_cluster_size: 20 } });
    await editor.save();
    editor.reapply();
    expect(editor.value('/title/cross_source_type')).toBeNull();
    expect(editor.patch).toEqual({ title: { cross_source_type: null } });
  });

  it('can drop the edits and take the other version', async () => {
    editor.set('/thresholds/high', '0.7');
    server.saveAs('bob', { thresholds: { high: 0.8 } });
    await editor.save();
    editor.takeTheirs();
    expect(editor.value('/thresholds/high')).toBe('0.8');
    expect(editor.isDirty).toBe(false);
  });
});

describe('the API key', () => {
  it('is sent once and the edits in progress stay', async () => {
    editor.set('/thresholds/high', '0.7');
    expect(await editor.setApiKey('AIza-secret')).toBe(true);
    expect(editor.base.hasApiKey).toBe(true);
    expect(editor.base.version).toBe(1);
    expect(editor.value('/thresholds/high')).toBe('0.7');
    expect(JSON.stringify(editor.draft)).not.toContain('AIza-secret');
    expect(await editor.removeApiKey()).toBe(true);
    expect(editor.base.hasApiKey).toBe(false);
  });
});
