import { beforeEach, describe, expect, it } from 'vitest';
import App from '../src/App.svelte';
import { FakeServer } from './fake-server';
import { button, click, field, render, settle, type } from './render';

let server: FakeServer;

async function page(): Promise<HTMLElement> {
  const root = render(App, { api: server.api() });
  await settle();
  return root;
}

async function signIn(root: HTMLElement, name: string, password: string): Promise<void> {
  type(field(root, 'Username'), name);
  type(field(root, 'Password'), password);
  root.querySelector<HTMLFormElement>('form[aria-labelledby=login-title]')!.requestSubmit();
  await settle();
}

const loginError = (root: HTMLElement) => root.querySelector('[data-testid=login-error]')?.textContent;

beforeEach(() => {
  server = new FakeServer().withOperators({ alice: 'editor', vera: 'viewer' });
  location.hash = '';
  localStorage.clear();
});

describe('signing in', () => {
  it('shows the sign-in page, not the config, while nobody is signed in', async () => {
    const root = await page();
    expect(root.querySelector('h2#login-title')?.textContent).toBe('Sign in');
    expect(root.querySelector('#section-scoring')).toBeNull();
    expect(root.querySelector('[role=tablist]')).toBeNull();
    expect(server.requests.map((r) => r.path)).toEqual(['/api/auth/me']);
  });

  it('says precisely that the password is wrong, then signs in and shows who', async () => {
    const root = await page();
    await signIn(root, 'alice', 'nope');
    expect(loginError(root)).toBe('Wrong username or password.');
    expect(field(root, 'Password').value).toBe('');
    expect(root.querySelector('#section-scoring')).toBeNull();

    await signIn(root, 'alice', 'alice-pw');
    expect(server.requests.find((r) => r.path === '/api/auth/login' && r.method === 'POST')?.headers['Content-Type']).toBe('application/json');
    expect(root.querySelector('[data-testid=operator]')?.textContent?.replace(/\s+/g, ' ').trim()).toBe('alice editor');
    expect(root.querySelector('#section-scoring')).not.toBeNull();
    expect(button(root, 'Save changes').getAttribute('aria-describedby')).toBeNull();
    expect(document.activeElement?.id).toBe('tab-config');
  });

  it('asks for both fields before calling the server', async () => {
    const root = await page();
    root.querySelector<HTMLFormElement>('form[aria-labelledby=login-title]')!.requestSubmit();
    await settle();
    expect(loginError(root)).toBe('Enter your username.');
    expect(server.requests.some((r) => r.path === '/api/auth/login')).toBe(false);
  });

  it('counts down the Retry-After of a 429 and blocks the button meanwhile', async () => {
    server.loginFailures = 5;
    const root = await page();
    await signIn(root, 'alice', 'alice-pw');
    expect(loginError(root)).toBe('Too many failed attempts. Try again in 30 s.');
    expect(button(root, 'Sign in').disabled).toBe(true);
  });

  it('signs out back to the sign-in page', async () => {
    server.signedIn = 'alice';
    const root = await page();
    expect(root.querySelector('[data-testid=operator]')).not.toBeNull();
    click(button(root, 'Sign out'));
    await settle();
    expect(server.requests.at(-1)).toMatchObject({ method: 'POST', path: '/api/auth/logout' });
    expect(root.querySelector('h2#login-title')).not.toBeNull();
    expect(root.textContent).toContain('You are signed out.');
    expect(root.querySelector('[data-testid=operator]')).toBeNull();
  });

  it('returns to sign-in when the session ends mid-work, and keeps the unsaved edits for the same operator', async () => {
    server.signedIn = 'alice';
    const root = await page();
    type(field(root, 'Match threshold'), '0.8');
    server.signedIn = null; // expired on the server
    click(button(root, 'Save changes'));
    await settle();
    expect(root.querySelector('h2#login-title')).not.toBeNull();
    expect(root.textContent).toContain('Your session has ended. Sign in again; your unsaved changes are kept.');

    await signIn(root, 'alice', 'alice-pw');
    expect(field(root, 'Match threshold').value).toBe('0.8');
    click(button(root, 'Save changes'));
    await settle();
    expect(server.document.thresholds).toMatchObject({ high: 0.8 });
  });

  it('does not show one operator’s unsaved draft to the next one', async () => {
    server.signedIn = 'alice';
    const root = await page();
    type(field(root, 'Match threshold'), '0.8');
    server.signedIn = null;
    click(button(root, 'Save changes'));
    await settle();
    await signIn(root, 'vera', 'vera-pw');
    expect(field(root, 'Match threshold').value).toBe('0.75');
  });

  it('works as before against a server without sign-in (no /api/auth routes)', async () => {
    server.operators = null;
    const root = await page();
    expect(root.querySelector('#section-scoring')).not.toBeNull();
    expect(root.querySelector('[data-testid=operator]')).toBeNull();
    expect(button(root, 'Save changes').getAttribute('aria-describedby')).toBeNull();
  });
});

describe('a viewer', () => {
  beforeEach(() => {
    server.signedIn = 'vera';
  });

  it('can try values and preview, but Save, the key and restore are disabled with the reason', async () => {
    server.saveAs('alice', { geo: { max_distance_km: 12 } });
    server.saveAs('alice', { geo: { max_distance_km: 13 } });
    const root = await page();
    expect(root.querySelector('[data-testid=operator]')?.textContent).toContain('viewer');
    type(field(root, 'Match threshold'), '0.8');
    const save = button(root, 'Save changes');
    expect(save.disabled).toBe(true);
    expect(document.getElementById(save.getAttribute('aria-describedby')!)?.textContent).toContain('saving needs the editor role');
    expect(button(root, 'Preview impact').disabled).toBe(false);
    expect(button(root.querySelector('#section-ai')!, 'Add key').disabled).toBe(true);

    location.hash = '#history';
    await settle();
    expect(button(root, 'Restore this version (1)').disabled).toBe(true);
    expect(root.querySelector('#panel-history [data-testid=read-only]')?.textContent).toContain('restoring a version needs the editor role');
  });
});

describe('hostile strings', () => {
  it('renders script-like operator and category names as text', async () => {
    const evil = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
    server.withOperators({ [evil]: 'admin' });
    server.signedIn = evil;
    server.saveAs('x', { category_weights: { priority: [evil], overrides: { [evil]: { date: 0.25, geo: 0.25, title: 0.25, description: 0.25 } } } });
    const root = await page();
    expect(root.querySelector('[data-testid=operator] .name')?.textContent).toBe(evil);
    expect(root.querySelector('#section-category_weights')?.textContent).toContain(evil);
    expect(root.querySelectorAll('img, script').length).toBe(0);
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
  });
});
