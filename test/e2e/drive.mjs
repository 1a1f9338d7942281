// Drives the real VS Code workbench (code-server) in headless Chromium with Playwright: each
// scenario waits on what the workbench shows (Problems rows, Call Stack rows, Variables), never on
// fixed sleeps, asserts, and takes a screenshot. Exports one function; run.mjs starts everything.
import { chromium } from 'playwright-core';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/**
 * Runs the scenarios against the workbench at `url` (folder `workspace`); screenshots go to `shots`.
 * Returns [{ name, ok, error?, ms }].
 */
export async function drive(url, shots, workspace, log = console.log) {
  mkdirSync(shots, { recursive: true });
  const udd = mkdtempSync(join(tmpdir(), 'checkpoint-lab-chromium-'));
  // VS Code web webviews need third-party cookies (a service worker in a third-party iframe).
  mkdirSync(join(udd, 'Default'), { recursive: true });
  writeFileSync(join(udd, 'Default', 'Preferences'), JSON.stringify({ profile: { cookie_controls_mode: 0, block_third_party_cookies: false } }));
  const ctx = await chromium.launchPersistentContext(udd, { executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', headless: true, viewport: { width: 1400, height: 900 }, args: CHROMIUM_FLAGS });
  const page = ctx.pages()[0] ?? (await ctx.newPage());
  const results = [];
  const scenario = async (name, body) => {
    const t0 = Date.now();
    try {
      await body();
      results.push({ name, ok: true, ms: Date.now() - t0 });
      log(`ok   ${name} (${Date.now() - t0} ms)`);
    } catch (e) {
      results.push({ name, ok: false, error: e.message.split('\n').slice(0, 4).join(' | '), ms: Date.now() - t0 });
      log(`FAIL ${name}: ${e.message.split('\n').slice(0, 4).join(' | ')}`);
      await page.screenshot({ path: join(shots, `error-${results.length}.png`) }).catch(() => {});
    }
  };
  const palette = async (title) => {
    await page.keyboard.press('Escape');
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ timeout: 15000 });
    await input.fill(`>${title}`);
    await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ timeout: 30000 });
    await page.keyboard.press('Enter');
  };
  /** The webview (two iframes deep) that shows `selector`, among the open panels. */
  const panelShowing = async (selector, timeout = 60000) => {
    const deadline = Date.now() + timeout;
    for (;;) {
      const n = await page.locator('iframe.webview').count();
      for (let i = 0; i < n; i++) {
        const frame = page.frameLocator(`iframe.webview >> nth=${i}`).frameLocator('#active-frame');
        if ((await frame.locator(selector).count()) > 0) return frame;
      }
      if (Date.now() > deadline) throw new Error(`no panel shows ${selector} within ${timeout / 1000} s`);
      await page.waitForTimeout(250); // polling the panels' DOM for the readiness signal, not a fixed wait
    }
  };
  const openFile = async (name) => {
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+P');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ timeout: 15000 });
    await input.fill(name);
    await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor({ timeout: 30000 });
    await page.keyboard.press('Enter');
    await page.locator('.tabs-container .tab.active', { hasText: name }).waitFor({ timeout: 30000 });
  };

  try {
    await page.goto(url);
    await page.locator('.monaco-workbench').waitFor({ timeout: 120000 });
    await page.locator('.statusbar').waitFor({ timeout: 60000 });
    log('workbench up');

    await scenario('a broken job file puts its errors in the Problems view at the right lines', async () => {
      await openFile('broken.flink.sql');
      await palette('View: Focus Problems');
      const rows = page.locator('.markers-panel .monaco-list-row');
      const optionRow = rows.filter({ hasText: "Unsupported options found for 'datagen'" }).first();
      await optionRow.waitFor({ timeout: 90000 });
      const tableRow = rows.filter({ hasText: "Object 'clickz' not found" }).first();
      await tableRow.waitFor({ timeout: 30000 });
      const optionText = await optionRow.textContent();
      const tableText = await tableRow.textContent();
      if (!/\[Ln 7, Col 3\]/.test(optionText)) throw new Error(`the option error is not at line 7, column 3: ${optionText}`);
      if (!/\[Ln 13, Col 31\]/.test(tableText)) throw new Error(`the table error is not at line 13, column 31: ${tableText}`);
      // Highlighting: the grammar colours SET/CREATE keywords and option keys differently from plain text.
      const keywordColor = await page.locator('.view-line span', { hasText: /^CREATE$/ }).first().evaluate((e) => getComputedStyle(e).color);
      const identColor = await page.locator('.view-line span', { hasText: /user_id/ }).first().evaluate((e) => getComputedStyle(e).color);
      if (keywordColor === identColor) throw new Error(`keywords are not highlighted (${keywordColor})`);
      await page.screenshot({ path: join(shots, 'problems.png') });
    });

    await scenario('F5 on an example starts a session whose Call Stack lists subtasks by Flink name; a breakpoint on the GROUP BY line stops there with the record in Variables', async () => {
      await openFile('clickstream-counts.flink.sql');
      await page.locator('.monaco-editor .view-lines').first().click();
      // To the GROUP BY line (line 50 of the example): the INSERT's lens is in view (the editor renders only visible lenses).
      await page.keyboard.press('Control+G');
      await page.locator('.quick-input-widget input').waitFor({ timeout: 15000 });
      await page.keyboard.type('50');
      await page.keyboard.press('Enter');
      await page.locator('.codelens-decoration', { hasText: 'Debug' }).first().waitFor({ state: 'attached', timeout: 120000 });
      await page.keyboard.press('F9'); // a breakpoint on the GROUP BY line
      await page.locator('.codicon-debug-breakpoint, .codicon-debug-breakpoint-unverified').first().waitFor({ timeout: 15000 });
      await page.keyboard.press('F5');
      const frames = page.locator('.debug-call-stack .monaco-list-row');
      await frames.filter({ hasText: /GroupAggregate.*\(\d\/4\)/ }).first().waitFor({ timeout: 90000 });
      await frames.filter({ hasText: /Source: clicks.*\(\d\/4\)/ }).first().waitFor({ timeout: 30000 });
      await page.locator('.statusbar-item', { hasText: 'Flink job: stopped (entry)' }).first().waitFor({ timeout: 30000 });
      await page.screenshot({ path: join(shots, 'debug-entry.png') });
      await page.keyboard.press('F5'); // continue: the next stop is the breakpoint
      await page.locator('.statusbar-item', { hasText: 'Flink job: stopped (breakpoint)' }).first().waitFor({ timeout: 60000 });
      await frames.filter({ hasText: /paused on breakpoint/i }).first().waitFor({ timeout: 30000 });
      // The GROUP BY line binds to the operator that computes the key: its record (click_id, page_no) is in Variables.
      await page.locator('.debug-variables .monaco-list-row', { hasText: /click_id|user_id/ }).first().waitFor({ timeout: 60000 });
      const line = await page.locator('.debug-top-stack-frame-line, .debug-top-stack-frame-column').count();
      if (line === 0) throw new Error('the editor does not mark the stopped line');
      await page.screenshot({ path: join(shots, 'debug-breakpoint.png') });
      await page.keyboard.press('Shift+F5');
      await page.locator('.statusbar-item', { hasText: 'Flink job:' }).first().waitFor({ state: 'detached', timeout: 30000 });
    });

    await scenario('Show Checkpoints opens the partition panel on the newest checkpoint: key groups per subtask and the hot keys', async () => {
      await palette('Checkpoint Lab: Show Checkpoints');
      const panel = await panelShowing('canvas.kg-map');
      await panel.locator('h2', { hasText: 'Load per subtask' }).first().waitFor({ timeout: 30000 });
      const aggregate = await panel.locator('#vertex option', { hasText: 'GroupAggregate' }).first().getAttribute('value');
      await panel.locator('#vertex').selectOption(aggregate);
      const bars = await panel.locator('ul.bars li').count();
      if (bars !== 4) throw new Error(`expected 4 subtasks in the load bars, saw ${bars}`);
      await panel.locator('table.grid tbody tr', { hasText: 'user-' }).first().waitFor({ timeout: 30000 });
      await page.screenshot({ path: join(shots, 'partitions.png') });
    });

    await scenario('Inject Failure (debug toolbar button, quick picks of the action and the running subtasks) fails the subtask and the session stops on the failure', async () => {
      await openFile('clickstream-counts.flink.sql');
      await page.locator('.monaco-editor .view-lines').first().click();
      await page.keyboard.press('Control+G');
      await page.locator('.quick-input-widget input').waitFor({ timeout: 15000 });
      await page.keyboard.type('50');
      await page.keyboard.press('Enter');
      await page.keyboard.press('F9'); // the GROUP BY breakpoint off again
      await page.keyboard.press('F5');
      await page.locator('.statusbar-item', { hasText: 'Flink job: stopped (entry)' }).first().waitFor({ timeout: 60000 });
      await page.locator('.debug-toolbar .codicon-flame').first().waitFor({ timeout: 15000 });
      await page.locator('.debug-toolbar .codicon-save').first().waitFor({ timeout: 15000 });
      await page.locator('.debug-toolbar .codicon-flame').first().click();
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'fail-task' }).first().click({ timeout: 30000 });
      const victim = page.locator('.quick-input-list .monaco-list-row', { hasText: /GroupAggregate.*\(2\/4\)/ }).first();
      await victim.waitFor({ timeout: 30000 });
      if (!/GroupAggregate\[1\]/.test(await victim.textContent())) throw new Error(`the target is not named GroupAggregate[1]: ${await victim.textContent()}`);
      await victim.click();
      await page.locator('.notifications-toasts', { hasText: /fail-task: failed GroupAggregate.*\(2\/4\)/ }).first().waitFor({ timeout: 30000 });
      // A subtask failed while the job was stopped: the session stops on the failure at once, or
      // when it runs on (the Task failure filter is on by default).
      const onFailure = page.locator('.statusbar-item', { hasText: 'Flink job: stopped (exception)' }).first();
      if (!(await onFailure.waitFor({ timeout: 10000 }).then(() => true, () => false))) {
        await page.keyboard.press('F5');
        await onFailure.waitFor({ timeout: 60000 });
      }
      await page.locator('.zone-widget', { hasText: /GroupAggregate.*\(2\/4\) failed/ }).first().waitFor({ timeout: 30000 });
      await page.screenshot({ path: join(shots, 'inject-failure.png') });
      await page.keyboard.press('Shift+F5');
      await page.locator('.statusbar-item', { hasText: 'Flink job:' }).first().waitFor({ state: 'detached', timeout: 30000 });
    });

    await scenario('reverse-continue from a stop after checkpoint 2 returns to the latest completed checkpoint', async () => {
      const filter = page.locator('.debug-breakpoints .monaco-list-row', { hasText: 'Checkpoint completed' }).first();
      await filter.locator('input[type=checkbox]').check();
      await page.locator('.monaco-editor .view-lines').first().click();
      await page.keyboard.press('F5');
      await page.locator('.statusbar-item', { hasText: 'Flink job: stopped (entry)' }).first().waitFor({ timeout: 60000 });
      const frames = page.locator('.debug-call-stack .monaco-list-row');
      await page.keyboard.press('F5');
      await page.locator('.statusbar-item', { hasText: 'Flink job: stopped (exception)' }).first().waitFor({ timeout: 60000 });
      await page.keyboard.press('F5'); // on to the next checkpoint
      await page.locator('.statusbar-item', { hasText: 'Flink job: running' }).first().waitFor({ timeout: 30000 }).catch(() => {});
      await page.locator('.statusbar-item', { hasText: 'Flink job: stopped (exception)' }).first().waitFor({ timeout: 60000 });
      await page.locator('.debug-toolbar .codicon-debug-reverse-continue').first().click();
      await frames.filter({ hasText: /back at checkpoint \d+/i }).first().waitFor({ timeout: 60000 });
      await page.screenshot({ path: join(shots, 'reverse-continue.png') });
      await filter.locator('input[type=checkbox]').uncheck();
      await page.keyboard.press('Shift+F5');
      await page.locator('.statusbar-item', { hasText: 'Flink job:' }).first().waitFor({ state: 'detached', timeout: 30000 });
    });

    await scenario('a session with a checkpoint directory opens the partition panel and refreshes it as checkpoints complete', async () => {
      // A launch configuration of its own: an unbounded job paced at real time, a fresh checkpoint directory.
      mkdirSync(join(workspace, '.vscode'), { recursive: true });
      writeFileSync(join(workspace, '.vscode', 'launch.json'), JSON.stringify({ version: '0.2.0', configurations: [{ type: 'checkpoint-lab', request: 'launch', name: 'Follow the checkpoints', job: '${workspaceFolder}/endless-counts.flink.sql', checkpointDir: '${workspaceFolder}/session-checkpoints', speed: 1 }] }));
      await page.locator('.statusbar-item', { hasText: 'Follow the checkpoints' }).first().waitFor({ timeout: 30000 });
      await page.keyboard.press('Escape');
      await page.locator('.monaco-editor .view-lines').first().click();
      await page.keyboard.press('F5');
      const panel = await panelShowing('text=/session-checkpoints/', 120000);
      await panel.locator('text=/· checkpoint \\d+/').first().waitFor({ timeout: 30000 });
      const first = await panel.locator('text=/· checkpoint \\d+/').first().textContent();
      await page.screenshot({ path: join(shots, 'session-partitions.png') });
      // It follows: a later checkpoint replaces the first one while the job runs.
      await panel.locator('text=/· checkpoint \\d+/').filter({ hasNotText: first.trim() }).first().waitFor({ timeout: 90000 });
      await page.keyboard.press('Shift+F5');
      await page.locator('.statusbar-item', { hasText: 'Flink job:' }).first().waitFor({ state: 'detached', timeout: 60000 });
    });

    await scenario('VS Code measures the activation under 200 ms (Developer: Show Running Extensions)', async () => {
      await palette('Developer: Show Running Extensions');
      const row = page.locator('.runtime-extensions-editor .monaco-list-row', { hasText: 'Checkpoint Lab' }).first();
      await row.waitFor({ timeout: 30000 });
      const text = (await row.locator('.activation-time').textContent()) ?? '';
      const ms = Number(/(\d+)\s*ms/.exec(text)?.[1]);
      log(`activation as VS Code measures it: ${text.trim()}`);
      results.activationMs = ms;
      if (!(ms < 200)) throw new Error(`activation took ${text.trim()}`);
      await page.screenshot({ path: join(shots, 'running-extensions.png') });
    });
  } finally {
    await ctx.close();
    rmSync(udd, { recursive: true, force: true });
  }
  return results;
}
