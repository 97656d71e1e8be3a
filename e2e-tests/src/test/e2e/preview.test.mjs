// The impact preview in a real browser: raise thresholds.high above a labelled match, preview the impact (the pair flips,
// F1 drops), then save through the ask-before-lowering-F1 guard. Needs the preview and ground-truth API (contract §2).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ADMIN, axeViolations, openBrowser, serverForThisFile } from './harness.mjs';

const TIMEOUT = { timeout: 180_000 };
const server = serverForThisFile();
const { api } = server;

function event(id, title, date, place) {
  return {
    id,
    title,
    source_type: 'terminliste',
    description: `${title}: ein Fest für die ganze Familie in ${place.city}.`,
    event_dates: [{ date, start_time: '14:00' }],
    location: { name: place.name, city: place.city, geo: { latitude: place.lat, longitude: place.lon, confidence: 0.95 } },
  };
}

const MARKT = { name: 'Marktplatz', city: 'Kenzingen', lat: 48.19, lon: 7.77 };
const HALLE = { name: 'Stadthalle', city: 'Emmendingen', lat: 48.12, lon: 7.85 };

/** Polls until `check` returns something truthy (the worker processes uploads in the background). */
async function until(what, check, limit = 90_000) {
  const deadline = Date.now() + limit;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

describe('impact preview', () => {
  test('raise the match threshold, preview: the labelled pair flips and F1 drops; save after confirming', TIMEOUT, async () => {
    // a config where the near-identical pairs match, then two sources with two shared events and one of their own
    const start = (await api('GET', '/api/config')).json();
    const lowered = await api('PATCH', '/api/config', { thresholds: { high: 0.6 } }, { 'If-Match': `"${start.version}"` });
    assert.equal(lowered.status, 200, lowered.body);
    const uploads = [
      ['bwb_e2e.json', [event('bwb-umzug', 'Großer Fasnetsumzug Kenzingen', '2026-02-12', MARKT), event('bwb-konzert', 'Frühjahrskonzert der Stadtkapelle', '2026-04-18', HALLE)]],
      ['emt_e2e.json', [event('emt-umzug', 'Großer Fasnetsumzug in Kenzingen', '2026-02-12', MARKT), event('emt-konzert', 'Frühjahrskonzert Stadtkapelle Emmendingen', '2026-04-18', HALLE), event('emt-markt', 'Bauernmarkt am Rathaus', '2026-05-02', MARKT)]],
    ];
    for (const [name, events] of uploads) {
      const r = await api('POST', '/api/ingest', { events }, { 'X-File-Name': name });
      assert.equal(r.status, 202, r.body);
    }
    await until('both uploads processed', async () => {
      const runs = (await api('GET', '/api/runs?limit=20')).json();
      // counts.ingested counts listings; files_completed counts the uploads a run finished
      return runs.every((r) => r.status === 'completed') && runs.reduce((n, r) => n + (r.counts?.files_completed ?? 0), 0) === 2;
    });
    const truth = await api('POST', '/api/ground-truth', { pairs: [['bwb-umzug', 'emt-umzug'], ['bwb-konzert', 'emt-konzert']] });
    assert.equal(truth.status, 200, truth.body);
    assert.equal(truth.json().imported, 2);

    // the lowest-scoring labelled match: a match threshold just above it turns it ambiguous
    const matches = [];
    for (const item of (await api('GET', '/api/canonical-events?limit=50')).json().items) {
      for (const d of (await api('GET', `/api/canonical-events/${item.id}`)).json().decisions) {
        if (d.decision === 'match') matches.push(d);
      }
    }
    assert.ok(matches.length > 0, 'the shared events matched at high 0.6');
    const weakest = matches.reduce((a, b) => (a.combined_score <= b.combined_score ? a : b));
    const high = Math.ceil(weakest.combined_score * 100 + 0.5) / 100;
    assert.ok(high < 1, `the weakest match scores ${weakest.combined_score}`);

    const b = await openBrowser();
    try {
      const { page } = b;
      await page.goto(server.baseUrl + '/');
      await page.getByLabel('Username', { exact: true }).fill(ADMIN.username);
      await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      const threshold = page.locator('#section-thresholds').getByLabel('Match threshold', { exact: true });
      await threshold.fill(String(high));

      await page.getByRole('button', { name: 'Preview impact' }).click();
      const panel = page.getByTestId('preview');
      await panel.waitFor();
      const group = panel.getByTestId('flip-group').filter({ hasText: 'Match → Ambiguous' });
      await group.waitFor();
      await group.locator('summary').first().click();
      const pair = group.locator('details.pair').filter({ hasText: weakest.a === 'bwb-konzert' || weakest.b === 'bwb-konzert' ? 'Frühjahrskonzert' : 'Fasnetsumzug' });
      await pair.locator('summary').click();
      await pair.getByRole('cell', { name: 'Ambiguous' }).waitFor();
      const f1 = panel.locator('tr[data-metric=f1]');
      assert.match(await f1.locator('.chip').textContent(), /^−0\.\d{3}$/, 'F1 drops');
      assert.match(await f1.getAttribute('class'), /worse/);
      assert.equal(JSON.parse((await api('GET', '/api/config')).body).thresholds.high, 0.6, 'a preview saves nothing');
      await panel.scrollIntoViewIfNeeded();
      await b.screenshot('14-preview-panel');
      await b.screenshot('14-preview-panel-full', true);

      // the histogram's high line follows the input without another request
      const previews = () => b.responses.filter((r) => r.url.includes('/api/config/preview')).length;
      const asked = previews();
      const line = panel.locator('line[data-line=high]');
      const x1 = Number(await line.getAttribute('x1'));
      await threshold.fill(String(Math.min(0.99, high + 0.1).toFixed(2)));
      await page.waitForFunction(
        (before) => Number(document.querySelector('[data-testid=preview] line[data-line=high]')?.getAttribute('x1')) > before,
        x1,
      );
      assert.equal(previews(), asked);
      await threshold.fill(String(high));

      // the guard: saving a change that lowers F1 asks first
      await panel.getByLabel('Ask before saving a change that lowers F1').check();
      await page.getByRole('button', { name: 'Save changes' }).click();
      const dialog = page.getByRole('dialog', { name: 'Save a change that lowers F1?' });
      await dialog.getByText(/down\s+0\.\d{3}\s+from/).waitFor();
      await b.screenshot('14-preview-confirm-lower-f1');
      await dialog.getByRole('button', { name: 'Save anyway' }).click();
      await page.getByTestId('notice').filter({ hasText: /Saved as version \d+\./ }).waitFor();
      assert.equal(JSON.parse((await api('GET', '/api/config')).body).thresholds.high, high);
      assert.deepEqual(b.errors, []);
    } finally {
      await b.close();
    }
  });

  test('runs: a run opens to its mode, config version, timings, files and AI usage', TIMEOUT, async () => {
    const b = await openBrowser({ baseUrl: server.baseUrl });
    try {
      const { page } = b;
      await page.goto(server.baseUrl + '/#runs');
      await page.locator('li.run').first().waitFor();
      const runs = (await api('GET', '/api/runs?limit=20')).json();
      const withBwb = runs.find((r) => r.counts?.files_completed > 0 && r.status === 'completed');
      assert.ok(withBwb, 'a completed run took a file');
      const detail = (await api('GET', `/api/runs/${withBwb.id}`)).json();
      // by id, not by position: a run that started after the page loaded (the previous test saved a config) shifts
      // the API's list by one
      const item = page.locator('li.run', { has: page.locator(`[aria-controls="run-${withBwb.id}"]`) });
      await item.getByRole('button', { name: 'Open run' }).click();
      const panel = item.getByTestId('run-detail');
      await panel.getByText('Files').waitFor();
      const text = await panel.textContent();
      assert.ok(text.includes(detail.mode), `mode ${detail.mode}`);
      assert.ok(text.includes(`version ${detail.config_version}`));
      for (const f of detail.files) assert.ok(text.includes(f.filename), f.filename);
      assert.match(text, /Total\d/);
      assert.match(text, /Nothing was sent to the AI in this run\./);
      assert.equal(await item.getByRole('button', { name: 'Close run' }).getAttribute('aria-expanded'), 'true');
      assert.deepEqual(await axeViolations(page), []);
      await b.screenshot('15-run-detail');
    } finally {
      await b.close();
    }
  });
});
