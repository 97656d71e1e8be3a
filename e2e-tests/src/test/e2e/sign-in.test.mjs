// Access control in a real browser: the sign-in page, who is signed in, signing out, and hostile strings shown as text.
// Needs the server with operator accounts (contract §1); the bootstrap admin's password comes from the environment.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ADMIN, openBrowser, serverForThisFile } from './harness.mjs';

const TIMEOUT = { timeout: 120_000 };
const server = serverForThisFile();
const { api } = server;

async function signIn(page, name, password) {
  await page.getByLabel('Username', { exact: true }).fill(name);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

describe('sign-in', () => {
  test('a wrong password is named as such; signing in shows who; signing out returns to the sign-in page', TIMEOUT, async () => {
    const b = await openBrowser();
    try {
      const { page } = b;
      await page.goto(server.baseUrl + '/');
      await page.getByRole('heading', { name: 'Sign in' }).waitFor();
      assert.equal(await page.locator('#section-scoring').count(), 0, 'no config before signing in');

      await signIn(page, ADMIN.username, 'not-the-password');
      await page.getByTestId('login-error').filter({ hasText: 'Wrong username or password.' }).waitFor();
      assert.equal(await page.getByLabel('Password', { exact: true }).inputValue(), '', 'the wrong password is cleared');
      await b.screenshot('11-sign-in-wrong-password');

      await signIn(page, ADMIN.username, ADMIN.password);
      await page.locator('#section-scoring').waitFor();
      const who = page.getByTestId('operator');
      assert.equal(await who.locator('.name').textContent(), ADMIN.username);
      assert.equal(await who.locator('.role').textContent(), 'admin');
      await b.screenshot('11-signed-in');

      // the session survives a reload (HttpOnly cookie: the page itself cannot read it)
      await page.reload();
      await page.locator('#section-scoring').waitFor();
      assert.equal(await page.evaluate(() => document.cookie.includes('event_dedup_session')), false);

      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByRole('heading', { name: 'Sign in' }).waitFor();
      await page.getByText('You are signed out.').waitFor();
      await page.reload();
      await page.getByRole('heading', { name: 'Sign in' }).waitFor();
      await b.screenshot('11-signed-out');
      assert.deepEqual(b.errors, []);
    } finally {
      await b.close();
    }
  });

  test('a viewer sees the config read-only: Save disabled with the reason', TIMEOUT, async () => {
    const created = await api('POST', '/api/operators', { name: 'vera', role: 'viewer', password: 'vera-e2e-password-1' });
    assert.equal(created.status, 201, created.body);
    const b = await openBrowser();
    try {
      const { page } = b;
      await page.goto(server.baseUrl + '/');
      await signIn(page, 'vera', 'vera-e2e-password-1');
      await page.locator('#section-scoring').waitFor();
      await page.locator('#section-thresholds').getByLabel('Match threshold', { exact: true }).fill('0.8');
      const save = page.getByRole('button', { name: 'Save changes' });
      assert.equal(await save.isDisabled(), true);
      await page.locator('#save-readonly').filter({ hasText: 'saving needs the editor role' }).waitFor();
      await b.screenshot('12-viewer-read-only');
    } finally {
      await b.close();
    }
  });
});

describe('hostile strings', () => {
  test('a <script> category name is rendered as text: no dialog, no injected element', TIMEOUT, async () => {
    const evil = `<script>alert('xss-script')</script><img src=x onerror="alert('xss-img')">`;
    const current = JSON.parse((await api('GET', '/api/config')).body);
    const saved = await api('PATCH', '/api/config', {
      category_weights: { priority: [evil], overrides: { [evil]: { date: 0.25, geo: 0.25, title: 0.25, description: 0.25 } } },
    }, { 'If-Match': `"${current.version}"` });
    assert.equal(saved.status, 200, saved.body);

    const b = await openBrowser();
    const dialogs = [];
    b.page.on('dialog', (d) => {
      dialogs.push(d.message());
      d.dismiss();
    });
    try {
      const { page } = b;
      await page.goto(server.baseUrl + '/');
      await signIn(page, ADMIN.username, ADMIN.password);
      const categories = page.locator('#section-category_weights');
      await categories.waitFor();
      await categories.getByRole('heading', { name: evil, exact: true }).waitFor();
      assert.equal(await categories.locator('ol li .name').first().textContent(), evil);
      assert.equal(await page.locator('main script, main img').count(), 0, 'no element came from the name');
      // the history lists the change with the name as text too
      await page.getByRole('tab', { name: 'History' }).click();
      await page.getByRole('heading', { name: `Version ${current.version + 1}` }).waitFor();
      assert.equal(await page.locator('main script, main img').count(), 0);
      await page.getByRole('tab', { name: 'Config' }).click();
      await categories.getByRole('heading', { name: evil, exact: true }).scrollIntoViewIfNeeded();
      await b.screenshot('13-hostile-category-as-text');
      assert.deepEqual(dialogs, [], 'no script ran');
      assert.deepEqual(b.errors, []);
    } finally {
      await b.close();
    }
  });
});
