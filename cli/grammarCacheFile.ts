// The Flink grammar's prediction cache on disk: written next to the bundle at build time
// (esbuild.mjs runs buildGrammarCache.ts), read before the first parse of a CLI run.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { installGrammarCache, type GrammarCacheData } from '../runtime/sql/grammarCache.js';

/** The cache's file name, in the folder of the bundle (dist/). */
export const GRAMMAR_CACHE_FILE = 'flinkSqlGrammar.cache.json';

/**
 * Installs the grammar cache from `dir` (default: the bundle's folder). A missing, unreadable or
 * foreign cache is ignored: parsing is then only slower on its first statements, never different.
 * `CHECKPOINT_LAB_NO_GRAMMAR_CACHE=1` skips it.
 */
export function loadGrammarCache(dir: string = __dirname): boolean {
  // For comparing runs with and without the cache (and for ruling it out when in doubt).
  if (process.env.CHECKPOINT_LAB_NO_GRAMMAR_CACHE === '1') return false;
  let data: GrammarCacheData;
  try {
    data = JSON.parse(readFileSync(join(dir, GRAMMAR_CACHE_FILE), 'utf8')) as GrammarCacheData;
  } catch {
    return false;
  }
  return installGrammarCache(data);
}
