// Test helper run in its own process (node --import tsx compileCorpus.ts [CACHE.json] -- FILE...):
// compiles each job file, optionally after installing a grammar cache, and prints for each what a
// user sees (the job graph and the diagnostics) as one JSON object.
import { readFileSync } from 'node:fs';
import { compileJob, formatDiagnostic, installGrammarCache, type GrammarCacheData } from '../../../runtime/index.js';

const args = process.argv.slice(2);
const split = args.indexOf('--');
const cache = split > 0 ? args[0] : undefined;
const files = args.slice(split + 1);
const installed = cache ? installGrammarCache(JSON.parse(readFileSync(cache, 'utf8')) as GrammarCacheData) : false;
const out: Record<string, { graph: string; diagnostics: string[] }> = {};
for (const f of files) {
  const { job, diagnostics } = compileJob(readFileSync(f, 'utf8'), { file: f });
  out[f] = { graph: job ? job.explain() : '', diagnostics: diagnostics.map(formatDiagnostic) };
}
process.stdout.write(JSON.stringify({ installed, out }));
