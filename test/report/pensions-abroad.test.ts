/**
 * Pensions paid abroad (groups[].pensions_abroad): a flag in detail.csv, beside each pension
 * type's beneficiaries and outgo, and nothing else. On test/fixtures/cells, half abroad.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { cli, scenarioVariant, tempDir } from '../helpers/scenarios.js';

async function detailOf(share: number | undefined): Promise<{ rows: Array<Record<string, string>>; summary: string }> {
  const path = scenarioVariant('cells', (s) => {
    if (share !== undefined) s.groups[0].pensions_abroad = share;
  });
  const out = join(tempDir(), 'report');
  const result = await cli('run', path, '--out', out, '--no-charts');
  expect(result.code, result.stderr).toBe(0);
  const rows = Papa.parse<Record<string, string>>(readFileSync(join(out, 'detail.csv'), 'utf8'), { header: true, skipEmptyLines: true }).data;
  return { rows, summary: readFileSync(join(out, 'summary.csv'), 'utf8') };
}

describe('pensions paid abroad', () => {
  it('flags the share of each pension type in payment and of its outgo, and changes no other number', async () => {
    const half = await detailOf(0.5);
    const none = await detailOf(undefined);
    expect(none.rows.some((r) => r.measure.endsWith('_abroad') || r.measure.includes('abroad'))).toBe(false);
    expect(half.summary).toBe(none.summary);
    const key = (r: Record<string, string>) => [r.scheme, r.year, r.group, r.benefit, r.sex].join('|');
    const value = new Map(none.rows.map((r) => [`${key(r)}|${r.measure}`, Number(r.value)]));
    const abroad = half.rows.filter((r) => r.measure === 'beneficiaries_abroad_end');
    expect(abroad.length).toBeGreaterThan(0);
    for (const r of abroad) expect(Number(r.value)).toBeCloseTo(0.5 * value.get(`${key(r)}|beneficiaries_end`)!, 2);
    for (const r of half.rows.filter((x) => x.measure === 'outgo_abroad')) expect(Number(r.value)).toBeCloseTo(0.5 * value.get(`${key(r)}|outgo`)!, 1);
    // Only pension types carry it: not the insured, nor short-term benefits.
    expect(new Set(abroad.map((r) => r.benefit))).not.toContain('temporary_disablement');
    expect(half.rows.filter((r) => !r.measure.includes('abroad')).length).toBe(none.rows.length);
  });
});
