// Build step (run by esbuild.mjs): parses a corpus of job files so antlr builds its prediction DFAs,
// then writes them to dist/ for the CLI to load at start. Usage: node buildGrammarCache.js OUT_DIR
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportGrammarCache, parseJobFile } from '../runtime/index.js';
import { GRAMMAR_CACHE_FILE } from './grammarCacheFile.js';

/**
 * Job files whose statements warm the grammar: the examples. A larger corpus covers more but loads
 * slower (the differential corpus too: 2,892 states, 4.3 MB, ~140 ms to install; the examples:
 * 670 states, 0.8 MB, ~15 ms), and a statement the cache misses only costs its own warm-up.
 */
const CORPUS_DIRS = ['examples'];

const outDir = process.argv[2] ?? 'dist';
let files = 0;
for (const dir of CORPUS_DIRS) {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.flink.sql'));
  } catch {
    continue;
  }
  for (const name of names.sort()) {
    parseJobFile(readFileSync(join(dir, name), 'utf8'), name);
    files++;
  }
}
const data = exportGrammarCache();
const text = JSON.stringify(data);
writeFileSync(join(outDir, GRAMMAR_CACHE_FILE), text);
const states = [...data.lexer, ...data.parser].reduce((n, d) => n + d.states.length, 0);
process.stderr.write(`grammar cache: ${files} job files, ${states} DFA states, ${Math.round(text.length / 1024)} KiB\n`);
