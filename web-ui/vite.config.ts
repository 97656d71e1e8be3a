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
  },
});
