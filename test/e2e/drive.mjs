// Drives the real VS Code workbench (code-server) in headless Chromium with Playwright: each
// scenario waits on what the workbench shows (Problems rows, Call Stack rows, Variables), never on
// fixed sleeps, asserts, and takes a screenshot. Exports one function; run.mjs starts everything.
import { chromium } from 'playwright-core';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/**
 * Runs the scenarios against the workbench at `url`; screenshots go to `shots`.
 * Returns [{ name, ok, error?, ms }].
 */
export async function drive(url, shots, log = console.log) {
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

    await scenario('F5 on an example starts a session whose Call Stack lists subtasks by Flink name; a step shows the record in Variables', async () => {
      await openFile('clickstream-counts.flink.sql');
      await page.locator('.codelens-decoration', { hasText: 'Debug' }).first().waitFor({ state: 'attached', timeout: 60000 });
      await page.locator('.monaco-editor .view-lines').first().click();
      await page.keyboard.press('F5');
      const frames = page.locator('.debug-call-stack .monaco-list-row');
      await frames.filter({ hasText: /GroupAggregate.*\(\d\/4\)/ }).first().waitFor({ timeout: 90000 });
      await frames.filter({ hasText: /Source: clicks.*\(\d\/4\)|clicks.*\(\d\/4\)/ }).first().waitFor({ timeout: 30000 });
      await page.locator('.statusbar-item', { hasText: 'Flink job: stopped' }).first().waitFor({ timeout: 30000 });
      await page.screenshot({ path: join(shots, 'debug-entry.png') });
      await page.keyboard.press('F10');
      await page.locator('.debug-variables .monaco-list-row', { hasText: /click_id|user_id|page_no/ }).first().waitFor({ timeout: 60000 });
      await page.screenshot({ path: join(shots, 'debug-record.png') });
      await page.keyboard.press('Shift+F5');
      await page.locator('.statusbar-item', { hasText: 'Flink job:' }).first().waitFor({ state: 'detached', timeout: 30000 });
    });
  } finally {
    await ctx.close();
    rmSync(udd, { recursive: true, force: true });
  }
  return results;
}
