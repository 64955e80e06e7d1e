/**
 * report.html of sensitivity and of stochastic in headless Chromium (network off): it loads
 * without console errors, every chart image is decoded, and no table is wider than a 1400-px
 * window. Needs Chromium at /usr/bin/chromium; without it the test is skipped, saying so.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cli, scenarioVariant, tempDir } from '../helpers/scenarios.js';
import type { Yaml } from '../helpers/scenarios.js';
import { chromiumAvailable, launchChromium, warnIfNoChromium } from '../helpers/chromium.js';

warnIfNoChromium('uncertainty report.html');

describe.skipIf(!chromiumAvailable)('report.html of sensitivity and stochastic in headless Chromium', () => {
  it('loads offline, every chart decoded, no table wider than a 1400-px window', async () => {
    const scenario = scenarioVariant('basic', (s: Yaml) => {
      s.projection.end_year = 2040;
      s.stochastic = { paths: 40, seed: 3, investment_return: { model: 'ar1', sd: 0.04, phi: 0.3 }, incidence: { model: 'lognormal', sd: 0.1 } };
    });
    const sensitivity = join(tempDir(), 'sensitivity');
    const stochastic = join(tempDir(), 'stochastic');
    expect((await cli('sensitivity', scenario, '--out', sensitivity)).code).toBe(0);
    expect((await cli('stochastic', scenario, '--out', stochastic)).code).toBe(0);
    const browser = await launchChromium();
    try {
      const context = await browser.newContext({ offline: true, viewport: { width: 1400, height: 1000 } });
      for (const dir of [sensitivity, stochastic]) {
        const page = await context.newPage();
        const errors: string[] = [];
        page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
        page.on('pageerror', (error) => errors.push(error.message));
        await page.goto(pathToFileURL(join(dir, 'report.html')).href, { waitUntil: 'load' });
        const images = await page.$$eval('img', (list) => list.map((img) => ({ ok: (img as { complete: boolean }).complete, width: (img as { naturalWidth: number }).naturalWidth })));
        expect(images.length, dir).toBeGreaterThanOrEqual(3);
        for (const image of images) expect(image).toEqual({ ok: true, width: 1600 });
        const tables = await page.$$eval('table', (list) => list.map((t) => ({ id: t.id, right: Math.ceil(t.getBoundingClientRect().right) })));
        expect(tables.length, dir).toBeGreaterThanOrEqual(5);
        for (const t of tables) expect(t.right, `${dir} ${t.id}`).toBeLessThanOrEqual(1400);
        expect(await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth)).toBeLessThanOrEqual(1400);
        expect(errors).toEqual([]);
        await page.close();
      }
    } finally {
      await browser.close();
    }
  }, 120_000);
});
