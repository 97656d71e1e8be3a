// Fails the build when the production JavaScript grows past the budget of the web-ui issue (60 KiB gzipped).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET = 60 * 1024;
const root = new URL('../target/classes/web/', import.meta.url).pathname;

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

let total = 0;
for (const file of files(root).filter((f) => f.endsWith('.js'))) {
  const size = gzipSync(readFileSync(file), { level: 9 }).length;
  total += size;
  console.log(`${file.slice(root.length)}: ${(size / 1024).toFixed(1)} KiB gzipped`);
}
const verdict = total <= BUDGET ? 'within' : 'OVER';
console.log(`JavaScript total: ${(total / 1024).toFixed(1)} KiB gzipped, ${verdict} the ${BUDGET / 1024} KiB budget`);
if (total === 0 || total > BUDGET) process.exit(1);
