import { beforeEach, describe, expect, it } from 'vitest';
import App from '../src/App.svelte';
import { ConfigApi } from '../src/lib/api';
import type { JsonObject } from '../src/lib/types';
import { FakeServer } from './fake-server';
import { button, click, field, render, settle, type } from './render';

let server: FakeServer;

async function page(): Promise<HTMLElement> {
  const root = render(App, { api: server.api() });
  await settle();
  return root;
}

function section(root: HTMLElement, id: string): HTMLElement {
  const el = root.querySelector<HTMLElement>(`#section-${id}`);
  if (!el) throw new Error(`no section ${id}`);
  return el;
}

beforeEach(() => {
  server = new FakeServer();
  location.hash = '';
});

describe('the config page', () => {
  it('shows the sections in the agreed order, canonical strategies under Advanced', async () => {
    const root = await page();
    const titles = [...root.querySelectorAll('section.card h2')].map((h) => h.textContent);
    expect(titles).toEqual([
      'Scoring weights',
      'Thresholds',
      'Date/time',
      'Geographic',
      'Title matching',
      'AI matching',
      'Clustering',
      'Category weights',
      'Blocking',
      'Canonical field strategies',
    ]);
    expect(root.querySelector('details.advanced #section-canonical')).not.toBeNull();
  });

  it('binds every label to its input and builds them from the schema', async () => {
    const root = await page();
    for (const label of root.querySelectorAll('label')) {
      expect(label.htmlFor, label.textContent ?? '').not.toBe('');
      expect(document.getElementById(label.htmlFor), label.textContent ?? '').not.toBeNull();
    }
    const input = field(root, 'Maximum distance (km)');
    expect(input.value).toBe('10');
    expect(document.getElementById(input.getAttribute('aria-describedby')!)?.textContent).toContain('Distance at which the geo score reaches 0.');
  });

  it('lists only the strategies allowed for a field', async () => {
    const root = await page();
    const select = field(root, 'Coordinates') as unknown as HTMLSelectElement;
    expect([...select.options].map((o) => o.value)).toEqual(['highest_confidence', 'most_frequent', 'first']);
  });

  it('shows the live weight sum, warns when it is off, and normalises in one click', async () => {
    const root = await page();
    const scoring = section(root, 'scoring');
    type(field(root, 'Date weight', scoring), '0.5');
    expect(scoring.textContent).toContain('Sum 1.2');
    expect(scoring.textContent).toContain('The weights must add up to 1');
    click(button(scoring, /Normalise Scoring weights/));
    expect(field(root, 'Date weight', scoring).value).toBe('0.4167');
    expect(scoring.textContent).toContain('The weights add up to 1.');
    expect(scoring.querySelectorAll('.field.changed').length).toBe(4);
  });

  it('keeps an emptied field empty and refuses to save it', async () => {
    const root = await page();
    const input = field(root, 'Match threshold');
    type(input, '');
    expect(input.value).toBe('');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(button(root, 'Save changes').disabled).toBe(true);
    expect(root.textContent).toContain('1 to fix');
    click(button(root, 'Save changes'));
    await settle();
    expect(server.requests.some((r) => r.method === 'PATCH')).toBe(false);
  });

  it('saves, then shows the new version', async () => {
    const root = await page();
    type(field(root, 'Match threshold'), '0.8');
    expect(root.querySelector('[role=tab][aria-selected=true]')?.textContent).toContain('Config1');
    click(button(root, 'Save changes'));
    await settle();
    expect(server.requests.find((r) => r.method === 'PATCH')?.body).toEqual({ thresholds: { high: 0.8 } });
    expect(root.querySelector('[data-testid=notice]')?.textContent).toBe('Saved as version 1.');
  });

  it('saves with Ctrl+S, focus staying on the field; after Save by button focus moves to the notice, not <body>', async () => {
    const root = await page();
    const high = field(root, 'Match threshold');
    type(high, '0.8');
    high.focus();
    const event = new KeyboardEvent('keydown', { key: 's', ctrlKey: true, bubbles: true, cancelable: true });
    high.dispatchEvent(event);
    await settle();
    expect(event.defaultPrevented).toBe(true);
    expect(server.requests.find((r) => r.method === 'PATCH')?.body).toEqual({ thresholds: { high: 0.8 } });
    expect(document.activeElement).toBe(high);
    type(high, '0.85');
    const save = button(root, 'Save changes');
    save.focus();
    click(save);
    await settle();
    expect(document.activeElement?.getAttribute('data-testid')).toBe('notice');
    expect(document.activeElement?.textContent).toBe('Saved as version 2.');
  });

  it('with Cmd+S on a field to fix, says so and moves to the field instead of saving', async () => {
    const root = await page();
    const low = field(root, 'No-match threshold');
    type(low, '0.9');
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'S', metaKey: true, cancelable: true }));
    await settle();
    expect(server.requests.some((r) => r.method === 'PATCH')).toBe(false);
    expect(root.textContent).toContain('1 field needs attention before saving.');
    expect(document.activeElement).toBe(low);
  });

  it('has a skip link that goes straight to Save', async () => {
    const root = await page();
    const skip = root.querySelector<HTMLAnchorElement>('a.skip')!;
    expect(skip.textContent).toContain('Skip to Save');
    click(skip);
    expect(document.activeElement?.id).toBe('save-bar');
    type(field(root, 'Match threshold'), '0.8');
    click(skip);
    expect(document.activeElement).toBe(button(root, 'Save changes'));
  });

  it('gives reset buttons accessible names that start with their visible text', async () => {
    const root = await page();
    type(field(root, 'Match threshold'), '0.8');
    const reset = [...root.querySelectorAll('button.link')].find((b) => b.textContent?.includes('Reset to default'))!;
    expect(reset.getAttribute('aria-label')!.startsWith(reset.textContent!.trim())).toBe(true);
  });

  it('puts the server message next to the field it names', async () => {
    const root = await page();
    server.nextPatchProblem = { status: 422, errors: [{ pointer: '#/thresholds/low', detail: 'A problem only the server sees.' }] };
    const low = field(root, 'No-match threshold');
    type(low, '0.3');
    click(button(root, 'Save changes'));
    await settle();
    const error = document.getElementById(`${low.id}-error`);
    expect(error?.textContent).toBe('A problem only the server sees.');
    expect(low.getAttribute('aria-describedby')).toContain(`${low.id}-error`);
    expect(document.activeElement).toBe(low);
  });

  it('says a broken cross-field rule at the field as you type and disables Save with the count to fix', async () => {
    const root = await page();
    const low = field(root, 'No-match threshold');
    type(low, '0.8');
    expect(document.getElementById(`${low.id}-error`)?.textContent).toBe('Must be below the match threshold (0.75).');
    expect(button(root, 'Save changes').disabled).toBe(true);
    expect(root.textContent).toContain('1 to fix');
    type(low, '0.3');
    expect(button(root, 'Save changes').disabled).toBe(false);
  });

  it('explains every canonical strategy option in one line, named as in the dropdown', async () => {
    const root = await page();
    const selects = [...section(root, 'canonical').querySelectorAll('select')];
    expect(selects.length).toBe(12);
    for (const select of selects) {
      const field = select.closest('.field')!;
      const lines = [...field.querySelectorAll('details.options li')];
      const label = field.querySelector('label')?.textContent;
      expect(lines.map((li) => li.querySelector('b')?.textContent), label ?? '').toEqual([...select.options].map((o) => o.textContent));
      for (const li of lines) expect(li.textContent!.length, li.textContent ?? '').toBeGreaterThan(li.querySelector('b')!.textContent!.length + 10);
      // the chosen option's line is part of the field's description
      const chosen = select.options[select.selectedIndex].textContent!;
      const described = document.getElementById(select.getAttribute('aria-describedby')!.split(' ')[0])?.textContent;
      expect(described).toContain(`${chosen}: `);
    }
    const title = field(root, 'Title') as unknown as HTMLSelectElement;
    title.value = 'first';
    title.dispatchEvent(new Event('change', { bubbles: true }));
    await settle();
    expect(document.getElementById(title.getAttribute('aria-describedby')!)?.textContent).toContain(
      'First: The value of the earliest-ingested source that has one.',
    );
  });

  it('turns the cross-source-type override on and off', async () => {
    const root = await page();
    const title = section(root, 'title');
    const toggle = title.querySelector<HTMLInputElement>('input[role=switch]')!;
    expect(toggle.checked).toBe(true);
    expect(title.querySelectorAll('input[inputmode]').length).toBe(8);
    click(toggle);
    expect(title.querySelectorAll('input[inputmode]').length).toBe(4);
    click(toggle);
    expect(field(root, 'Blend upper bound', title.querySelector('section.optional')!).value).toBe('0.95');
  });

  it('adds, renames and reorders categories from the keyboard-reachable controls', async () => {
    const root = await page();
    const categories = section(root, 'category_weights');
    type(field(root, 'Add a category override', categories), 'konzert');
    click(button(categories, 'Add category'));
    await settle();
    expect([...categories.querySelectorAll('ol li .name')].map((n) => n.textContent)).toEqual(['fasnacht', 'versammlung', 'konzert']);
    click(button(categories, 'Move konzert up'));
    expect([...categories.querySelectorAll('ol li .name')].map((n) => n.textContent)).toEqual(['fasnacht', 'konzert', 'versammlung']);
    click(button(categories, 'Rename konzert'));
    type(field(root, 'New name for konzert', categories), 'musik');
    (categories.querySelector('form.rename') as HTMLFormElement).requestSubmit();
    await settle();
    click(button(root, 'Save changes'));
    await settle();
    const cw = (server.document.category_weights as JsonObject);
    expect(cw.priority).toEqual(['fasnacht', 'musik', 'versammlung']);
    expect(Object.keys(cw.overrides as JsonObject)).toContain('musik');
  });

  it('offers the stored listings\' categories with counts, compares names ignoring case and warns on an unknown one', async () => {
    server.listingCategories = [
      { name: 'konzert', count: 120 },
      { name: 'fasnacht', count: 40 },
      { name: 'Straßenfest', count: 1 },
    ];
    const root = await page();
    const categories = section(root, 'category_weights');
    const input = field(root, 'Add a category override', categories);
    const options = [...root.querySelectorAll<HTMLOptionElement>(`#${input.getAttribute('list')} option`)];
    expect(options.map((o) => [o.value, o.label])).toEqual([
      ['konzert', '120 listings'],
      ['fasnacht', '40 listings'],
      ['Straßenfest', '1 listing'],
    ]);
    expect(categories.querySelector('#category-case')?.textContent).toContain('Names are compared ignoring case');
    expect(input.getAttribute('aria-describedby')).toContain('category-case');
    // the shipped overrides: fasnacht is stored, versammlung is not
    expect(categories.textContent).toContain('40 listings');
    expect(categories.querySelector('.warning[data-category=versammlung]')?.textContent).toBe('No stored listing has this category.');

    type(input, 'Konzert');
    await settle();
    expect(categories.querySelector('[data-testid=new-category-warning]')).toBeNull();
    type(input, 'STRASSENFEST');
    await settle();
    expect(categories.querySelector('[data-testid=new-category-warning]')).toBeNull();
    type(input, 'Konzertt');
    await settle();
    expect(categories.querySelector('[data-testid=new-category-warning]')?.textContent).toBe('No stored listing has this category.');

    // a warning, not a block: the name is added all the same
    click(button(categories, 'Add category'));
    await settle();
    expect([...categories.querySelectorAll('ol li .name')].map((n) => n.textContent)).toContain('Konzertt');

    type(field(root, 'Add a category override', categories), 'FASNACHT');
    click(button(categories, 'Add category'));
    await settle();
    expect(categories.querySelector('#new-category-error')?.textContent).toBe('“fasnacht” already exists; names are compared ignoring case.');
  });

  it('shows no category warning while the server cannot list stored categories', async () => {
    const root = await page();
    const categories = section(root, 'category_weights');
    type(field(root, 'Add a category override', categories), 'anything');
    await settle();
    expect(categories.querySelector('[data-testid=new-category-warning]')).toBeNull();
    expect(categories.querySelectorAll('datalist option').length).toBe(0);
    expect(server.requests.some((r) => r.path === '/api/listings/categories')).toBe(true);
  });

  it('stores an API key without ever showing it again', async () => {
    const root = await page();
    const ai = section(root, 'ai');
    expect(ai.querySelector('[data-testid=api-key-status]')?.textContent).toBe('No key is stored.');
    click(button(ai, 'Add key'));
    const input = field(root, 'API key', ai);
    expect(input.type).toBe('password');
    type(input, 'AIza-very-secret');
    (ai.querySelector('form') as HTMLFormElement).requestSubmit();
    await settle();
    expect(server.key).toBe('AIza-very-secret');
    expect(ai.querySelector('[data-testid=api-key-status]')?.textContent).toBe('A key is stored (encrypted in the database).');
    expect(root.innerHTML).not.toContain('AIza-very-secret');
    expect(ai.querySelector('input[type=password]')).toBeNull();
  });

  it('explains a conflict and re-applies the edits on the newer version', async () => {
    const root = await page();
    type(field(root, 'Match threshold'), '0.7');
    server.saveAs('bob', { geo: { max_distance_km: 12 } });
    click(button(root, 'Save changes'));
    await settle();
    const panel = root.querySelector('[data-testid=conflict]');
    expect(panel?.textContent).toContain('version 1 was saved by bob');
    expect(panel?.textContent).toContain('Geographic › Maximum distance (km)');
    click(button(panel!, /Re-apply my changes/));
    expect(field(root, 'Match threshold').value).toBe('0.7');
    expect(field(root, 'Maximum distance (km)').value).toBe('12');
    click(button(root, 'Save changes'));
    await settle();
    expect(server.version).toBe(2);
  });
});

describe('loading', () => {
  it('offers a retry when the server cannot be reached', async () => {
    let up = false;
    const api = new ConfigApi((input, init) => (up ? server.fetch(input, init) : Promise.reject(new TypeError('Failed to fetch'))));
    const root = render(App, { api });
    await settle();
    expect(root.querySelector('[role=alert]')?.textContent).toContain('cannot be reached');
    up = true;
    click(button(root, 'Try again'));
    await settle();
    expect(root.querySelector('#section-scoring')).not.toBeNull();
  });
});

describe('the runs tab', () => {
  it('is calm and empty while the server has no runs endpoint', async () => {
    location.hash = '#runs';
    const root = await page();
    expect(root.querySelector('[data-testid=runs-empty]')?.textContent).toContain('No pipeline runs yet');
  });

  it('lists runs with the config version each used', async () => {
    server.runs = [
      {
        id: 7,
        started_at: '2026-01-02T10:00:00Z',
        finished_at: '2026-01-02T10:00:03Z',
        status: 'succeeded',
        config_version: 0,
        counts: { ingested: 120, pairs: 300, match: 40, ambiguous: 5, no_match: 255, ai_resolved: 0, canonicals: 80, flagged: 1 },
        warnings: ['1 file rejected'],
      },
    ];
    location.hash = '#runs';
    const root = await page();
    const run = root.querySelector('.run')!;
    expect(run.textContent).toContain('Config version 0 (current)');
    expect(run.textContent).toContain('Ingested120');
    expect(run.textContent).toContain('1 file rejected');
  });

  it('shows alike warnings once with their count, the examples a click away', async () => {
    server.runs = [
      {
        id: 8,
        started_at: '2026-01-02T10:00:00Z',
        finished_at: null,
        status: 'running',
        config_version: 0,
        counts: {},
        warnings: ['AI pair (a1, b1) failed: HTTP 503', 'AI pair (a2, b2) failed: HTTP 503', 'x.json rejected to dead letters: 1 problem'],
        warning_groups: [
          { kind: 'AI pair (…) failed', count: 260, examples: ['AI pair (a1, b1) failed: HTTP 503', 'AI pair (a2, b2) failed: HTTP 503'] },
          { kind: 'FILE rejected to dead letters', count: 1, examples: ['x.json rejected to dead letters: 1 problem'] },
        ],
      },
    ];
    location.hash = '#runs';
    const root = await page();
    const items = [...root.querySelectorAll('.warnings > li')];
    expect(items).toHaveLength(2);
    expect(items[0].querySelector('summary')?.textContent).toBe('AI pair (…) failed × 260');
    expect(items[0].textContent).toContain('… and 258 more');
    expect(items[1].textContent).toBe('x.json rejected to dead letters: 1 problem');
    expect(root.querySelector('.run .status')?.textContent).toBe('running');
  });
});
