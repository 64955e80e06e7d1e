// The README's screenshot of explore.html (docs/images/explore.png): the baseline's page in
// headless Chromium (/usr/bin/chromium, the Debian package), offline, after a question from the
// floor: migrant domestic workers' registration at 90% by 2030, the invalidity scheme shown.
// Run after `npm run build`: node scripts/explore-screenshot.mjs
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { execFileSync } from 'node:child_process';
import { chromium } from 'playwright-core';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const parent = mkdtempSync(join(tmpdir(), 'explore-shot-'));
const out = join(parent, 'page');
try {
  execFileSync(process.execPath, [join(root, 'bin/coverage-sim.js'), 'explore', join(root, 'scenarios/baseline-2025.yaml'), '--out', out], { stdio: 'inherit' });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  const context = await browser.newContext({ offline: true, viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  const idle = () => page.waitForFunction(() => document.getElementById('explore')?.dataset.state === 'idle');
  await page.goto(pathToFileURL(join(out, 'explore.html')).href);
  await idle();
  await page.locator('[id="slider-coverage:domestic_workers"]').fill('0.9');
  await page.locator('[id="year-coverage:domestic_workers"]').fill('2030');
  await page.selectOption('#scheme', '1');
  await idle();
  await page.screenshot({ path: join(root, 'docs/images/explore.png') });
  await browser.close();
} finally {
  rmSync(parent, { recursive: true, force: true });
}
