// The partition visualiser in real headless Chromium against the built bundle, fed by the real
// PanelModel: the map shows the owners Flink computes, lookup agrees with `checkpoint-lab keys`,
// and the rescale preview agrees with the runtime's key-group assignment of a real checkpoint.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { subtaskSnapshots } from '../../bridge/index.js';
import { nodeCheckpointFs } from '../../cli/nodeCheckpointFs.js';
import { PanelModel } from '../../panels/index.js';
import type { JobSnapshot } from '../../protocol/index.js';
import { assignKey, openCheckpoint } from '../../runtime/index.js';
import { launchChromium, nodeScheduler, openPanel, REPO_ROOT, startPanelServer, type OpenPanel } from './support/browserHost.js';
import { runPanelTestJob } from './support/localJob.js';
import { DARK, LIGHT } from './support/themes.js';

const SHOTS = join(REPO_ROOT, 'out/screenshots');
let browser: Browser;
let server: Awaited<ReturnType<typeof startPanelServer>>;

before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  server = await startPanelServer();
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** A one-vertex keyed job snapshot at (maxParallelism, parallelism). */
function keyedJob(maxParallelism: number, parallelism: number): JobSnapshot {
  const name = 'GroupAggregate[2]';
  return {
    source: { kind: 'local', jobFile: 'vectors.flink.sql', seed: 0 },
    jobId: '0'.repeat(32),
    name: 'vectors',
    state: 'RUNNING',
    clock: 'job-time',
    durationMs: 0,
    vertices: [{ id: '1', name, parallelism, maxParallelism, keyed: true, subtasks: subtaskSnapshots(name, parallelism, maxParallelism, true) }],
    edges: [],
    checkpoints: { config: null, counts: { triggered: 0, inProgress: 0, completed: 0, failed: 0, restored: 0 }, history: [], latestRestored: null },
    exceptions: [],
  };
}

/** Rows of Flink's golden key-group vectors (key_type,key,max_parallelism,parallelism,key_group,operator_index). */
function vectorRows(): { type: string; key: string; maxP: number; p: number; kg: number; op: number }[] {
  const lines = readFileSync('/work/shared/reference/keygroup-vectors-sample.csv', 'utf8').trim().split('\n').slice(1);
  return lines.map((line) => {
    const m = /^([a-z_]+),(?:"((?:[^"]|"")*)"|([^,]*)),(\d+),(\d+),(\d+),(\d+)$/.exec(line);
    if (!m) throw new Error(`unparsed vector row: ${line}`);
    return { type: m[1]!, key: m[2] !== undefined ? m[2].replace(/""/g, '"') : m[3]!, maxP: Number(m[4]), p: Number(m[5]), kg: Number(m[6]), op: Number(m[7]) };
  });
}

const KEY_TYPE_OF: Record<string, string> = { string: 'java-string', long: 'java-long', rowdata_bigint: 'sql-bigint', rowdata_string: 'sql-string' };

async function hoverKeyGroup(panel: OpenPanel, kg: number): Promise<string> {
  const canvas = panel.page.locator('canvas.kg-map');
  const cols = Number(await canvas.getAttribute('data-cols'));
  const cell = Number(await canvas.getAttribute('data-cell'));
  await canvas.hover({ position: { x: (kg % cols) * cell + cell / 2, y: Math.floor(kg / cols) * cell + cell / 2 } });
  return (await panel.page.locator('#kg-details').textContent()) ?? '';
}

async function lookup(panel: OpenPanel, type: string, key: string | null): Promise<{ keyGroup: number; subtask: number } | { error: string }> {
  const page = panel.page;
  await page.selectOption('#lookup-type', type);
  await page.locator('#lookup-null').setChecked(key === null);
  if (key !== null) await page.fill('#lookup-key', key);
  await page.evaluate(`(() => { const out = document.getElementById('lookup-result'); out.textContent = ''; delete out.dataset.keyGroup; delete out.dataset.subtask; })()`);
  await page.click('form[aria-label="Key lookup"] button');
  await page.locator('#lookup-result[data-key-group], #lookup-result .error').waitFor();
  const out = page.locator('#lookup-result');
  const kg = await out.getAttribute('data-key-group');
  if (kg === null) return { error: (await out.textContent()) ?? '' };
  return { keyGroup: Number(kg), subtask: Number(await out.getAttribute('data-subtask')) };
}

test("the map and the lookup show the key group and subtask Flink computes for its golden vectors", async () => {
  const rows = vectorRows().filter((r) => KEY_TYPE_OF[r.type] && !r.key.startsWith('"') && r.key.length < 200);
  const configs = [...new Set(rows.map((r) => `${r.maxP}/${r.p}`))];
  let checked = 0;
  for (const config of configs) {
    const [maxP, p] = config.split('/').map(Number) as [number, number];
    const model = new PanelModel({ scheduler: nodeScheduler });
    model.setJob(keyedJob(maxP, p));
    const panel = await openPanel(browser, server.origin, 'partitions', model, DARK);
    await panel.page.waitForSelector('canvas.kg-map[data-cols]');
    for (const r of rows.filter((x) => x.maxP === maxP && x.p === p).slice(0, 8)) {
      const details = await hoverKeyGroup(panel, r.kg);
      assert.match(details, new RegExp(`^key group ${r.kg} · subtask ${r.op} `), `${r.type} ${JSON.stringify(r.key)} at ${config}`);
      const found = await lookup(panel, KEY_TYPE_OF[r.type]!, r.key);
      assert.deepEqual(found, { keyGroup: r.kg, subtask: r.op }, `${r.type} ${JSON.stringify(r.key)} at ${config}`);
      checked++;
    }
    // The keyboard reads the map too: focus it, then move along the cells.
    await panel.page.locator('canvas.kg-map').focus();
    await panel.page.keyboard.press('End');
    assert.match((await panel.page.locator('#kg-details').textContent()) ?? '', new RegExp(`^key group ${maxP - 1} · subtask ${p - 1} `));
    await panel.page.keyboard.press('Home');
    await panel.page.keyboard.press('ArrowRight');
    assert.match((await panel.page.locator('#kg-details').textContent()) ?? '', new RegExp(`^key group 1 · subtask ${Math.floor(p / maxP)} `));
    assert.deepEqual(await panel.cspViolations(), []);
    await panel.close();
  }
  assert.ok(checked >= 30, `checked ${checked} vectors`);
});

test('lookup agrees with checkpoint-lab keys, also for NULL, 64-bit and invalid keys', async () => {
  const keys = ['user-1', 'user-42', 'Ünïcødé ☃', ''];
  const cli = JSON.parse(execFileSync(process.execPath, [join(REPO_ROOT, 'dist/cli.js'), 'keys', '--parallelism', '6', '--max-parallelism', '512', '--type', 'sql-string', '--json', ...keys], { encoding: 'utf8' })) as { key: string; keyGroup: number; subtask: number }[];
  const bigints = JSON.parse(execFileSync(process.execPath, [join(REPO_ROOT, 'dist/cli.js'), 'keys', '--parallelism', '6', '--max-parallelism', '512', '--type', 'sql-bigint', '--json', '--keys-json', '[null, "9223372036854775807", "-42"]'], { encoding: 'utf8' })) as { key: string | null; keyGroup: number; subtask: number }[];
  const model = new PanelModel({ scheduler: nodeScheduler });
  model.setJob(keyedJob(512, 6));
  const panel = await openPanel(browser, server.origin, 'partitions', model, LIGHT);
  await panel.page.waitForSelector('canvas.kg-map[data-cols]');
  for (const c of cli) assert.deepEqual(await lookup(panel, 'sql-string', c.key), { keyGroup: c.keyGroup, subtask: c.subtask }, c.key);
  for (const c of bigints) assert.deepEqual(await lookup(panel, 'sql-bigint', c.key === null ? null : String(c.key)), { keyGroup: c.keyGroup, subtask: c.subtask }, String(c.key));
  const bad = await lookup(panel, 'sql-int', '3000000000');
  assert.ok('error' in bad && /out of range for INT/.test(bad.error), JSON.stringify(bad));
  await panel.close();
});

test('a real checkpoint: hot keys, skew verdict, and a rescale preview that agrees with the runtime key by key', async () => {
  const model = new PanelModel({ scheduler: nodeScheduler, fs: nodeCheckpointFs });
  const run = await runPanelTestJob({ model, cancelAfterCheckpoint: 4 });
  const latest = run.snapshot.checkpoints.history.filter((c) => c.status === 'COMPLETED').at(-1)!;
  const path = join(run.jobDir, `chk-${latest.id}`);
  await model.loadPartitionsFromCheckpoint(path);

  for (const theme of [LIGHT, DARK]) {
    const panel = await openPanel(browser, server.origin, 'partitions', model, theme);
    await panel.page.waitForSelector('canvas.kg-map[data-cols]');
    const page = panel.page;
    assert.match((await page.locator('.verdict').textContent()) ?? '', /^Skew \d+\.\d\d \(busiest \/ mean\)\. (Evenly spread: the busiest subtask, |Skewed: )GroupAggregate/);
    const hot = await page.locator('section[aria-labelledby="hot-title"] tbody tr').count();
    assert.equal(hot, 20);
    await page.fill('#rescale-parallelism', '3');
    await page.click('form[aria-label="Rescale preview"] button');
    await page.waitForSelector('#rescale-result');
    await page.screenshot({ path: join(SHOTS, `partitions-${theme === LIGHT ? 'light' : 'dark'}.png`), clip: { x: 0, y: 0, width: 1100, height: 880 } });

    // The runtime's own answer: read every key of the checkpoint with its reader and place it with
    // assignKey at the old and the new parallelism.
    const opened = await openCheckpoint(nodeCheckpointFs, path);
    assert.ok(opened.ok);
    const agg = opened.value.metadata.vertices.find((v) => v.vertexName?.startsWith('GroupAggregate'))!;
    const perSubtask = [0, 0, 0];
    let moved = 0;
    let keys = 0;
    for (const s of agg.subtasks) {
      const st = await opened.value.readState(s.stateFile!);
      assert.ok(st.ok);
      const ids = new Set<string>();
      for (const states of st.value.keyGroups.values()) for (const table of states.values()) for (const k of table.keys()) ids.add(k as string);
      for (const k of ids) {
        const before = assignKey('sql-string', k, 128, 2);
        const after = assignKey('sql-string', k, 128, 3);
        assert.ok(before.ok && after.ok);
        assert.equal(before.subtask, s.subtaskIndex, `key ${k} was stored by its owner`);
        perSubtask[after.subtask]!++;
        if (after.subtask !== before.subtask) moved++;
        keys++;
      }
    }
    assert.equal(keys, 300);
    const balance = await page.locator('table[aria-label="New balance per subtask"] tbody tr td:nth-child(3)').allTextContents();
    assert.deepEqual(balance.map((t) => Number(t.replace(/,/g, ''))), perSubtask);
    const flinkRow = await page.locator('table[aria-label="Keys moved per scheme"] tbody tr').first().locator('td').allTextContents();
    assert.equal(flinkRow[0], 'Flink key groups');
    assert.equal(Number(flinkRow[1]!.split(' ')[0]), moved);
    const schemes = await page.locator('table[aria-label="Keys moved per scheme"] tbody tr td:first-child').allTextContents();
    assert.deepEqual(schemes, ['Flink key groups', 'consistent-hash ring (100 virtual nodes per subtask)', 'hash % n']);
    const ringMoved = Number((await page.locator('table[aria-label="Keys moved per scheme"] tbody tr').nth(1).locator('td').nth(1).textContent())!.split(' ')[0]);
    await page.locator('section[aria-labelledby="rescale-title"]').screenshot({ path: join(SHOTS, `rescale-${theme === LIGHT ? 'light' : 'dark'}.png`) });
    assert.match((await page.locator('canvas#ring').getAttribute('aria-label')) ?? '', new RegExp(`^Consistent-hash ring after the change: 300 virtual nodes of 3 subtasks; ${Math.min(ringMoved, 500)} of the keys that move shown as dots$`));
    // Modulo hashing moves about two thirds of the keys going from 2 to 3 owners; key groups about a third.
    const moduloMoved = Number((await page.locator('table[aria-label="Keys moved per scheme"] tbody tr').nth(2).locator('td').nth(1).textContent())!.split(' ')[0]);
    assert.ok(moduloMoved > moved, `modulo moved ${moduloMoved}, key groups ${moved}`);
    assert.deepEqual(await panel.cspViolations(), []);
    await panel.close();
  }
});
