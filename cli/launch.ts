// The `checkpoint-lab` executable (dist/cli.js): runs the CLI bundle (dist/cliMain.js) in this same
// process from V8's code cache written at build time, so a cold run does not compile 3 MB of JS again.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { join } from 'node:path';
import { Script } from 'node:vm';

const bundle = join(__dirname, 'cliMain.js');
const source = readFileSync(bundle, 'utf8');
// Keyed by the bundle's contents (V8 itself only checks the source's length); a stale, foreign or
// rejected cache only costs the compile it would have saved. CHECKPOINT_LAB_NO_CODE_CACHE=1 skips it.
const cacheFile = join(__dirname, `cliMain.${createHash('sha1').update(source).digest('hex').slice(0, 16)}.codecache`);
let cachedData: Buffer | undefined;
if (process.env.CHECKPOINT_LAB_NO_CODE_CACHE !== '1') {
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
}
const script = new Script(Module.wrap(source), { filename: bundle, cachedData });
// The build (esbuild.mjs) writes the cache after a tiny run, so it holds the functions a run compiles.
if (process.env.CHECKPOINT_LAB_WRITE_CODE_CACHE === '1') process.on('exit', () => writeFileSync(cacheFile, script.createCachedData()));
const cliModule = new Module(bundle, module);
cliModule.filename = bundle;
cliModule.paths = module.paths;
(script.runInThisContext() as (...args: unknown[]) => void).call(cliModule.exports, cliModule.exports, (id: string) => cliModule.require(id), cliModule, bundle, __dirname);
