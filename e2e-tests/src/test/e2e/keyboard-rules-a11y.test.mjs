// The config page for keyboard users and while typing: the domain's cross-field rules checked as you type (Save
// disabled with "N to fix"), Ctrl+S, the skip link to Save, focus kept after saving and after sign-in, version 0 (the
// shipped configuration) restorable from History, and axe-core at zero violations on every tab and on sign-in.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ADMIN, axeViolations, input, openBrowser, openConfigPage, section, serverForThisFile, storedConfig } from './harness.mjs';

const TIMEOUT = { timeout: 120_000 };
const server = serverForThisFile();
const { api } = server;

const configNow = () => storedConfig(server);

const open = (options) => openConfigPage(server, options);
const errorOf = async (page, field) => page.locator(`#${await field.getAttribute('id')}-error`);
const focusedDescription = (page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    return el === null || el === document.body ? 'body' : `${el.tagName.toLowerCase()}#${el.id} ${el.textContent?.trim() ?? ''}`;
  });

describe('keyboard, rules as you type, version 0, accessibility', () => {
  test('cross-field rules are checked as you type, in labels and values; Save stays disabled with "N to fix"', TIMEOUT, async () => {
    const b = await open();
    try {
      const { page } = b;
      const cases = [
        ['thresholds', 'No-match threshold', '0.8', 'Must be below the match threshold (0.75).'],
        ['date', 'Time tolerance (minutes)', '100', 'Must be at most the close time (90 min).'],
        ['ai', 'AI window lower score', '0.9', 'Must be at most the AI window upper score (0.79).'],
        ['title', 'Blend lower bound', '0.9', 'Must be at most the blend upper bound (0.80).'],
      ];
      for (const [id, label, value, message] of cases) {
        const field = input(page, id, label).first();
        await field.fill(value);
        assert.equal(await (await errorOf(page, field)).textContent(), message, label);
      }
      await input(page, 'title', 'Primary weight').first().fill('0');
      await input(page, 'title', 'Secondary weight').first().fill('0');
      assert.equal(await (await errorOf(page, input(page, 'title', 'Primary weight').first())).textContent(),
        'Primary and secondary weight must not both be 0 (they need not add up to 1).');
      await input(page, 'scoring', 'Date weight').fill('0.5');
      assert.equal(await section(page, 'scoring').locator('.sum .error').count(), 1, 'one weight-sum message');

      const saveButton = page.getByRole('button', { name: 'Save changes' });
      assert.equal(await saveButton.isDisabled(), true);
      assert.match(await page.locator('#save-bar').textContent(), /7 unsaved changes · 6 to fix/);
      await page.keyboard.press('Control+s');
      assert.match(await page.getByTestId('notice').textContent(), /6 fields need attention before saving\./);
      assert.equal((await configNow()).version, 0, 'nothing was sent');
      await b.screenshot('20-rules-as-you-type');
    } finally {
      await b.close();
    }
  });

  test('keyboard: Ctrl+S saves, the skip link reaches Save, and focus never falls to <body>', TIMEOUT, async () => {
    const b = await open();
    try {
      const { page } = b;
      const high = input(page, 'thresholds', 'Match threshold');
      await high.fill('0.8');
      await page.keyboard.press('Control+s');
      await page.getByTestId('notice').filter({ hasText: 'Saved as version 1.' }).waitFor();
      assert.equal((await configNow()).thresholds.high, 0.8);
      assert.notEqual(await focusedDescription(page), 'body');

      await high.fill('0.82');
      await page.locator('a.skip').focus();
      await page.keyboard.press('Enter');
      assert.match(await focusedDescription(page), /^button# Save changes/);
      await page.keyboard.press('Enter');
      await page.getByTestId('notice').filter({ hasText: 'Saved as version 2.' }).waitFor();
      assert.match(await focusedDescription(page), /Saved as version 2\./);
      await b.screenshot('21-keyboard-saved');
    } finally {
      await b.close();
    }
  });

  test('after signing in, focus is on the selected tab, not on <body>', TIMEOUT, async () => {
    const b = await openBrowser({ baseUrl: server.baseUrl, signIn: false });
    try {
      const { page } = b;
      await page.goto(server.baseUrl + '/');
      await page.getByLabel('Username').waitFor();
      assert.deepEqual(await axeViolations(page), [], 'sign-in page');
      await page.getByLabel('Username').fill(ADMIN.username);
      await page.getByLabel('Password').fill(ADMIN.password);
      await page.keyboard.press('Enter');
      await page.locator('#section-scoring').waitFor();
      await page.waitForFunction(() => document.activeElement?.id === 'tab-config');
    } finally {
      await b.close();
    }
  });

  test('history: version 0, the shipped configuration, is listed last and restorable after saves', TIMEOUT, async () => {
    const b = await open();
    try {
      const { page } = b;
      const before = await configNow();
      assert.ok(before.version >= 1);
      await page.getByRole('tab', { name: 'History' }).click();
      await page.getByRole('heading', { name: 'Version 0: shipped configuration' }).waitFor();
      await page.getByRole('button', { name: 'Restore this version (0)' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Restore version 0' }).click();
      await page.getByText(`Version 0 is restored as version ${before.version + 1}.`).waitFor();
      await b.screenshot('22-history-version-0-restored');
      const now = await configNow();
      const shipped = JSON.parse((await api('GET', '/api/config/defaults')).body);
      for (const key of ['scoring', 'thresholds', 'date', 'title', 'ai', 'category_weights']) {
        assert.deepEqual(now[key], shipped[key], key);
      }
    } finally {
      await b.close();
    }
  });

  test('axe-core finds no violations on any tab (desktop and 360 px)', TIMEOUT, async () => {
    for (const size of [{}, { width: 360, height: 780 }]) {
      const b = await open(size);
      try {
        const { page } = b;
        await input(page, 'thresholds', 'Match threshold').fill('0.81');
        assert.deepEqual(await axeViolations(page), [], `config ${size.width ?? 1280}`);
        for (const tab of ['History', 'Runs', 'Events']) {
          await page.getByRole('tab', { name: tab }).click();
          await page.locator(`#panel-${tab.toLowerCase()}`).waitFor();
          await page.waitForLoadState('networkidle');
          assert.deepEqual(await axeViolations(page), [], `${tab} ${size.width ?? 1280}`);
        }
      } finally {
        await b.close();
      }
    }
  });
});
