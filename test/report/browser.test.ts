/**
 * Every report.html in a real browser: headless Chromium, with the network off and a
 * 1400-pixel window as on a projector, loads the reports of run, compare, sensitivity and
 * stochastic without console errors, with every chart image decoded at 1600×900, and no table
 * wider than the window. Needs Chromium at /usr/bin/chromium (Debian package `chromium`;
 * `.ci/run` installs it); without it this test is skipped, saying so.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { PROJECT, cli, tempDir } from '../helpers/scenarios.js';
import { chromiumAvailable, launchChromium, warnIfNoChromium } from '../helpers/chromium.js';

warnIfNoChromium('report.html');

const WINDOW = { width: 1400, height: 900 };
const baseline = join(PROJECT, 'scenarios', 'baseline-2025.yaml');
const option = (name: string) => join(PROJECT, 'scenarios', name);

/** Each report, from a command of the tool, with the least number of charts it must hold. */
const REPORTS: Array<{ name: string; argv: (out: string) => string[]; charts: number }> = [
  { name: 'run', argv: (out) => ['run', baseline, '--out', out], charts: 15 },
  { name: 'compare', argv: (out) => ['compare', baseline, option('domestic-workers.yaml'), option('cross-border-commuters.yaml'), '--out', out], charts: 3 },
  { name: 'sensitivity', argv: (out) => ['sensitivity', baseline, '--out', out], charts: 2 },
  { name: 'stochastic', argv: (out) => ['stochastic', baseline, '--paths', '200', '--out', out], charts: 2 },
];

describe.skipIf(!chromiumAvailable)('every report.html in headless Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  it.each(REPORTS)('$name: offline, no console error, every chart decoded, no table wider than the window', async ({ argv, charts }) => {
    const out = join(tempDir(), 'report');
    const result = await cli(...argv(out));
    expect(result.code, result.stderr).toBe(0);
    const context = await browser.newContext({ offline: true, viewport: WINDOW });
    try {
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      page.on('pageerror', (error) => errors.push(error.message));
      page.on('requestfailed', (request) => errors.push(`failed: ${request.url().slice(0, 80)}`));
      await page.goto(pathToFileURL(join(out, 'report.html')).href, { waitUntil: 'load' });
      const images = await page.$$eval('img', (list) => list.map((img) => ({ ok: (img as { complete: boolean }).complete, width: (img as { naturalWidth: number }).naturalWidth, height: (img as { naturalHeight: number }).naturalHeight })));
      expect(images.length).toBeGreaterThanOrEqual(charts);
      for (const image of images) expect(image).toEqual({ ok: true, width: 1600, height: 900 });
      // A table's right edge within the window: nothing to scroll sideways on a projector.
      const tables = await page.$$eval('table', (list) => list.map((t) => ({ id: (t as { id: string }).id || (t as { className: string }).className, right: Math.ceil((t as { getBoundingClientRect(): { right: number } }).getBoundingClientRect().right) })));
      expect(tables.length).toBeGreaterThan(0);
      for (const table of tables) expect(table.right, `table ${table.id}`).toBeLessThanOrEqual(WINDOW.width);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);
});
