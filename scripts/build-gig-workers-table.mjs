#!/usr/bin/env node
/**
 * Builds data/groups/gig-workers.csv (sex, age, share): the age-sex distribution of platform gig
 * workers (e-hailing, p-hailing and delivery), ages 18-60, for the option scenarios/gig-workers.yaml.
 *
 * 70% are aged 19-34 (Deputy Prime Minister, NST, Oct 2024); the rest are spread as ASSUMED
 * below (DOSM's 2022 survey of delivery riders describes a young workforce). No share of men is
 * published ([NOT FOUND]): 0.85 is an ASSUMPTION (riders and drivers mostly men). Each band's
 * share is spread evenly over its single ages (data/SOURCES.md).
 *
 * Usage, from the project root: node scripts/build-gig-workers-table.mjs
 * Node.js 20, no dependencies, deterministic output.
 */
import { writeFileSync } from 'node:fs';

const MEN = 0.85;
const BANDS = [
  { from: 18, to: 18, share: 0.02 },
  { from: 19, to: 34, share: 0.7 },
  { from: 35, to: 44, share: 0.18 },
  { from: 45, to: 54, share: 0.08 },
  { from: 55, to: 60, share: 0.02 },
];

const lines = ['sex,age,share'];
for (const [sex, share] of [['F', 1 - MEN], ['M', MEN]]) {
  for (const band of BANDS) {
    const ages = band.to - band.from + 1;
    for (let x = band.from; x <= band.to; x++) lines.push(`${sex},${x},${((share * band.share) / ages).toFixed(10)}`);
  }
}
writeFileSync('data/groups/gig-workers.csv', lines.join('\n') + '\n');
