// The web UI's scenarios of the web-ui issue, in a real browser against the real server and a fresh database.
// Each scenario saves a screenshot under web-ui/target/screenshots/ (E2E_SCREENSHOT_DIR, set by the pom). They run in order and share one database.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { input, openBrowser, openConfigPage, section, serverForThisFile, storedConfig } from './harness.mjs';

const TIMEOUT = { timeout: 120_000 };
const server = serverForThisFile();
const { api } = server;

const configNow = () => storedConfig(server);

/** Opens the page and waits until the form is there. */
const open = (options) => openConfigPage(server, options);

async function save(page) {
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.getByTestId('notice').filter({ hasText: /Saved as version \d+\./ }).waitFor();
}

describe('config page', () => {
  test('loads: every section, no errors, at desktop width and at 360 px', TIMEOUT, async () => {
    const desktop = await open();
    try {
      const headings = await desktop.page.locator('section.card h2').allTextContents();
      assert.deepEqual(headings.slice(0, 8), [
        'Scoring weights',
        'Thresholds',
        'Date/time',
        'Geographic',
        'Title matching',
        'AI matching',
        'Clustering',
        'Category weights',
      ]);
      assert.equal(await input(desktop.page, 'scoring', 'Date weight').inputValue(), '0.3');
      await desktop.screenshot('01-load-desktop');
      await desktop.screenshot('01-load-desktop-full', true);
      assert.deepEqual(desktop.errors, []);
    } finally {
      await desktop.close();
    }
    const phone = await open({ width: 360, height: 780 });
    try {
      const overflow = await phone.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `the page is ${overflow}px wider than a 360 px screen`);
      await phone.screenshot('01-load-360');
      await phone.screenshot('01-load-360-full', true);
      assert.deepEqual(phone.errors, []);
    } finally {
      await phone.close();
    }
  });

  test('weights: the sum warns, normalise fixes it, the save survives a reload', TIMEOUT, async () => {
    const b = await open();
    try {
      const { page } = b;
      await input(page, 'scoring', 'Date weight').fill('0.5');
      await section(page, 'scoring').getByText('The weights must add up to 1').waitFor();
      assert.match(await section(page, 'scoring').locator('.sum').textContent(), /Sum 1\.2/);
      await section(page, 'scoring').scrollIntoViewIfNeeded();
      await b.screenshot('02-weights-sum-warning');

      await section(page, 'scoring').getByRole('button', { name: /Normalise Scoring weights/ }).click();
      await section(page, 'scoring').getByText('The weights add up to 1.').waitFor();
      assert.equal(await input(page, 'scoring', 'Date weight').inputValue(), '0.4167');
      await save(page);

      await page.reload();
      await page.locator('#section-scoring').waitFor();
      assert.equal(await input(page, 'scoring', 'Date weight').inputValue(), '0.4167');
      assert.equal(await input(page, 'scoring', 'Title weight').inputValue(), '0.25');
      await b.screenshot('02-weights-normalised-saved');
      const stored = await configNow();
      assert.deepEqual(stored.scoring, { date: 0.4167, geo: 0.2083, title: 0.25, description: 0.125 });
      assert.deepEqual(b.errors, []);
    } finally {
      await b.close();
    }
  });

  test('API key: stored, shown only as "a key is stored", never in the DOM or any response', TIMEOUT, async () => {
    const secret = `AIza-e2e-${Math.random().toString(36).slice(2)}-secret`;
    const b = await open();
    try {
      const { page } = b;
      const ai = section(page, 'ai');
      await ai.getByRole('button', { name: 'Add key' }).click();
      const field = ai.getByLabel('API key', { exact: true });
      assert.equal(await field.getAttribute('type'), 'password');
      await field.fill(secret);
      await ai.getByRole('button', { name: 'Store key' }).click();
      await ai.getByTestId('api-key-status').filter({ hasText: 'A key is stored' }).waitFor();
      await page.getByTestId('notice').filter({ hasText: 'The API key is stored.' }).waitFor();
      await ai.scrollIntoViewIfNeeded();
      await b.screenshot('03-api-key-stored');

      assert.equal(await ai.locator('input[type=password]').count(), 0, 'the key field is gone after storing');
      assert.ok(!(await page.content()).includes(secret), 'the key is not in the DOM');
      const values = await page.locator('input').evaluateAll((inputs) => inputs.map((i) => i.value));
      assert.ok(!values.some((v) => v.includes(secret)), 'the key is not in any input');

      // everything the page loaded afterwards, and every read endpoint asked directly
      await page.reload();
      await page.locator('#section-ai').getByTestId('api-key-status').filter({ hasText: 'A key is stored' }).waitFor();
      await page.goto(server.baseUrl + '/#history');
      await page.getByRole('heading', { name: /^Version \d+$/ }).first().waitFor();
      assert.ok(!(await page.content()).includes(secret), 'the key is not in the History tab');
      for (const path of ['/api/config', '/api/config/defaults', '/api/config/history', '/api/config/history/1']) {
        b.responses.push({ url: path, ...(await api('GET', path)) });
      }
      assert.ok(b.responses.length >= 6);
      for (const r of b.responses) assert.ok(!r.body.includes(secret), `the key is in the answer of ${r.url}`);
      assert.equal((await configNow()).has_api_key, true);
      assert.deepEqual(b.errors, []);
    } finally {
      await b.close();
    }
  });

  test('AI matching: switched on and saved', TIMEOUT, async () => {
    const b = await open();
    try {
      const { page } = b;
      const toggle = section(page, 'ai').getByRole('switch', { name: /AI matching enabled/ });
      assert.equal(await toggle.isChecked(), false);
      await toggle.check();
      await save(page);
      await page.reload();
      await section(page, 'ai').getByRole('switch', { name: /AI matching enabled/ }).waitFor({ state: 'attached' });
      assert.equal(await section(page, 'ai').getByRole('switch', { name: /AI matching enabled/ }).isChecked(), true);
      await section(page, 'ai').scrollIntoViewIfNeeded();
      await b.screenshot('04-ai-enabled');
      assert.equal((await configNow()).ai.enabled, true);
    } finally {
      await b.close();
    }
  });

  test('category override: added with its weights and priority, saved', TIMEOUT, async () => {
    const b = await open();
    try {
      const { page } = b;
      const categories = section(page, 'category_weights');
      await categories.getByLabel('Add a category override').fill('konzert');
      await categories.getByRole('button', { name: 'Add category' }).click();
      await categories.getByRole('heading', { name: 'konzert' }).waitFor();
      await categories.getByRole('button', { name: 'Move konzert up' }).click();
      await save(page);
      await page.reload();
      // the list is drawn once the config has loaded again: wait for it rather than read an empty page
      await section(page, 'category_weights').locator('ol li .name').first().waitFor();
      const names = await section(page, 'category_weights').locator('ol li .name').allTextContents();
      assert.deepEqual(names, ['fasnacht', 'konzert', 'versammlung']);
      await section(page, 'category_weights').scrollIntoViewIfNeeded();
      await b.screenshot('05-category-override-added');
      const stored = (await configNow()).category_weights;
      assert.deepEqual(stored.priority, ['fasnacht', 'konzert', 'versammlung']);
      assert.deepEqual(Object.keys(stored.overrides).sort(), ['fasnacht', 'konzert', 'versammlung']);
    } finally {
      await b.close();
    }
  });

  test('invalid value: the broken rule appears at the field as you type, Save disabled', TIMEOUT, async () => {
    const b = await open();
    try {
      const { page } = b;
      const low = input(page, 'thresholds', 'No-match threshold');
      await low.fill('0.9');
      const id = await low.getAttribute('id');
      const message = page.locator(`#${id}-error`);
      await message.waitFor();
      assert.match(await message.textContent(), /^Must be below the match threshold \(0\.\d+\)\.$/);
      assert.equal(await low.getAttribute('aria-invalid'), 'true');
      assert.equal(await page.getByRole('button', { name: 'Save changes' }).isDisabled(), true);
      assert.equal(await low.inputValue(), '0.9');
      await section(page, 'thresholds').scrollIntoViewIfNeeded();
      await b.screenshot('06-rule-at-field');
    } finally {
      await b.close();
    }
  });

  test('two operators at once: the second gets the conflict flow and keeps the edits', TIMEOUT, async () => {
    const alice = await open();
    const bob = await open({ width: 360, height: 780 });
    try {
      await input(bob.page, 'geo', 'Maximum distance (km)').fill('12.5');
      await input(alice.page, 'thresholds', 'Match threshold').fill('0.8');
      await save(alice.page);

      await bob.page.getByRole('button', { name: 'Save changes' }).click();
      const panel = bob.page.getByTestId('conflict');
      await panel.waitFor();
      assert.match(await panel.textContent(), /Thresholds › Match threshold/);
      assert.equal(await input(bob.page, 'geo', 'Maximum distance (km)').inputValue(), '12.5');
      await bob.screenshot('07-conflict-explained-360');

      await panel.getByRole('button', { name: /Re-apply my changes/ }).click();
      assert.equal(await input(bob.page, 'thresholds', 'Match threshold').inputValue(), '0.8');
      assert.equal(await input(bob.page, 'geo', 'Maximum distance (km)').inputValue(), '12.5');
      await save(bob.page);
      await bob.screenshot('07-conflict-reapplied-360');
      const stored = await configNow();
      assert.equal(stored.thresholds.high, 0.8);
      assert.equal(stored.geo.max_distance_km, 12.5);
    } finally {
      await alice.close();
      await bob.close();
    }
  });

  test('history: an old version is restored after confirmation', TIMEOUT, async () => {
    const b = await open();
    try {
      const { page } = b;
      const before = await configNow();
      const weightsVersion = JSON.parse((await api('GET', '/api/config/history?limit=50')).body).find((h) =>
        h.changes.some((c) => c.path === '/scoring/date'),
      ).version;
      const old = JSON.parse((await api('GET', `/api/config/history/${weightsVersion}`)).body);

      await page.getByRole('tab', { name: 'History' }).click();
      await page.getByRole('heading', { name: `Version ${before.version}` }).waitFor();
      await b.screenshot('08-history-list');
      await page.getByRole('button', { name: `Restore this version (${weightsVersion})` }).click();
      const dialog = page.getByRole('dialog');
      await dialog.waitFor();
      await b.screenshot('08-history-confirm');
      await dialog.getByRole('button', { name: `Restore version ${weightsVersion}` }).click();
      await page.getByText(`Version ${weightsVersion} is restored as version ${before.version + 1}.`).waitFor();
      await b.screenshot('08-history-restored');

      const now = await configNow();
      assert.equal(now.version, before.version + 1);
      for (const key of ['scoring', 'thresholds', 'geo', 'ai', 'category_weights']) assert.deepEqual(now[key], old[key], key);
      assert.equal(now.has_api_key, true, 'a restore does not touch the key');
    } finally {
      await b.close();
    }
  });

  test('runs: a calm empty state while there are no runs', TIMEOUT, async () => {
    const b = await open();
    try {
      await b.page.getByRole('tab', { name: 'Runs' }).click();
      await b.page.getByTestId('runs-empty').waitFor();
      await b.screenshot('09-runs-empty');
      assert.deepEqual(b.errors, []);
    } finally {
      await b.close();
    }
  });

  test('server unreachable: a message and a retry, not a blank page', TIMEOUT, async () => {
    const b = await openBrowser({ baseUrl: server.baseUrl });
    try {
      const { page } = b;
      // the API goes away after the page itself was served (the server stopped, the network dropped)
      await page.route('**/api/**', (route) => route.abort('connectionrefused'));
      await page.goto(server.baseUrl + '/');
      const alert = page.getByRole('alert');
      await alert.filter({ hasText: 'cannot be reached' }).waitFor();
      await b.screenshot('10-server-unreachable');
      await page.unroute('**/api/**');
      await page.getByRole('button', { name: 'Try again' }).click();
      await page.locator('#section-scoring').waitFor();
    } finally {
      await b.close();
    }
  });

  test('a browser that has not signed in gets 401 from the API, without a Basic dialog', TIMEOUT, async () => {
    const b = await openBrowser({ baseUrl: server.baseUrl, signIn: false });
    try {
      const response = await b.page.request.get(`${server.baseUrl}/api/config`);
      assert.equal(response.status(), 401);
      assert.match(response.headers()['www-authenticate'], /^Session realm=/);
      const login = await b.page.request.post(`${server.baseUrl}/api/auth/login`, {
        data: { username: 'admin', password: 'wrong-password' },
      });
      assert.equal(login.status(), 401);
    } finally {
      await b.close();
    }
  });
});
