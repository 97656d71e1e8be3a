import { beforeEach, describe, expect, it } from 'vitest';
import App from '../src/App.svelte';
import { FakeServer } from './fake-server';
import { button, click, render, settle } from './render';

let server: FakeServer;

async function aiSection(): Promise<{ root: HTMLElement; ai: HTMLElement }> {
  const root = render(App, { api: server.api() });
  await settle();
  const ai = root.querySelector<HTMLElement>('#section-ai');
  if (!ai) throw new Error('no AI section');
  return { root, ai };
}

const said = (ai: HTMLElement) => ai.querySelector('[data-testid=api-key-test]')?.textContent;
const reason = (b: HTMLButtonElement) => document.getElementById(b.getAttribute('aria-describedby') ?? '')?.textContent;

beforeEach(() => {
  server = new FakeServer().withOperators({ alice: 'editor', vera: 'viewer' });
  server.signedIn = 'alice';
  server.key = 'AIza-very-secret';
  location.hash = '';
  localStorage.clear();
});

describe('Test key', () => {
  it('shows progress, then which model answered and how fast; the request carries no key', async () => {
    let release!: () => void;
    server.keyTestGate = new Promise((r) => (release = r));
    const { root, ai } = await aiSection();
    expect(said(ai)).toBe('');

    click(button(ai, 'Test key'));
    await settle();
    expect(button(ai, 'Testing…').disabled).toBe(true);
    expect(said(ai)).toBe('Testing the key…');

    release();
    await settle();
    expect(said(ai)).toBe('Key works — model gemini-2.5-flash answered in 123 ms.');
    expect(button(ai, 'Test key').disabled).toBe(false);
    const sent = server.requests.filter((r) => r.path === '/api/config/ai-key/test');
    expect(sent).toEqual([expect.objectContaining({ method: 'POST', body: undefined })]);
    expect(root.innerHTML).not.toContain('AIza-very-secret');
  });

  it("shows the provider's status and message, as text", async () => {
    const message = 'API key not valid. Please pass a valid API key. <img src=x onerror="window.__pwned=1">';
    server.keyTestAnswer = { ok: false, model: 'gemini-2.5-flash', latency_ms: 40, status: 400, message };
    const { ai } = await aiSection();
    click(button(ai, 'Test key'));
    await settle();
    expect(said(ai)).toBe(`The provider refused the key test (HTTP 400): ${message}`);
    expect(ai.querySelector('[data-testid=api-key-test]')?.classList.contains('failed')).toBe(true);
    expect(ai.querySelectorAll('img').length).toBe(0);
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
  });

  it('says when no answer came at all (no HTTP status)', async () => {
    server.keyTestAnswer = { ok: false, model: 'gemini-2.5-flash', latency_ms: 20000, message: 'no answer within 20000 ms' };
    const { ai } = await aiSection();
    click(button(ai, 'Test key'));
    await settle();
    expect(said(ai)).toBe('The key test failed: no answer within 20000 ms');
  });

  it('says "No key stored" when the server has none to test (409: removed meanwhile)', async () => {
    const { ai } = await aiSection();
    server.key = null;
    click(button(ai, 'Test key'));
    await settle();
    expect(said(ai)).toBe('No key stored — No Gemini API key is stored; set one with PUT /api/config/ai-key first.');
  });

  it('is disabled with the reason while no key is stored', async () => {
    server.key = null;
    const { ai } = await aiSection();
    const test = button(ai, 'Test key');
    expect(test.disabled).toBe(true);
    expect(reason(test)).toBe('Test key needs a key: add one first.');
  });

  it('tests a key that comes from the environment', async () => {
    server.key = null;
    server.environmentKey = 'AIza-from-env';
    const { root, ai } = await aiSection();
    click(button(ai, 'Test key'));
    await settle();
    expect(said(ai)).toBe('Key works — model gemini-2.5-flash answered in 123 ms.');
    expect(root.innerHTML).not.toContain('AIza-from-env');
  });

  it('drops the last outcome when the key is replaced: it spoke of the previous key', async () => {
    const { ai } = await aiSection();
    click(button(ai, 'Test key'));
    await settle();
    expect(said(ai)).toContain('Key works');
    click(button(ai, 'Remove key'));
    click(button(ai, 'Remove key'));
    await settle();
    expect(server.key).toBeNull();
    expect(said(ai)).toBe('');
    expect(button(ai, 'Test key').disabled).toBe(true);
  });

  it('is disabled for a viewer, with the reason', async () => {
    server.signedIn = 'vera';
    const { ai } = await aiSection();
    const test = button(ai, 'Test key');
    expect(test.disabled).toBe(true);
    expect(reason(test)).toBe('Changing or testing the key needs the editor role.');
    click(test);
    await settle();
    expect(server.requests.some((r) => r.path === '/api/config/ai-key/test')).toBe(false);
  });
});
