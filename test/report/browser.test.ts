/**
 * report.html in a real browser: headless Chromium with the network disabled loads it without
 * console errors, and every chart image is present and decoded at 1600×900. Needs Chromium at
 * /usr/bin/chromium (Debian package `chromium`; `.ci/run` installs it); without it this test is
 * skipped, saying so.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { chromium } from 'playwright-core';
import { PROJECT, cli, tempDir } from '../helpers/scenarios.js';

const CHROMIUM = '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
if (!available) console.warn(`report.html browser test skipped: ${CHROMIUM} not found (install the Debian package "chromium")`);

describe.skipIf(!available)('report.html in headless Chromium', () => {
  it('renders offline with no console errors and every chart image decoded', async () => {
    const out = join(tempDir(), 'report');
    expect((await cli('run', join(PROJECT, 'scenarios', 'baseline-2025.yaml'), '--out', out)).code).toBe(0);
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    try {
      const context = await browser.newContext({ offline: true });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      page.on('pageerror', (error) => errors.push(error.message));
      page.on('requestfailed', (request) => errors.push(`failed: ${request.url().slice(0, 80)}`));
      await page.goto(pathToFileURL(join(out, 'report.html')).href, { waitUntil: 'load' });
      const images = await page.$$eval('img', (list) => list.map((img) => ({ ok: (img as { complete: boolean }).complete, width: (img as { naturalWidth: number }).naturalWidth, height: (img as { naturalHeight: number }).naturalHeight })));
      expect(images.length).toBeGreaterThanOrEqual(15);
      for (const image of images) expect(image).toEqual({ ok: true, width: 1600, height: 900 });
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 120_000);
});
