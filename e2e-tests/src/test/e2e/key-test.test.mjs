// "Test key" in a real browser: the real server pointed (EVENT_DEDUP_GEMINI_BASE_URL) at a fake Gemini, a
// real HTTP server on a random port that answers generateContent the way the REST API does (shared/spec/external-apis.md).
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { openBrowser, serverForThisFile } from './harness.mjs';

const TIMEOUT = { timeout: 120_000 };
const SECRET = `AIza-e2e-test-key-${Math.random().toString(36).slice(2)}`;
let gemini;

/** The fake Gemini: records every request; `answer` decides the next reply (status and JSON body). */
function fakeGemini() {
  const fake = {
    requests: [],
    answer: () => ({
      status: 200,
      body: {
        candidates: [{ content: { parts: [{ text: 'pong' }], role: 'model' }, finishReason: 'MAX_TOKENS', index: 0 }],
        usageMetadata: { promptTokenCount: 1, candidatesTokenCount: 1, totalTokenCount: 2 },
        modelVersion: 'gemini-2.5-flash',
      },
    }),
  };
  const http = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      fake.requests.push({ method: req.method, url: req.url, key: req.headers['x-goog-api-key'], body: JSON.parse(body || 'null') });
      const { status, body: answer } = fake.answer();
      res.writeHead(status, { 'Content-Type': 'application/json; charset=UTF-8' });
      res.end(JSON.stringify(answer));
    });
  });
  return new Promise((resolve) => {
    http.listen(0, '127.0.0.1', () => {
      fake.baseUrl = `http://127.0.0.1:${http.address().port}`;
      fake.close = () => new Promise((r) => http.close(r));
      resolve(fake);
    });
  });
}

/** A Gemini-style error body (google.rpc.Status wrapped in `error`). */
function geminiError(code, status, message) {
  return {
    status: code,
    body: {
      error: {
        code,
        message,
        status,
        details: [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID', domain: 'googleapis.com' }],
      },
    },
  };
}

const server = serverForThisFile(async () => {
  gemini = await fakeGemini();
  return { EVENT_DEDUP_GEMINI_BASE_URL: gemini.baseUrl };
});

after(async () => {
  await gemini?.close();
});

describe('Test key against a fake Gemini', () => {
  test('success, then the provider refusing the key: its status and message are shown, the key never', TIMEOUT, async () => {
    const b = await openBrowser({ baseUrl: server.baseUrl });
    try {
      const { page } = b;
      await page.goto(server.baseUrl + '/');
      const ai = page.locator('#section-ai');
      await ai.waitFor();
      const testButton = ai.getByRole('button', { name: 'Test key' });
      assert.equal(await testButton.isDisabled(), true, 'nothing to test before a key is stored');

      await ai.getByRole('button', { name: 'Add key' }).click();
      await ai.getByLabel('API key', { exact: true }).fill(SECRET);
      await ai.getByRole('button', { name: 'Store key' }).click();
      await ai.getByTestId('api-key-status').filter({ hasText: 'A key is stored' }).waitFor();

      const outcome = ai.getByTestId('api-key-test');
      await testButton.click();
      await outcome.filter({ hasText: /^Key works — model gemini-2\.5-flash answered in \d+ ms\.$/ }).waitFor();
      await ai.scrollIntoViewIfNeeded();
      await b.screenshot('key-test-success');
      // what reached Gemini: the stored key in the header (never the URL), the smallest request
      assert.equal(gemini.requests.length, 1);
      const [call] = gemini.requests;
      assert.equal(call.method, 'POST');
      assert.equal(call.url, '/v1beta/models/gemini-2.5-flash:generateContent');
      assert.equal(call.key, SECRET);
      assert.equal(call.body.generationConfig.maxOutputTokens, 1);

      gemini.answer = () => geminiError(400, 'INVALID_ARGUMENT', 'API key not valid. Please pass a valid API key.');
      await testButton.click();
      await outcome
        .filter({ hasText: 'The provider refused the key test (HTTP 400): API key not valid. Please pass a valid API key.' })
        .waitFor();
      await b.screenshot('key-test-refused');

      // a provider that quotes the key back: the server redacts it before the page sees anything
      gemini.answer = () => geminiError(403, 'PERMISSION_DENIED', `Key ${SECRET} is suspended.`);
      await testButton.click();
      await outcome.filter({ hasText: 'The provider refused the key test (HTTP 403): Key [redacted] is suspended.' }).waitFor();

      assert.equal(gemini.requests.length, 3);
      assert.ok(!(await page.content()).includes(SECRET), 'the key is not in the DOM');
      const texts = await page.locator('input').evaluateAll((inputs) => inputs.map((i) => i.value));
      assert.ok(!texts.some((v) => v.includes(SECRET)), 'the key is not in any input');
      const tests = b.responses.filter((r) => r.url.endsWith('/api/config/ai-key/test'));
      assert.equal(tests.length, 3);
      for (const r of b.responses) assert.ok(!r.body.includes(SECRET), `the key is in the answer of ${r.url}`);
      assert.deepEqual(b.errors, []);
    } finally {
      await b.close();
    }
  });
});
