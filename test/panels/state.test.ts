// The state browser in real headless Chromium against the built bundle (Monaco and its workers
// under the panel's CSP): two retained checkpoints of a real run, a key's values read in a
// read-only Monaco editor, and a Monaco diff showing a key whose count changed between them,
// checked against the runtime's own checkpoint reader.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { nodeCheckpointFs } from '../../cli/nodeCheckpointFs.js';
import { PanelModel } from '../../panels/index.js';
import { openCheckpoint } from '../../runtime/index.js';
import { launchChromium, nodeScheduler, openPanel, REPO_ROOT, startPanelServer } from './support/browserHost.js';
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

/** Every key of the aggregate in a checkpoint with its values, by the runtime's reader. */
async function aggregateState(path: string): Promise<Map<string, { keyGroup: number; subtask: number; values: Map<string, unknown> }>> {
  const opened = await openCheckpoint(nodeCheckpointFs, path);
  assert.ok(opened.ok);
  const out = new Map<string, { keyGroup: number; subtask: number; values: Map<string, unknown> }>();
  const agg = opened.value.metadata.vertices.find((v) => v.vertexName?.startsWith('GroupAggregate'))!;
  for (const s of agg.subtasks) {
    const st = await opened.value.readState(s.stateFile!);
    assert.ok(st.ok);
    for (const [kg, states] of st.value.keyGroups) for (const [name, table] of states) for (const [k, v] of table) {
      const e = out.get(k as string) ?? { keyGroup: kg, subtask: s.subtaskIndex, values: new Map() };
      e.values.set(name, v);
      out.set(k as string, e);
    }
  }
  return out;
}

/** The text a Monaco editor (or one side of a diff) shows. */
async function editorText(page: Page, selector: string): Promise<string> {
  await page.locator(`${selector} .view-lines`).first().waitFor();
  return (await page.locator(`${selector} .view-lines`).first().innerText()).replace(/\u00a0/g, ' ');
}

/** JSON text without whitespace outside strings (the keys and values here hold no spaces). */
function squeeze(text: string): string {
  return text.replace(/\s+/g, '');
}

async function expand(page: Page, path: string): Promise<void> {
  const item = page.locator(`li[role="treeitem"][data-path="${path}"]`);
  await item.locator(':scope > .row-label > .twisty').click();
  await page.locator(`li[role="treeitem"][data-path="${path}"] > ul[role="group"] > li`).first().waitFor();
}

test('browse a checkpoint to a key, read its values in Monaco, and diff it against an older checkpoint', async () => {
  const model = new PanelModel({ scheduler: nodeScheduler, fs: nodeCheckpointFs });
  const run = await runPanelTestJob({ model, cancelAfterCheckpoint: 5 });
  await model.setCheckpointDirectory(run.checkpointDir);
  const older = join(run.jobDir, 'chk-2');
  const newer = join(run.jobDir, 'chk-5');
  const a = await aggregateState(older);
  const b = await aggregateState(newer);
  // A key whose count changed between the two checkpoints, found by the runtime's reader.
  const [key, after] = [...b].find(([k, v]) => a.has(k) && JSON.stringify([...a.get(k)!.values]) !== JSON.stringify([...v.values]))!;
  assert.ok(key, 'some key changed between checkpoints 2 and 5');
  const aggVertex = run.snapshot.vertices.find((v) => v.name.startsWith('GroupAggregate'))!;

  for (const theme of [DARK, LIGHT]) {
    const panel = await openPanel(browser, server.origin, 'state', model, theme, { width: 1300, height: 900 });
    const page = panel.page;
    await page.locator('#checkpoint option').first().waitFor({ state: 'attached' });
    await page.selectOption('#checkpoint', newer);
    await page.selectOption('#compare', older);
    await page.locator(`li[role="treeitem"][data-path="${aggVertex.id}"]`).waitFor();
    // Vertices → subtasks → key groups → keys, each level a page from the host.
    await expand(page, aggVertex.id);
    await expand(page, `${aggVertex.id}/${after.subtask}`);
    await expand(page, `${aggVertex.id}/${after.subtask}/${after.keyGroup}`);
    const keyItem = page.locator(`li[role="treeitem"][data-path^="${aggVertex.id}/${after.subtask}/${after.keyGroup}/"]`, { hasText: JSON.stringify(key) });
    await keyItem.locator(':scope > .row-label').click();
    await page.locator('#editor[data-mode="value"]').waitFor();
    const value = squeeze(await editorText(page, '#editor'));
    for (const [name, v] of after.values) assert.ok(value.includes(`"${name}":${JSON.stringify(v)}`), `editor shows ${name}: ${JSON.stringify(v)} in ${value}`);
    // The diff of that key: the old and the new values side by side.
    await page.click('#diff');
    await page.locator('#editor[data-mode="diff"]').waitFor();
    assert.match((await page.locator('#status').textContent()) ?? '', /^checkpoint 2 · .* → checkpoint 5 · .*: 1 changed, 0 added, 0 removed$/);
    const left = squeeze(await editorText(page, '#editor .editor.original'));
    const right = squeeze(await editorText(page, '#editor .editor.modified'));
    for (const [name, v] of a.get(key)!.values) assert.ok(left.includes(`"${name}":${JSON.stringify(v)}`), `left shows ${name} ${JSON.stringify(v)}: ${left}`);
    for (const [name, v] of after.values) assert.ok(right.includes(`"${name}":${JSON.stringify(v)}`), `right shows ${name} ${JSON.stringify(v)}: ${right}`);
    assert.notEqual(left, right);
    // Monaco marks the changed line (its diff runs in the editor worker).
    await page.locator('#editor .editor.modified .line-insert, #editor .editor.modified .char-insert').first().waitFor({ timeout: 5000 }).catch((e: Error) => {
      throw new Error(`${e.message}\npage errors: ${panel.errors.join('\n')}\nnot found: ${server.notFound.join(', ')}`);
    });
    // The whole vertex: the changed keys are listed, each a link to its own diff.
    await page.locator(`li[role="treeitem"][data-path="${aggVertex.id}"] > .row-label`).click();
    await page.click('#diff');
    await page.locator('ul.changed li').first().waitFor();
    const changedCount = [...b].filter(([k, v]) => a.has(k) && JSON.stringify([...a.get(k)!.values]) !== JSON.stringify([...v.values])).length;
    const added = [...b.keys()].filter((k) => !a.has(k)).length;
    assert.match((await page.locator('#status').textContent()) ?? '', new RegExp(`: ${changedCount} changed, ${added} added, 0 removed$`));
    await page.locator(`li[role="treeitem"][data-path="${aggVertex.id}/${after.subtask}/${after.keyGroup}"] > .row-label`).click();
    await page.click('#diff');
    await page.locator('#editor[data-mode="diff"]').waitFor();
    await page.screenshot({ path: join(SHOTS, `state-${theme === LIGHT ? 'light' : 'dark'}.png`) });
    assert.deepEqual(await panel.cspViolations(), []);
    await panel.close();
  }
});
