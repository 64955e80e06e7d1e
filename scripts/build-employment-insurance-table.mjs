#!/usr/bin/env node
/**
 * Builds data/incidence/employment-insurance.csv (sex, age, job_loss): involuntary losses of
 * employment per registered person-year, before the qualifying share, ages 15-59 (the
 * Employment Insurance System covers ages 18-60; the table starts where the group tables do).
 *
 * Shape (data/SOURCES.md): PERKESO's losses of employment of Q1 2020 by age (29% under 30,
 * 32% aged 31-40, 39% over 40) against the local employees' ages (data/groups/local-employees.csv),
 * and by sex (57.1% men in 2020, against 55.6% men among local employees aged 18-59).
 * Level: so that the baseline's qualifying claims in 2025 are the 20,661 claims approved to
 * 20 June 2024, annualised (x 366/172) and rolled forward by DOSM's employees (+1.8459%),
 * on the baseline's registered local employees (8.4m x 0.88 in 2025) and the engine's
 * qualifying share (12 contributions in the last 24 months, density 0.85, months counted from 18).
 *
 * Usage, from the project root: node scripts/build-employment-insurance-table.mjs [--check]
 * Node.js 20, no dependencies, deterministic output.
 */
import { readFileSync, writeFileSync } from 'node:fs';

const OUT = 'data/incidence/employment-insurance.csv';
const AGES = { min: 15, max: 59, entry: 18 };
const LOCAL = { population: 8_400_000, coverage: 0.88, density: 0.85 };
const RULE = { minMonths: 12, windowMonths: 24 };
const CLAIMS = { approvedTo20Jun2024: 20_661, annualise: 366 / 172, employees2025: 0.018459 };
// Shares of losses of employment by age band (Q1 2020, The Malaysian Reserve, 2020-06-05).
const LOSS_BANDS = [
  { from: 15, to: 30, share: 0.29 },
  { from: 31, to: 40, share: 0.32 },
  { from: 41, to: 59, share: 0.39 },
];
// Men's share of losses of employment (2020, PERKESO EIS Report 2020).
const MEN_SHARE_OF_LOSSES = 0.571;

function readShares() {
  const [header, ...lines] = readFileSync('data/groups/local-employees.csv', 'utf8').trim().split('\n');
  const columns = header.split(',');
  return lines.map((line) => {
    const cells = line.split(',');
    const row = Object.fromEntries(columns.map((c, i) => [c, cells[i]]));
    return { sex: row.sex, age: Number(row.age), share: Number(row.share) };
  });
}

/** P(Binomial(n, p) >= k). */
function binomialTail(n, p, k) {
  if (k <= 0) return 1;
  if (n < k) return 0;
  let term = Math.pow(1 - p, n);
  let tail = 0;
  for (let j = 0; j <= n; j++) {
    if (j >= k) tail += term;
    term *= ((n - j) / (j + 1)) * (p / (1 - p));
  }
  return Math.min(1, tail);
}

/** The engine's qualifying share at age x in the start year: months insured since 18, at mid-year. */
function qualifying(x) {
  const months = Math.round(12 * Math.max(0, x + 0.5 - AGES.entry));
  return binomialTail(Math.min(RULE.windowMonths, months), LOCAL.density, RULE.minMonths);
}

const rows = readShares().filter((r) => r.age >= AGES.min && r.age <= AGES.max);
const covered = rows.filter((r) => r.age >= AGES.entry);
const total = covered.reduce((s, r) => s + r.share, 0);
const bandOf = (x) => LOSS_BANDS.find((b) => x >= b.from && x <= b.to);
// Each band's rate relative to the mean: its share of losses over its share of the insured.
const bandFactor = new Map(LOSS_BANDS.map((b) => [b, b.share / (covered.filter((r) => bandOf(r.age) === b).reduce((s, r) => s + r.share, 0) / total)]));
const menInsured = covered.filter((r) => r.sex === 'M').reduce((s, r) => s + r.share, 0) / total;
// Men's rate over women's from the two shares, scaled so that the insured's mean is 1.
const ratio = (MEN_SHARE_OF_LOSSES / (1 - MEN_SHARE_OF_LOSSES)) / (menInsured / (1 - menInsured));
const women = 1 / (menInsured * ratio + (1 - menInsured));
const sexFactor = { M: women * ratio, F: women };
const shape = (r) => bandFactor.get(bandOf(r.age)) * sexFactor[r.sex];

const target = CLAIMS.approvedTo20Jun2024 * CLAIMS.annualise * (1 + CLAIMS.employees2025);
const registered = LOCAL.population * LOCAL.coverage;
const perLevel = covered.reduce((s, r) => s + registered * r.share * shape(r) * qualifying(r.age), 0);
const level = target / perLevel;

const lines = ['sex,age,job_loss', ...rows.map((r) => `${r.sex},${r.age},${(level * shape(r)).toPrecision(8)}`)];
console.log(`level ${(1000 * level).toFixed(4)} per 1,000 registered person-years; target ${Math.round(target)} claims in 2025`);
console.log(`band factors ${[...bandFactor.values()].map((f) => f.toFixed(4)).join(' ')}; men ${sexFactor.M.toFixed(4)}, women ${sexFactor.F.toFixed(4)}`);
if (!process.argv.includes('--check')) writeFileSync(OUT, lines.join('\n') + '\n');
