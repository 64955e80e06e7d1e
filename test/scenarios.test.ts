/**
 * Every bundled scenario projects without error, and each extension moves the measures the way
 * its design says (scenarios/README.md): more registered persons and contributions where
 * registration rises, new schemes with their own flows, the 24-hour cover's phased rates.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DETAIL_BENEFIT, MEASURE } from '../src/model.js';
import { detailIndex } from '../src/engine/result.js';
import { registerWork } from '../src/register/effects.js';
import type { RunResult } from '../src/pipeline.js';
import type { SchemeProjection } from '../src/engine/result.js';
import { PAYER } from '../src/model.js';
import { PROJECT, run } from './helpers/scenarios.js';

const SCENARIOS = join(PROJECT, 'scenarios');
const files = readdirSync(SCENARIOS).filter((f) => f.endsWith('.yaml'));
const results = new Map<string, RunResult>(files.map((f) => [f.replace(/\.yaml$/, ''), run(join(SCENARIOS, f))]));

const scheme = (name: string, id: string): SchemeProjection => {
  const s = results.get(name)!.projection.schemes.find((x) => x.id === id);
  if (!s) throw new Error(`${name} has no scheme ${id}`);
  return s;
};
const YEAR_2030 = 5;
describe('bundled scenarios', () => {
  it('every scenario in scenarios/ projects, with an id equal to its file name', () => {
    expect(files.length).toBeGreaterThanOrEqual(10);
    for (const [name, r] of results) {
      expect(r.loaded.scenario.scenario.id).toBe(name);
      expect(r.loaded.scenario.scenario.description ?? '').not.toBe('');
    }
  });

  it('every scenario\'s register ranges can be projected within the default limits, as run does', () => {
    for (const [name, r] of results) expect(registerWork(r.loaded).withinLimit, `${name}: ${registerWork(r.loaded).projections} projections`).toBe(true);
  });

  it('every input of every scenario says where it comes from: a source with its date, or an assumption with the reason', () => {
    for (const [name, r] of results) {
      // Not even a default: each input the projection uses is stated in the files.
      const unmarked = r.loaded.register.filter((e) => e.kind === 'none' || e.kind === 'default').map((e) => e.name);
      expect(unmarked, name).toEqual([]);
      for (const e of r.loaded.register) {
        if (e.kind === 'source') expect(e.source!.date, `${name} ${e.name}`).toMatch(/^\d{4}/);
        if (e.kind === 'assumption') expect(e.assumption!.length, `${name} ${e.name}`).toBeGreaterThan(10);
      }
    }
    // The inputs: the fund split and every group risk multiplier of the baseline carry a range.
    const ranged = new Set(results.get('baseline-2025')!.loaded.register.filter((e) => e.range).map((e) => e.name));
    for (const key of ['schemes[employment_injury].fund.initial', 'schemes[invalidity].fund.initial', 'groups[foreign_workers].risk.invalidity', 'groups[domestic_workers].risk.employment_injury.workplace.temporary', 'groups[domestic_workers].risk.employment_injury.commuting.fatal']) {
      expect(ranged.has(key), key).toBe(true);
    }
    for (const e of results.get('baseline-2025')!.loaded.register) if (/^groups\[[a-z_]+\]\.risk\./.test(e.name) && typeof e.value === 'number' && e.value !== 1) expect(e.range, e.name).toBeDefined();
  });

  it('foreign workers fully registered: more registered and more contributions in both Act 4 schemes by 2030', () => {
    for (const id of ['employment_injury', 'invalidity']) {
      expect(scheme('foreign-workers-full-registration', id).registered[YEAR_2030]).toBeGreaterThan(scheme('baseline-2025', id).registered[YEAR_2030]);
      expect(scheme('foreign-workers-full-registration', id).contributions[YEAR_2030]).toBeGreaterThan(scheme('baseline-2025', id).contributions[YEAR_2030]);
    }
    expect(scheme('foreign-workers-full-registration', 'employment_injury').registered[0]).toBeCloseTo(scheme('baseline-2025', 'employment_injury').registered[0], 3);
  });

  it('regularisation adds a group and more registered persons than full registration alone', () => {
    expect(results.get('foreign-workers-regularisation')!.projection.groupIds).toContain('regularised_foreign_workers');
    expect(scheme('foreign-workers-regularisation', 'employment_injury').registered[YEAR_2030]).toBeGreaterThan(scheme('foreign-workers-full-registration', 'employment_injury').registered[YEAR_2030]);
  });

  it('domestic workers: registration rises, and with it contributions', () => {
    const g = results.get('domestic-workers')!.projection.groupIds.indexOf('domestic_workers');
    expect(g).toBeGreaterThanOrEqual(0);
    expect(scheme('domestic-workers', 'employment_injury').registered[YEAR_2030] - scheme('baseline-2025', 'employment_injury').registered[YEAR_2030]).toBeGreaterThan(30_000);
    expect(scheme('domestic-workers', 'invalidity').contributions[YEAR_2030]).toBeGreaterThan(scheme('baseline-2025', 'invalidity').contributions[YEAR_2030]);
  });

  it('fishers: foreign crew rated for fishing risk raise employment-injury benefits; local fishers on higher plans pay more', () => {
    expect(results.get('fishers')!.projection.groupIds).toContain('foreign_fishing_crew');
    expect(scheme('fishers', 'employment_injury').benefits[YEAR_2030]).toBeGreaterThan(scheme('baseline-2025', 'employment_injury').benefits[YEAR_2030]);
    expect(scheme('fishers', 'self_employment_injury').contributions[YEAR_2030]).toBeGreaterThan(scheme('baseline-2025', 'self_employment_injury').contributions[YEAR_2030]);
    expect(scheme('fishers', 'self_employment_injury').registered[YEAR_2030]).toBeGreaterThan(scheme('baseline-2025', 'self_employment_injury').registered[YEAR_2030]);
  });

  it('cross-border commuters: a new scheme from 2027, nothing before, the baseline schemes untouched', () => {
    const commuters = scheme('cross-border-commuters', 'cross_border_commuters');
    expect(commuters.registered[1]).toBe(0); // 2026
    expect(commuters.contributions[1]).toBe(0);
    expect(commuters.registered[2]).toBeGreaterThan(0); // 2027
    expect(commuters.contributions[YEAR_2030]).toBeGreaterThan(0);
    expect(commuters.benefits[YEAR_2030]).toBeGreaterThan(0);
    expect(commuters.registered[10]).toBeGreaterThan(commuters.registered[YEAR_2030]); // take-up ramp
    for (const id of ['employment_injury', 'invalidity', 'self_employment_injury']) {
      expect(Array.from(scheme('cross-border-commuters', id).fundEnd)).toEqual(Array.from(scheme('baseline-2025', id).fundEnd));
    }
  });

  it('cross-border commuters paying a flat amount: the same benefits, other contributions', () => {
    const rate = scheme('cross-border-commuters', 'cross_border_commuters');
    const daily = scheme('cross-border-commuters-daily', 'cross_border_commuters');
    expect(Array.from(daily.benefits)).toEqual(Array.from(rate.benefits));
    expect(daily.contributions[2]).not.toBe(rate.contributions[2]);
  });

  it('the 24-hour cover: paid by the employee from June 2026, 0.75% for two years, 1.0% for three, 1.25% from the sixth', () => {
    const m = results.get('non-employment-injury-phases')!.measures.schemes.find((s) => s.scheme === 'non_employment_injury')!;
    const rate = (year: number) => m.contributionRate[year - 2025]!;
    // June 2026 to May 2028 at 0.75%, to May 2031 at 1.0%, then 1.25%: each year's rate is its
    // months at each phase's rate, and 2026 has seven months (June to December).
    expect(rate(2026)).toBeCloseTo((7 / 12) * 0.0075, 5);
    expect(rate(2027)).toBeCloseTo(0.0075, 6);
    expect(rate(2028)).toBeCloseTo((5 * 0.0075 + 7 * 0.01) / 12, 5);
    expect(rate(2030)).toBeCloseTo(0.01, 6);
    expect(rate(2031)).toBeCloseTo((5 * 0.01 + 7 * 0.0125) / 12, 5);
    expect(rate(2032)).toBeCloseTo(0.0125, 6);
    const nei = scheme('non-employment-injury-phases', 'non_employment_injury');
    expect(nei.contributionsByPayer[PAYER.employer].every((v) => v === 0)).toBe(true);
    expect(nei.contributionsByPayer[PAYER.employee][YEAR_2030]).toBe(nei.contributions[YEAR_2030]);
    expect(nei.benefits[YEAR_2030]).toBeGreaterThan(0);
  });

  it('foreign workers staying longer: more invalidity benefits from more qualifying months, the same contributions and injury scheme', () => {
    const inv = (name: string) => scheme(name, 'invalidity');
    const longer = inv('foreign-workers-longer-stays');
    expect(longer.contributions).toEqual(inv('baseline-2025').contributions);
    expect(longer.benefits[YEAR_2030]).toBeGreaterThan(inv('baseline-2025').benefits[YEAR_2030]);
    expect(scheme('foreign-workers-longer-stays', 'employment_injury').benefits).toEqual(scheme('baseline-2025', 'employment_injury').benefits);
    const ratio = (name: string) => results.get(name)!.measures.schemes.find((m) => m.scheme === 'invalidity')!.groups.find((g) => g.group === 'foreign_workers')!.benefitContributionRatio!;
    expect(ratio('foreign-workers-longer-stays')).toBeGreaterThan(ratio('baseline-2025'));
  });

  it('the 24-hour cover pays once per death: the invalidity scheme loses those survivors\' pensions and funerals, which both-pay keeps', () => {
    const inv = (name: string) => scheme(name, 'invalidity');
    const nei = (name: string) => scheme(name, 'non_employment_injury');
    // One benefit per death: fewer invalidity survivors' pensions and funerals than the baseline
    // once the cover runs, the same before it; the 24-hour cover pays the funerals instead.
    expect(inv('non-employment-injury-phases').benefits[0]).toBe(inv('baseline-2025').benefits[0]);
    expect(inv('non-employment-injury-phases').outgo.survivors_pension[YEAR_2030]).toBeLessThan(inv('baseline-2025').outgo.survivors_pension[YEAR_2030]);
    expect(inv('non-employment-injury-phases').outgo.funeral[YEAR_2030]).toBeLessThan(inv('baseline-2025').outgo.funeral[YEAR_2030]);
    expect(nei('non-employment-injury-phases').outgo.funeral[YEAR_2030]).toBeGreaterThan(0);
    // Both paying: the invalidity scheme as in the baseline, and no funeral in the 24-hour cover.
    expect(inv('non-employment-injury-both-pay').benefits).toEqual(inv('baseline-2025').benefits);
    expect(nei('non-employment-injury-both-pay').outgo.funeral.every((v) => v === 0)).toBe(true);
    expect(nei('non-employment-injury-both-pay').outgo.dependants_pension).toEqual(nei('non-employment-injury-phases').outgo.dependants_pension);
  });

  it('all extensions together: every new scheme and group, and more registered persons than any one of them', () => {
    const all = results.get('all-extensions')!;
    expect(all.projection.schemes.map((s) => s.id)).toEqual(expect.arrayContaining(['cross_border_commuters', 'non_employment_injury', 'employment_injury', 'invalidity', 'self_employment_injury']));
    expect(all.projection.groupIds).toEqual(expect.arrayContaining(['regularised_foreign_workers', 'foreign_fishing_crew', 'cross_border_commuters']));
    for (const name of ['foreign-workers-regularisation', 'domestic-workers', 'fishers']) {
      expect(scheme('all-extensions', 'employment_injury').registered[YEAR_2030]).toBeGreaterThan(scheme(name, 'employment_injury').registered[YEAR_2030]);
    }
  });

  it('the adequacy option: the floors rise with wages from 2026, so benefits rise from then and contributions stay', () => {
    const YEAR_2050 = 25;
    for (const id of ['employment_injury', 'invalidity', 'self_employment_injury']) {
      const option = scheme('adequacy-indexed-minimums', id);
      const base = scheme('baseline-2025', id);
      expect(option.benefits[0], id).toBe(base.benefits[0]); // 2025: the same RM30 and RM550
      expect(option.benefits[YEAR_2050], id).toBeGreaterThan(base.benefits[YEAR_2050]);
      expect(option.contributions[YEAR_2050], id).toBe(base.contributions[YEAR_2050]);
    }
    // The minimum pension itself: RM550 in 2025, then compounded at the baseline's wage growth.
    const a = results.get('adequacy-indexed-minimums')!.assumptions;
    const minimum = a.schemes.find((x) => x.id === 'invalidity')!.benefits.invalidity!.minimumMonthly;
    expect(minimum[0]).toBe(550);
    expect(minimum[YEAR_2050]).toBeCloseTo(550 * a.economy.wageIndex[YEAR_2050], 6);
  });

  it('funerals paid at their actual cost: below the maximum per death, locals and migrants, and below the baseline', () => {
    const option = results.get('funeral-actual-cost')!;
    const invalidity = option.assumptions.schemes.find((x) => x.id === 'invalidity')!;
    const paid = invalidity.benefits.funeral!.payment;
    const ids = option.projection.groupIds;
    const local = paid[ids.indexOf('local_employees')];
    const foreign = paid[ids.indexOf('foreign_workers')];
    // In 2025 the mean cost (RM3,650) is above the maximum, which binds on part of the funerals only.
    expect(local[0]).toBeLessThan(3000);
    expect(local[0]).toBeGreaterThan(2400);
    expect(foreign[0]).toBeLessThan(6500);
    expect(foreign[0]).toBeGreaterThan(local[0]);
    // The maximum is held in ringgit while costs rise with prices: the payment approaches it.
    expect(local[local.length - 1]).toBeGreaterThan(local[0]);
    expect(local[local.length - 1]).toBeLessThanOrEqual(3000);
    for (const id of ['employment_injury', 'invalidity', 'self_employment_injury']) {
      expect(scheme('funeral-actual-cost', id).outgo.funeral[0], id).toBeLessThan(scheme('baseline-2025', id).outgo.funeral[0]);
      expect(scheme('funeral-actual-cost', id).contributions[0], id).toBe(scheme('baseline-2025', id).contributions[0]);
    }
  });

  it('rehabilitation and return to work: a cost in both Act 4 schemes, fewer invalidity pensions, and nothing else moved', () => {
    const YEAR_2050 = 25;
    for (const id of ['employment_injury', 'invalidity']) {
      expect(scheme('rehabilitation-return-to-work', id).outgo.rehabilitation[0], id).toBeGreaterThan(0);
      expect(scheme('baseline-2025', id).outgo.rehabilitation[0], id).toBe(0);
      expect(scheme('rehabilitation-return-to-work', id).contributions[YEAR_2050], id).toBe(scheme('baseline-2025', id).contributions[YEAR_2050]);
    }
    expect(scheme('rehabilitation-return-to-work', 'invalidity').outgo.invalidity_pension[YEAR_2050]).toBeLessThan(scheme('baseline-2025', 'invalidity').outgo.invalidity_pension[YEAR_2050]);
    expect(scheme('rehabilitation-return-to-work', 'employment_injury').outgo.permanent_disablement_pension[YEAR_2050]).toBeLessThan(scheme('baseline-2025', 'employment_injury').outgo.permanent_disablement_pension[YEAR_2050]);
    for (const id of ['self_employment_injury', 'employment_insurance']) {
      expect(scheme('rehabilitation-return-to-work', id).benefits[YEAR_2050], id).toBe(scheme('baseline-2025', id).benefits[YEAR_2050]);
    }
  });

  it('education assistance: a cost in both Act 4 schemes from the children in payment, nothing else moved', () => {
    for (const id of ['employment_injury', 'invalidity']) {
      const option = scheme('education-assistance', id);
      const base = scheme('baseline-2025', id);
      expect(option.outgo.education[0], id).toBeGreaterThan(0);
      expect(base.outgo.education[0], id).toBe(0);
      expect(option.benefits[10] - base.benefits[10], id).toBeCloseTo(option.outgo.education[10], 0);
    }
  });
  it('the commuters\' variants: the top-up pays on work accidents in Singapore, the declared plan collects and pays less, compulsion covers more', () => {
    const commuters = scheme('cross-border-commuters', 'cross_border_commuters');
    const topUp = scheme('cross-border-commuters-wica-top-up', 'cross_border_commuters');
    const declared = scheme('cross-border-commuters-declared-earnings', 'cross_border_commuters');
    const compulsory = scheme('cross-border-commuters-compulsory', 'cross_border_commuters');
    const Y = 2050 - 2025;
    // The top-up: the same contributions, more disablement and dependants' pensions, and no
    // temporary benefit or medical care on work accidents (Singapore's law pays them).
    expect(topUp.contributions[Y]).toBe(commuters.contributions[Y]);
    expect(topUp.outgo.permanent_disablement_pension[Y]).toBeGreaterThan(commuters.outgo.permanent_disablement_pension[Y]);
    expect(topUp.outgo.dependants_pension[Y]).toBeGreaterThan(commuters.outgo.dependants_pension[Y]);
    expect(topUp.outgo.temporary_disablement[Y]).toBeCloseTo(commuters.outgo.temporary_disablement[Y], 0);
    expect(topUp.outgo.medical[Y]).toBeCloseTo(commuters.outgo.medical[Y], 0);
    // Declared earnings: RM36.90 a month per contributor, less than 0.6% of most commuters' earnings.
    expect(declared.contributions[Y]).toBeCloseTo(36.9 * 12 * declared.contributing[Y], -2);
    expect(declared.contributions[Y]).toBeLessThan(commuters.contributions[Y]);
    expect(declared.benefits[Y]).toBeLessThan(commuters.benefits[Y]);
    // Compulsory: 90% registered from 2027, against the voluntary S-curve's 10% then.
    const at2027 = 2027 - 2025;
    expect(compulsory.registered[at2027] / commuters.registered[at2027]).toBeCloseTo(9, 6);
    expect(compulsory.benefits[Y]).toBeGreaterThan(commuters.benefits[Y]);
  });
  it('enforcement and outreach: its cost in the expenses, more registered and contributing, arrears from 2028, more claims per domestic worker', () => {
    const at = (year: number) => year - 2025;
    for (const id of ['employment_injury', 'invalidity']) {
      const option = scheme('enforcement-outreach', id);
      const base = scheme('baseline-2025', id);
      // Half of RM20m + RM3m a year in each scheme from 2026, none in 2025.
      expect(option.enforcement[at(2025)], id).toBe(0);
      expect(option.enforcement[at(2026)], id).toBeCloseTo(11_500_000, 2);
      expect(base.enforcement.every((v) => v === 0), id).toBe(true);
      expect(option.registered[at(2030)], id).toBeGreaterThan(base.registered[at(2030)]);
      // Arrears of 2026 are recovered two years late.
      expect(option.arrearsRecovered[at(2027)], id).toBe(0);
      expect(option.arrearsRecovered[at(2028)], id).toBeGreaterThan(0);
    }
    const g = results.get('enforcement-outreach')!.projection.groupIds.indexOf('domestic_workers');
    const perRegistered = (name: string) => {
      const s = scheme(name, 'employment_injury');
      const cell = (b: keyof typeof DETAIL_BENEFIT, m: keyof typeof MEASURE) => [0, 1].reduce((sum, sex) => sum + s.detail[detailIndex(DETAIL_BENEFIT[b], MEASURE[m], g, sex, s.groups, s.years) + at(2030)], 0);
      return cell('temporary_disablement', 'cases') / cell('insured', 'registered');
    };
    expect(perRegistered('enforcement-outreach')).toBeGreaterThan(perRegistered('baseline-2025') * 1.3);
  });
  it('foreign workers by sector: the same totals as the one group, construction\'s deaths per worker the highest', () => {
    const at = 2030 - 2025;
    for (const id of ['employment_injury', 'invalidity']) {
      const option = scheme('foreign-workers-by-sector', id);
      const base = scheme('baseline-2025', id);
      expect(option.registered[at] / base.registered[at], id).toBeCloseTo(1, 9);
      expect(Math.abs(option.benefits[at] / base.benefits[at] - 1), id).toBeLessThan(1e-4); // the multipliers are rounded to 4 digits
    }
    const r = results.get('foreign-workers-by-sector')!;
    const s = scheme('foreign-workers-by-sector', 'employment_injury');
    const perWorker = (group: string, benefit: keyof typeof DETAIL_BENEFIT) => {
      const g = r.projection.groupIds.indexOf(group);
      const sum = (b: keyof typeof DETAIL_BENEFIT, m: keyof typeof MEASURE) => [0, 1].reduce((t, sex) => t + s.detail[detailIndex(DETAIL_BENEFIT[b], MEASURE[m], g, sex, s.groups, s.years) + at], 0);
      return sum(benefit, 'cases') / sum('insured', 'registered');
    };
    const sectors = ['foreign_construction', 'foreign_manufacturing', 'foreign_services', 'foreign_plantation'];
    const deaths = sectors.map((g) => perWorker(g, 'deaths'));
    expect(Math.max(...deaths)).toBe(deaths[0]);
    expect(Math.min(...deaths)).toBe(deaths[2]);
    expect(r.projection.groupIds).not.toContain('foreign_workers');
  });
});
