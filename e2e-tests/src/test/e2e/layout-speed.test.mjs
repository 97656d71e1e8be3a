// The header spans the whole width (1280 and 360 px, a long and a short tab); at 360 px the Changed tag stays beside
// a long label and the save bar's buttons stay on the screen; and the first usable form: the time from navigation
// until the first config field takes input, measured in the page (performance.now() counts from the navigation's
// start), printed and written to e2e-tests/target/first-usable-form.json.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { input, openBrowser, openConfigPage, serverForThisFile } from './harness.mjs';

const TIMEOUT = { timeout: 180_000 };
const server = serverForThisFile();
const target = resolve(dirname(fileURLToPath(import.meta.url)), '../../../target');

/** The page header's box and the viewport's width without a scrollbar. */
const headerBox = (page) =>
  page.evaluate(() => {
    const box = document.querySelector('#app > header').getBoundingClientRect();
    return { left: box.left, right: box.right, viewport: document.documentElement.clientWidth };
  });

describe('layout and speed', () => {
  for (const width of [1280, 360]) {
    test(`the header spans the viewport at ${width} px, on a long and on a short tab`, TIMEOUT, async () => {
      const b = await openConfigPage(server, { width, height: 800 });
      try {
        const { page } = b;
        const long = await headerBox(page);
        assert.equal(long.left, 0);
        assert.equal(long.right, long.viewport, `config tab: ${JSON.stringify(long)}`);
        await page.getByRole('tab', { name: 'Runs' }).click();
        await page.locator('#panel-runs').waitFor();
        const short = await headerBox(page);
        assert.equal(short.right, short.viewport, `runs tab: ${JSON.stringify(short)}`);
        assert.equal(short.viewport, width, 'no scrollbar gutter is reserved');
      } finally {
        await b.close();
      }
    });
  }

  test('the Changed tag stays on the first line of a long label at 360 px', TIMEOUT, async () => {
    const b = await openConfigPage(server, { width: 360, height: 800 });
    try {
      const { page } = b;
      const field = input(page, 'blocking', 'Minimum geo confidence for blocking');
      await field.fill('0.9');
      const box = page.locator('#section-blocking .field', { has: page.getByLabel('Minimum geo confidence for blocking', { exact: true }) });
      const head = box.locator('.head');
      const tag = head.locator('.tag');
      await tag.waitFor();
      const [labelBox, tagBox, fieldBox] = await Promise.all([
        head.locator('label').boundingBox(),
        tag.boundingBox(),
        box.boundingBox(),
      ]);
      assert.ok(labelBox.height > tagBox.height * 1.5, 'the label wraps at this width (else the test shows nothing)');
      assert.ok(Math.abs(tagBox.y - labelBox.y) < tagBox.height, `tag beside the label's first line: ${JSON.stringify({ labelBox, tagBox })}`);
      assert.ok(tagBox.x >= labelBox.x + labelBox.width - 1, 'tag right of the label');
      assert.ok(tagBox.x + tagBox.width <= fieldBox.x + fieldBox.width + 0.5, 'tag inside the field');
      // the save bar with changes: every button inside the screen
      const viewport = await page.evaluate(() => document.documentElement.clientWidth);
      for (const button of await page.locator('#save-bar button:visible').all()) {
        const r = await button.boundingBox();
        assert.ok(r.x >= 0 && r.x + r.width <= viewport + 0.5, `${await button.textContent()} at ${r.x}+${r.width} of ${viewport}`);
      }
      await b.screenshot('41-changed-tag-360');
    } finally {
      await b.close();
    }
  });

  test('the first usable form is measured (target: under 1 s)', TIMEOUT, async () => {
    const b = await openBrowser({ baseUrl: server.baseUrl });
    try {
      const { page } = b;
      const times = [];
      for (let i = 0; i < 5; i++) {
        // the first load is cold (fresh profile, nothing cached); the others reload with the hashed assets cached
        await page.goto(server.baseUrl + '/', { waitUntil: 'commit' });
        const handle = await page.waitForFunction(
          () => {
            const first = document.querySelector('#section-scoring input');
            return first !== null && !first.disabled && !first.readOnly ? performance.now() : false;
          },
          undefined,
          { polling: 'raf', timeout: 30_000 },
        );
        times.push(Math.round(await handle.jsonValue()));
      }
      const sorted = [...times].sort((a, c) => a - c);
      const result = { cold_ms: times[0], median_ms: sorted[2], all_ms: times };
      mkdirSync(target, { recursive: true });
      writeFileSync(join(target, 'first-usable-form.json'), JSON.stringify(result, null, 2) + '\n');
      console.log(`first usable form: ${JSON.stringify(result)}`);
      // The target (under 1 s) is a measurement, reported above and in the file; the test fails only when the form
      // is far from usable, so a loaded build machine cannot make it flaky.
      assert.ok(result.cold_ms < 5000, `cold: ${result.cold_ms} ms`);
      assert.ok(result.median_ms < 2000, `median: ${result.median_ms} ms`);
    } finally {
      await b.close();
    }
  });
});
