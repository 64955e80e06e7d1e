/**
 * explore.html in headless Chromium with the network off: sliders set to given values, the
 * numbers the page shows read back, the settings exported as a scenario file, and that file run
 * by the CLI (`run`, and `compare` against the scenario as loaded): the two agree to 1e-9
 * relative. No console error; the page is under 5 MB; it switches to Malay. Needs Chromium at
 * /usr/bin/chromium (`.ci/run` installs it); without it this test is skipped, saying so.
 */
import { copyFileSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { projectScenario } from '../../src/pipeline.js';
import { PROJECT, cli, tempDir } from '../helpers/scenarios.js';
import { chromiumAvailable, launchChromium, warnIfNoChromium } from '../helpers/chromium.js';

warnIfNoChromium('explore.html');

/** The settings a presenter makes from the floor. */
const SETTINGS: Array<{ slider: string; value: string }> = [
  { slider: 'slider-coverage:domestic_workers', value: '0.9' },
  { slider: 'year-coverage:domestic_workers', value: '2030' },
  { slider: 'slider-rate:invalidity:employer', value: '0.0075' },
  { slider: 'slider-economy:investment_return', value: '0.045' },
];

const idle = (page: Page) => page.waitForFunction(() => document.getElementById('explore')?.dataset.state === 'idle', undefined, { timeout: 60_000 });

describe.skipIf(!chromiumAvailable)('explore.html in headless Chromium', () => {
  let browser: Browser;
  let dir: string;
  let scenario: string;
  let html: string;
  beforeAll(async () => {
    dir = tempDir();
    scenario = join(dir, 'baseline-2025.yaml');
    copyFileSync(join(PROJECT, 'scenarios', 'baseline-2025.yaml'), scenario);
    const outcome = await cli('explore', scenario, '--out', join(dir, 'page'));
    expect(outcome.code, outcome.stderr).toBe(0);
    html = join(dir, 'page', 'explore.html');
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
  });

  it('sliders set, numbers read, the settings exported and run: the same numbers to 1e-9', async () => {
    expect(statSync(html).size).toBeLessThan(5e6);
    const context = await browser.newContext({ offline: true, viewport: { width: 1400, height: 900 } });
    try {
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('request', (r) => !/^(file|blob|data):/.test(r.url()) && errors.push(`request: ${r.url().slice(0, 80)}`));
      await page.goto(pathToFileURL(html).href);
      await idle(page);
      for (const { slider, value } of SETTINGS) {
        await page.locator(`[id="${slider}"]`).fill(value);
      }
      await idle(page);
      // The invalidity scheme's headline and the cost table, as the page shows them (exact values).
      await page.selectOption('#scheme', '1');
      const gap = Number(await page.getAttribute('#gap', 'data-value'));
      const costs = await page.$$eval('#cost-table tbody tr', (rows) =>
        rows.map((r) => ({ scheme: (r as HTMLElement).dataset.scheme, values: Array.from(r.querySelectorAll('td[data-value]'), (td) => Number((td as HTMLElement).dataset.value)) })),
      );
      const charts = await page.$$eval('canvas[data-chart]', (list) => list.map((c) => (c as HTMLElement).dataset.chart));
      expect(charts).toEqual(expect.arrayContaining(['fund', 'cost-rates']));
      const yaml = await page.inputValue('#patch');
      expect(yaml).toContain('extends: baseline-2025.yaml');

      const patch = join(dir, 'baseline-2025-what-if.yaml');
      writeFileSync(patch, yaml);
      const ran = await cli('run', patch, '--out', join(dir, 'what-if'), '--no-charts');
      expect(ran.code, ran.stderr).toBe(0);
      // run's own numbers, unrounded: the general average premium over the horizon.
      const fromFile = projectScenario(patch).measures.schemes[1].generalAveragePremium.at(-1)!.rate!;
      expect(Math.abs(gap - fromFile) / fromFile).toBeLessThan(1e-9);
      // It moved: 0.75% for the employer is more than the loaded 0.5%.
      expect(Number(await page.getAttribute('#legislated', 'data-value'))).toBeGreaterThan(0.01);

      const compared = await cli('compare', scenario, patch, '--out', join(dir, 'compare'), '--no-charts');
      expect(compared.code, compared.stderr).toBe(0);
      const options = Papa.parse<Record<string, string>>(readFileSync(join(dir, 'compare', 'options.csv'), 'utf8'), { header: true, skipEmptyLines: true }).data;
      const columns = ['pv_extra_contributions_MYR', 'pv_extra_government_contributions_MYR', 'pv_extra_benefits_expenses_MYR', 'net_pv_cost_MYR'];
      expect(costs.length).toBe(options.length);
      for (const row of options) {
        const shown = costs.find((c) => c.scheme === row.scheme)!;
        columns.forEach((column, j) => {
          const csv = Number(row[column]);
          // options.csv rounds to the cent.
          expect(Math.abs(shown.values[j] - csv), `${row.scheme} ${column}`).toBeLessThanOrEqual(Math.max(1e-9 * Math.abs(csv), 0.005));
        });
      }
      expect(Math.abs(costs.find((c) => c.scheme === 'all')!.values[3])).toBeGreaterThan(1e6);

      // Malay, and back.
      await page.click('#language');
      expect(await page.textContent('h1')).toMatch(/^Bagaimana jika\?/);
      expect(await page.textContent('#controls h2')).toMatch(/^Pendaftaran/);
      await page.click('#language');
      expect(await page.textContent('h1')).toMatch(/^What if\?/);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 180_000);
});
