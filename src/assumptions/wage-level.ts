/**
 * The wage level of a projection moved by a factor per year: the mean wages of every group, the
 * wage index (expenses per insured person), and the ceilings and fixed amounts indexed with wage
 * growth (`indexation: wage_growth`: benefit floors and allowances, flat and minimum
 * contributions, training costs) move together; insured wages fixed in the scenario, amounts not
 * indexed with wages and medical costs do not. Used by the
 * sensitivity shock to wage growth and by the stochastic model's wage response.
 */
import { funeralPayments } from './funeral.js';
import type { Assumptions, BenefitAssumptions, ReplacementAssumptions, SchemeAssumptions } from './types.js';

export function withWageLevel(a: Assumptions, factor: Float64Array): Assumptions {
  const scale = (values: Float64Array) => values.map((v, i) => v * factor[i]);
  const minimum = <T extends ReplacementAssumptions>(r: T | undefined, follows: boolean): T | undefined => (r && follows ? { ...r, dailyMinimum: scale(r.dailyMinimum) } : r);
  const scheme = (s: SchemeAssumptions): SchemeAssumptions => {
    const f = s.followsWages;
    const b = s.benefits;
    const funeral = b.funeral && f.funeralMaximum ? { ...b.funeral, maximum: b.funeral.maximum.map(scale) } : b.funeral;
    const benefits: BenefitAssumptions = {
      ...b,
      temporary: minimum(b.temporary, f.temporaryMinimum),
      permanent: minimum(b.permanent, f.permanentMinimum),
      dependants: minimum(b.dependants, f.dependantsMinimum),
      constantAttendance: b.constantAttendance && f.attendance ? { ...b.constantAttendance, monthly: scale(b.constantAttendance.monthly) } : b.constantAttendance,
      invalidity: b.invalidity && f.invalidityMinimum ? { ...b.invalidity, minimumMonthly: scale(b.invalidity.minimumMonthly) } : b.invalidity,
      funeral: funeral && funeral !== b.funeral ? { ...funeral, payment: funeralPayments(funeral.maximum, funeral.meanCost, funeral.costSigma) } : funeral,
    };
    if (b.employmentInsurance && f.training) benefits.employmentInsurance = { ...b.employmentInsurance, trainingCost: scale(b.employmentInsurance.trainingCost) };
    const cover = s.cover.map((c) => {
      if (!c || !(c.contributions.followsWages.flat || c.contributions.followsWages.minimum)) return c;
      const k = c.contributions;
      return {
        ...c,
        contributions: {
          ...k,
          flatMonthly: k.flatMonthly && k.followsWages.flat ? scale(k.flatMonthly) : k.flatMonthly,
          minimumMonthly: k.minimumMonthly && k.followsWages.minimum ? scale(k.minimumMonthly) : k.minimumMonthly,
        },
      };
    });
    return { ...s, ceilingMonthly: f.ceiling ? scale(s.ceilingMonthly) : s.ceilingMonthly, cover, benefits };
  };
  return {
    ...a,
    economy: { ...a.economy, wageIndex: scale(a.economy.wageIndex) },
    groups: a.groups.map((g) => ({ ...g, meanMonthlyWage: scale(g.meanMonthlyWage) })),
    schemes: a.schemes.map(scheme),
  };
}
