import { beforeEach, describe, expect, it } from 'vitest';
import App from '../src/App.svelte';
import { shownZones, zoneCounts } from '../src/lib/histogram';
import { formatDelta, metricRows, pairVerdict } from '../src/lib/preview';
import type { Json, Preview } from '../src/lib/types';
import { FakeServer } from './fake-server';
import previewJson from './fixtures/preview.json';
import { button, click, field, render, settle, type } from './render';

const fixture = previewJson as unknown as Preview;
let server: FakeServer;

async function page(): Promise<HTMLElement> {
  const root = render(App, { api: server.api() });
  await settle();
  return root;
}

async function previewed(root: HTMLElement): Promise<HTMLElement> {
  click(button(root, 'Preview impact'));
  await settle();
  const panel = root.querySelector<HTMLElement>('[data-testid=preview]');
  if (!panel) throw new Error('no preview panel');
  return panel;
}

const row = (panel: HTMLElement, metric: string) => panel.querySelector<HTMLTableRowElement>(`tr[data-metric=${metric}]`)!;
const lineX = (root: ParentNode, which: string) => Number(root.querySelector(`line[data-line=${which}]`)?.getAttribute('x1'));

beforeEach(() => {
  server = new FakeServer();
  server.previewAnswer = previewJson as unknown as Json;
  location.hash = '';
  localStorage.clear();
});

describe('reading a preview', () => {
  it('colours each delta by whether it is better, worse or neither', () => {
    const rows = Object.fromEntries(metricRows(fixture).map((r) => [r.key, r]));
    expect(rows.f1).toMatchObject({ current: 0.9, candidate: 0.851, verdict: 'worse' });
    expect(rows.precision.verdict).toBe('better');
    expect(rows.ambiguous).toMatchObject({ delta: 13, verdict: 'worse' });
    expect(rows.match).toMatchObject({ delta: -13, verdict: 'neutral' });
    expect(rows.flagged_clusters).toMatchObject({ delta: -1, verdict: 'better' });
    expect(formatDelta(rows.f1.delta, true)).toBe('−0.049');
    expect(formatDelta(0, false)).toBe('±0');
  });

  it('has no quality rows without ground truth', () => {
    const none = { ...fixture, current: { ...fixture.current, quality: null }, candidate: { ...fixture.candidate, quality: null } };
    expect(metricRows(none).map((r) => r.key)).not.toContain('f1');
  });

  it('judges a labelled flip by the ground truth', () => {
    const [lost, unlabelled] = fixture.flips.groups[0].pairs;
    expect(pairVerdict(lost)).toBe('worse');
    expect(pairVerdict(unlabelled)).toBe('neutral');
    // labelled "different": no match was right, ambiguous is not
    expect(pairVerdict(fixture.flips.groups[1].pairs[0])).toBe('worse');
    const fixed = { ...lost, current: lost.candidate, candidate: lost.current };
    expect(pairVerdict(fixed)).toBe('better');
  });

  it('counts the zones of the histogram at any thresholds', () => {
    const h = { min: 0, max: 1, counts: [5, 0, 0, 3, 2] }; // bin centres 0.1 0.3 0.5 0.7 0.9
    expect(zoneCounts(h, 0.4, 0.8)).toEqual({ no_match: 5, ambiguous: 3, match: 2 });
    expect(zoneCounts(h, 0.05, 0.6)).toEqual({ no_match: 0, ambiguous: 5, match: 5 });
  });
});

describe('the zone counts the histogram states', () => {
  const h = { min: 0, max: 1, counts: [5, 0, 0, 3, 2] }; // bin centres 0.1 0.3 0.5 0.7 0.9
  const ran = { low: 0.4, high: 0.8, title_veto: 0.3 };
  // the title veto turned one of the two pairs above 0.8 into no match: the bins alone would say 2 match
  const decided = { no_match: 6, ambiguous: 3, match: 1 };

  it('are the preview\'s own decision counts at the thresholds it ran with, veto included', () => {
    expect(shownZones(h, decided, ran, 0.4, 0.8, 0.3)).toEqual({ counts: decided, exact: true, vetoMoved: false });
  });

  it('shift by the pairs the bins say crossed a moved line', () => {
    // lowering high to 0.6 moves the 3 pairs of the 0.7 bin from ambiguous to match
    expect(shownZones(h, decided, ran, 0.4, 0.6, 0.3)).toEqual({
      counts: { no_match: 6, ambiguous: 0, match: 4 },
      exact: false,
      vetoMoved: false,
    });
  });

  it('are not exact once the title veto moved', () => {
    expect(shownZones(h, decided, ran, 0.4, 0.8, 0.5)).toEqual({ counts: decided, exact: false, vetoMoved: true });
  });
});

describe('the preview panel', () => {
  it('states the same match count in the histogram as in the results table, the veto included', async () => {
    const answer = structuredClone(previewJson) as unknown as Preview;
    server.previewAnswer = answer as unknown as Json;
    const root = await page();
    // the form's thresholds as the preview ran them
    type(field(root, 'No-match threshold'), String(answer.candidate.thresholds.low));
    type(field(root, 'Match threshold'), String(answer.candidate.thresholds.high));
    type(field(root, 'Title veto'), String(answer.candidate.thresholds.title_veto));
    const panel = await previewed(root);
    const zones = panel.querySelector('[data-testid=zone-counts]')!;
    const bold = [...zones.querySelectorAll('b')].map((b) => b.textContent);
    expect(bold).toEqual([
      answer.candidate.counts.match.toLocaleString(),
      answer.candidate.counts.ambiguous.toLocaleString(),
      answer.candidate.counts.no_match.toLocaleString(),
    ]);
    expect(row(panel, 'match').textContent).toContain(String(answer.candidate.counts.match));
    expect(zones.textContent).not.toContain('≈');
    expect(zones.textContent).toContain('(as in the results)');
    type(field(root, 'Match threshold'), '0.9');
    expect(panel.querySelector('[data-testid=zone-counts]')?.textContent).toContain('≈');
  });

  it('sends the draft as a merge patch and shows the comparison', async () => {
    const root = await page();
    type(field(root, 'Match threshold'), '0.8');
    const panel = await previewed(root);
    const sent = server.requests.find((r) => r.path === '/api/config/preview')!;
    expect(sent).toMatchObject({ method: 'POST', body: { thresholds: { high: 0.8 } } });
    expect(sent.headers['Content-Type']).toBe('application/merge-patch+json');
    expect(server.requests.some((r) => r.method === 'PATCH')).toBe(false);

    expect(row(panel, 'f1').className).toContain('worse');
    expect(row(panel, 'f1').textContent).toContain('0.851');
    expect(row(panel, 'f1').querySelector('.chip')?.textContent).toBe('−0.049');
    expect(row(panel, 'precision').className).toContain('better');
    expect(row(panel, 'canonical_events').textContent).toContain('880');
    expect(panel.querySelector('[data-testid=ai-forecast]')?.textContent).toMatch(/38 → 51/);
    expect(panel.querySelector('[data-testid=ai-forecast]')?.textContent).toContain('$0.0314');
    expect(panel.textContent).toContain('On the 5,000 most recent listings');
  });

  it('lists the flips by direction and opens a pair to both titles, the signals and the scores', async () => {
    const root = await page();
    const panel = await previewed(root);
    const groups = [...panel.querySelectorAll('[data-testid=flip-group]')];
    expect(groups.map((g) => g.querySelector('summary')?.textContent?.replace(/\s+/g, ' ').trim())).toEqual([
      'Match → Ambiguous 13 pairs',
      'No match → Ambiguous 2 pairs',
    ]);
    const pair = groups[0].querySelector('details.pair')!;
    expect(pair.querySelector('summary')?.textContent).toContain('Großer Fasnetsumzug Kenzingen');
    expect(pair.querySelector('.tag.worse')?.textContent).toBe('broken');
    const body = pair.querySelector('.body')!;
    expect(body.textContent).toContain('Fasnetumzug in Kenzingen');
    expect([...body.querySelectorAll('tbody tr')].map((r) => r.textContent)).toEqual([
      'Date1.0001.000',
      'Geo0.9500.950',
      'Title0.6200.620',
      'Description0.4000.400',
      'Combined0.7800.780',
      'DecisionMatchAmbiguous',
    ]);
    expect(body.textContent).toContain('Ground truth: same event · the draft gets it wrong');
    expect(groups[0].textContent).toContain('11 more pairs change this way');
  });

  it('says "not compared" for the side whose blocking never put the pair together (null score and signals)', async () => {
    const root = await page();
    const panel = await previewed(root);
    const pair = [...panel.querySelectorAll('details.pair')].find((p) => p.textContent?.includes('Weinfest am Rathaus'))!;
    expect(pair.querySelector('summary .scores')?.textContent).toBe('— → 0.520');
    expect([...pair.querySelectorAll('tbody tr')].map((r) => r.textContent)).toEqual([
      'Date—1.000',
      'Geo—0.400',
      'Title—0.550',
      'Description—0.300',
      'Combinednot compared0.520',
      'DecisionNo matchAmbiguous',
    ]);
    expect(pair.textContent).toContain('Not in the ground truth');
  });

  it('moves the threshold lines as the inputs change, without asking the server again', async () => {
    const root = await page();
    const panel = await previewed(root);
    const asked = server.requests.length;
    const before = lineX(panel, 'high');
    expect(before).toBeCloseTo(375); // 0.75 of 500
    type(field(root, 'Match threshold'), '0.9');
    expect(lineX(panel, 'high')).toBeCloseTo(450);
    expect(lineX(root.querySelector('#section-thresholds')!, 'high')).toBeCloseTo(450);
    type(field(root, 'No-match threshold'), '0.2');
    expect(lineX(panel, 'low')).toBeCloseTo(100);
    expect(panel.querySelector('[data-testid=zone-counts]')?.textContent).toMatch(/match/);
    expect(server.requests.length).toBe(asked);
    expect(panel.querySelector('.stale')?.textContent).toContain('The draft changed since this preview');
  });

  it('closes the preview after Save: it compared a draft that is now the saved version', async () => {
    const root = await page();
    type(field(root, 'Match threshold'), '0.8');
    await previewed(root);
    click(button(root, 'Save changes'));
    await settle();
    expect(root.querySelector('[data-testid=notice]')?.textContent).toBe('Saved as version 1.');
    expect(root.querySelector('[data-testid=preview]')).toBeNull();
  });

  it('labels the AI cost forecast "if AI were on" while AI is off on both sides', async () => {
    const answer = structuredClone(previewJson) as unknown as Preview;
    answer.current.ai.enabled = false;
    answer.candidate.ai.enabled = false;
    server.previewAnswer = answer as unknown as Json;
    const panel = await previewed(await page());
    expect(panel.querySelector('h3 .if-on')?.textContent).toBe('(if AI were on)');
    expect(panel.querySelector('[data-testid=ai-forecast]')?.textContent).toContain('Cost per run if AI were on');
  });

  it('puts a 422 at the fields, like Save', async () => {
    server.previewProblem = { status: 422, errors: [{ pointer: '#/thresholds/low', detail: 'A problem only the server sees.' }] };
    const root = await page();
    const low = field(root, 'No-match threshold');
    type(low, '0.3');
    click(button(root, 'Preview impact'));
    await settle();
    expect(document.getElementById(`${low.id}-error`)?.textContent).toBe('A problem only the server sees.');
    expect(root.querySelector('[data-testid=notice]')?.textContent).toBe('No preview: the server found 1 problem. See the marked field.');
    expect(root.querySelector('[data-testid=preview]')).toBeNull();
  });

  it('asks before saving a change that lowers F1 once the setting is on, and remembers the setting', async () => {
    const root = await page();
    type(field(root, 'Match threshold'), '0.8');
    const panel = await previewed(root);
    const guard = panel.querySelector<HTMLInputElement>('label.guard input')!;
    expect(guard.checked).toBe(false);
    click(guard);
    expect(localStorage.getItem('event-dedup.confirm-lower-f1')).toBe('true');

    click(button(root, 'Save changes'));
    await settle();
    expect(server.requests.some((r) => r.method === 'PATCH')).toBe(false);
    const dialog = [...root.ownerDocument.querySelectorAll('dialog')].find(
      (d) => d.querySelector('h2')?.textContent === 'Save a change that lowers F1?',
    )!;
    // each dialog is named by its own title (several live on the page)
    expect(root.ownerDocument.getElementById(dialog.getAttribute('aria-labelledby')!)?.textContent).toBe('Save a change that lowers F1?');
    expect(dialog.textContent?.replace(/\s+/g, ' ')).toContain('F1 on the ground truth at 0.851, down 0.049 from 0.900');
    click(button(dialog, 'Save anyway'));
    await settle();
    expect(server.document.thresholds).toMatchObject({ high: 0.8 });
  });

  it('saves without asking while the setting is off', async () => {
    const root = await page();
    type(field(root, 'Match threshold'), '0.8');
    await previewed(root);
    click(button(root, 'Save changes'));
    await settle();
    expect(server.version).toBe(1);
  });
});

describe('the events tab', () => {
  it('lists canonical events and shows the config version that produced one', async () => {
    const event = {
      id: 41,
      title: 'Großer Fasnetsumzug <b>Kenzingen</b>',
      first_date: '2026-02-12',
      last_date: '2026-02-12',
      location: { name: 'Altstadt', city: 'Kenzingen' },
      categories: ['fasnacht'],
      source_count: 2,
      match_confidence: 0.91,
      needs_review: false,
      review_reason: null,
      ai_assisted: false,
      version: 1,
      config_version: 0,
      updated_at: '2026-02-01T10:00:00Z',
      sources: [
        { id: 'bwb-umzug', source_code: 'bwb', source_type: 'artikel', filename: 'bwb_01.json', listing: { title: 'Großer Fasnetsumzug' } },
        { id: 'bzo-000022', source_code: 'bzo-2026-01-10.json', source_type: null, filename: 'bzo-2026-01-10.json', listing: { title: 'Umzug' } },
      ],
      decisions: [
        { a: 'bwb-umzug', b: 'emt-umzug', within_event: true, decision: 'match', tier: 'deterministic', combined_score: 0.88, signals: {}, config_version: 0, decided_at: null },
      ],
    };
    server.events = [event as unknown as (typeof server.events)[number]];
    location.hash = '#events';
    const root = await page();
    const item = root.querySelector<HTMLButtonElement>('#event-41')!;
    expect(item.textContent).toContain('config v0');
    click(item);
    await settle();
    const detail = root.querySelector('[data-testid=event-detail]')!;
    expect(detail.querySelector('h2')?.textContent).toBe('Großer Fasnetsumzug <b>Kenzingen</b>');
    expect(detail.querySelector('[data-testid=event-config-version]')?.textContent?.trim()).toBe('Produced by config version 0 (current)');
    expect(detail.textContent).toContain('bwb_01.json');
    expect(detail.querySelector('tbody')?.textContent).toContain('v0');
    const metas = [...detail.querySelectorAll('.sources .meta')].map((m) => m.textContent);
    expect(metas).toEqual(['bwb · bwb-umzug · bwb_01.json', 'bzo-000022 · bzo-2026-01-10.json']);
    const cells = [...detail.querySelectorAll('tbody td')].map((td) => td.textContent);
    expect(cells.slice(1, 3)).toEqual(['Match', 'Deterministic']);
    expect(detail.querySelector('b')).toBeNull();
  });
});
