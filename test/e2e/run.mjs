// The end-to-end suite: installs code-server (cached) and Chromium (apt) with setup.sh, packs the
// extension (npm run package), installs the .vsix into a fresh code-server profile, opens a
// workspace of example job files and drives it (drive.mjs). Exit 0 only when every scenario passed.
// usage: node test/e2e/run.mjs [--no-package]   (screenshots: out/e2e/shots/)
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { drive } from './drive.mjs';

const root = resolve(import.meta.dirname, '..', '..');
const out = join(root, 'out', 'e2e');
const t0 = Date.now();
const log = (m) => console.error(`[e2e ${((Date.now() - t0) / 1000).toFixed(1)}s] ${m}`);

const codeServerDir = execFileSync('bash', [join(root, 'test', 'e2e', 'setup.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();
const codeServer = join(codeServerDir, 'node_modules', '.bin', 'code-server');
log(`code-server in ${codeServerDir}`);

const vsix = join(root, 'out', 'checkpoint-lab.vsix');
if (!process.argv.includes('--no-package') || !existsSync(vsix)) execFileSync('npm', ['run', 'package', '--silent'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
log(`packed ${vsix} (${(statSync(vsix).size / 1024 / 1024).toFixed(2)} MB)`);

rmSync(out, { recursive: true, force: true });
const dirs = { exts: join(out, 'exts'), udd: join(out, 'udd'), xdg: join(out, 'xdg'), ws: join(out, 'ws'), shots: join(out, 'shots') };
for (const d of Object.values(dirs)) mkdirSync(d, { recursive: true });
const env = { ...process.env, XDG_CONFIG_HOME: dirs.xdg, XDG_DATA_HOME: dirs.xdg };
const csArgs = ['--user-data-dir', dirs.udd, '--extensions-dir', dirs.exts];
execFileSync(codeServer, [...csArgs, '--install-extension', vsix], { env, stdio: ['ignore', 'ignore', 'inherit'] });
log('installed the .vsix');

// The workspace: the examples and a broken job file; the user settings keep the workbench quiet.
cpSync(join(root, 'examples'), join(dirs.ws, 'examples'), { recursive: true });
cpSync(join(root, 'test', 'e2e', 'workspace'), dirs.ws, { recursive: true });
// A checkpoint directory for the panels: the example run once by the CLI with a savepoint at 1 s
// written there (its checkpoints are discarded when it finishes, as Flink discards them).
const checkpoints = join(out, 'checkpoints');
const checkpointedJob = join(out, 'checkpointed.flink.sql');
writeFileSync(checkpointedJob, `SET 'execution.checkpointing.dir' = '${checkpoints}';\nSET 'execution.checkpointing.savepoint-dir' = '${checkpoints}';\n${readFileSync(join(root, 'examples', 'clickstream-counts.flink.sql'), 'utf8')}`);
execFileSync(process.execPath, [join(root, 'dist', 'cli.js'), 'run', checkpointedJob, '--savepoint-at', '1s'], { cwd: out, stdio: ['ignore', 'ignore', 'inherit'] });
log(`checkpoints written to ${checkpoints}`);
mkdirSync(join(dirs.udd, 'User'), { recursive: true });
writeFileSync(join(dirs.udd, 'User', 'settings.json'), JSON.stringify({ 'workbench.startupEditor': 'none', 'security.workspace.trust.enabled': false, 'workbench.tips.enabled': false, 'extensions.ignoreRecommendations': true, 'workbench.enableExperiments': false, 'checkpointLab.panels.openOnSessionStart': true, 'checkpointLab.checkpoints.directory': checkpoints, 'git.enabled': false, 'git.openRepositoryInParentFolders': 'never' }));
writeFileSync(join(out, 'config.yaml'), '');

const port = await new Promise((res) => {
  const s = createServer().listen(0, '127.0.0.1', () => {
    const p = s.address().port;
    s.close(() => res(p));
  });
});
// detached: its own process group, so that stopping it also stops the extension host and file watcher.
const server = spawn(codeServer, ['--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--config', join(out, 'config.yaml'), ...csArgs, '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override', '--disable-proxy', dirs.ws], { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
let serverLog = '';
server.stdout.on('data', (d) => (serverLog += d));
server.stderr.on('data', (d) => (serverLog += d));
const stop = () => {
  try {
    process.kill(-server.pid, 'SIGTERM');
  } catch {}
};
process.on('exit', stop);

let failed = 1;
try {
  // Ready when /healthz answers (polled; the server says so itself).
  for (const deadline = Date.now() + 120000; ; ) {
    if (server.exitCode !== null) throw new Error(`code-server exited: ${serverLog.slice(-2000)}`);
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false);
    if (ok) break;
    if (Date.now() > deadline) throw new Error('code-server did not answer /healthz within 120 s');
    await sleep(200);
  }
  log(`code-server up on port ${port}`);
  const results = await drive(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(dirs.ws)}`, dirs.shots, dirs.ws, log);
  const activation = findActivation(dirs.udd);
  if (activation) log(`activation: ${activation}`);
  writeFileSync(join(out, 'results.json'), JSON.stringify({ results, activation, activationAsVsCodeMeasures: results.activationMs, vsixBytes: statSync(vsix).size }, null, 2));
  const passed = results.filter((r) => r.ok).length;
  log(`screenshots in ${dirs.shots}`);
  // The closing line CI reads, alone on its line.
  console.log(`e2e: ${passed} passed, ${results.length - passed} failed`);
  failed = passed === results.length && results.length > 0 ? 0 : 1;
} catch (e) {
  log(`ERROR ${e.message}`);
} finally {
  stop();
}
process.exit(failed);

/** The extension's own "activated in N ms" line from its log output channel. */
function findActivation(dir) {
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!e.isFile() || !e.name.startsWith('Checkpoint Lab') || !e.name.endsWith('.log')) continue;
    const m = /activated in ([\d.]+ ms)/.exec(readFileSync(join(e.parentPath ?? e.path, e.name), 'utf8'));
    if (m) return m[1];
  }
  return undefined;
}
