#!/usr/bin/env node
/**
 * Builds the default (baseline-2025) data tables of coverage-sim from the documented
 * parameters below, so that every number in them can be traced and regenerated:
 *
 *   data/groups/<group>.csv                       sex, age, share, entry_share
 *   data/wages/<group>-age-profile.csv            sex, age, relative
 *   data/incidence/employment-injury.csv          sex, age, temporary, permanent, fatal, medical
 *   data/incidence/employment-injury-commuting.csv (same columns) its commuting accidents' part
 *   data/incidence/non-employment-injury.csv      (same columns)
 *   data/incidence/invalidity.csv                 sex, age, invalidity
 *   data/family/dependants.csv                    sex, age, p_spouse, spouse_age_difference,
 *                                                 p_children, youngest_child_age
 *   data/beneficiaries/employment-injury-2025.csv type, sex, age, count, monthly_amount
 *   data/beneficiaries/invalidity-2025.csv        (same columns)
 *
 * Usage, from the project root:  node scripts/build-baseline-tables.mjs [--check]
 *   --check  compute and print the summary without writing any file.
 *
 * It reads the general mortality table data/mortality/malaysia-wpp2024.csv (calendar year
 * 2025), which the engine also uses, so that entry profiles, commutation factors and the
 * pensions-in-payment back-projection use the same mortality as a projection.
 *
 * Every parameter is either a sourced figure or an ASSUMPTION; data/SOURCES.md gives the source
 * or the reasoning of each. Rates are per registered person-year.
 * Methodology references (§) are to the project's actuarial methodology.
 *
 * Node.js 20, no dependencies, deterministic output.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const CHECK_ONLY = process.argv.includes('--check');

const SEXES = ['F', 'M'];
const F = 0;
const M = 1;
const MAX_AGE = 110;
const BASE_YEAR = 2025;

// ---------------------------------------------------------------------------------------------
// 1. Parameters
// ---------------------------------------------------------------------------------------------

/**
 * Insured groups. `ages` gives the percentage of each sex in age bands [from, to, percent]
 * (bands sum to 100 per sex); single ages come from a monotone spline of the cumulative
 * distribution (section 4). Sources and reasoning: data/SOURCES.md, "Groups".
 */
const GROUPS = [
  {
    id: 'local_employees',
    file: 'local-employees',
    population: 8_400_000, // ASSUMPTION: Malaysian employees in Act 4 employment (derivation in SOURCES.md)
    coverage: 0.88, // 7.39m registered ≈ 9.6m active contributors less 2.19m registered foreign workers
    compliance: 0.93, // ASSUMPTION from 21.73% employer non-compliance, weighted to small employers
    growth: 0.018, // DOSM formal employees +1.8% Dec 2022 → Dec 2023
    mortalityRisk: 0.85, // ASSUMPTION: employed persons vs the general population (healthy-worker effect)
    maleShare: 0.56, // DOSM formal sector, Dec 2023: 55.5% male
    ages: {
      M: [[15, 19, 1.9], [20, 24, 9.5], [25, 29, 14.5], [30, 34, 14.5], [35, 39, 13.0], [40, 44, 11.8], [45, 49, 10.0], [50, 54, 8.6], [55, 59, 7.0], [60, 64, 5.2], [65, 69, 2.6], [70, 75, 1.4]],
      F: [[15, 19, 2.1], [20, 24, 11.8], [25, 29, 16.8], [30, 34, 15.6], [35, 39, 13.0], [40, 44, 11.1], [45, 49, 8.9], [50, 54, 7.2], [55, 59, 5.8], [60, 64, 4.3], [65, 69, 2.2], [70, 75, 1.2]],
    },
    wage: {
      mean: 3700, // DOSM S&W 2023 mean RM3,441 (citizens) grown to 2025; checked against the ceiling counts
      cv: 0.85,
      // relative wage by age (men), from DOSM formal-sector medians by age (Mar/Dec 2023)
      knots: [[17, 0.58], [22, 0.72], [27, 0.9], [32, 1.05], [37, 1.18], [42, 1.3], [47, 1.34], [52, 1.28], [57, 1.15], [62, 0.9], [67, 0.76], [72, 0.68]],
      femaleFactor: [[20, 0.98], [30, 0.96], [40, 0.92], [50, 0.88], [60, 0.88]],
    },
  },
  {
    id: 'foreign_workers',
    file: 'foreign-workers',
    population: 2_470_781 - 102_037, // documented foreign workers 30 Sep 2024, less domestic helpers
    coverage: 0.9, // (2.188m registered − 59% × 102,037 domestic) / 2,368,744
    compliance: 0.85, // ASSUMPTION
    growth: 0.0, // ASSUMPTION: 15% workforce cap, quota freeze since Mar 2023
    mortalityRisk: 1.3, // DERIVED from the repatriation-cost saving (the summary prints it)
    maleShare: 0.86, // ASSUMPTION
    ages: {
      M: [[18, 19, 1.5], [20, 24, 13], [25, 29, 22], [30, 34, 22], [35, 39, 17], [40, 44, 12], [45, 49, 7.5], [50, 54, 3.5], [55, 59, 1.2], [60, 64, 0.3]],
      F: [[18, 19, 2.5], [20, 24, 19], [25, 29, 25], [30, 34, 21], [35, 39, 15], [40, 44, 10], [45, 49, 5], [50, 54, 2], [55, 59, 0.5]],
    },
    wage: {
      mean: 2050, // ASSUMPTION: minimum wage RM1,700 plus overtime
      cv: 0.25,
      knots: [[19, 0.9], [24, 0.96], [30, 1.0], [40, 1.05], [50, 1.05], [60, 1.0]],
      femaleFactor: [[20, 0.93], [60, 0.93]],
    },
  },
  {
    id: 'domestic_workers',
    file: 'domestic-workers',
    population: 102_037, // foreign domestic helpers with active permits, 30 Sep 2024
    coverage: 0.59, // PERKESO, 2024
    compliance: 0.9, // ASSUMPTION
    growth: 0.01, // ASSUMPTION
    mortalityRisk: 0.8, // ASSUMPTION: health-screened, mostly women
    maleShare: 0.03, // ASSUMPTION
    ages: {
      M: [[21, 24, 5], [25, 29, 15], [30, 34, 20], [35, 39, 20], [40, 44, 18], [45, 49, 14], [50, 54, 6], [55, 59, 2]],
      F: [[21, 24, 6], [25, 29, 12], [30, 34, 18], [35, 39, 21], [40, 44, 20], [45, 49, 15], [50, 54, 6.5], [55, 59, 1.5]],
    },
    wage: {
      mean: 1600, // ASSUMPTION: MoU floor RM1,500 (Indonesia), higher for Filipino workers
      cv: 0.15,
      knots: [[22, 0.94], [30, 1.0], [40, 1.04], [50, 1.05]],
      femaleFactor: [[20, 1.0], [60, 1.0]],
      maleFactor: 1.1,
    },
  },
  {
    id: 'fishers',
    file: 'fishers',
    population: 112_344 - 25_125, // DoF 2024: fishermen less foreign crew
    coverage: 0.45, // ASSUMPTION: 35,574 registered Nov 2021, ESHN-linked enrolment since
    compliance: 1.0, // Act 789 cover lasts only while paid (subsidised, deducted from the allowance)
    growth: -0.015, // DERIVED: marine-capture fishers 132,305 (2016) → 112,344 (2024) ≈ −2%/yr, moderated
    mortalityRisk: 1.1, // ASSUMPTION: older, rural
    maleShare: 0.97, // ASSUMPTION
    ages: {
      M: [[18, 19, 1], [20, 24, 5.5], [25, 29, 8], [30, 34, 9.5], [35, 39, 10.5], [40, 44, 11], [45, 49, 11.5], [50, 54, 11.5], [55, 59, 11], [60, 64, 9], [65, 69, 7], [70, 75, 4.5]],
      F: [[18, 19, 0.5], [20, 24, 4], [25, 29, 7], [30, 34, 9], [35, 39, 11], [40, 44, 12], [45, 49, 13], [50, 54, 13], [55, 59, 12], [60, 64, 9], [65, 69, 6], [70, 75, 3.5]],
    },
    wage: {
      mean: 1050, // Act 789 Plan 1 insured monthly earnings (flat)
      cv: 0,
      knots: [[18, 1], [75, 1]],
      femaleFactor: [[20, 1], [60, 1]],
    },
  },
];
const GROUP_AGE_MIN = 15;
const GROUP_AGE_MAX = 75;
const WITHDRAWAL_GRID = Array.from({ length: 61 }, (_, i) => i * 0.005);
const SHAPE_TOLERANCE = 0.01; // total-variation distance accepted between the cohort shape and the table

/** Scheme rules used to value benefits the way the engine does (methodology §2–§5). */
const RULES = {
  ceiling2025: 6000,
  assumedWageCeiling: 5950, // the top band's midpoint
  tdbReplacement: 0.8,
  pdReplacement: 0.9,
  dailyMinimum: 30,
  invalidityBase: 0.5,
  invalidityIncrement: 0.01,
  invalidityMax: 0.65,
  invalidityMinimumMonthly: 550,
  qualifyingMonths: 24,
  windowMonths: 40,
  qualifyingEntryAge: 18,
  spouseShare: 0.6, // engine default; the statutory split was [NOT FOUND]
  soleSurvivorShare: 1.0,
  parentsShare: 0.4, // dependants' benefit: parents 4/10 of the daily rate
  childAgeLimit: 21,
  caaMonthly: 500,
};

/** Economic and scheme parameters recommended for the baseline scenario (SOURCES.md). */
const ECONOMY = {
  wageGrowth: 0.045, // short term; also the historical average used in the back-projection
  discountRate: 0.055,
  pensionIndexation: 0.015, // ad hoc COLA history averaged
};

/** Benefit parameters that shape the tables (recommended for the scenario; some calibrated below). */
const BENEFITS = {
  lumpSumShare: null, // share of PD awards with degree ≤ 20%: calibrated in section 9
  wageRelativityEI: 0.75, // ASSUMPTION: injured workers' wage vs their age-sex cell (semi/low-skilled)
  meanDegreePension: 0.4, // ASSUMPTION (on the injured worker's own wage)
  commutedShare: 0.5, // ASSUMPTION: share of new PD pensioners commuting 1/5
  commutedFraction: 0.2,
  caaShareEI: 0.05, // ASSUMPTION
  caaShareInvalidity: 0.08, // ASSUMPTION
  density: { local_employees: 0.85, foreign_workers: 0.9, domestic_workers: 0.85 },
};

/** Mortality multipliers for pensions in payment (type), before the group's mortality risk. */
const PENSION_MORTALITY = {
  permanent_disablement: 1.5,
  invalidity_pension: 3.0,
  constant_attendance: 4.0,
  dependants_spouse: 1.0,
  dependants_children: 1.0,
  survivors_spouse: 1.0,
  survivors_children: 1.0,
};

/** Published totals the tables are calibrated to (SOURCES.md "Calibration targets"). */
const TARGETS = {
  accidents: 80_166, // reported to PERKESO, 2024
  commutingShareOfAccidents: 0.47, // 2023 46.4%, H1 2024 47.9%
  deaths: 1_060, // employment-injury deaths, 2023
  commutingShareOfDeaths: 750 / 1060, // 2023
  foreignAccidents: 6_500, // ASSUMPTION from 4,566 (Jan–Oct 2023) and 37,328 (2019–Oct 2023)
  foreignCommutingShareOfAccidents: 0.1, // ASSUMPTION
  foreignShareOfIndustrialDeaths: 0.5, // ASSUMPTION from DOSM 55% (all occupational fatalities)
  foreignCommutingDeaths: 40, // ASSUMPTION
  permanentPerAccident: 0.22, // ASSUMPTION from 9,957 PDB cases in Jan–Jul 2022
  temporaryPerAccident: 0.85, // ASSUMPTION: ≥ 4 days' medical leave
  foreignPermanentRelativity: 0.6, // ASSUMPTION: repatriation before assessment
  tdbOutgo2025: 320e6, // ASSUMPTION (derivation in SOURCES.md)
  pdOneOff2025: 260e6, // lump sums + commuted 1/5, ASSUMPTION
  pdPensions2024: 627e6 - 250e6, // PDB 2024 less one-offs
  invalidityPensions2024: 1.195e9,
  survivorsPensions2024: 2.412e9,
  survivorsRecipients2024: 404_530, // Sinar Harian, 2024 (individuals)
  periodicCases2025: 464_593, // minister, Jun 2025 ("contributors" = insured persons' cases)
  stockGrowthToYearStart: 1.02, // 2024 outgo → annualised stock at 1 Jan 2025
  nonEmploymentAccidents: 85_529, // non-workplace accidents, 2024
  nonEmploymentDeaths: 1_400, // ASSUMPTION (derivation in SOURCES.md)
  fishers: { medical: 0.012, fatal: 0.00075, permanentPerAccident: 0.3, temporaryPerAccident: 0.85 },
  invalidityRepatriationSaving: 25.38e6, // RM/yr, with RM4,500 per repatriation
};

/** Group multipliers that are assumptions (the employment-injury ones of foreign workers and fishers are calibrated in section 5). */
const ASSUMED_MULTIPLIERS = {
  employment_injury: {
    domestic_workers: { temporary: 0.15, permanent: 0.15, fatal: 0.3, medical: 0.15 },
  },
  non_employment_injury: {
    local_employees: { temporary: 1, permanent: 1, fatal: 1, medical: 1 },
    foreign_workers: { temporary: 0.4, permanent: 0.3, fatal: 0.6, medical: 0.4 },
    domestic_workers: { temporary: 0.2, permanent: 0.2, fatal: 0.2, medical: 0.2 },
  },
  invalidity: { local_employees: 1, foreign_workers: 0.3, domestic_workers: 0.5 },
};

/** History used to build the pensions in payment (section 9). */
const HISTORY = {
  firstYearEI: 1972,
  firstYearInvalidity: 1975,
  invalidityAgeLimitChange: 2013, // invalidity before 60 (previously 55) from 1 Jan 2013
  growth: { invalidity: 0.03, activeDeaths: 0.025, pdPensions: 0.02, eiDeaths: 0.01 },
  // assumed monthly wage ceiling by year (average over the year)
  ceiling: (y) => (y <= 2015 ? 2950 : y === 2016 ? 3535 : y <= 2021 ? 3950 : y === 2022 ? 4283 : y === 2023 ? 4950 : 5200),
};

/** Illustrative Service Table (Bowers et al.), ages 35–59: [age, l_x, inability decrement]. */
const SERVICE_TABLE_INABILITY = [
  [35, 45730, 46], [36, 42927, 43], [37, 40893, 45], [38, 39352, 47], [39, 38053, 49],
  [40, 36943, 52], [41, 36000, 54], [42, 35143, 56], [43, 34363, 58], [44, 33659, 61],
  [45, 32989, 66], [46, 32349, 71], [47, 31734, 79], [48, 31109, 87], [49, 30506, 95],
  [50, 29919, 102], [51, 29350, 112], [52, 28763, 121], [53, 28185, 132], [54, 27593, 143],
  [55, 27006, 157], [56, 26396, 169], [57, 25786, 183], [58, 25149, 199], [59, 24505, 213],
];
const INVALIDITY_FEMALE_FACTOR = 0.8; // ASSUMPTION

/** Currently married, by age (DOSM census-style profile, ASSUMPTION). */
const MARRIED = {
  M: [[15, 0.002], [20, 0.03], [22, 0.07], [25, 0.25], [27, 0.42], [30, 0.62], [35, 0.8], [40, 0.87], [45, 0.89], [50, 0.9], [55, 0.9], [60, 0.89], [65, 0.87], [70, 0.83], [75, 0.77], [80, 0.68], [85, 0.56], [90, 0.44], [95, 0.33], [100, 0.25], [110, 0.2]],
  F: [[15, 0.01], [20, 0.1], [22, 0.18], [25, 0.42], [27, 0.55], [30, 0.7], [35, 0.8], [40, 0.83], [45, 0.83], [50, 0.8], [55, 0.75], [60, 0.68], [65, 0.58], [70, 0.46], [75, 0.34], [80, 0.22], [85, 0.13], [90, 0.07], [95, 0.04], [100, 0.02], [110, 0.01]],
};
const MARRIED_AMONG_DECEASED = 0.93; // ASSUMPTION: the unmarried die more
/** Spouse's age minus the deceased's (ASSUMPTION). */
const SPOUSE_GAP = {
  M: [[15, -2.5], [30, -3.0], [35, -3.5], [45, -4.0], [60, -4.5], [75, -5.0], [110, -5.0]],
  F: [[15, 2.5], [30, 3.0], [40, 3.5], [55, 4.0], [70, 4.5], [110, 4.5]],
};
/** Age-specific fertility per woman-year, 5-year bands from 15 (shape ~2023, ASSUMPTION). */
const ASFR = [0.008, 0.045, 0.1, 0.105, 0.06, 0.016, 0.0015];
/** Total fertility rate by calendar year (ASSUMPTION, DOSM/UN-style history), linear between. */
const TFR_HISTORY = [[1960, 6.0], [1970, 4.9], [1980, 3.9], [1990, 3.5], [2000, 3.0], [2010, 2.2], [2015, 1.9], [2020, 1.7], [2023, 1.6], [2100, 1.6]];
const FATHER_AGE_SHIFT = 3.5; // years

// ---------------------------------------------------------------------------------------------
// 2. Numerical helpers
// ---------------------------------------------------------------------------------------------

/** Standard normal CDF from erfc (Numerical Recipes' Chebyshev fit, |relative error| < 1.2e-7). */
function normalCdf(x) {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.5 * z);
  const erfc =
    t *
    Math.exp(
      -z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? 1 - erfc / 2 : erfc / 2;
}

/** E[clamp(W, lo, hi)] for a lognormal W with mean m and coefficient of variation cv (methodology §2). */
function expectedClamp(m, cv, lo, hi) {
  if (m <= 0) return Math.max(0, Math.min(lo, hi));
  if (cv <= 0) return Math.min(hi, Math.max(lo, m));
  const s2 = Math.log(1 + cv * cv);
  const s = Math.sqrt(s2);
  const mu = Math.log(m) - s2 / 2;
  const minK = m * normalCdf((Math.log(hi) - mu - s2) / s) + hi * (1 - normalCdf((Math.log(hi) - mu) / s));
  if (!(lo > 0)) return minK;
  const maxL = lo * normalCdf((Math.log(lo) - mu) / s) + m * (1 - normalCdf((Math.log(lo) - mu - s2) / s));
  return minK + maxL - m;
}

/** P(Binomial(n, p) ≥ k). */
function binomialTail(n, p, k) {
  if (k <= 0) return 1;
  if (n < k) return 0;
  if (p >= 1) return 1;
  if (p <= 0) return 0;
  let term = Math.pow(1 - p, n); // P(X = 0)
  let cdfBelow = 0;
  for (let j = 0; j < k; j++) {
    cdfBelow += term;
    term *= ((n - j) / (j + 1)) * (p / (1 - p));
  }
  return Math.max(0, 1 - cdfBelow);
}

/** Linear interpolation in [[x, y], ...], flat outside. */
function interpolate(knots, x) {
  if (x <= knots[0][0]) return knots[0][1];
  for (let i = 1; i < knots.length; i++) {
    if (x <= knots[i][0]) {
      const [x0, y0] = knots[i - 1];
      const [x1, y1] = knots[i];
      return y0 + ((y1 - y0) * (x - x0)) / (x1 - x0);
    }
  }
  return knots[knots.length - 1][1];
}

/** Monotone cubic (Fritsch–Carlson) interpolant through (xs, ys); returns a function. */
function monotoneSpline(xs, ys) {
  const n = xs.length;
  const h = [];
  const delta = [];
  for (let i = 0; i < n - 1; i++) {
    h.push(xs[i + 1] - xs[i]);
    delta.push((ys[i + 1] - ys[i]) / h[i]);
  }
  const d = new Array(n).fill(0);
  for (let i = 1; i < n - 1; i++) {
    if (delta[i - 1] * delta[i] <= 0) d[i] = 0;
    else {
      const w1 = 2 * h[i] + h[i - 1];
      const w2 = h[i] + 2 * h[i - 1];
      d[i] = (w1 + w2) / (w1 / delta[i - 1] + w2 / delta[i]);
    }
  }
  const endSlope = (h0, h1, d0, d1) => {
    let s = ((2 * h0 + h1) * d0 - h0 * d1) / (h0 + h1);
    if (Math.sign(s) !== Math.sign(d0)) s = 0;
    else if (Math.sign(d0) !== Math.sign(d1) && Math.abs(s) > Math.abs(3 * d0)) s = 3 * d0;
    return s;
  };
  d[0] = n > 2 ? endSlope(h[0], h[1], delta[0], delta[1]) : delta[0];
  d[n - 1] = n > 2 ? endSlope(h[n - 2], h[n - 3], delta[n - 2], delta[n - 3]) : delta[n - 2];
  return (x) => {
    if (x <= xs[0]) return ys[0];
    if (x >= xs[n - 1]) return ys[n - 1];
    let i = 0;
    while (x > xs[i + 1]) i++;
    const t = (x - xs[i]) / h[i];
    const t2 = t * t;
    const t3 = t2 * t;
    return (2 * t3 - 3 * t2 + 1) * ys[i] + (t3 - 2 * t2 + t) * h[i] * d[i] + (-2 * t3 + 3 * t2) * ys[i + 1] + (t3 - t2) * h[i] * d[i + 1];
  };
}

/** Bisection for f(x) = 0 on [lo, hi] (f changes sign). */
function solve(f, lo, hi, tolerance = 1e-10) {
  let flo = f(lo);
  for (let i = 0; i < 200 && hi - lo > tolerance; i++) {
    const mid = (lo + hi) / 2;
    const fm = f(mid);
    if (Math.sign(fm) === Math.sign(flo)) {
      lo = mid;
      flo = fm;
    } else hi = mid;
  }
  return (lo + hi) / 2;
}

const ages = (from, to) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const newTable = () => [new Float64Array(MAX_AGE + 1), new Float64Array(MAX_AGE + 1)];
const sumTable = (t, from = 0, to = MAX_AGE) => {
  let total = 0;
  for (let s = 0; s < 2; s++) for (let x = from; x <= to; x++) total += t[s][x];
  return total;
};

// ---------------------------------------------------------------------------------------------
// 3. Mortality (the engine's table, calendar year 2025)
// ---------------------------------------------------------------------------------------------

function readMortality() {
  const path = join(ROOT, 'data', 'mortality', 'malaysia-wpp2024.csv');
  let text;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new Error('data/mortality/malaysia-wpp2024.csv is needed (the general mortality table); build it first');
  }
  const lines = text.trim().split(/\r?\n/);
  const header = lines[0].split(',');
  const col = (name) => header.indexOf(name);
  const q = newTable();
  const seen = newTable();
  for (const line of lines.slice(1)) {
    const cells = line.split(',');
    if (col('year') >= 0 && Number(cells[col('year')]) !== BASE_YEAR) continue;
    const s = cells[col('sex')] === 'F' ? F : M;
    const x = Number(cells[col('age')]);
    if (x > MAX_AGE) continue;
    q[s][x] = Number(cells[col('qx')]);
    seen[s][x] = 1;
  }
  for (let s = 0; s < 2; s++) for (let x = 0; x <= MAX_AGE; x++) if (!seen[s][x]) throw new Error(`mortality table: no qx for ${SEXES[s]} ${x} in ${BASE_YEAR}`);
  q[F][MAX_AGE] = 1;
  q[M][MAX_AGE] = 1;
  return q;
}
const QX = readMortality();

/** q × multiplier, capped at 1 (1 at the last age). */
const qAt = (s, x, multiplier = 1) => (x >= MAX_AGE ? 1 : Math.min(1, QX[s][Math.max(0, x)] * multiplier));

/** ä(12)_x: monthly annuity-due, whole life, v = (1+j)/(1+i), mortality q × multiplier (methodology §5). */
function annuityFactors(s, multiplier, v) {
  const a = new Float64Array(MAX_AGE + 1);
  let next = 0;
  for (let x = MAX_AGE; x >= 0; x--) {
    const p = x === MAX_AGE ? 0 : 1 - qAt(s, x, multiplier);
    a[x] = 1 + v * p * next;
    next = a[x];
  }
  return a.map((value) => Math.max(0, value - 11 / 24));
}

// ---------------------------------------------------------------------------------------------
// 4. Groups: age-sex shares, entry shares, wage profiles
// ---------------------------------------------------------------------------------------------

/** Single-age shares of one sex from percentage bands, through the cumulative distribution. */
function bandsToSingleAges(bands) {
  const xs = [bands[0][0]];
  const cum = [0];
  let total = 0;
  for (const [, to, pct] of bands) {
    total += pct;
    xs.push(to + 1);
    cum.push(total);
  }
  const spline = monotoneSpline(xs, cum.map((c) => c / total));
  const out = new Float64Array(MAX_AGE + 1);
  for (let x = xs[0]; x < xs[xs.length - 1]; x++) out[x] = Math.max(0, spline(x + 1) - spline(x));
  return out;
}

function groupShares(group) {
  const share = newTable();
  const sexShare = [1 - group.maleShare, group.maleShare];
  for (let s = 0; s < 2; s++) {
    const single = bandsToSingleAges(group.ages[SEXES[s]]);
    let t = 0;
    for (let x = 0; x <= MAX_AGE; x++) t += single[x];
    for (let x = 0; x <= MAX_AGE; x++) share[s][x] = (single[x] / t) * sexShare[s];
  }
  return share;
}

/**
 * Net entrants implied by a stationary shape (growing at g, exits by mortality and withdrawal w):
 * E(x+1) = (1+g)·N(x+1) − N(x)·(1−q)·(1−w), negative values set to 0 (those ages shrink faster
 * than the exits the engine can represent). Returns the entry distribution (sums to 1).
 */
function entryShares(share, g, w, mortalityRisk) {
  const entry = newTable();
  for (let s = 0; s < 2; s++) {
    for (let x = GROUP_AGE_MIN; x <= GROUP_AGE_MAX; x++) {
      const before = x === GROUP_AGE_MIN ? 0 : share[s][x - 1] * (1 - qAt(s, x - 1, mortalityRisk)) * (1 - w);
      entry[s][x] = Math.max(0, (1 + g) * share[s][x] - before);
    }
  }
  const t = sumTable(entry);
  for (let s = 0; s < 2; s++) for (let x = 0; x <= MAX_AGE; x++) entry[s][x] /= t;
  return entry;
}

/** The shape the engine's cohort mode converges to with these entrants (methodology §1). */
function stationaryShape(share, entry, g, w, mortalityRisk, years = 300) {
  let n = share.map((row) => Float64Array.from(row));
  let size = 1;
  const lastAge = GROUP_AGE_MAX;
  for (let t = 0; t < years; t++) {
    const next = newTable();
    let survivors = 0;
    for (let s = 0; s < 2; s++) {
      for (let x = 0; x < lastAge; x++) {
        const v = n[s][x] * (1 - qAt(s, x, mortalityRisk)) * (1 - w);
        next[s][x + 1] = v;
        survivors += v;
      }
    }
    const target = size * (1 + g);
    if (survivors <= target) {
      for (let s = 0; s < 2; s++) for (let x = 0; x <= MAX_AGE; x++) next[s][x] += (target - survivors) * entry[s][x];
    } else {
      for (let s = 0; s < 2; s++) for (let x = 0; x <= MAX_AGE; x++) next[s][x] *= target / survivors;
    }
    n = next;
    size = target;
  }
  const t = sumTable(n);
  return n.map((row) => row.map((v) => v / t));
}

const totalVariation = (a, b) => {
  let d = 0;
  for (let s = 0; s < 2; s++) for (let x = 0; x <= MAX_AGE; x++) d += Math.abs(a[s][x] - b[s][x]);
  return d / 2;
};

function wageProfile(group) {
  const profile = newTable();
  for (let s = 0; s < 2; s++) {
    for (let x = GROUP_AGE_MIN; x <= GROUP_AGE_MAX; x++) {
      let r = interpolate(group.wage.knots, x);
      if (s === F) r *= interpolate(group.wage.femaleFactor, x);
      else if (group.wage.maleFactor) r *= group.wage.maleFactor;
      profile[s][x] = r;
    }
  }
  return profile;
}

/** Profile normalised so that the share-weighted average is 1 (as the engine does). */
function normalisedProfile(profile, share) {
  let w = 0;
  for (let s = 0; s < 2; s++) for (let x = 0; x <= MAX_AGE; x++) w += share[s][x] * profile[s][x];
  return profile.map((row) => row.map((v) => v / w));
}

for (const group of GROUPS) {
  group.share = groupShares(group);
  // The smallest withdrawal rate whose long-run cohort shape is within tolerance of the table
  // (a larger rate always fits, by adding entrants at every age, but is not a realistic exit rate).
  let best = null;
  for (const w of WITHDRAWAL_GRID) {
    const entry = entryShares(group.share, group.growth, w, group.mortalityRisk);
    const distance = totalVariation(stationaryShape(group.share, entry, group.growth, w, group.mortalityRisk), group.share);
    if (!best || distance < best.distance - 1e-12) best = { w, entry, distance };
    if (distance <= SHAPE_TOLERANCE) {
      best = { w, entry, distance };
      break;
    }
  }
  group.withdrawal = best.w;
  group.entry = best.entry;
  group.stationaryDistance = best.distance;
  group.profileRaw = wageProfile(group);
  group.profile = normalisedProfile(group.profileRaw, group.share);
  group.registered = group.share.map((row) => row.map((v) => v * group.population * group.coverage));
  group.cellWage = (s, x) => group.wage.mean * group.profile[s][x];
}
const byId = Object.fromEntries(GROUPS.map((g) => [g.id, g]));
const LOCAL = byId.local_employees;
const FOREIGN = byId.foreign_workers;
const DOMESTIC = byId.domestic_workers;
const FISHERS = byId.fishers;
const ACT4_GROUPS = [LOCAL, FOREIGN, DOMESTIC];

// ---------------------------------------------------------------------------------------------
// 5. Employment-injury incidence (work + commuting), local-employee level
// ---------------------------------------------------------------------------------------------

const EI_AGE_MAX = 80;

/** Expected count of a table over a group's registered persons (optionally × a multiplier). */
function expected(group, rate, multiplier = 1, ageMax = MAX_AGE) {
  let total = 0;
  for (let s = 0; s < 2; s++) for (let x = 0; x <= ageMax; x++) total += group.registered[s][x] * rate(s, x) * multiplier;
  return total;
}

// Commuting accidents: 65% of cases under 40 and 80% male; occupational: rate rising to a peak
// at 55–64 (60–64: 2.71 per 1,000 against 2.46 overall), male/female 3.5 (ASSUMPTION).
const shapeCommuting = (beta) => (s, x) => Math.exp(-beta * (Math.max(x, 18) - 30));
const shapeOccupational = (alpha) => (s, x) => Math.exp(alpha * (Math.min(x, 62) - 40)) * (x >= 65 ? 0.92 : 1);

function countShare(group, rate, predicate) {
  let part = 0;
  let all = 0;
  for (let s = 0; s < 2; s++)
    for (let x = 0; x <= MAX_AGE; x++) {
      const v = group.registered[s][x] * rate(s, x);
      all += v;
      if (predicate(s, x)) part += v;
    }
  return part / all;
}

// Age slope and sex ratio solved together (each changes the other's share).
let betaCommuting = 0.02;
let maleRatioCommuting = 3;
for (let i = 0; i < 50; i++) {
  betaCommuting = solve((b) => countShare(LOCAL, (s, x) => shapeCommuting(b)(s, x) * (s === M ? maleRatioCommuting : 1), (s, x) => x < 40) - 0.65, 0, 0.2);
  maleRatioCommuting = solve((r) => countShare(LOCAL, (s, x) => shapeCommuting(betaCommuting)(s, x) * (s === M ? r : 1), (s) => s === M) - 0.8, 0.5, 20);
}
const alphaOccupational = solve((a) => {
  const rate = shapeOccupational(a);
  const r6064 = expected({ registered: LOCAL.registered.map((row) => row.map((v, x) => (x >= 60 && x <= 64 ? v : 0))) }, rate);
  const n6064 = sumTable(LOCAL.registered, 60, 64);
  return r6064 / n6064 / (expected(LOCAL, rate) / sumTable(LOCAL.registered)) - 2.71 / 2.46;
}, 0, 0.1);
const MALE_RATIO_OCCUPATIONAL = 3.5;
const CFR_COMMUTING = (s, x) => Math.exp(0.03 * (x - 30)) * (s === M ? 1.6 : 1); // ASSUMPTION
const CFR_OCCUPATIONAL = (s, x) => Math.exp(0.02 * (x - 30)) * (s === M ? 3 : 1); // ASSUMPTION
const PERMANENT_AGE = (s, x) => Math.exp(0.02 * (x - 35)); // ASSUMPTION: severity rises with age
const TEMPORARY_AGE = (s, x) => 1 + 0.004 * (x - 35); // ASSUMPTION

const commutingShape = (s, x) => shapeCommuting(betaCommuting)(s, x) * (s === M ? maleRatioCommuting : 1);
const occupationalShape = (s, x) => shapeOccupational(alphaOccupational)(s, x) * (s === M ? MALE_RATIO_OCCUPATIONAL : 1);

/**
 * Builds the employment-injury table for given local targets (counts in 2025 from the local
 * registered population): commuting and occupational accidents and deaths, permanent and
 * temporary ratios.
 */
function buildInjuryTable(local, shapes) {
  const kC = local.commutingAccidents / expected(LOCAL, shapes.commuting);
  const kO = local.occupationalAccidents / expected(LOCAL, shapes.occupational);
  const accidents = (s, x) => kC * shapes.commuting(s, x) + kO * shapes.occupational(s, x);
  const kCF = local.commutingDeaths / expected(LOCAL, (s, x) => kC * shapes.commuting(s, x) * shapes.cfrCommuting(s, x));
  const kOF = local.occupationalDeaths / expected(LOCAL, (s, x) => kO * shapes.occupational(s, x) * shapes.cfrOccupational(s, x));
  const kP = (local.permanentPerAccident * expected(LOCAL, accidents)) / expected(LOCAL, (s, x) => accidents(s, x) * shapes.permanentAge(s, x));
  const kT = (local.temporaryPerAccident * expected(LOCAL, accidents)) / expected(LOCAL, (s, x) => accidents(s, x) * shapes.temporaryAge(s, x));
  const table = { temporary: newTable(), permanent: newTable(), fatal: newTable(), medical: newTable() };
  // The commuting accidents' part of each column: their share of the accidents at the age and
  // sex for temporary and permanent (both are accidents × an age factor), their own deaths.
  const commuting = { temporary: newTable(), permanent: newTable(), fatal: newTable(), medical: newTable() };
  for (let s = 0; s < 2; s++) {
    for (let x = GROUP_AGE_MIN; x <= EI_AGE_MAX; x++) {
      const a = accidents(s, x);
      const c = kC * shapes.commuting(s, x);
      table.medical[s][x] = a;
      table.temporary[s][x] = Math.min(a, a * kT * shapes.temporaryAge(s, x));
      table.permanent[s][x] = a * kP * shapes.permanentAge(s, x);
      table.fatal[s][x] = kC * shapes.commuting(s, x) * kCF * shapes.cfrCommuting(s, x) + kO * shapes.occupational(s, x) * kOF * shapes.cfrOccupational(s, x);
      commuting.medical[s][x] = c;
      commuting.temporary[s][x] = table.temporary[s][x] * (c / a);
      commuting.permanent[s][x] = table.permanent[s][x] * (c / a);
      commuting.fatal[s][x] = c * kCF * shapes.cfrCommuting(s, x);
    }
  }
  return { table, commuting };
}

const CONTINGENCIES = ['temporary', 'permanent', 'fatal', 'medical'];
const rateOf = (table, contingency) => (s, x) => table[contingency][s][x];
const expectedCounts = (group, table, multipliers) =>
  Object.fromEntries(CONTINGENCIES.map((c) => [c, expected(group, rateOf(table, c), multipliers[c])]));

function calibrateEmploymentInjury() {
  const commutingAccidents = TARGETS.accidents * TARGETS.commutingShareOfAccidents;
  const industrialAccidents = TARGETS.accidents - commutingAccidents;
  const commutingDeaths = TARGETS.deaths * TARGETS.commutingShareOfDeaths;
  const industrialDeaths = TARGETS.deaths - commutingDeaths;
  const foreign = {
    medical: TARGETS.foreignAccidents,
    temporary: TARGETS.foreignAccidents * TARGETS.temporaryPerAccident,
    permanent: TARGETS.foreignAccidents * TARGETS.permanentPerAccident * TARGETS.foreignPermanentRelativity,
    fatal: industrialDeaths * TARGETS.foreignShareOfIndustrialDeaths + TARGETS.foreignCommutingDeaths,
  };
  const foreignCommutingAccidents = TARGETS.foreignAccidents * TARGETS.foreignCommutingShareOfAccidents;
  const shapes = {
    commuting: commutingShape,
    occupational: occupationalShape,
    cfrCommuting: CFR_COMMUTING,
    cfrOccupational: CFR_OCCUPATIONAL,
    permanentAge: PERMANENT_AGE,
    temporaryAge: TEMPORARY_AGE,
  };
  const domesticMultipliers = ASSUMED_MULTIPLIERS.employment_injury.domestic_workers;
  // Domestic workers' (small) expected counts come out of the totals: iterate to a fixed point.
  let domestic = { medical: 0, fatal: 0 };
  let table;
  let commuting;
  for (let i = 0; i < 20; i++) {
    const local = {
      commutingAccidents: commutingAccidents - foreignCommutingAccidents - domestic.medical * 0.1,
      occupationalAccidents: industrialAccidents - (TARGETS.foreignAccidents - foreignCommutingAccidents) - domestic.medical * 0.9,
      commutingDeaths: commutingDeaths - TARGETS.foreignCommutingDeaths - domestic.fatal * 0.3,
      occupationalDeaths: industrialDeaths * (1 - TARGETS.foreignShareOfIndustrialDeaths) - domestic.fatal * 0.7,
      permanentPerAccident: TARGETS.permanentPerAccident,
      temporaryPerAccident: TARGETS.temporaryPerAccident,
    };
    ({ table, commuting } = buildInjuryTable(local, shapes));
    domestic = expectedCounts(DOMESTIC, table, domesticMultipliers);
  }
  const multipliers = {
    local_employees: { temporary: 1, permanent: 1, fatal: 1, medical: 1 },
    foreign_workers: Object.fromEntries(CONTINGENCIES.map((c) => [c, foreign[c] / expected(FOREIGN, rateOf(table, c))])),
    domestic_workers: domesticMultipliers,
  };
  const fisherTarget = {
    medical: TARGETS.fishers.medical * sumTable(FISHERS.registered),
    fatal: TARGETS.fishers.fatal * sumTable(FISHERS.registered),
  };
  fisherTarget.permanent = fisherTarget.medical * TARGETS.fishers.permanentPerAccident;
  fisherTarget.temporary = fisherTarget.medical * TARGETS.fishers.temporaryPerAccident;
  multipliers.fishers = Object.fromEntries(CONTINGENCIES.map((c) => [c, fisherTarget[c] / expected(FISHERS, rateOf(table, c))]));
  // The same counts by cause (scenario key risk.employment_injury: {workplace, commuting}): each
  // group's commuting cases on the commuting part, the rest on the workplace part, so that the
  // totals are those of the single multipliers above. Foreign workers: 10% of accidents and 40
  // deaths are commuting (TARGETS); domestic workers: the shares the fixed point above uses.
  const workplace = Object.fromEntries(CONTINGENCIES.map((c) => [c, newTable()]));
  for (const c of CONTINGENCIES) for (let s = 0; s < 2; s++) for (let x = 0; x <= MAX_AGE; x++) workplace[c][s][x] = table[c][s][x] - commuting[c][s][x];
  const split = (group, commutingCounts) => {
    const total = expectedCounts(group, table, multipliers[group.id]);
    return {
      workplace: Object.fromEntries(CONTINGENCIES.map((c) => [c, (total[c] - commutingCounts[c]) / expected(group, rateOf(workplace, c))])),
      commuting: Object.fromEntries(CONTINGENCIES.map((c) => [c, commutingCounts[c] / expected(group, rateOf(commuting, c))])),
    };
  };
  const foreignTotal = expectedCounts(FOREIGN, table, multipliers.foreign_workers);
  const domesticTotal = expectedCounts(DOMESTIC, table, domesticMultipliers);
  const byCause = {
    foreign_workers: split(FOREIGN, {
      medical: foreignTotal.medical * TARGETS.foreignCommutingShareOfAccidents,
      temporary: foreignTotal.temporary * TARGETS.foreignCommutingShareOfAccidents,
      permanent: foreignTotal.permanent * TARGETS.foreignCommutingShareOfAccidents,
      fatal: TARGETS.foreignCommutingDeaths,
    }),
    domestic_workers: split(DOMESTIC, {
      medical: domesticTotal.medical * 0.1,
      temporary: domesticTotal.temporary * 0.1,
      permanent: domesticTotal.permanent * 0.1,
      fatal: domesticTotal.fatal * 0.3,
    }),
  };
  return { table, commuting, multipliers, byCause };
}

const EI = calibrateEmploymentInjury();

// ---------------------------------------------------------------------------------------------
// 6. Non-employment-injury incidence (24-hour cover, Act A1788)
// ---------------------------------------------------------------------------------------------

function calibrateNonEmploymentInjury() {
  // Road accidents off duty (young, male) and other accidents (falls, home, sport; rising with age).
  const road = (s, x) => Math.exp(-0.03 * (Math.max(x, 18) - 22)) * (s === M ? 2.2 : 1);
  const other = (s, x) => Math.exp(0.035 * (x - 40));
  const roadShare = 0.65; // of non-fatal cases, ASSUMPTION
  const roadShareOfDeaths = 0.75; // ASSUMPTION
  const cfrRoad = (s, x) => Math.exp(0.03 * (x - 30)) * (s === M ? 1.5 : 1);
  const cfrOther = (s, x) => Math.exp(0.05 * (x - 40)) * (s === M ? 1.3 : 1);
  const m = ASSUMED_MULTIPLIERS.non_employment_injury;
  // Level: total medical cases over the Act 4 groups = the published count.
  const weight = (rate, c) => ACT4_GROUPS.reduce((t, g) => t + expected(g, rate, m[g.id][c]), 0);
  const kR = (TARGETS.nonEmploymentAccidents * roadShare) / weight(road, 'medical');
  const kH = (TARGETS.nonEmploymentAccidents * (1 - roadShare)) / weight(other, 'medical');
  const accidents = (s, x) => kR * road(s, x) + kH * other(s, x);
  const kRF = (TARGETS.nonEmploymentDeaths * roadShareOfDeaths) / weight((s, x) => kR * road(s, x) * cfrRoad(s, x), 'fatal');
  const kHF = (TARGETS.nonEmploymentDeaths * (1 - roadShareOfDeaths)) / weight((s, x) => kH * other(s, x) * cfrOther(s, x), 'fatal');
  const permanentPerAccident = 0.15; // ASSUMPTION
  const temporaryPerAccident = 0.8; // ASSUMPTION
  const kP = (permanentPerAccident * weight(accidents, 'medical')) / weight((s, x) => accidents(s, x) * PERMANENT_AGE(s, x), 'medical');
  const kT = (temporaryPerAccident * weight(accidents, 'medical')) / weight((s, x) => accidents(s, x) * TEMPORARY_AGE(s, x), 'medical');
  const table = { temporary: newTable(), permanent: newTable(), fatal: newTable(), medical: newTable() };
  for (let s = 0; s < 2; s++) {
    for (let x = GROUP_AGE_MIN; x <= EI_AGE_MAX; x++) {
      const a = accidents(s, x);
      table.medical[s][x] = a;
      table.temporary[s][x] = Math.min(a, a * kT * TEMPORARY_AGE(s, x));
      table.permanent[s][x] = a * kP * PERMANENT_AGE(s, x);
      table.fatal[s][x] = kR * road(s, x) * kRF * cfrRoad(s, x) + kH * other(s, x) * kHF * cfrOther(s, x);
    }
  }
  return { table, multipliers: m };
}

const NEI = calibrateNonEmploymentInjury();

// ---------------------------------------------------------------------------------------------
// 7. Invalidity: shape from the Illustrative Service Table, level set in section 9
// ---------------------------------------------------------------------------------------------

const INVALIDITY_AGE_MAX = 59;

function invalidityShape() {
  const rate = new Float64Array(MAX_AGE + 1);
  for (const [x, l, d] of SERVICE_TABLE_INABILITY) rate[x] = d / l;
  // Below 35 (the table has no disability there): log-linear fit to 35–44, extended down.
  const fit = SERVICE_TABLE_INABILITY.slice(0, 10).map(([x, l, d]) => [x, Math.log(d / l)]);
  const mx = fit.reduce((t, [x]) => t + x, 0) / fit.length;
  const my = fit.reduce((t, [, y]) => t + y, 0) / fit.length;
  const slope = fit.reduce((t, [x, y]) => t + (x - mx) * (y - my), 0) / fit.reduce((t, [x]) => t + (x - mx) ** 2, 0);
  for (let x = GROUP_AGE_MIN; x < 35; x++) rate[x] = Math.exp(my + slope * (x - mx));
  const shape = newTable();
  for (let x = GROUP_AGE_MIN; x <= INVALIDITY_AGE_MAX; x++) {
    shape[M][x] = rate[x];
    shape[F][x] = rate[x] * INVALIDITY_FEMALE_FACTOR;
  }
  return { shape, slope };
}
const INVALIDITY_SHAPE = invalidityShape();

/** The engine's invalidity qualifying share and pension rate for a person aged x (methodology §4). */
function qualifying(x, density, coverFrom = -Infinity, year = BASE_YEAR) {
  const served = Math.max(0, Math.min(x + 0.5 - RULES.qualifyingEntryAge, year - coverFrom + 0.5));
  const window = Math.min(RULES.windowMonths, Math.round(12 * served));
  const share = window < RULES.qualifyingMonths ? 0 : binomialTail(window, density, RULES.qualifyingMonths);
  const months = 12 * served * density;
  const rate = Math.min(RULES.invalidityMax, RULES.invalidityBase + RULES.invalidityIncrement * Math.max(0, (months - RULES.qualifyingMonths) / 12));
  return { share, rate };
}

// ---------------------------------------------------------------------------------------------
// 8. Family of a deceased insured person or pensioner
// ---------------------------------------------------------------------------------------------

/**
 * Family of a person of sex s aged x (last birthday) dying in mid-year z. Spouse: the currently
 * married share and the age gap. Children: births follow a Poisson process whose intensity is
 * the age-specific fertility at the person's age at each birth (shifted for fathers), scaled to
 * the total fertility of the calendar year of that birth; children under the limit are those
 * born in the last 21 years. P(≥1) = 1 − e^(−Λ); the youngest child's age is the time since the
 * last birth given one in the window; `childrenUnder(t)` is the expected number of children still
 * under the limit t years later.
 */
const familyCache = new Map();
function familyAt(s, x, z) {
  const key = `${s}|${x}|${z}`;
  const hit = familyCache.get(key);
  if (hit) return hit;
  const shape = 5 * ASFR.reduce((a, b) => a + b, 0);
  const fertility = (age) => {
    const band = Math.floor((age - 15) / 5);
    return band >= 0 && band < ASFR.length ? ASFR[band] : 0;
  };
  const age = x + 0.5;
  const shift = s === M ? FATHER_AGE_SHIFT : 0;
  const step = 0.05;
  const births = []; // [u, expected births u years ago in the step]
  let lambda = 0;
  let meanAge = 0;
  for (let u = step / 2; u < RULES.childAgeLimit; u += step) {
    const intensity = (fertility(age - u - shift) * interpolate(TFR_HISTORY, z + 0.5 - u)) / shape;
    meanAge += u * intensity * Math.exp(-lambda) * step; // a birth u years ago is the youngest with chance e^(−Λ(0,u))
    lambda += intensity * step;
    births.push([u, intensity * step]);
  }
  const pAny = 1 - Math.exp(-lambda);
  const family = {
    pSpouse: interpolate(MARRIED[SEXES[s]], age) * MARRIED_AMONG_DECEASED,
    gap: interpolate(SPOUSE_GAP[SEXES[s]], age),
    pChildren: pAny,
    youngest: pAny > 1e-9 ? meanAge / pAny : 0,
    childrenUnder: (t) => births.reduce((n, [u, b]) => (u + t < RULES.childAgeLimit ? n + b : n), 0),
  };
  familyCache.set(key, family);
  return family;
}

/** Parents of a person aged x (mothers 28, fathers 32 years older): P(any alive), expected number alive. */
function parentsAlive(x) {
  const survival = (s, from, to) => {
    if (to >= MAX_AGE) return 0;
    let p = 1;
    for (let a = from; a < to; a++) p *= 1 - qAt(s, a);
    return p;
  };
  const mother = survival(F, 28, 28 + x);
  const father = survival(M, 32, 32 + x);
  return { any: 1 - (1 - mother) * (1 - father), number: mother + father };
}

// ---------------------------------------------------------------------------------------------
// 9. Pensions in payment at 1 January 2025: a back-projection of past awards
// ---------------------------------------------------------------------------------------------
//
// Awards of each past year y have the age-sex pattern the incidence tables give in 2025, a level
// growing at the rate in HISTORY.growth, and amounts from the wages of year y (the local wage
// profile deflated at the historical wage growth, the ceiling of the year, times a relativity k
// for the below-average earnings of those who become invalid, die or are injured), indexed by
// the average cost-of-living adjustment to 2025 and floored at the current minimum. They
// survive to 2025 on the general mortality times the pension type's multiplier times the local
// group's mortality risk (the engine's rule for a stock without a group column). Invalidity
// pensioners who die before 2025 leave survivors' pensions.

const STOCK_TYPES = {
  ei: ['permanent_disablement', 'constant_attendance', 'dependants_spouse', 'dependants_children'],
  invalidity: ['invalidity_pension', 'survivors_spouse', 'survivors_children', 'constant_attendance'],
};

function newStock(types) {
  return Object.fromEntries(types.map((t) => [t, { count: newTable(), amount: newTable() }]));
}
const emptyTotals = () => ({ pensioners: 0, caa: 0, spouses: 0, wives: 0, parents: 0, parentPersons: 0, children: 0, families: 0 });

/** Adds `count` persons of exact mean age `exactAge` at 1 Jan 2025 (spread over one year of age). */
function addToStock(entry, s, exactAge, count, monthly) {
  if (count <= 0) return;
  const e = Math.min(MAX_AGE + 0.4999, Math.max(0.5, exactAge));
  const lower = Math.floor(e - 0.5);
  const upper = e - 0.5 - lower;
  for (const [x, w] of [[lower, 1 - upper], [Math.min(MAX_AGE, lower + 1), upper]]) {
    if (w <= 0) continue;
    entry.count[s][x] += count * w;
    entry.amount[s][x] += count * w * monthly;
  }
}

/** Survival from mid-year y at age a (last birthday) to 1 Jan 2025, and the deaths on the way. */
const pathCache = new Map();
function survivalPath(s, a, y, multiplier) {
  const key = `${s}|${a}|${y}|${multiplier}`;
  let path = pathCache.get(key);
  if (path) return path;
  const deaths = []; // [calendar year, age at death, probability]
  let alive = 1;
  const half = 1 - Math.sqrt(Math.max(0, 1 - qAt(s, a, multiplier)));
  deaths.push([y, a, half]);
  alive -= half;
  for (let z = y + 1; z <= BASE_YEAR - 1; z++) {
    const x = a + (z - y);
    const d = alive * qAt(s, x, multiplier);
    deaths.push([z, x, d]);
    alive -= d;
  }
  path = { alive, deaths, exactAge: a + 0.5 + (BASE_YEAR - 0.5 - y) };
  pathCache.set(key, path);
  return path;
}

const wageIndex = (y) => Math.pow(1 + ECONOMY.wageGrowth, y - BASE_YEAR);
const colaTo2025 = (y) => Math.pow(1 + ECONOMY.pensionIndexation, BASE_YEAR - 1 - y);

/** Mean assumed monthly wage of year y for the local cell (s, x) times k, clamped to [lo, ceiling of y]. */
function historicalWage(s, x, y, k, lo) {
  const mean = LOCAL.cellWage(s, Math.min(Math.max(x, GROUP_AGE_MIN), GROUP_AGE_MAX)) * wageIndex(y) * k;
  return expectedClamp(mean, LOCAL.wage.cv, lo * wageIndex(y), HISTORY.ceiling(y));
}

/**
 * Survivors of `deaths` deaths in mid-year z (deceased sex s aged x) with a family pension of
 * `familyMonthly` (2025 money, already floored): spouse for life, children to 21 (one award per
 * family, at the youngest child's age), parents (shown with the spouses: life pensions to adult
 * dependants) when there is neither spouse nor child. `totals` counts persons and families.
 */
function addSurvivors(stock, spouseType, childType, z, s, x, deaths, familyMonthly, totals) {
  const family = familyAt(s, Math.min(x, MAX_AGE), z);
  const pS = family.pSpouse;
  const pC = family.pChildren;
  const elapsed = BASE_YEAR - 0.5 - z;
  const multiplier = PENSION_MORTALITY[spouseType] * LOCAL.mortalityRisk;
  let spouseAlive = 0;
  if (pS > 0) {
    const share = pC * RULES.spouseShare + (1 - pC) * RULES.soleSurvivorShare;
    const path = survivalPath(1 - s, Math.max(GROUP_AGE_MIN, Math.min(MAX_AGE - 1, Math.round(x + family.gap))), z, multiplier);
    spouseAlive = path.alive;
    addToStock(stock[spouseType], 1 - s, path.exactAge, deaths * pS * path.alive, familyMonthly * share);
    totals.spouses += deaths * pS * path.alive;
    if (s === M) totals.wives += deaths * pS * path.alive;
  }
  const childAge = family.youngest + 0.5 + elapsed;
  let childrenPaid = 0;
  if (pC > 0 && childAge - 0.5 < RULES.childAgeLimit) {
    const share = pS * (1 - RULES.spouseShare) + (1 - pS) * RULES.soleSurvivorShare;
    for (const cs of [F, M]) addToStock(stock[childType], cs, childAge, (deaths * pC) / 2, familyMonthly * share);
    childrenPaid = pC;
  }
  totals.children += deaths * family.childrenUnder(elapsed);
  const parents = parentsAlive(Math.min(x, MAX_AGE));
  const pParents = (1 - pS) * (1 - pC) * parents.any;
  let parentsPaid = 0;
  if (pParents > 0) {
    const path = survivalPath(F, Math.min(MAX_AGE - 1, x + 28), z, multiplier);
    parentsPaid = pParents * path.alive;
    addToStock(stock[spouseType], F, path.exactAge, deaths * parentsPaid, familyMonthly * RULES.parentsShare);
    totals.parents += deaths * parentsPaid;
    totals.parentPersons += deaths * (1 - pS) * (1 - pC) * parents.number * path.alive;
  }
  // a case (family) is in payment while the spouse lives, or else while a children's or parents' pension is paid
  const spouseNow = pS * spouseAlive;
  totals.families += deaths * (spouseNow + (1 - spouseNow) * childrenPaid + parentsPaid);
}

/** Age-sex pattern of the 2025 awards from a rate table over the Act 4 groups. */
function awardPattern(rateByGroup) {
  const pattern = newTable();
  for (const g of ACT4_GROUPS) {
    const rate = rateByGroup(g);
    for (let s = 0; s < 2; s++) for (let x = 0; x <= MAX_AGE; x++) pattern[s][x] += g.registered[s][x] * rate(s, x);
  }
  return pattern;
}

/** Annualised amount (12 × monthly) of some types of a stock. */
const annualAmount = (stock, types) => types.reduce((t, type) => t + 12 * sumTable(stock[type].amount), 0);

/**
 * The invalidity scheme's pensions in payment in two parts: `awards` (invalidity pensioners with
 * their constant-attendance allowances, and the survivors of those who died) for an incidence
 * level of 1, and `active` (survivors of insured persons who died before the age limit) for the
 * engine's qualifying deaths. The stock for (level, scale) is level·awards + scale·active.
 */
function invalidityComponents(k) {
  const parts = {
    awards: { stock: newStock(STOCK_TYPES.invalidity), totals: emptyTotals() },
    active: { stock: newStock(STOCK_TYPES.invalidity), totals: emptyTotals() },
  };
  const density = BENEFITS.density.local_employees;
  const mInv = PENSION_MORTALITY.invalidity_pension * LOCAL.mortalityRisk;
  const mCaa = PENSION_MORTALITY.constant_attendance * LOCAL.mortalityRisk;
  const floor = RULES.invalidityMinimumMonthly;
  for (let y = HISTORY.firstYearInvalidity; y < BASE_YEAR; y++) {
    const level = Math.pow(1 + HISTORY.growth.invalidity, y - BASE_YEAR);
    const deathLevel = Math.pow(1 + HISTORY.growth.activeDeaths, y - BASE_YEAR);
    const ageLimit = y < HISTORY.invalidityAgeLimitChange ? 54 : INVALIDITY_AGE_MAX;
    for (let s = 0; s < 2; s++) {
      for (let x = GROUP_AGE_MIN; x <= ageLimit; x++) {
        const { share, rate } = qualifying(x, density);
        const wage = historicalWage(s, x, y, k, floor / rate / wageIndex(y));
        const monthly = Math.max(floor, rate * wage * colaTo2025(y));
        const awards = LOCAL.registered[s][x] * INVALIDITY_SHAPE.shape[s][x] * share * level;
        if (awards > 0) {
          const { stock, totals } = parts.awards;
          const path = survivalPath(s, x, y, mInv);
          addToStock(stock.invalidity_pension, s, path.exactAge, awards * path.alive, monthly);
          totals.pensioners += awards * path.alive;
          const caa = survivalPath(s, x, y, mCaa);
          addToStock(stock.constant_attendance, s, caa.exactAge, awards * BENEFITS.caaShareInvalidity * caa.alive, RULES.caaMonthly);
          totals.caa += awards * BENEFITS.caaShareInvalidity * caa.alive;
          for (const [z, xd, pd] of path.deaths) if (pd > 0) addSurvivors(stock, 'survivors_spouse', 'survivors_children', z, s, xd, awards * pd, monthly, totals);
        }
        const deaths = LOCAL.registered[s][x] * qAt(s, x, LOCAL.mortalityRisk) * share * deathLevel;
        if (deaths > 0) addSurvivors(parts.active.stock, 'survivors_spouse', 'survivors_children', y, s, x, deaths, monthly, parts.active.totals);
      }
    }
  }
  dropAgedOutChildren(parts.awards.stock);
  dropAgedOutChildren(parts.active.stock);
  return parts;
}

/** Children's pensions stop at the age limit: no child of that age or older is in payment. */
function dropAgedOutChildren(stock) {
  for (const type of ['dependants_children', 'survivors_children']) {
    if (!stock[type]) continue;
    for (let s = 0; s < 2; s++)
      for (let x = RULES.childAgeLimit; x <= MAX_AGE; x++) {
        stock[type].count[s][x] = 0;
        stock[type].amount[s][x] = 0;
      }
  }
}

/** level·a + scale·b, for stocks and totals. */
function combine(a, b, level, scale) {
  const stock = newStock(Object.keys(a.stock));
  for (const type of Object.keys(stock))
    for (const field of ['count', 'amount'])
      for (let s = 0; s < 2; s++) for (let x = 0; x <= MAX_AGE; x++) stock[type][field][s][x] = level * a.stock[type][field][s][x] + scale * b.stock[type][field][s][x];
  const totals = Object.fromEntries(Object.keys(a.totals).map((key) => [key, level * a.totals[key] + scale * b.totals[key]]));
  return { stock, totals };
}

function employmentInjuryStock(k, lumpSumShare) {
  const stock = newStock(STOCK_TYPES.ei);
  const totals = emptyTotals();
  const pdPattern = awardPattern((g) => (s, x) => EI.table.permanent[s][x] * EI.multipliers[g.id].permanent * (1 - lumpSumShare));
  const deathPattern = awardPattern((g) => (s, x) => EI.table.fatal[s][x] * EI.multipliers[g.id].fatal);
  const mPd = PENSION_MORTALITY.permanent_disablement * LOCAL.mortalityRisk;
  const mCaa = PENSION_MORTALITY.constant_attendance * LOCAL.mortalityRisk;
  const fullFloor = RULES.dailyMinimum * 30; // monthly, at the full (90%) rate
  for (let y = HISTORY.firstYearEI; y < BASE_YEAR; y++) {
    const pdLevel = Math.pow(1 + HISTORY.growth.pdPensions, y - BASE_YEAR);
    const deathLevel = Math.pow(1 + HISTORY.growth.eiDeaths, y - BASE_YEAR);
    for (let s = 0; s < 2; s++) {
      for (let x = GROUP_AGE_MIN; x <= EI_AGE_MAX; x++) {
        const wage = historicalWage(s, x, y, k, fullFloor / RULES.pdReplacement / wageIndex(y));
        const fullMonthly = Math.max(fullFloor, RULES.pdReplacement * wage * colaTo2025(y));
        const awards = pdPattern[s][x] * pdLevel;
        if (awards > 0) {
          const monthly = BENEFITS.meanDegreePension * fullMonthly * (1 - BENEFITS.commutedShare * BENEFITS.commutedFraction);
          const path = survivalPath(s, x, y, mPd);
          addToStock(stock.permanent_disablement, s, path.exactAge, awards * path.alive, monthly);
          totals.pensioners += awards * path.alive;
          const caa = survivalPath(s, x, y, mCaa);
          addToStock(stock.constant_attendance, s, caa.exactAge, awards * BENEFITS.caaShareEI * caa.alive, RULES.caaMonthly);
          totals.caa += awards * BENEFITS.caaShareEI * caa.alive;
        }
        const deaths = deathPattern[s][x] * deathLevel;
        if (deaths > 0) addSurvivors(stock, 'dependants_spouse', 'dependants_children', y, s, x, deaths, fullMonthly, totals);
      }
    }
  }
  dropAgedOutChildren(stock);
  return { stock, totals };
}

/**
 * The employment-injury stock: with the injured workers' wage relativity fixed, the share of PD
 * awards paid as lump sums is the one whose pensions reproduce the 2024 periodic PD outgo.
 */
function calibrateEmploymentInjuryStock() {
  const target = TARGETS.pdPensions2024 * TARGETS.stockGrowthToYearStart;
  const k = BENEFITS.wageRelativityEI;
  const share = solve((u) => annualAmount(employmentInjuryStock(k, u).stock, ['permanent_disablement']) - target, 0.5, 0.99, 1e-6);
  BENEFITS.lumpSumShare = Math.round(share * 1000) / 1000;
  return { k, result: employmentInjuryStock(k, BENEFITS.lumpSumShare) };
}

/**
 * The invalidity scheme: for a wage relativity k, the incidence level and the active-death scale
 * reproduce the 2024 invalidity and survivors' outgo; k is set so that all periodic cases
 * (invalidity pensioners, survivors' families, PD pensioners, dependants' families) match the
 * published count.
 */
function calibrateInvalidity(eiCases) {
  const outgo = (v) => v * TARGETS.stockGrowthToYearStart;
  const survivorsTypes = ['survivors_spouse', 'survivors_children'];
  const cache = new Map();
  const atK = (k) => {
    if (cache.has(k)) return cache.get(k);
    const parts = invalidityComponents(k);
    const level = outgo(TARGETS.invalidityPensions2024) / annualAmount(parts.awards.stock, ['invalidity_pension']);
    const scale = (outgo(TARGETS.survivorsPensions2024) - level * annualAmount(parts.awards.stock, survivorsTypes)) / annualAmount(parts.active.stock, survivorsTypes);
    const result = combine(parts.awards, parts.active, level, scale);
    const value = { k, level, scale, result, cases: result.totals.pensioners + result.totals.families };
    cache.set(k, value);
    return value;
  };
  const k = solve((kk) => atK(kk).cases - (TARGETS.periodicCases2025 - eiCases), 0.2, 1.5, 1e-4);
  return atK(k);
}

const EI_STOCK = calibrateEmploymentInjuryStock();
const EI_CASES = EI_STOCK.result.totals.pensioners + EI_STOCK.result.totals.families;
const INVALIDITY = calibrateInvalidity(EI_CASES);

// ---------------------------------------------------------------------------------------------
// 10. The year-2025 flows these tables imply (for the summary and the recommended parameters)
// ---------------------------------------------------------------------------------------------

/** Engine-style expected benefit at the full rate for a group's cell in 2025. */
const fullMonthly2025 = (g, s, x, replacement) =>
  g.id === 'fishers'
    ? replacement * Math.max(g.wage.mean, (RULES.dailyMinimum * 30) / replacement)
    : replacement * expectedClamp(g.cellWage(s, x), g.wage.cv, (RULES.dailyMinimum * 30) / replacement, RULES.ceiling2025);

/**
 * The engine values benefits on the cell's mean wage; injured workers earn about
 * BENEFITS.wageRelativityEI of it, so the mean degree of PD pensions to enter in a scenario
 * (engine basis) is the degree on the worker's own wage times that relativity.
 */
const ENGINE_DEGREE_PENSION = Math.round(BENEFITS.meanDegreePension * BENEFITS.wageRelativityEI * 100) / 100;

function flows2025() {
  const v = (1 + ECONOMY.pensionIndexation) / (1 + ECONOMY.discountRate);
  const commutation = [annuityFactors(F, PENSION_MORTALITY.permanent_disablement, v), annuityFactors(M, PENSION_MORTALITY.permanent_disablement, v)];
  const groups = [...ACT4_GROUPS, FISHERS];
  const out = { byGroup: {}, commutation };
  let tdbDaysBase = 0; // Σ cases × daily benefit
  let lumpPerDegree = 0; // Σ lump-sum awards × full annual × factor
  let commutedOutgo = 0;
  for (const g of groups) {
    const m = EI.multipliers[g.id];
    const row = { registered: sumTable(g.registered), contributing: sumTable(g.registered) * g.compliance };
    for (const c of CONTINGENCIES) row[c] = expected(g, rateOf(EI.table, c), m[c]);
    if (g !== FISHERS) for (const c of CONTINGENCIES) row[`nei_${c}`] = expected(g, rateOf(NEI.table, c), NEI.multipliers[g.id][c]);
    row.invalidity = 0;
    row.survivorDeaths = 0;
    let wageBill = 0;
    for (let s = 0; s < 2; s++) {
      for (let x = 0; x <= MAX_AGE; x++) {
        const n = g.registered[s][x];
        if (n <= 0) continue;
        const wage = g.id === 'fishers' ? g.wage.mean : expectedClamp(g.cellWage(s, x), g.wage.cv, 0, RULES.ceiling2025);
        wageBill += 12 * n * g.compliance * wage;
        const tdbDaily = fullMonthly2025(g, s, x, RULES.tdbReplacement) / 30;
        tdbDaysBase += n * EI.table.temporary[s][x] * m.temporary * tdbDaily;
        const pdAnnual = 12 * fullMonthly2025(g, s, x, RULES.pdReplacement);
        const awards = n * EI.table.permanent[s][x] * m.permanent;
        lumpPerDegree += awards * BENEFITS.lumpSumShare * pdAnnual * commutation[s][x];
        commutedOutgo += awards * (1 - BENEFITS.lumpSumShare) * BENEFITS.commutedShare * BENEFITS.commutedFraction * ENGINE_DEGREE_PENSION * pdAnnual * commutation[s][x];
        if (g !== FISHERS && x <= INVALIDITY_AGE_MAX) {
          const coverFrom = g.id === 'local_employees' ? -Infinity : 2024;
          const { share } = qualifying(x, BENEFITS.density[g.id], coverFrom);
          row.invalidity += n * INVALIDITY.level * INVALIDITY_SHAPE.shape[s][x] * ASSUMED_MULTIPLIERS.invalidity[g.id] * share;
          row.survivorDeaths += n * qAt(s, x, g.mortalityRisk) * share;
        }
      }
    }
    row.wageBill = wageBill;
    out.byGroup[g.id] = row;
  }
  out.meanDays = TARGETS.tdbOutgo2025 / tdbDaysBase;
  out.meanDegreeLumpSum = (TARGETS.pdOneOff2025 - commutedOutgo) / lumpPerDegree;
  out.lumpSums = out.meanDegreeLumpSum * lumpPerDegree;
  out.commuted = commutedOutgo;
  return out;
}
const FLOWS = flows2025();

// ---------------------------------------------------------------------------------------------
// 11. Output
// ---------------------------------------------------------------------------------------------

/** A number with at most 8 significant digits, in plain decimal notation. */
function fmt(value, digits = 8) {
  if (!Number.isFinite(value)) throw new Error(`not a finite number: ${value}`);
  if (value === 0) return '0';
  const exponent = Math.floor(Math.log10(Math.abs(value)));
  const decimals = Math.max(0, digits - 1 - exponent);
  let text = value.toFixed(Math.min(100, decimals));
  if (text.includes('.')) text = text.replace(/0+$/, '').replace(/\.$/, '');
  return text === '-0' ? '0' : text;
}

/** Rounds a distribution to 8 significant digits and moves the rounding residual into one small cell so it sums to 1. */
function roundedShares(table, from, to) {
  const cells = [];
  for (let s = 0; s < 2; s++) for (let x = from; x <= to; x++) cells.push({ s, x, text: fmt(table[s][x]) });
  const sum = () => cells.reduce((t, c) => t + Number(c.text), 0);
  const residual = 1 - sum();
  if (Math.abs(residual) > 0) {
    const candidates = cells.filter((c) => Number(c.text) >= 1e-3 && Number(c.text) < 1e-2);
    const pick = candidates.length ? candidates[candidates.length - 1] : cells.reduce((a, b) => (Number(b.text) > Number(a.text) ? b : a));
    pick.text = fmt(Number(pick.text) + Math.round(residual * 1e10) / 1e10);
  }
  const total = sum();
  if (Math.abs(total - 1) > 1e-9) throw new Error(`shares sum to ${total}`);
  return new Map(cells.map((c) => [`${c.s}|${c.x}`, c.text]));
}

const written = [];
function writeCsv(relative, header, rows) {
  const text = [header.join(','), ...rows.map((r) => r.join(','))].join('\n') + '\n';
  written.push([relative, rows.length]);
  if (CHECK_ONLY) return;
  const path = join(ROOT, relative);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

for (const g of GROUPS) {
  const share = roundedShares(g.share, GROUP_AGE_MIN, GROUP_AGE_MAX);
  const entry = roundedShares(g.entry, GROUP_AGE_MIN, GROUP_AGE_MAX);
  const rows = [];
  for (let s = 0; s < 2; s++) for (const x of ages(GROUP_AGE_MIN, GROUP_AGE_MAX)) rows.push([SEXES[s], x, share.get(`${s}|${x}`), entry.get(`${s}|${x}`)]);
  writeCsv(`data/groups/${g.file}.csv`, ['sex', 'age', 'share', 'entry_share'], rows);
  const profile = [];
  for (let s = 0; s < 2; s++) for (const x of ages(GROUP_AGE_MIN, GROUP_AGE_MAX)) profile.push([SEXES[s], x, fmt(g.profileRaw[s][x], 6)]);
  writeCsv(`data/wages/${g.file}-age-profile.csv`, ['sex', 'age', 'relative'], profile);
}

for (const [file, table] of [['employment-injury', EI.table], ['employment-injury-commuting', EI.commuting], ['non-employment-injury', NEI.table]]) {
  const rows = [];
  for (let s = 0; s < 2; s++) for (const x of ages(GROUP_AGE_MIN, EI_AGE_MAX)) rows.push([SEXES[s], x, ...CONTINGENCIES.map((c) => fmt(table[c][s][x]))]);
  writeCsv(`data/incidence/${file}.csv`, ['sex', 'age', ...CONTINGENCIES], rows);
}

{
  const rows = [];
  for (let s = 0; s < 2; s++) for (const x of ages(GROUP_AGE_MIN, INVALIDITY_AGE_MAX)) rows.push([SEXES[s], x, fmt(INVALIDITY_SHAPE.shape[s][x] * INVALIDITY.level)]);
  writeCsv('data/incidence/invalidity.csv', ['sex', 'age', 'invalidity'], rows);
}

{
  const rows = [];
  for (let s = 0; s < 2; s++)
    for (const x of ages(GROUP_AGE_MIN, MAX_AGE)) {
      const f = familyAt(s, x, BASE_YEAR);
      rows.push([SEXES[s], x, fmt(f.pSpouse, 6), fmt(f.gap, 4), fmt(f.pChildren, 6), fmt(f.youngest, 4)]);
    }
  writeCsv('data/family/dependants.csv', ['sex', 'age', 'p_spouse', 'spouse_age_difference', 'p_children', 'youngest_child_age'], rows);
}

/**
 * Stock rows: whole persons per cell (largest-remainder rounding within each type keeps the
 * type's total), mean monthly amount to the cent.
 */
function stockRows(stock, types) {
  const rows = [];
  const summary = {};
  for (const type of types) {
    const cells = [];
    for (let s = 0; s < 2; s++) for (let x = 0; x <= MAX_AGE; x++) if (stock[type].count[s][x] > 0) cells.push({ s, x, n: stock[type].count[s][x], a: stock[type].amount[s][x] });
    const total = Math.round(cells.reduce((t, c) => t + c.n, 0));
    for (const c of cells) c.whole = Math.floor(c.n);
    let missing = total - cells.reduce((t, c) => t + c.whole, 0);
    for (const c of [...cells].sort((p, q) => q.n - Math.floor(q.n) - (p.n - Math.floor(p.n)) || p.s - q.s || p.x - q.x)) {
      if (missing <= 0) break;
      c.whole += 1;
      missing -= 1;
    }
    let count = 0;
    let annual = 0;
    for (const c of cells.sort((p, q) => p.s - q.s || p.x - q.x)) {
      if (c.whole <= 0) continue;
      const monthly = Math.round((c.a / c.n) * 100) / 100;
      rows.push([type, SEXES[c.s], c.x, c.whole, fmt(monthly)]);
      count += c.whole;
      annual += 12 * c.whole * monthly;
    }
    summary[type] = { count, annual, mean: annual / 12 / count };
  }
  return { rows, summary };
}

const eiRows = stockRows(EI_STOCK.result.stock, STOCK_TYPES.ei);
const invRows = stockRows(INVALIDITY.result.stock, STOCK_TYPES.invalidity);
writeCsv('data/beneficiaries/employment-injury-2025.csv', ['type', 'sex', 'age', 'count', 'monthly_amount'], eiRows.rows);
writeCsv('data/beneficiaries/invalidity-2025.csv', ['type', 'sex', 'age', 'count', 'monthly_amount'], invRows.rows);

// ---------------------------------------------------------------------------------------------
// 12. Summary
// ---------------------------------------------------------------------------------------------

const r0 = (v) => Math.round(v).toLocaleString('en-US');
const r1 = (v, d = 3) => Number(v.toFixed(d));
const lines = [];
const say = (text = '') => lines.push(text);

say('coverage-sim baseline tables — summary (2025, expected values)');
say();
say(`Groups: registered persons (population × coverage); smallest withdrawal whose cohort shape is within ${SHAPE_TOLERANCE} of the table`);
for (const g of GROUPS) {
  const mean = (age0, age1) => {
    let n = 0;
    let t = 0;
    for (let s = 0; s < 2; s++) for (let x = age0; x <= age1; x++) {
      n += g.share[s][x];
      t += g.share[s][x] * (x + 0.5);
    }
    return t / n;
  };
  say(`  ${g.id.padEnd(17)} potential ${r0(g.population).padStart(10)}  registered ${r0(sumTable(g.registered)).padStart(10)}  male ${r1(g.maleShare, 2)}  mean age ${r1(mean(0, MAX_AGE), 1)}  withdrawal ${g.withdrawal}  cohort-shape distance ${r1(g.stationaryDistance, 4)}`);
}
say();
say(`Employment injury (Act 4 groups + fishers): shape parameters beta_commuting ${r1(betaCommuting, 5)}, male ratio commuting ${r1(maleRatioCommuting, 3)}, alpha_occupational ${r1(alphaOccupational, 5)}`);
say('  group              registered     medical   temporary   permanent      fatal   | multipliers T / P / F / M');
const totals = { medical: 0, temporary: 0, permanent: 0, fatal: 0 };
for (const g of [...ACT4_GROUPS, FISHERS]) {
  const f = FLOWS.byGroup[g.id];
  const m = EI.multipliers[g.id];
  if (g !== FISHERS) for (const c of CONTINGENCIES) totals[c] += f[c];
  say(`  ${g.id.padEnd(17)} ${r0(f.registered).padStart(11)} ${r0(f.medical).padStart(11)} ${r0(f.temporary).padStart(11)} ${r0(f.permanent).padStart(11)} ${r1(f.fatal, 1).toString().padStart(10)}   | ${CONTINGENCIES.map((c) => r1(m[c], 3)).join(' / ')}`);
}
for (const [id, m] of Object.entries(EI.byCause)) {
  say(`  ${id.padEnd(17)} by cause: workplace ${CONTINGENCIES.map((c) => r1(m.workplace[c], 4)).join(' / ')}; commuting ${CONTINGENCIES.map((c) => r1(m.commuting[c], 4)).join(' / ')}`);
}
say(`  Act 4 total        ${''.padStart(11)} ${r0(totals.medical).padStart(11)} ${r0(totals.temporary).padStart(11)} ${r0(totals.permanent).padStart(11)} ${r1(totals.fatal, 1).toString().padStart(10)}   (targets: 80,166 accidents, 1,060 deaths)`);
{
  let under40 = 0;
  let all = 0;
  let male = 0;
  for (let s = 0; s < 2; s++) for (let x = 0; x <= MAX_AGE; x++) {
    const v = LOCAL.registered[s][x] * commutingShape(s, x);
    all += v;
    if (x < 40) under40 += v;
    if (s === M) male += v;
  }
  say(`  local commuting accidents: share under 40 ${r1(under40 / all)}, male ${r1(male / all)}`);
}
say(`  engine-basis parameters: TDB mean days ${r1(FLOWS.meanDays, 1)} (TDB outgo RM${r0(TARGETS.tdbOutgo2025)}); lump_sum_share ${BENEFITS.lumpSumShare};`);
say(`    mean_degree_pension ${ENGINE_DEGREE_PENSION} (${BENEFITS.meanDegreePension} on own wage × relativity ${BENEFITS.wageRelativityEI}); mean_degree_lump_sum ${r1(FLOWS.meanDegreeLumpSum, 4)}: lump sums RM${r0(FLOWS.lumpSums)} + commuted RM${r0(FLOWS.commuted)}`);
say(`  commutation factor (annuity) at 30 M ${r1(FLOWS.commutation[M][30], 2)}, 40 M ${r1(FLOWS.commutation[M][40], 2)}, 50 M ${r1(FLOWS.commutation[M][50], 2)}`);
say();
say('Non-employment injury (24-hour cover): medical / temporary / permanent / fatal');
for (const g of ACT4_GROUPS) {
  const f = FLOWS.byGroup[g.id];
  say(`  ${g.id.padEnd(17)} ${r0(f.nei_medical).padStart(9)} ${r0(f.nei_temporary).padStart(9)} ${r0(f.nei_permanent).padStart(9)} ${r1(f.nei_fatal, 1).toString().padStart(9)}`);
}
say();
say(`Invalidity: incidence level × service-table shape = ${r1(INVALIDITY.level, 4)}, log-slope below 35 ${r1(INVALIDITY_SHAPE.slope, 4)} (rate M 45 ${fmt(INVALIDITY.level * INVALIDITY_SHAPE.shape[M][45], 4)}, M 55 ${fmt(INVALIDITY.level * INVALIDITY_SHAPE.shape[M][55], 4)})`);
say(`  wage relativity k of invalids and deceased ${r1(INVALIDITY.k, 3)}; active-death scale ${r1(INVALIDITY.scale, 3)} (1 = the engine's deaths × qualifying share)`);
for (const g of ACT4_GROUPS) {
  const f = FLOWS.byGroup[g.id];
  say(`  ${g.id.padEnd(17)} new invalidity pensions ${r0(f.invalidity).padStart(7)}  qualifying deaths of insured ${r0(f.survivorDeaths).padStart(7)}`);
}
say();
say('Pensions in payment at 1 Jan 2025 (rows written): count, annualised amount, mean monthly');
for (const [label, rows] of [['employment injury', eiRows], ['invalidity', invRows]]) {
  for (const [type, v] of Object.entries(rows.summary)) say(`  ${label.padEnd(17)} ${type.padEnd(22)} ${r0(v.count).padStart(8)}  RM${r0(v.annual).padStart(14)}  RM${r1(v.mean, 0)}`);
}
{
  const inv = INVALIDITY.result.totals;
  const ei = EI_STOCK.result.totals;
  const cases = inv.pensioners + inv.families + ei.pensioners + ei.families;
  const annual = annualAmount(INVALIDITY.result.stock, STOCK_TYPES.invalidity) + annualAmount(EI_STOCK.result.stock, STOCK_TYPES.ei);
  const persons = inv.spouses + inv.parentPersons + inv.children;
  say(`  survivors' recipients: spouses ${r0(inv.spouses)} (wives ${r0(inv.wives)}), parents ${r0(inv.parentPersons)}, children under 21 ${r0(inv.children)} = ${r0(persons)} (published 404,530)`);
  say(`  shares of survivors' recipients: wives ${r1(inv.wives / persons)}, children ${r1(inv.children / persons)} (published 0.397 and 0.415)`);
  say(`  dependants' benefit recipients: spouses ${r0(ei.spouses)}, parents ${r0(ei.parentPersons)}, children under 21 ${r0(ei.children)}`);
  say(`  cases (pensioners + families): invalidity ${r0(inv.pensioners)}, survivors ${r0(inv.families)}, PD ${r0(ei.pensioners)}, dependants ${r0(ei.families)} = ${r0(cases)} (published 464,593)`);
  say(`  all periodic pensions (incl. CAA) annualised RM${r0(annual)}`);
  say(`  EI wage relativity k (PD and dependants) ${r1(EI_STOCK.k, 3)}; calibrated lump-sum share of PD awards ${BENEFITS.lumpSumShare}`);
}
{
  // share of local registered persons earning above a threshold, with wages deflated to year y
  const above = (threshold, y) => {
    let n = 0;
    let t = 0;
    const sigma = Math.sqrt(Math.log(1 + LOCAL.wage.cv ** 2));
    for (let s = 0; s < 2; s++) for (let x = 0; x <= MAX_AGE; x++) {
      const r = LOCAL.registered[s][x];
      if (r <= 0) continue;
      const m = LOCAL.cellWage(s, x) * wageIndex(y);
      n += r * (1 - normalCdf((Math.log(threshold) - Math.log(m) + sigma * sigma / 2) / sigma));
      t += r;
    }
    return n / t;
  };
  say(`Local wages: share above RM5,000 in 2024 ${r1(above(5000, 2024))} (1.45m of ~7.4m ≈ 0.196); above RM4,000 in 2022 ${r1(above(4000, 2022))} (1.5m, 19% of all contributors); above RM6,000 in 2025 ${r1(above(6000, 2025))}`);
  say(`  below RM2,000 in 2023 ${r1(1 - above(2000, 2023))} (DOSM formal sector, Sep 2023: 0.346); above RM10,000 in 2023 ${r1(above(10000, 2023))} (0.075)`);
  // new invalidity awards of 2025: the engine values them on the cell mean wage (k = 1)
  const newAward = (k) => {
    let n = 0;
    let a = 0;
    for (let s = 0; s < 2; s++) for (let x = GROUP_AGE_MIN; x <= INVALIDITY_AGE_MAX; x++) {
      const { share, rate } = qualifying(x, BENEFITS.density.local_employees);
      const awards = LOCAL.registered[s][x] * INVALIDITY_SHAPE.shape[s][x] * INVALIDITY.level * share;
      const wage = expectedClamp(LOCAL.cellWage(s, x) * k, LOCAL.wage.cv, RULES.invalidityMinimumMonthly / rate, RULES.assumedWageCeiling);
      n += awards;
      a += awards * rate * wage;
    }
    return a / n;
  };
  say(`New invalidity pensions 2025, mean monthly: engine basis (cell-mean wage) RM${r0(newAward(1))}; at the calibrated relativity RM${r0(newAward(INVALIDITY.k))}`);
}
say();
say('Contribution base 2025 (insurable wage bill of contributing persons, RM)');
for (const g of [...ACT4_GROUPS, FISHERS]) say(`  ${g.id.padEnd(17)} RM${r0(FLOWS.byGroup[g.id].wageBill)}`);
{
  let foreignExpectedDeaths = 0;
  for (let s = 0; s < 2; s++) for (let x = 0; x <= MAX_AGE; x++) foreignExpectedDeaths += FOREIGN.registered[s][x] * qAt(s, x);
  say(`Foreign workers: deaths at general mortality ${r0(foreignExpectedDeaths)}; repatriation saving implies ${r0(TARGETS.invalidityRepatriationSaving / 4500)} (multiplier ${r1(TARGETS.invalidityRepatriationSaving / 4500 / foreignExpectedDeaths, 2)})`);
}
say();
say(`Files ${CHECK_ONLY ? '(not written, --check)' : 'written'}:`);
for (const [file, n] of written) say(`  ${file} (${n} rows)`);
process.stdout.write(lines.join('\n') + '\n');
