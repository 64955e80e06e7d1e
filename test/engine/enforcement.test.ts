/**
 * Enforcement, outreach and arrears (cover.<group>.enforcement, cover.<group>.arrears), worked
 * by hand on test/fixtures/cells: 10,000 men aged 40 at RM3,000 with no wage dispersion,
 * coverage 0.8 and compliance 0.9 under the injury scheme (1.25% from the employer; expenses
 * 10% of contributions), no wage growth, so a response's half_spending stays as written.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MALE } from '../../src/engine/layout.js';
import { DETAIL_BENEFIT, MEASURE, PAYER } from '../../src/model.js';
import { detailIndex } from '../../src/engine/result.js';
import type { SchemeProjection } from '../../src/engine/result.js';
import { cli, run, scenarioVariant, tempDir } from '../helpers/scenarios.js';
import type { Yaml } from '../helpers/scenarios.js';

const withCover = (extra: Yaml) =>
  scenarioVariant('cells', (s: Yaml) => {
    Object.assign(s.schemes[0].cover.men40, extra);
  });
const project = (path: string) => run(path).projection.schemes[0];
const base = project(scenarioVariant('cells'));

const cases = (s: SchemeProjection, benefit: keyof typeof DETAIL_BENEFIT) => s.detail[detailIndex(DETAIL_BENEFIT[benefit], MEASURE.cases, 0, MALE, s.groups, s.years)];
/** Expenses less the 10% of contributions: what the scheme spends on anything else. */
const otherExpenses = (s: SchemeProjection, i: number) => s.expenses[i] - 0.1 * s.contributions[i];

describe('enforcement and outreach', () => {
  it('a campaign at half_spending closes half of max of the coverage and compliance gaps, and costs its budget', () => {
    const option = project(withCover({
      enforcement: {
        campaign: 1_000_000,
        per_registered_monthly: 2,
        response: { coverage: { max: 0.5, half_spending: 1_000_000 }, compliance: { max: 0.6, half_spending: 1_000_000 } },
      },
    }));
    // Coverage 0.8 + 0.2 × 0.25 = 0.85: 8,500 registered; compliance 0.9 + 0.1 × 0.3 = 0.93.
    expect(option.registered[0]).toBeCloseTo(8500, 6);
    expect(option.contributing[0]).toBeCloseTo(8500 * 0.93, 6);
    expect(option.contributions[0]).toBeCloseTo(0.0125 * 12 * 3000 * 8500 * 0.93, 2);
    // The budget and RM2 a month per registered person: 1,000,000 + 204,000.
    expect(option.enforcement[0]).toBeCloseTo(1_204_000, 6);
    expect(otherExpenses(option, 0) - otherExpenses(base, 0)).toBeCloseTo(1_204_000, 1);
    // Benefits follow the registered: 8,500 × 0.01 temporary cases.
    expect(cases(option, 'temporary_disablement')).toBeCloseTo(85, 9);
  });

  it('inspections count as effort at their cost, the same as a campaign of that size', () => {
    const campaign = project(withCover({ enforcement: { campaign: 1_000_000, response: { coverage: { max: 0.5, half_spending: 1_000_000 } } } }));
    const inspections = project(withCover({ enforcement: { inspections: 100, cost_per_inspection: 10_000, response: { coverage: { max: 0.5, half_spending: 1_000_000 } } } }));
    expect(inspections.registered[0]).toBe(campaign.registered[0]);
    expect(inspections.enforcement[0]).toBeCloseTo(1_000_000, 6);
  });

  it('outreach raises claims of every contingency by 1 + max × E/(E + h), and nothing else', () => {
    const option = project(withCover({ enforcement: { campaign: 3_000_000, response: { claims: { max: 1, half_spending: 1_000_000 } } } }));
    // 1 + 1 × 3/4 = 1.75: 8,000 × 0.01 × 1.75 temporary cases, 8,000 × 0.0005 × 1.75 deaths.
    expect(cases(option, 'temporary_disablement')).toBeCloseTo(140, 9);
    expect(cases(option, 'deaths')).toBeCloseTo(7, 9);
    expect(option.contributions[0]).toBe(base.contributions[0]);
    expect(option.registered[0]).toBe(base.registered[0]);
  });

  it('a scheme bears its cost_share of the effort, and responds to the whole of it', () => {
    const shared = project(withCover({ enforcement: { campaign: 1_000_000, cost_share: 0.25, response: { coverage: { max: 0.5, half_spending: 1_000_000 } } } }));
    expect(shared.enforcement[0]).toBeCloseTo(250_000, 6);
    expect(shared.registered[0]).toBeCloseTo(8500, 6);
  });

  it('brings in nobody in a year the written coverage is 0', () => {
    const closed = project(withCover({ coverage: { 2025: 0.8, 2026: 0 }, enforcement: { campaign: 1_000_000, response: { coverage: { max: 0.5, half_spending: 1_000_000 } } } }));
    expect(closed.registered[0]).toBeCloseTo(8500, 6);
    expect(closed.registered[1]).toBe(0);
  });

  it('with no effort, changes nothing but the running cost', () => {
    const option = project(withCover({ enforcement: { per_registered_monthly: 1, response: { coverage: { max: 1, half_spending: 1 } } } }));
    expect(option.registered).toEqual(base.registered);
    expect(option.benefits).toEqual(base.benefits);
    expect(option.enforcement[0]).toBeCloseTo(12 * 8000, 6);
  });
});

describe('arrears', () => {
  // 2025: contributions 0.0125 × 12 × 3,000 × 8,000 × 0.9 = 3,240,000 collected; 360,000 owed by
  // the non-compliant tenth.
  const owed = 0.0125 * 12 * 3000 * 8000 * 0.1;

  it('recovers half of 2025\'s uncollected contributions in 2027 with two years of 10% interest, from the employer', () => {
    const option = project(withCover({ arrears: { recovered_share: 0.5, years_late: 2, interest: 0.1 } }));
    expect(option.arrearsRecovered[0]).toBe(0);
    expect(option.arrearsRecovered[1]).toBe(0);
    expect(option.arrearsRecovered[2]).toBeCloseTo(owed * 0.5 * 1.21, 2); // 217,800
    expect(option.contributions[2] - base.contributions[2]).toBeCloseTo(option.arrearsRecovered[2], 1);
    expect(option.contributionsByPayer[PAYER.employer][2] - base.contributionsByPayer[PAYER.employer][2]).toBeCloseTo(option.arrearsRecovered[2], 1);
    expect(option.benefits).toEqual(base.benefits);
    // The fund gains the recovery and its investment income.
    expect(option.fundEnd[2]).toBeGreaterThan(base.fundEnd[2] + option.arrearsRecovered[2] * 0.9 - 1);
  });

  it('collects arrears that fall due after the group\'s cover has ended', () => {
    const ended = project(withCover({ coverage: { 2025: 0.8, 2026: 0 }, arrears: { recovered_share: 0.5, years_late: 2 } }));
    expect(ended.registered[2]).toBe(0);
    expect(ended.arrearsRecovered[2]).toBeCloseTo(owed * 0.5, 2);
    expect(ended.contributions[2]).toBeCloseTo(owed * 0.5, 1);
  });

  it('enforcement raises the recovered share by its response', () => {
    const option = project(withCover({
      arrears: { recovered_share: 0.5, years_late: 2 },
      enforcement: { campaign: 1_000_000, response: { recovery: { max: 1, half_spending: 1_000_000 } } },
    }));
    // 0.5 + 0.5 × 0.5 = 0.75 of the 360,000, no interest.
    expect(option.arrearsRecovered[2]).toBeCloseTo(owed * 0.75, 2);
  });

  it('a recovery response without arrears, and a share above 1, are refused with exit 2', async () => {
    const recovery = await cli('validate', withCover({ enforcement: { campaign: 1, response: { recovery: { max: 0.5, half_spending: 1 } } } }));
    expect(recovery.code).toBe(2);
    expect(recovery.stderr).toMatch(/cover\.men40\.enforcement\.response\.recovery: a response of the recovery of arrears needs the group's arrears/);
    const share = await cli('validate', withCover({ arrears: { recovered_share: 1.5 } }));
    expect(share.code).toBe(2);
    expect(share.stderr).toMatch(/cover\.men40\.arrears\.recovered_share/);
    const half = await cli('validate', withCover({ enforcement: { campaign: 1, response: { coverage: { max: 0.5, half_spending: 0 } } } }));
    expect(half.code).toBe(2);
    expect(half.stderr).toMatch(/half_spending must be above 0/);
  });
});
describe('the report', () => {
  it('shows the arrears recovered and the enforcement spending beside contributions and expenses, only where a scenario has them', { timeout: 60_000 }, async () => {
    const out = join(tempDir(), 'report');
    const path = withCover({ arrears: { recovered_share: 0.5 }, enforcement: { campaign: 1_000_000 } });
    expect((await cli('run', path, '--out', out)).code).toBe(0);
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toContain('data-column="arrears_recovered"');
    expect(html).toContain('data-column="enforcement"');
    expect(html).toContain('of which enforcement');
    const plain = join(tempDir(), 'plain');
    expect((await cli('run', scenarioVariant('cells'), '--out', plain)).code).toBe(0);
    expect(readFileSync(join(plain, 'report.html'), 'utf8')).not.toContain('data-column="enforcement"');
  });
});

