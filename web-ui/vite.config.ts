import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// The Maven build packs target/classes into the web-ui jar, so the server finds the app at /web on the classpath.
export default defineConfig({
  plugins: [svelte()],
  build: {
    outDir: 'target/classes/web',
    emptyOutDir: true,
    assetsDir: 'assets',
    target: 'es2022',
    modulePreload: { polyfill: false },
  },
  server: {
    proxy: { '/api': process.env.EVENT_DEDUP_API_URL ?? 'http://localhost:8080' },
  },
  resolve: process.env.VITEST ? { conditions: ['browser'] } : undefined,
  test: {
    environment: 'jsdom',
    include: ['tests/**/*.test.ts'],
    pool: 'threads',
    maxWorkers: 1,
    // the first test of a file also pays for compiling the page; on a busy 2-core machine that alone took over the
    // 5 s default once, so a page test gets 20 s (a hang still fails)
    testTimeout: 20_000,
  },
});
