// The checkpoint timeline in real headless Chromium against the built bundle: a real local run with
// a fault scenario (a declined checkpoint, a task failure and the recovery from checkpoint 5), and a
// snapshot recorded once from a live Flink 2.3.0 job (`flink attach --json`, a TaskManager killed).
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { nodeCheckpointFs } from '../../cli/nodeCheckpointFs.js';
import { PanelModel } from '../../panels/index.js';
import type { JobSnapshot } from '../../protocol/index.js';
import { launchChromium, nodeScheduler, openPanel, REPO_ROOT, startPanelServer } from './support/browserHost.js';
import { runPanelTestJob } from './support/localJob.js';
import { DARK, HIGH_CONTRAST, LIGHT } from './support/themes.js';

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

test('a run with faults: the declined checkpoint, the failure and the recovery with its phases on one axis', async () => {
  const model = new PanelModel({ scheduler: nodeScheduler, fs: nodeCheckpointFs });
  // Cancelled after checkpoint 8, so its checkpoints are retained (RETAIN_ON_CANCELLATION) and a
  // checkpoint's details list its files.
  const run = await runPanelTestJob({ model, faults: 'keyed-counts.faults.yaml', cancelAfterCheckpoint: 8 });
  await model.setCheckpointDirectory(run.checkpointDir);
  const failed = run.snapshot.checkpoints.history.filter((c) => c.status === 'FAILED');
  assert.ok(failed.some((c) => c.id === 3), 'checkpoint 3 was declined');
  for (const theme of [LIGHT, DARK]) {
    const panel = await openPanel(browser, server.origin, 'timeline', model, theme, { width: 1200, height: 900 });
    const page = panel.page;
    await page.waitForSelector('#checkpoints tbody tr');
    // The table has every checkpoint of the snapshot, with the declined one's reason.
    assert.equal(await page.locator('#checkpoints tbody tr').count(), run.snapshot.checkpoints.history.length);
    const row3 = page.locator('#checkpoints tbody tr[data-checkpoint="3"]');
    assert.match((await row3.locator('td').nth(2).textContent()) ?? '', /^FAILED CHECKPOINT_DECLINED$/);
    // The chart marks it failed, and the recovery band says from which checkpoint the job restarted.
    assert.match((await page.locator('.chart g.cp[data-checkpoint="3"]').getAttribute('class')) ?? '', /failed/);
    const recovery = (await page.locator('.chart g.recovery').first().getAttribute('aria-label')) ?? '';
    assert.match(recovery, /^Failure 1: GroupAggregate -> Sink: clicks_per_user \(2\/2\): Injected failure 'aggregate subtask fails'.* running again after \d+ ms, from checkpoint 5$/);
    const item = (await page.locator('.recoveries > li').first().textContent()) ?? '';
    assert.match(item, /restart 1 of at most 3, restored checkpoint 5/);
    const phases = await page.locator('.recoveries > li').first().locator('.phases li').allTextContents();
    assert.deepEqual(
      phases.map((p) => p.split(' at ')[0]),
      ['failure-detected', 'tasks-cancelled', 'restart-delay', 'checkpoint-chosen', 'state-assigned', 'sources-rewound', 'transactions-aborted', 'running'],
    );
    // One checkpoint's details, opened from the keyboard: per vertex and per subtask acknowledgements.
    await page.locator('.chart g.cp[data-checkpoint="5"]').focus();
    await page.keyboard.press('Enter');
    await page.waitForSelector('#details table[aria-label="Per subtask"]');
    const cp5 = run.snapshot.checkpoints.history.find((c) => c.id === 5)!;
    assert.equal(await page.locator('#details table[aria-label="Per subtask"] tbody tr').count(), cp5.totalSubtasks);
    const files = (await page.locator('#details .files').textContent()) ?? '';
    assert.match(files, /^Files: vertex-1-subtask-0\.state \(\d+(\.\d)? (B|KiB)\), vertex-1-subtask-1\.state/);
    await page.screenshot({ path: join(SHOTS, `timeline-${theme === LIGHT ? 'light' : 'dark'}.png`), clip: { x: 0, y: 0, width: 1200, height: 880 } });
    assert.deepEqual(await panel.cspViolations(), []);
    await panel.close();
  }
});

test('a snapshot recorded from a live Flink job renders in the timeline and the partition visualiser', async () => {
  // Recorded once with `checkpoint-lab flink attach --json` from a local Flink 2.3.0 cluster running
  // test/fixtures/flink/live-keyed-count.flink.sql whose TaskManager was killed and restarted (the
  // job restored checkpoint 7; checkpoint 8 failed).
  const snapshot = JSON.parse(readFileSync(join(REPO_ROOT, 'test/fixtures/panels/flink-attach.json'), 'utf8')) as JobSnapshot;
  assert.equal(snapshot.source.kind, 'flink');
  const model = new PanelModel({ scheduler: nodeScheduler });
  model.setJob(snapshot);
  const timeline = await openPanel(browser, server.origin, 'timeline', model, DARK, { width: 1200, height: 900 });
  await timeline.page.waitForSelector('#checkpoints tbody tr');
  assert.equal(await timeline.page.locator('#checkpoints tbody tr').count(), snapshot.checkpoints.history.length);
  const failed = snapshot.checkpoints.history.filter((c) => c.status === 'FAILED');
  assert.equal(await timeline.page.locator('.chart g.cp.failed').count(), failed.length);
  assert.equal(await timeline.page.locator('.chart .exception').count(), snapshot.exceptions.length);
  assert.match((await timeline.page.locator('.chart .exception').first().getAttribute('aria-label')) ?? '', /TaskManager with id taskmanager-1 is no longer reachable/);
  assert.match((await timeline.page.locator('header').textContent()) ?? '', /Flink job, wall-clock time/);
  // A completed checkpoint's details: per vertex, from Flink's TaskCheckpointStatistics.
  const done = snapshot.checkpoints.history.find((c) => c.status === 'COMPLETED' && (c.tasks?.length ?? 0) > 0)!;
  await timeline.page.locator(`#checkpoints tbody tr[data-checkpoint="${done.id}"]`).click();
  await timeline.page.locator('#details table[aria-label="Per vertex"] tbody tr').first().waitFor();
  const acks = await timeline.page.locator('#details table[aria-label="Per vertex"] tbody tr td:nth-child(2)').allTextContents();
  assert.deepEqual(acks, snapshot.vertices.map((v) => { const t = done.tasks!.find((x) => x.vertexId === v.id)!; return `${t.acknowledgedSubtasks}/${t.totalSubtasks}`; }));
  await timeline.page.screenshot({ path: join(SHOTS, 'timeline-flink-dark.png'), clip: { x: 0, y: 0, width: 1200, height: 700 } });
  assert.deepEqual(await timeline.cspViolations(), []);
  await timeline.close();

  // In the high-contrast theme: the page takes its colours from the theme's variables.
  const partitions = await openPanel(browser, server.origin, 'partitions', model, HIGH_CONTRAST);
  await partitions.page.waitForSelector('canvas.kg-map[data-cols]');
  assert.equal(await partitions.page.evaluate('getComputedStyle(document.body).backgroundColor'), 'rgb(0, 0, 0)');
  assert.equal(await partitions.page.evaluate('getComputedStyle(document.querySelector("button")).borderTopColor'), 'rgb(111, 195, 223)');
  await partitions.page.screenshot({ path: join(SHOTS, 'partitions-flink-high-contrast.png'), clip: { x: 0, y: 0, width: 1100, height: 700 } });
  const agg = snapshot.vertices.find((v) => v.keyed)!;
  assert.equal(await partitions.page.locator('canvas.kg-map').getAttribute('data-key-groups'), String(agg.maxParallelism));
  const bars = await partitions.page.locator('.bars li').count();
  assert.equal(bars, agg.parallelism);
  assert.match((await partitions.page.locator('.verdict').textContent()) ?? '', /No state measured yet/);
  await partitions.close();
});

test('a panel that misses an update asks for a resync and gets a fresh snapshot; a hidden one catches up when shown', async () => {
  const snapshot = JSON.parse(readFileSync(join(REPO_ROOT, 'test/fixtures/panels/flink-attach.json'), 'utf8')) as JobSnapshot;
  const model = new PanelModel({ scheduler: nodeScheduler });
  model.setJob(snapshot);
  const panel = await openPanel(browser, server.origin, 'timeline', model, DARK, { width: 1200, height: 900 });
  await panel.page.waitForSelector('#checkpoints tbody tr');
  const seq = Math.max(...panel.toPanel.flatMap((m) => ('seq' in m ? [m.seq] : [])));
  // An update that skips a sequence number, as if one was lost while the view was hidden.
  await panel.page.evaluate((json) => (globalThis as unknown as { postMessage(m: unknown, o: string): void }).postMessage(JSON.parse(json), '*'), JSON.stringify({ type: 'update', seq: seq + 2, sections: {} }));
  for (let i = 0; i < 100 && !panel.fromPanel.some((m) => m.type === 'resync'); i++) await new Promise((r) => setTimeout(r, 50));
  assert.deepEqual(panel.fromPanel.find((m) => m.type === 'resync'), { type: 'resync', expected: seq + 1 });
  for (let i = 0; i < 100 && panel.toPanel.filter((m) => m.type === 'snapshot').length < 2; i++) await new Promise((r) => setTimeout(r, 50));
  assert.equal(panel.toPanel.filter((m) => m.type === 'snapshot').length, 2);
  // Hidden: nothing is sent; shown again: a snapshot with what changed meanwhile.
  panel.setVisible(false);
  const before = panel.toPanel.length;
  model.setJob({ ...snapshot, state: 'FINISHED' });
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(panel.toPanel.length, before);
  panel.setVisible(true);
  await panel.page.locator('header', { hasText: 'FINISHED' }).waitFor();
  await panel.close();
});
