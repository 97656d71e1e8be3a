// What every browser scenario needs: the real server (the fat jar) on a database of its own, and Debian's Chromium
// driven by playwright-core. Everything it starts it also stops; a database it creates it also drops.
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { after, before } from 'node:test';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { chromium } from 'playwright-core';

const moduleDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const repoDir = resolve(moduleDir, '..');
// beside the web UI's own build output, whether run through Maven or `npm test`
export const screenshotDir = resolve(process.env.E2E_SCREENSHOT_DIR ?? join(repoDir, 'web-ui/target/screenshots'));
// resolved here: the server runs in the repository directory, so a relative path would point elsewhere there
const jar = resolve(process.env.E2E_JAR ?? join(repoDir, 'app/target/event-dedup.jar'));
const chromiumPath = process.env.E2E_CHROMIUM ?? '/usr/bin/chromium';
const TEST_DATABASE_VARIABLE = 'EVENT_DEDUP_TEST_DATABASE_URL';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Host, port, user, password and database of a jdbc:postgresql:// URL. */
export function parseJdbcUrl(jdbc) {
  const url = new URL(jdbc.replace(/^jdbc:/, '').replace(/^postgres(ql)?:/, 'http:'));
  return {
    host: url.hostname || '127.0.0.1',
    port: url.port || '5432',
    database: decodeURIComponent(url.pathname.replace(/^\//, '')) || 'postgres',
    user: url.searchParams.get('user') ?? (decodeURIComponent(url.username) || process.env.PGUSER || 'postgres'),
    password: url.searchParams.get('password') ?? (decodeURIComponent(url.password) || undefined),
  };
}

/** Runs one statement on the admin database (a client library, so no PostgreSQL client tools are needed). */
async function execute(admin, sql) {
  const client = new pg.Client({
    host: admin.host,
    port: Number(admin.port),
    user: admin.user,
    password: admin.password,
    database: admin.database,
  });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * Where the server keeps its data. With EVENT_DEDUP_TEST_DATABASE_URL (CI, root): a database of its own on that
 * server, created now and dropped by `drop()`. Without it: none (`jdbcUrl` undefined), so the server runs its own
 * embedded PostgreSQL in the scenario's data directory, which is deleted with it. PostgreSQL refuses to run as root,
 * so as root the variable is required.
 */
export async function freshDatabase() {
  const adminUrl = process.env[TEST_DATABASE_VARIABLE];
  if (!adminUrl) {
    if (process.getuid?.() === 0) {
      throw new Error(
        `The browser tests run as root without ${TEST_DATABASE_VARIABLE}, and the server's embedded PostgreSQL ` +
          `refuses to run as root: set ${TEST_DATABASE_VARIABLE} to an admin database the login may CREATE DATABASE ` +
          'from (e.g. jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres) or run the tests as a normal user.',
      );
    }
    return { name: undefined, jdbcUrl: undefined, drop: async () => {} };
  }
  const admin = parseJdbcUrl(adminUrl);
  const name = `e2e_webui_${Date.now()}_${process.pid}`;
  try {
    await execute(admin, `CREATE DATABASE ${name}`);
  } catch (e) {
    throw new Error(`cannot create the test database on ${admin.host}:${admin.port} (${TEST_DATABASE_VARIABLE}): ${e.message}`);
  }
  const query = new URLSearchParams({ user: admin.user, ...(admin.password ? { password: admin.password } : {}) });
  return {
    name,
    jdbcUrl: `jdbc:postgresql://${admin.host}:${admin.port}/${name}?${query}`,
    drop: () => execute(admin, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

/** The admin the server creates on its first start (EVENT_DEDUP_ADMIN_PASSWORD); every test signs in as it. */
export const ADMIN = { username: 'admin', password: 'e2e-admin-password' };

/** The Authorization header of the admin's Basic credentials, for API calls from the tests themselves. */
export const ADMIN_AUTHORIZATION = `Basic ${Buffer.from(`${ADMIN.username}:${ADMIN.password}`).toString('base64')}`;

/**
 * The real server (`serve` of the fat jar) on the given database, or on its own embedded PostgreSQL when `jdbcUrl` is
 * undefined; ready when this resolves; `extraEnv` on top.
 */
export async function startServer(jdbcUrl, extraEnv = {}) {
  if (!existsSync(jar)) throw new Error(`${jar} is missing: build it first (mvn -DskipTests package -pl app -am)`);
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'event-dedup-e2e-'));
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('EVENT_DEDUP_')));
  Object.assign(env, {
    ...(jdbcUrl ? { EVENT_DEDUP_DATABASE_URL: jdbcUrl } : {}),
    EVENT_DEDUP_HTTP_PORT: String(port),
    EVENT_DEDUP_DATA_DIR: dataDir,
    EVENT_DEDUP_EVENT_DATA_DIR: join(dataDir, 'eventdata'),
    EVENT_DEDUP_DEAD_LETTER_DIR: join(dataDir, 'dead_letters'),
    EVENT_DEDUP_MATCHING_CONFIG_PATH: join(repoDir, 'config/matching.yaml'),
    EVENT_DEDUP_LOG_LEVEL: 'WARN',
    EVENT_DEDUP_ADMIN_USER: ADMIN.username,
    EVENT_DEDUP_ADMIN_PASSWORD: ADMIN.password,
    ...extraEnv,
  });
  mkdirSync(join(moduleDir, 'target'), { recursive: true });
  const logFile = join(moduleDir, `target/e2e-server-${port}.log`);
  const log = createWriteStream(logFile);
  const child = spawn('java', ['-Xmx384m', '-jar', jar, 'serve'], { cwd: repoDir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  let exited = null;
  const exit = new Promise((r) => child.once('exit', (code, signal) => r((exited = code ?? signal))));
  const stop = async () => {
    if (exited === null) {
      child.kill('SIGTERM');
      await Promise.race([exit, new Promise((r) => setTimeout(r, 30_000))]);
      if (exited === null) {
        child.kill('SIGKILL');
        await exit;
      }
    }
    // The embedded PostgreSQL runs detached from the JVM: after a JVM that did not stop it, end it here before its
    // directory goes.
    await stopOrphanedPostgres(join(dataDir, 'postgres'));
    rmSync(dataDir, { recursive: true, force: true });
  };
  const baseUrl = `http://127.0.0.1:${port}`;
  // the embedded database's first start unpacks PostgreSQL and runs initdb before the server is ready
  const deadline = Date.now() + 120_000;
  try {
    for (;;) {
      if (exited !== null) throw new Error(`the server exited with ${exited}; see ${logFile}`);
      if (Date.now() > deadline) throw new Error(`the server did not become ready in 120 s; see ${logFile}`);
      try {
        if ((await fetch(`${baseUrl}/ready`)).ok) break;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  } catch (e) {
    await stop();
    throw e;
  }
  return { baseUrl, stop };
}

/** Sends an immediate shutdown (SIGQUIT) to the postmaster of `cluster` if one still runs, and waits for it to go. */
async function stopOrphanedPostgres(cluster) {
  let pid;
  try {
    pid = Number(readFileSync(join(cluster, 'postmaster.pid'), 'utf8').split('\n')[0]);
  } catch {
    return; // no cluster, or stopped cleanly
  }
  const isPostgres = () => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('postgres');
    } catch {
      return false;
    }
  };
  if (!Number.isInteger(pid) || pid <= 0 || !isPostgres()) return;
  process.kill(pid, 'SIGQUIT');
  const deadline = Date.now() + 30_000;
  while (isPostgres() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (isPostgres()) process.kill(pid, 'SIGKILL');
}

/**
 * The fixture of a scenario file: the real server on a fresh database (see {@link freshDatabase}), shared by the
 * file's tests, stopped and its database dropped after them. `extraEnv` may be a function (awaited in `before`) for
 * values known only then. The handle's `baseUrl` and `api` work once `before` has run.
 */
export function serverForThisFile(extraEnv = {}) {
  let database;
  let server;
  const handle = {
    baseUrl: undefined,
    /** The API as the admin (Basic credentials); an object body goes as JSON, a string as it is. */
    async api(method, path, body, headers = {}) {
      const response = await fetch(handle.baseUrl + path, {
        method,
        headers: {
          Authorization: ADMIN_AUTHORIZATION,
          ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
          ...headers,
        },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, body: text, json: () => JSON.parse(text) };
    },
  };
  before(async () => {
    database = await freshDatabase();
    server = await startServer(database.jdbcUrl, typeof extraEnv === 'function' ? await extraEnv() : extraEnv);
    handle.baseUrl = server.baseUrl;
  }, { timeout: 180_000 });
  after(async () => {
    try {
      await server?.stop();
    } finally {
      await database?.drop();
    }
  }, { timeout: 90_000 });
  return handle;
}

/**
 * One operator's browser: Chromium with a fresh profile directory, signed in as {@link ADMIN} on `baseUrl` before any
 * page is opened (the context's request API shares its cookies with the pages). Records page errors and every API
 * response body, so a test can assert that a secret never came back.
 */
export async function openBrowser({ width = 1280, height = 900, baseUrl, signIn = true } = {}) {
  const profile = mkdtempSync(join(tmpdir(), 'event-dedup-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width, height },
    locale: 'en-GB',
    timezoneId: 'UTC',
  });
  if (baseUrl && signIn) {
    const login = await context.request.post(`${baseUrl}/api/auth/login`, { data: ADMIN });
    if (!login.ok()) throw new Error(`sign-in failed: ${login.status()} ${await login.text()}`);
  }
  const page = context.pages()[0] ?? (await context.newPage());
  const errors = [];
  const responses = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    // a 4xx answer the page handles (sign-in 401/429, 409/412/422, the missing runs endpoint) is logged by Chromium;
    // that is expected
    if (m.type() === 'error' && !/status of (401|404|409|412|422|429)/.test(m.text())) errors.push(m.text());
  });
  page.on('response', async (response) => {
    if (!new URL(response.url()).pathname.startsWith('/api/')) return;
    try {
      responses.push({ url: response.url(), status: response.status(), body: await response.text() });
    } catch {
      // bodyless (204) or the page navigated away
    }
  });
  mkdirSync(screenshotDir, { recursive: true });
  return {
    page,
    errors,
    responses,
    async screenshot(name, fullPage = false) {
      await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage });
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

const axeSource = readFileSync(join(moduleDir, 'node_modules/axe-core/axe.min.js'), 'utf8');

/**
 * axe-core's violations on the page as it is now (WCAG rules plus label-content-name-mismatch), each as
 * "rule-id: target, …". axe is evaluated through the DevTools protocol, so the page's strict CSP stays on.
 */
export async function axeViolations(page) {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, { rules: { 'label-content-name-mismatch': { enabled: true } } });
    // a run that checked nothing must not pass as "no violations"
    if (result.passes.length === 0) return ['axe-core checked no rule at all'];
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
  return violations;
}

/** The config page of `server` (a {@link serverForThisFile} handle) opened and its form shown, as the admin. */
export async function openConfigPage(server, options) {
  const browser = await openBrowser({ baseUrl: server.baseUrl, ...options });
  await browser.page.goto(server.baseUrl + '/');
  await browser.page.locator('#section-scoring').waitFor();
  return browser;
}

/** The stored config, read through the API. */
export async function storedConfig(server) {
  return JSON.parse((await server.api('GET', '/api/config')).body);
}

export const section = (page, id) => page.locator(`#section-${id}`);
export const input = (page, id, label) => section(page, id).getByLabel(label, { exact: true });
