// chrono_bench.mjs - chrono-node (npm, German parser) over the first N
// articles of fang-covid-news, the peer attache's temporal tagger is
// measured against in `make bench`.
//
//   node bench/chrono_bench.mjs SHARED N     (chrono-node from build/bench/node_modules)
//
// Prints TSV rows "suite metric value unit": documents/s and MB/s of article
// text and the number of expressions found, each article parsed against its
// publication date, timing only chrono.de.parse().
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const [shared = '../shared', count = '500'] = process.argv.slice(2);
const require = createRequire(new URL('../build/bench/', import.meta.url));
let chrono;
try {
  chrono = require('chrono-node');
} catch (e) {
  console.error('chrono_bench: skipped: chrono-node is not installed in build/bench');
  process.exit(0);
}
const file = `${shared}/data/fang-covid-news/fang-covid-real-6000.jsonl`;
let lines;
try {
  lines = readFileSync(file, 'utf8').split('\n').filter((l) => l.length);
} catch (e) {
  console.error(`chrono_bench: skipped: ${file} not found`);
  process.exit(0);
}
const docs = lines.slice(0, Number(count)).map((l) => JSON.parse(l));
const bytes = docs.reduce((n, d) => n + Buffer.byteLength(d.article || ''), 0);
let found = 0;
const t0 = process.hrtime.bigint();
for (const d of docs) {
  const ref = d.date ? new Date(d.date) : new Date();
  found += chrono.de.parse(d.article || '', ref).length;
}
const secs = Number(process.hrtime.bigint() - t0) / 1e9;
console.log(`chrono-node\tdocuments\t${docs.length}\tdocs`);
console.log(`chrono-node\tdocs_per_s\t${(docs.length / secs).toFixed(0)}\tdocs/s`);
console.log(`chrono-node\tmb_per_s\t${(bytes / 1e6 / secs).toFixed(2)}\tMB/s`);
console.log(`chrono-node\texpressions\t${found}\tcount`);
