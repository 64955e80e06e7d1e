// `npm run bench`: speed of the engine and of a whole run, as medians over repeated runs.
// Measured here, never asserted in tests. Usage: npm run bench [-- scenario.yaml]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { loadScenario } from '../dist/scenario/load.js';
import { buildAssumptions } from '../dist/assumptions/build.js';
import { tableFiles } from '../dist/assumptions/table-files.js';
import { project } from '../dist/engine/project.js';
import { projectScenario, registerOf, reportFiles, reportWorkbook } from '../dist/pipeline.js';
import { rangedEntries } from '../dist/register/effects.js';
import { runCharts } from '../dist/report/charts/run-charts.js';
import { exploreData } from '../dist/report/explore-html.js';
import { exploreSession } from '../dist/explore/session.js';
import { patchOf } from '../dist/explore/controls.js';
import { renderCharts } from '../dist/report/charts/renderer.js';
import { measureResponse } from '../dist/stochastic/response.js';
import { simulatePaths } from '../dist/stochastic/paths.js';
import { layoutOf } from '../dist/stochastic/exact.js';
import { runPaths } from '../dist/stochastic/run.js';
import { modelOf } from '../dist/cli/stochastic.js';
import { standardShocks } from '../dist/sensitivity/shocks.js';
import { gridAt, gridPairs, sensitivity } from '../dist/sensitivity/analysis.js';
import { GRID_CONTRIBUTION_FACTORS, GRID_COVERAGE_SHIFTS } from '../dist/cli/sensitivity.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const scenario = process.argv[2] ?? join(root, 'scenarios', 'baseline-2025.yaml');

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function time(fn, runs) {
  const out = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    out.push(performance.now() - start);
  }
  return out;
}

const assumptions = buildAssumptions(loadScenario(scenario), tableFiles());
time(() => project(assumptions), 30); // warm-up: let the JIT compile the kernel
const engine = median(time(() => project(assumptions), 200));

// Cell-years: groups × sexes × ages × years for the insured and for each pension type kept.
const cells = assumptions.groups.length * 2 * 111 * assumptions.years * assumptions.schemes.length;

const out = mkdtempSync(join(tmpdir(), 'coverage-sim-bench-'));
const bin = join(root, 'bin', 'coverage-sim.js');
let endToEnd, endToEndCsv;
try {
  endToEnd = median(time(() => execFileSync(process.execPath, [bin, 'run', scenario, '--out', join(out, 'report')], { stdio: 'ignore' }), 7));
  endToEndCsv = median(time(() => execFileSync(process.execPath, [bin, 'run', scenario, '--out', join(out, 'report'), '--no-charts'], { stdio: 'ignore' }), 7));
} finally {
  // Removed even when a run fails, so a failed benchmark leaves nothing in the temp folder.
  rmSync(out, { recursive: true, force: true });
}
const loadAndResolve = median(time(() => buildAssumptions(loadScenario(scenario), tableFiles()), 20));
// The assumption register's ranges: each projected again at both ends (and the flips searched).
const runResult = projectScenario(scenario);
const ranges = rangedEntries(runResult.loaded).length;
const registerTime = median(time(() => registerOf(runResult), 3));
// The explore page's work per slider move (in Node; a browser's is shown on the page): the
// patch merged and validated, the assumptions, the projection, the measures and the cost rows.
const explore = exploreData(runResult, registerOf(runResult).effects);
const exploreRun = exploreSession(explore);
const dw = explore.controls.find((c) => c.id === 'coverage:domestic_workers');
let step = 0;
const exploreMove = median(time(() => exploreRun(patchOf(explore.merged, explore.controls, { [dw.id]: { value: 0.6 + 0.01 * (step++ % 30), year: 2030 } }, explore.startYear)), 20));
// report.xlsx of the run: every CSV as a sheet (written with the charts, not with --no-charts).
const runTables = reportFiles(runResult);
const workbookTimes = [];
for (let k = 0; k < 3; k++) {
  const started = performance.now();
  await reportWorkbook(runResult, runTables);
  workbookTimes.push(performance.now() - started);
}

// The whole chart set of a run (every chart in PNG and SVG), after a first warm-up render.
const result = projectScenario(scenario);
const charts = runCharts({ projection: result.projection, measures: result.measures, groupLabels: result.assumptions.groups.map((g) => g.label), currency: 'MYR', lang: 'en' });
const chartTimes = [];
for (let i = 0; i < 6; i++) {
  const start = performance.now();
  await renderCharts(charts);
  chartTimes.push(performance.now() - start);
}
const firstRender = chartTimes.shift();

// Uncertainty: the sensitivity set (every one-at-a-time shock, full projections and measures),
// and 10,000 stochastic paths (the response measured on the engine, then the paths).
const loaded = loadScenario(scenario);
const options = { gapPeriods: [10, 25, 50], targetReserveRatio: 0, scaledPremiumYears: 10 };
const shocks = standardShocks(assumptions);
const sensitivityTime = median(time(() => sensitivity(assumptions, shocks, options, [assumptions.startYear + 10, assumptions.startYear + 25]), 5));
const gridPoints = GRID_CONTRIBUTION_FACTORS.length * GRID_COVERAGE_SHIFTS.length;
const gridTime = median(time(() => gridAt(assumptions, 0, gridPairs(GRID_CONTRIBUTION_FACTORS, GRID_COVERAGE_SHIFTS), assumptions.startYear + 25), 5));
function timeStochastic(model, seed) {
  const runs = [];
  for (let k = 0; k < 3; k++) {
    const start = performance.now();
    const response = measureResponse(assumptions, { mortality: (model.mortality?.sd ?? 0) > 0 });
    const responseMs = performance.now() - start;
    simulatePaths(response, model, seed, 0, 10000);
    runs.push({ total: performance.now() - start, response: responseMs });
  }
  return { total: median(runs.map((r) => r.total)), response: median(runs.map((r) => r.response)) };
}
// The exact method (--exact): a full projection per path, in this thread as the fast method is
// timed. 10,000 paths are timed when a first 200 say they take at most two minutes; otherwise
// 1,000, and 10,000 extrapolated. Then 1,000 over every core, for how it scales.
const EXACT_PATHS = 10000;
async function timeExact(model, seed) {
  const job = { method: 'exact', assumptions, model, seed };
  const layout = layoutOf(assumptions);
  const run = async (paths, workers) => {
    const start = performance.now();
    await runPaths(job, layout, 0, paths, workers);
    return performance.now() - start;
  };
  const probe = await run(200, 1);
  const paths = (probe / 200) * EXACT_PATHS <= 120_000 ? EXACT_PATHS : 1000;
  const ms = await run(paths, 1);
  const workers = availableParallelism();
  const parallel = workers > 1 ? { workers, ms: await run(1000, workers) } : null;
  return { paths, ms, estimate: (ms / paths) * EXACT_PATHS, parallel };
}
let stochastic = null;
let withMortality = null;
let exact = null;
if (loaded.scenario.stochastic) {
  const { model, seed } = modelOf(loaded);
  stochastic = timeStochastic(model, seed);
  // Mortality shocks are optional; with them the response needs four more engine runs a year.
  withMortality = model.mortality ? null : timeStochastic({ ...model, mortality: { sd: 0.03, phi: 0.9 } }, seed);
  exact = await timeExact(model, seed);
}

console.log(`scenario: ${scenario}`);
console.log(`  ${assumptions.groups.length} groups, ${assumptions.schemes.length} schemes, ${assumptions.years} years (${assumptions.startYear}-${assumptions.endYear})`);
console.log(`engine (project), median of 200:     ${engine.toFixed(2)} ms   (target < 5 ms for the baseline)`);
console.log(`  ${(cells / (engine / 1000) / 1e6).toFixed(1)} million group-sex-age-year cells per second per scheme`);
console.log(`load + assumptions, median of 20:    ${loadAndResolve.toFixed(1)} ms`);
console.log(`coverage-sim run, end to end with charts and report.html, median of 7 (new process each): ${endToEnd.toFixed(0)} ms`);
console.log(`coverage-sim run --no-charts, end to end, median of 7: ${endToEndCsv.toFixed(0)} ms   (target < 1000 ms besides the register's ranges)`);
console.log(`  of which the assumption register's ${ranges} ranges (two projections each, and the searches for flips), median of 3: ${registerTime.toFixed(0)} ms`);
console.log(`explore page, one slider move (patch, assumptions, projection, measures, cost rows), median of 20: ${exploreMove.toFixed(1)} ms   (target < 100 ms)`);
console.log(`report.xlsx of the run (every CSV a sheet; written with the charts, not with --no-charts), median of 3: ${median(workbookTimes).toFixed(0)} ms`);
console.log(`sensitivity set (${shocks.length} shocks, full projections and measures), median of 5: ${sensitivityTime.toFixed(0)} ms   (target < 1000 ms)`);
console.log(`  and its grid (${gridPoints} points), median of 5: ${gridTime.toFixed(0)} ms; shocks and grid together ${(sensitivityTime + gridTime).toFixed(0)} ms`);
if (stochastic) {
  const perPath = (stochastic.total - stochastic.response) / 10000;
  console.log(`10,000 stochastic paths, median of 3: ${(stochastic.total / 1000).toFixed(2)} s, of which ${(stochastic.response / 1000).toFixed(2)} s measuring the response on the engine   (target < 10 s)`);
  if (withMortality) console.log(`  with mortality shocks added (sd 0.03, phi 0.9), median of 3: ${(withMortality.total / 1000).toFixed(2)} s, of which ${(withMortality.response / 1000).toFixed(2)} s measuring the response`);
  console.log(`  ${(perPath * 1000).toFixed(1)} µs per path, ${(engine / perPath).toFixed(0)} paths per deterministic projection's time; ${((10000 * cells) / (stochastic.total / 1000) / 1e6).toFixed(0)} million path cell-years per second`);
}
if (exact) {
  const measured = exact.paths === EXACT_PATHS
    ? `10,000 paths: ${(exact.ms / 1000).toFixed(1)} s`
    : `${exact.paths.toLocaleString('en-US')} paths: ${(exact.ms / 1000).toFixed(1)} s, so 10,000 paths about ${(exact.estimate / 1000).toFixed(0)} s (extrapolated, not run: over two minutes)`;
  console.log(`stochastic --exact (a full projection per path) in one thread, one run of ${measured}`);
  console.log(`  ${(exact.ms / exact.paths).toFixed(1)} ms per path; ${(exact.estimate / stochastic.total).toFixed(1)} times the fast method's 10,000 paths`);
  if (exact.parallel) {
    const perPath = exact.parallel.ms / 1000;
    console.log(`  on ${exact.parallel.workers} worker threads, 1,000 paths: ${(exact.parallel.ms / 1000).toFixed(1)} s (${perPath.toFixed(1)} ms per path, ${((exact.ms / exact.paths) / perPath).toFixed(2)} times as fast as one thread)`);
  }
}
console.log(`chart set of the run (${charts.length} charts, PNG and SVG), median of 5: ${median(chartTimes).toFixed(0)} ms (first render ${firstRender.toFixed(0)} ms)   (target < 1000 ms)`);
