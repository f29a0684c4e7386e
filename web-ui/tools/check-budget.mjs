// The first load's budget: every file index.html pulls in before the page can run, gzipped.
// Pages' code split into later chunks loads when they are visited and is not counted.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export const BUDGET_BYTES = 40 * 1024;

const dist = process.argv[2] || 'dist';
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const files = ['index.html', ...[...html.matchAll(/(?:src|href)="\/(assets\/[^"]+)"/g)].map((m) => m[1])];
let total = 0;
for (const file of files) {
  const size = gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
  total += size;
  console.log(`  ${file}: ${(size / 1024).toFixed(1)} KiB gzipped`);
}
console.log(`first load: ${(total / 1024).toFixed(1)} KiB gzipped (budget ${BUDGET_BYTES / 1024} KiB)`);
if (total > BUDGET_BYTES) {
  console.error(`The first load is over its budget by ${((total - BUDGET_BYTES) / 1024).toFixed(1)} KiB`);
  process.exit(1);
}
