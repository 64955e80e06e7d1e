/**
 * The bundled Malaysia mortality table (data/mortality/malaysia-wpp2024.csv, derived from UN
 * WPP 2024 abridged five-year rates, see data/mortality/README.md) against the published WPP
 * life expectancy at birth (test/golden/wpp2024-malaysia-e0.csv).
 *
 * e0 from a single-age table: l_0 = 1, d_x = l_x·q_x, L_x = l_x − (1 − a_x)·d_x with a_x = ½
 * for x ≥ 1 and a_0 = 0.07 + 1.7·m_0 (m_0 = −ln(1 − q_0), the Coale–Demeny-type infant
 * separation factor), L_110 = ½·l_110; e0 = Σ L_x.
 *
 * Tolerances: the five-year period 2015–2020 is what the table is built to reproduce: within
 * 0.05 years (July–June weighting of the annual values, as the WPP periods run July to June).
 * Single years 2015–2019 carry smoothing of the annual ups and downs: within 0.35 years. The
 * COVID years 2020–2023 are averaged over 2020–2025 in the five-year source and are not tested.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { readGolden } from '../helpers/golden.js';
import { PROJECT } from '../helpers/scenarios.js';

const rows = Papa.parse<Record<string, string>>(readFileSync(join(PROJECT, 'data/mortality/malaysia-wpp2024.csv'), 'utf8'), { header: true, skipEmptyLines: true }).data;

function qx(year: number, sex: 'F' | 'M'): number[] {
  const q = rows.filter((r) => Number(r.year) === year && r.sex === sex).sort((a, b) => Number(a.age) - Number(b.age)).map((r) => Number(r.qx));
  expect(q.length).toBe(111);
  return q;
}

function e0(q: number[]): number {
  const m0 = -Math.log(1 - q[0]);
  let l = 1;
  let e = 0;
  for (let x = 0; x < q.length; x++) {
    const d = l * q[x];
    const a = x === 0 ? 0.07 + 1.7 * m0 : 0.5;
    e += x === q.length - 1 ? 0.5 * l : l - (1 - a) * d;
    l -= d;
  }
  return e;
}

const golden = readGolden('wpp2024-malaysia-e0.csv');
const published = (sex: string, when: string) => Number(golden.find((r) => r.sex === sex && r.period_or_year === when)!.e0);

describe('Malaysia mortality table (UN WPP 2024, single ages and years)', () => {
  it('has every year 2015-2100, both sexes, ages 0-110, with qx in [0, 1] and qx(110) = 1', () => {
    expect(rows.length).toBe(86 * 2 * 111);
    for (const r of rows) {
      const q = Number(r.qx);
      expect(q >= 0 && q <= 1).toBe(true);
      if (r.age === '110') expect(q).toBe(1);
    }
  });

  for (const [sex, word] of [['F', 'female'], ['M', 'male']] as const) {
    it(`reproduces the published 2015-2020 period e0 for ${word}s within 0.05 years`, () => {
      const annual = (y: number) => e0(qx(y, sex));
      const period = (0.5 * annual(2015) + annual(2016) + annual(2017) + annual(2018) + annual(2019) + 0.5 * annual(2020)) / 5;
      expect(Math.abs(period - published(word, '2015-2020'))).toBeLessThan(0.05);
    });

    it(`is within 0.35 years of the published single-year e0 for ${word}s, 2015-2019`, () => {
      for (let y = 2015; y <= 2019; y++) expect(Math.abs(e0(qx(y, sex)) - published(word, String(y)))).toBeLessThan(0.35);
    });
  }

  it('mortality improves over the century (e0 in 2100 above e0 in 2025, both sexes)', () => {
    for (const sex of ['F', 'M'] as const) expect(e0(qx(2100, sex))).toBeGreaterThan(e0(qx(2025, sex)) + 3);
  });
});
