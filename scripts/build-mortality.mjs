#!/usr/bin/env node
// Build a single-age, single-year mortality table (qx) for Malaysia from the
// UN World Population Prospects 2024 abridged five-year-period central death
// rates (legacy five-year tables of the R package wpp2024, country code 458).
//
// Usage (from the project root):
//   node scripts/build-mortality.mjs [input.csv] [output.csv]
// Defaults: ../shared/data/wpp2024_malaysia_mx_abridged_5yr_periods.csv and
// data/mortality/malaysia-wpp2024.csv, both relative to the project root.
// Paths given on the command line are resolved against the current directory.
//
// Output: CSV `year,sex,age,qx`, years 2015..2100, sex F then M, ages 0..110,
// qx with 8 significant digits, qx(110) = 1. Diagnostics (reproduction of the
// abridged rates, life expectancy checks) go to stderr; stdout stays empty.
//
// Method, in order (see data/mortality/README.md for the full description):
//   1. Ages, per sex and five-year period: abridged nMx -> single-age mx by
//      mean-preserving monotone cubic Hermite interpolation of ln(mx) between
//      group midpoints (WPP's 100+ rate as a fixed last node); age 0 kept as
//      given; Kannisto (logistic) law fitted on ages 80-99 and used for ages
//      100-110.
//   2. Periods -> calendar years: linear interpolation of ln(mx) between period
//      midpoints, held flat after the last midpoint.
//   3. mx -> qx under a constant force of mortality within each year of age:
//      qx = 1 - exp(-mx).
//
// Everything is plain floating-point arithmetic in a fixed order, so the
// output is identical from run to run.

import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DEFAULT_INPUT = '../shared/data/wpp2024_malaysia_mx_abridged_5yr_periods.csv';
const DEFAULT_OUTPUT = 'data/mortality/malaysia-wpp2024.csv';

const FIRST_YEAR = 2015;
const LAST_YEAR = 2100;
const MAX_AGE = 110; // last row; qx is set to 1 there (everyone dies by 111)
const SIG_DIGITS = 8;

// Abridged age groups of the source: 0, 1-4, 5-9, ..., 95-99, 100+.
const GROUP_STARTS = [0, 1, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90, 95, 100];
const OPEN_AGE = 100;
const N_GROUPS = GROUP_STARTS.length; // 22
// Groups that are interpolated (1-4 ... 95-99): indices 1..20.
const FIRST_INTERP_GROUP = 1;
const LAST_INTERP_GROUP = N_GROUPS - 2;

// Age range on which the Kannisto law is fitted. These ages are already well
// determined by the five-year data, and mortality there is in the range where
// the logistic shape is a good description of human old-age mortality.
const KANNISTO_FIT_FROM = 80;
const KANNISTO_FIT_TO = 99;

// The sexes in the source file and the codes used in the output. The output
// order is F before M.
const SEXES = [
  { source: 'female', code: 'F' },
  { source: 'male', code: 'M' },
];

// ---------------------------------------------------------------------------
// Input
// ---------------------------------------------------------------------------

/**
 * Read the WPP abridged table into
 *   Map(sexSource -> Map(periodStart -> Float64Array(22) of nMx by group)).
 * The file is validated strictly: every period must have every age group
 * exactly once, and every rate must be a positive finite number, because a
 * silently missing cell would corrupt the interpolation.
 */
function readAbridged(path) {
  const text = readFileSync(path, 'utf8');
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = lines[0].split(',').map((h) => h.trim());
  const col = (name) => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`${path}: missing column "${name}"`);
    return i;
  };
  const iCountry = col('country_code');
  const iSex = col('sex');
  const iPeriod = col('period');
  const iAge = col('age');
  const iMx = col('mx');

  const data = new Map();
  for (const line of lines.slice(1)) {
    const f = line.split(',').map((s) => s.trim());
    if (f[iCountry] !== '458') throw new Error(`unexpected country code ${f[iCountry]} (expected 458, Malaysia)`);
    const sex = f[iSex];
    if (!SEXES.some((s) => s.source === sex)) continue; // "both" is not used
    const m = /^(\d{4})-(\d{4})$/.exec(f[iPeriod]);
    if (!m || Number(m[2]) - Number(m[1]) !== 5) throw new Error(`bad period "${f[iPeriod]}"`);
    const start = Number(m[1]);
    const age = f[iAge] === `${OPEN_AGE}+` ? OPEN_AGE : Number(f[iAge]);
    const g = GROUP_STARTS.indexOf(age);
    if (g < 0 || (age === OPEN_AGE && f[iAge] !== `${OPEN_AGE}+`)) throw new Error(`bad age "${f[iAge]}"`);
    const mx = Number(f[iMx]);
    if (!Number.isFinite(mx) || mx <= 0) throw new Error(`bad mx "${f[iMx]}" (${sex} ${f[iPeriod]} ${f[iAge]})`);

    if (!data.has(sex)) data.set(sex, new Map());
    const bySex = data.get(sex);
    if (!bySex.has(start)) bySex.set(start, new Float64Array(N_GROUPS).fill(NaN));
    const arr = bySex.get(start);
    if (!Number.isNaN(arr[g])) throw new Error(`duplicate row ${sex} ${f[iPeriod]} ${f[iAge]}`);
    arr[g] = mx;
  }

  for (const { source } of SEXES) {
    const bySex = data.get(source);
    if (!bySex) throw new Error(`no rows for sex "${source}"`);
    const starts = [...bySex.keys()].sort((a, b) => a - b);
    for (let i = 1; i < starts.length; i++) {
      if (starts[i] - starts[i - 1] !== 5) throw new Error(`gap between periods ${starts[i - 1]} and ${starts[i]}`);
    }
    for (const [start, arr] of bySex) {
      if (arr.some(Number.isNaN)) throw new Error(`incomplete age groups for ${source} ${start}-${start + 5}`);
    }
  }
  return data;
}

// ---------------------------------------------------------------------------
// Step 1. Abridged groups -> single ages (one sex, one five-year period)
// ---------------------------------------------------------------------------

/**
 * Node slopes of the monotone piecewise cubic Hermite interpolant (PCHIP;
 * Fritsch & Carlson 1980, with the Fritsch & Butland 1984 weighted harmonic
 * mean for unequal spacing, and the shape-preserving three-point end formula,
 * as in Moler, "Numerical Computing with MATLAB", ch. 3).
 *
 * Why PCHIP: it passes through the nodes, never overshoots between them, and
 * keeps local extrema (the childhood minimum, the young-adult accident hump)
 * at the nodes instead of inventing oscillations, which a natural cubic
 * spline through five-year data tends to do.
 */
function pchipSlopes(x, y) {
  const n = x.length;
  const h = new Float64Array(n - 1);
  const delta = new Float64Array(n - 1);
  for (let i = 0; i < n - 1; i++) {
    h[i] = x[i + 1] - x[i];
    delta[i] = (y[i + 1] - y[i]) / h[i];
  }
  const d = new Float64Array(n);
  for (let k = 1; k < n - 1; k++) {
    if (delta[k - 1] * delta[k] > 0) {
      const w1 = 2 * h[k] + h[k - 1];
      const w2 = h[k] + 2 * h[k - 1];
      d[k] = (w1 + w2) / (w1 / delta[k - 1] + w2 / delta[k]);
    } else {
      d[k] = 0; // local extremum or flat: zero slope keeps the shape
    }
  }
  const endSlope = (h0, h1, del0, del1) => {
    let s = ((2 * h0 + h1) * del0 - h0 * del1) / (h0 + h1);
    if (Math.sign(s) !== Math.sign(del0)) s = 0;
    else if (Math.sign(del0) !== Math.sign(del1) && Math.abs(s) > Math.abs(3 * del0)) s = 3 * del0;
    return s;
  };
  d[0] = endSlope(h[0], h[1], delta[0], delta[1]);
  d[n - 1] = endSlope(h[n - 2], h[n - 3], delta[n - 2], delta[n - 3]);
  return d;
}

/**
 * Evaluate the cubic Hermite interpolant at t. Outside the node range the
 * curve is continued as a straight line with the end slope; this is used
 * only for ages 1 and 2, below the first node at 3.0.
 */
function hermiteEval(x, y, d, t) {
  const n = x.length;
  if (t <= x[0]) return y[0] + d[0] * (t - x[0]);
  if (t >= x[n - 1]) return y[n - 1] + d[n - 1] * (t - x[n - 1]);
  let k = 0;
  while (t > x[k + 1]) k++;
  const hk = x[k + 1] - x[k];
  const s = (t - x[k]) / hk;
  const h00 = (1 + 2 * s) * (1 - s) * (1 - s);
  const h10 = s * (1 - s) * (1 - s);
  const h01 = s * s * (3 - 2 * s);
  const h11 = s * s * (s - 1);
  return h00 * y[k] + h10 * hk * d[k] + h01 * y[k + 1] + h11 * hk * d[k + 1];
}

/**
 * Central death rate of an age group implied by single-age rates, weighting
 * each single age by its person-years in a stationary population (life-table
 * L_x) that enters the group alive:
 *   nM = sum(L_x m_x) / sum(L_x) = (1 - l_end) / sum(L_x),  l_start = 1,
 * with l_{x+1} = l_x exp(-m_x) and L_x = l_x (1 - exp(-m_x)) / m_x under a
 * constant force within each year of age. This is how a group's central rate
 * is formed from a single-age life table (deaths over person-years), so it
 * is the right target for the single ages to reproduce.
 */
function groupRate(m, from, to) {
  let l = 1;
  let L = 0;
  for (let x = from; x < to; x++) {
    const e = Math.exp(-m[x]);
    L += (l * (1 - e)) / m[x];
    l *= e;
  }
  return (1 - l) / L;
}

/**
 * Single-age central death rates m_0 .. m_110 from the 22 abridged rates.
 * Returns { m, kannisto: { alpha, beta }, iterations }.
 *
 * Age 0: m_0 = 1M0 as given. Infant deaths are concentrated in the first
 *   weeks of life, so age 0 is not part of any smooth age curve.
 *
 * Ages 1-99: ln(m) is interpolated with PCHIP through one node per group
 *   (1-4, 5-9, ..., 95-99), placed at the group midpoint (3.0, 7.5, ...,
 *   97.5); the single-age rate m_x is the curve at the middle of the year of
 *   age, x + 0.5. Interpolating the logarithm keeps rates positive and is
 *   nearly linear at adult ages (Gompertz), so little curvature is invented.
 *   Because the curve is non-linear and the group mean is exposure-weighted,
 *   putting the nodes at ln(nMx) does not reproduce the group rates exactly.
 *   The node heights are therefore adjusted by fixed-point iteration,
 *     y_g <- y_g + ln( nMx_g / nM^_g ),
 *   where nM^_g is the exposure-weighted group rate of the current curve
 *   (groupRate above), until every group is reproduced to 1e-12 relative.
 *   Ages 1 and 2 lie below the first node and are read off the straight-line
 *   continuation with the PCHIP end slope, which makes mortality decline
 *   smoothly from age 1 to 4 (m_1/m_4 between 1.3 and 2.5 across 1950-2100)
 *   while the 1-4 group rate is still reproduced exactly. (Tying age 1 to
 *   the infant rate instead produced a spurious dip at ages 2-4.)
 *   Ages 98 and 99 lie above the last group midpoint (97.5). To let the
 *   curve bend there the way the source does, the open group's rate is one
 *   more node, held fixed (not iterated): ln(M_100+) at age 100 + 1/M_100+,
 *   the mean age of person-years lived above 100 if the rate were constant
 *   there. Without it, ages 98-99 follow a straight Gompertz line and the
 *   join with the Kannisto ages at 99/100 shows a kink in m_(x+1)/m_x of
 *   up to 5%; with it, at most about 1% (and none visible in 2015-2100).
 *
 * Ages 100-110: Kannisto law, mu(x) = a e^(bx) / (1 + a e^(bx)), i.e.
 *   logit(mu(x)) = alpha + beta x, fitted by ordinary least squares of
 *   logit(m_x) on x + 0.5 over ages 80-99. The source only gives one rate
 *   for the open group 100+, and the logistic law is the standard way to
 *   close a life table (it flattens at extreme ages, unlike Gompertz). The
 *   open-group rate implied by the fit is reported as a diagnostic against
 *   the WPP 100+ rate.
 */
function singleAgeRates(M) {
  const nodesT = [];
  const nodesY = [];
  for (let g = FIRST_INTERP_GROUP; g <= LAST_INTERP_GROUP; g++) {
    nodesT.push((GROUP_STARTS[g] + GROUP_STARTS[g + 1]) / 2);
    nodesY.push(Math.log(M[g]));
  }
  const nGroupNodes = nodesY.length; // only these are adjusted below
  const openRate = M[N_GROUPS - 1];
  nodesT.push(OPEN_AGE + 1 / openRate);
  nodesY.push(Math.log(openRate));

  const m = new Float64Array(MAX_AGE + 1);
  m[0] = M[0];

  const MAX_ITER = 500;
  const TOL = 1e-12;
  let iterations = -1;
  for (let it = 0; it < MAX_ITER; it++) {
    const d = pchipSlopes(nodesT, nodesY);
    for (let x = 1; x < OPEN_AGE; x++) m[x] = Math.exp(hermiteEval(nodesT, nodesY, d, x + 0.5));
    let maxErr = 0;
    const adjust = [];
    for (let g = FIRST_INTERP_GROUP; g <= LAST_INTERP_GROUP; g++) {
      const achieved = groupRate(m, GROUP_STARTS[g], GROUP_STARTS[g + 1]);
      adjust.push(Math.log(M[g] / achieved));
      maxErr = Math.max(maxErr, Math.abs(achieved / M[g] - 1));
    }
    if (maxErr < TOL) {
      iterations = it;
      break;
    }
    for (let i = 0; i < nGroupNodes; i++) nodesY[i] += adjust[i];
  }
  if (iterations < 0) throw new Error('group-rate iteration did not converge');

  // Kannisto fit: OLS of logit(m_x) on the mid-year age x + 0.5.
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  let n = 0;
  for (let x = KANNISTO_FIT_FROM; x <= KANNISTO_FIT_TO; x++) {
    const t = x + 0.5;
    const v = Math.log(m[x] / (1 - m[x]));
    sx += t;
    sy += v;
    sxx += t * t;
    sxy += t * v;
    n++;
  }
  const beta = (n * sxy - sx * sy) / (n * sxx - sx * sx);
  const alpha = (sy - beta * sx) / n;
  for (let x = OPEN_AGE; x <= MAX_AGE; x++) {
    const z = Math.exp(alpha + beta * (x + 0.5));
    m[x] = z / (1 + z);
  }
  return { m, kannisto: { alpha, beta }, iterations };
}

// ---------------------------------------------------------------------------
// Step 2. Five-year periods -> calendar years
// ---------------------------------------------------------------------------

/**
 * Time point that a period's rates represent, on the calendar-year axis.
 * The wpp2024 five-year tables are legacy WPP periods: "2020-2025" covers
 * 1 July 2020 to 30 June 2025, whose centre is 1 January 2023, halfway
 * between the centres of calendar years 2022 and 2023. Placing calendar year
 * Y at Y (its rates apply to its middle) puts the period at start + 2.5,
 * e.g. 2020-2025 -> 2022.5.
 */
const periodCentre = (start) => start + 2.5;

/**
 * Single-age rates for calendar year Y: ln(m_x) linear in time between the
 * two neighbouring period centres (constant proportional change in mortality
 * between periods, the same assumption WPP-style projections make),
 *   ln m_x(Y) = (1 - w) ln m_x(P_k) + w ln m_x(P_k+1),  w = (Y - c_k) / 5.
 * Before the first centre or after the last, the nearest period's rates are
 * held flat (no extrapolation of trends): here that affects 2098-2100, which
 * use the 2095-2100 rates.
 */
function ratesForYear(periods, year) {
  // periods: array of { centre, m } sorted by centre
  const first = periods[0];
  const last = periods[periods.length - 1];
  if (year <= first.centre) return first.m;
  if (year >= last.centre) return last.m;
  let k = 0;
  while (year >= periods[k + 1].centre) k++;
  const a = periods[k];
  const b = periods[k + 1];
  const w = (year - a.centre) / (b.centre - a.centre);
  const out = new Float64Array(MAX_AGE + 1);
  for (let x = 0; x <= MAX_AGE; x++) {
    out[x] = Math.exp((1 - w) * Math.log(a.m[x]) + w * Math.log(b.m[x]));
  }
  return out;
}

// ---------------------------------------------------------------------------
// Step 3. mx -> qx
// ---------------------------------------------------------------------------

/**
 * qx = 1 - exp(-mx): exact if the force of mortality is constant within the
 * year of age, which is the assumption under which a central rate and a
 * probability describe the same mortality. The last age is closed: q_110 = 1.
 */
function toQx(m) {
  const q = new Float64Array(MAX_AGE + 1);
  for (let x = 0; x < MAX_AGE; x++) q[x] = -Math.expm1(-m[x]);
  q[MAX_AGE] = 1;
  return q;
}

// ---------------------------------------------------------------------------
// Checks (stderr only)
// ---------------------------------------------------------------------------

/**
 * Complete life expectancy at birth from a single-age qx table, the way a
 * user of the CSV can recompute it:
 *   l_0 = 1, d_x = l_x q_x, l_{x+1} = l_x - d_x,
 *   L_x = l_x - (1 - a_x) d_x, a_x = 1/2 (trapezoidal) for x >= 1,
 *   a_0 = 0.07 + 1.7 m_0 with m_0 = -ln(1 - q_0) (infant deaths fall early
 *   in the first year, so a_0 is well below 1/2),
 *   L_110 = l_110 / 2 (simple and enough for a check: treating 110+ with its
 *   own rate instead changes e0 by < 0.001 years to 2023, 0.007 in 2100),
 *   e0 = sum of L_x.
 */
function e0FromQx(q) {
  const m0 = -Math.log1p(-q[0]);
  let l = 1;
  let e0 = 0;
  for (let x = 0; x <= MAX_AGE; x++) {
    const a = x === 0 ? 0.07 + 1.7 * m0 : 0.5;
    const d = l * q[x];
    e0 += l - (1 - a) * d;
    l -= d;
  }
  return e0;
}

/**
 * Abridged life table straight from the five-year rates, as an independent
 * check of the single-age table: a_0 = 0.07 + 1.7 m_0, 4a_1 = 1.5,
 * 5a_x = 2.5, nq_x = n m / (1 + (n - na_x) m), open group L = l / m.
 */
function e0Abridged(M) {
  let l = 1;
  let e0 = 0;
  for (let g = 0; g < N_GROUPS; g++) {
    if (g === N_GROUPS - 1) {
      e0 += l / M[g];
      break;
    }
    const n = GROUP_STARTS[g + 1] - GROUP_STARTS[g];
    const a = g === 0 ? 0.07 + 1.7 * M[0] : g === 1 ? 1.5 : 2.5;
    const q = Math.min(1, (n * M[g]) / (1 + (n - a) * M[g]));
    const d = l * q;
    e0 += n * (l - d) + a * d;
    l -= d;
  }
  return e0;
}

/** Open-group (100+) central rate implied by single ages 100-110. */
function impliedOpenRate(m) {
  let l = 1;
  let L = 0;
  for (let x = OPEN_AGE; x < MAX_AGE; x++) {
    const e = Math.exp(-m[x]);
    L += (l * (1 - e)) / m[x];
    l *= e;
  }
  L += l / m[MAX_AGE];
  return 1 / L;
}

// ---------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------

function main() {
  const [argIn, argOut] = process.argv.slice(2);
  const inputPath = argIn ? resolve(process.cwd(), argIn) : resolve(PROJECT_ROOT, DEFAULT_INPUT);
  const outputPath = argOut ? resolve(process.cwd(), argOut) : resolve(PROJECT_ROOT, DEFAULT_OUTPUT);

  const data = readAbridged(inputPath);
  const log = (s) => process.stderr.write(`${s}\n`);

  const lines = ['year,sex,age,qx'];
  const tables = new Map(); // code -> Map(year -> q)
  const periodChecks = [];
  let worstGroup = 0;
  let worstOpen = 0;

  // Step 1 for every period (all periods, not just those used for 2015-2100,
  // so that the checks cover the whole series).
  const bySexPeriods = new Map();
  for (const { source, code } of SEXES) {
    const periods = [];
    for (const start of [...data.get(source).keys()].sort((a, b) => a - b)) {
      const M = data.get(source).get(start);
      const { m, kannisto } = singleAgeRates(M);
      for (let g = FIRST_INTERP_GROUP; g <= LAST_INTERP_GROUP; g++) {
        const r = groupRate(m, GROUP_STARTS[g], GROUP_STARTS[g + 1]) / M[g] - 1;
        worstGroup = Math.max(worstGroup, Math.abs(r));
      }
      const open = impliedOpenRate(m) / M[N_GROUPS - 1] - 1;
      worstOpen = Math.max(worstOpen, Math.abs(open));
      periodChecks.push({
        code,
        period: `${start}-${start + 5}`,
        abridged: e0Abridged(M),
        single: e0FromQx(toQx(m)),
        open,
        beta: kannisto.beta,
      });
      periods.push({ centre: periodCentre(start), m });
    }
    bySexPeriods.set(code, periods);
  }

  // Steps 2 and 3, and the output rows. Sort order: year, sex (F, M), age.
  for (const { code } of SEXES) tables.set(code, new Map());
  for (let year = FIRST_YEAR; year <= LAST_YEAR; year++) {
    for (const { code } of SEXES) {
      const q = toQx(ratesForYear(bySexPeriods.get(code), year));
      tables.get(code).set(year, q);
      for (let x = 0; x <= MAX_AGE; x++) {
        if (!(q[x] > 0 && q[x] <= 1)) throw new Error(`qx out of range: ${year} ${code} ${x} ${q[x]}`);
        lines.push(`${year},${code},${x},${q[x].toPrecision(SIG_DIGITS)}`);
      }
    }
  }

  mkdirSync(dirname(outputPath), { recursive: true });
  writeFileSync(outputPath, `${lines.join('\n')}\n`);

  log(`wrote ${lines.length - 1} rows to ${outputPath}`);
  log(`max |relative error| of exposure-weighted group rates (1-4 .. 95-99), all periods: ${worstGroup.toExponential(2)}`);
  log(`max |relative difference| of Kannisto-implied 100+ rate vs WPP 100+ rate, all periods: ${(100 * worstOpen).toFixed(2)}%`);
  log('');
  log('e0 by five-year period: abridged table from the five-year rates vs single-age table (step 1 only)');
  log('sex period     abridged  single   diff    100+ rate diff  Kannisto beta');
  for (const c of periodChecks) {
    log(
      `${c.code}   ${c.period}  ${c.abridged.toFixed(4)}  ${c.single.toFixed(4)}  ${(c.single - c.abridged).toFixed(4).padStart(7)}  ` +
        `${(100 * c.open).toFixed(2).padStart(6)}%         ${c.beta.toFixed(4)}`,
    );
  }
  log('');
  log('e0 from the output table (calendar years)');
  for (const { code } of SEXES) {
    const years = [];
    for (let y = FIRST_YEAR; y <= 2030; y++) years.push(`${y}:${e0FromQx(tables.get(code).get(y)).toFixed(4)}`);
    log(`${code} ${years.join(' ')}`);
  }
  for (const { code } of SEXES) {
    const t = tables.get(code);
    // Legacy period 2015-2020 = 1 July 2015 to 30 June 2020: half of 2015,
    // 2016-2019, half of 2020.
    let avg = (e0FromQx(t.get(2015)) + e0FromQx(t.get(2020))) / 2;
    for (let y = 2016; y <= 2019; y++) avg += e0FromQx(t.get(y));
    log(`${code} 2015-2020 (1/2*2015 + 2016..2019 + 1/2*2020)/5: ${(avg / 5).toFixed(4)}`);
  }
}

main();
