// Category overrides named as the data names them: the stored listings' categories offered with counts, names
// compared ignoring case (said on the page, and two names differing only in case refused by the server), and a name
// no stored listing carries warned about without blocking it. axe-core stays at zero violations with the warnings on.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { axeViolations, openConfigPage, section, serverForThisFile, storedConfig } from './harness.mjs';

const TIMEOUT = { timeout: 180_000 };
const server = serverForThisFile();
const { api } = server;

const PLACE = { name: 'Stadthalle', city: 'Emmendingen', geo: { latitude: 48.12, longitude: 7.85, confidence: 0.95 } };

function event(id, title, date, categories) {
  return { id, title, source_type: 'terminliste', event_dates: [{ date, start_time: '19:30' }], location: PLACE, categories };
}

async function until(what, check, limit = 90_000) {
  const deadline = Date.now() + limit;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

describe('category overrides', () => {
  test('stored categories are suggested with counts, case is ignored, an unknown name is warned about', TIMEOUT, async () => {
    const events = [
      event('kat-1', 'Frühjahrskonzert der Stadtkapelle', '2026-04-18', ['konzert']),
      event('kat-2', 'Sommerkonzert im Park', '2026-07-04', ['Konzert', 'open air']),
      event('kat-3', 'Herbstkonzert Musikverein', '2026-10-10', ['KONZERT']),
      event('kat-4', 'Großer Fasnetsumzug', '2026-02-12', ['fasnacht']),
    ];
    const upload = await api('POST', '/api/ingest', { events }, { 'X-File-Name': 'kat_e2e.json' });
    assert.equal(upload.status, 202, upload.body);
    await until('the upload processed', async () => {
      const runs = (await api('GET', '/api/runs?limit=20')).json();
      return runs.length > 0 && runs.every((r) => r.status === 'completed') && runs.some((r) => r.counts?.files_completed === 1);
    });
    const listed = await api('GET', '/api/listings/categories');
    assert.equal(listed.status, 200, listed.body);
    assert.deepEqual(listed.json(), [
      { name: 'konzert', count: 3 }, // three spellings, one category, named by the folded one on a tie
      { name: 'fasnacht', count: 1 },
      { name: 'open air', count: 1 },
    ]);
    assert.equal((await api('GET', '/api/listings/categories?limit=1')).status, 400);

    const b = await openConfigPage(server);
    try {
      const { page } = b;
      const categories = section(page, 'category_weights');
      const input = categories.getByLabel('Add a category override', { exact: true });
      const listId = await input.getAttribute('list');
      await page.locator(`#${listId} option`).first().waitFor({ state: 'attached' });
      const options = await page.locator(`#${listId} option`).evaluateAll((os) => os.map((o) => `${o.value} (${o.label})`));
      assert.deepEqual(options, ['konzert (3 listings)', 'fasnacht (1 listing)', 'open air (1 listing)']);
      assert.match(await categories.locator('#category-case').textContent(), /Names are compared ignoring case/);
      // the shipped overrides: fasnacht occurs in the data, versammlung does not
      assert.match(await categories.textContent(), /1 listing/);
      assert.equal(await categories.locator('.warning[data-category=versammlung]').textContent(), 'No stored listing has this category.');

      await input.fill('KONZERT');
      assert.equal(await page.getByTestId('new-category-warning').count(), 0, 'another case of a stored category');
      await input.fill('Konzerte');
      assert.equal(await page.getByTestId('new-category-warning').textContent(), 'No stored listing has this category.');
      assert.deepEqual(await axeViolations(page), []);
      await b.screenshot('40-category-warning');

      // a warning, not a block: added, saved
      await categories.getByRole('button', { name: 'Add category' }).click();
      await page.keyboard.press('Control+s');
      await page.getByTestId('notice').filter({ hasText: /Saved as version/ }).waitFor();
      assert.ok('Konzerte' in (await storedConfig(server)).category_weights.overrides);

      // the server refuses two names that differ only in case, naming the field
      const current = await storedConfig(server);
      const clash = await api('PATCH', '/api/config', {
        category_weights: { overrides: { KONZERTE: current.category_weights.overrides.Konzerte } },
      }, { 'If-Match': `"${current.version}"` });
      assert.equal(clash.status, 422, clash.body);
      assert.deepEqual(clash.json().errors.map((e) => e.pointer), ['#/category_weights/overrides/KONZERTE']);
      assert.match(clash.json().errors[0].detail, /ignoring case/);
      assert.deepEqual(b.errors, []);
    } finally {
      await b.close();
    }
  });
});
