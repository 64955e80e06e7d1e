// Draws the charts the README shows, one of each kind, from the shipped scenarios, into
// docs/images/. Run after a change to a chart: `npm run build && node scripts/readme-images.mjs`.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'bin', 'coverage-sim.js');
const scenario = (name) => join(root, 'scenarios', `${name}.yaml`);
const work = mkdtempSync(join(tmpdir(), 'coverage-sim-images-'));
const run = (...args) => execFileSync(process.execPath, [cli, ...args], { stdio: ['ignore', 'ignore', 'inherit'] });

/** [command output folder, chart name, image name in docs/images]. */
const IMAGES = [
  ['run', 'invalidity-fund', 'run-fund-invalidity'],
  ['run', 'invalidity-shortfall', 'run-shortfall-invalidity'],
  ['run', 'employment_injury-flows', 'run-flows-employment-injury'],
  ['run', 'invalidity-cost-rates', 'run-cost-rates-invalidity'],
  ['run', 'employment_injury-registered', 'run-registered-employment-injury'],
  ['run', 'invalidity-groups', 'run-groups-invalidity'],
  ['run', 'employment_injury-pensions', 'run-pensions-employment-injury'],
  ['run', 'employment_injury-pyramid', 'run-pyramid-employment-injury'],
  ['run', 'invalidity-coverage', 'run-coverage-invalidity'],
  ['run-fishers', 'self_employment_injury-payers', 'run-payers-self-employment-injury'],
  ['compare-all', 'all-schemes-net-cost', 'compare-net-cost'],
  ['compare', 'invalidity-fund', 'compare-fund-invalidity'],
  ['sensitivity', 'invalidity-tornado', 'sensitivity-tornado-invalidity'],
  ['sensitivity', 'invalidity-grid', 'sensitivity-grid-invalidity'],
  ['stochastic', 'invalidity-fan-reserve-ratio', 'fan-reserve-ratio-invalidity'],
  ['stochastic', 'invalidity-probability', 'stochastic-probability-invalidity'],
];

try {
  run('run', scenario('baseline-2025'), '--out', join(work, 'run'));
  run('run', scenario('fishers'), '--out', join(work, 'run-fishers'));
  run('compare', scenario('baseline-2025'), scenario('domestic-workers'), scenario('foreign-workers-full-registration'), scenario('cross-border-commuters'), '--out', join(work, 'compare'));
  const options = readdirSync(join(root, 'scenarios')).filter((f) => f.endsWith('.yaml') && f !== 'baseline-2025.yaml').map((f) => join(root, 'scenarios', f));
  run('compare', scenario('baseline-2025'), ...options, '--out', join(work, 'compare-all'));
  run('sensitivity', scenario('baseline-2025'), '--out', join(work, 'sensitivity'));
  run('stochastic', scenario('baseline-2025'), '--paths', '10000', '--out', join(work, 'stochastic'));
  for (const [folder, chart, image] of IMAGES) {
    try {
      copyFileSync(join(work, folder, 'charts', `${chart}.png`), join(root, 'docs', 'images', `${image}.png`));
    } catch {
      console.error(`not drawn: ${folder}/${chart}`);
      process.exitCode = 1;
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
