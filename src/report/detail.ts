/**
 * `detail.csv`: the tidy long table (scheme, year, group, benefit, sex, measure, value) of the
 * insured population, new awards, beneficiaries in payment and amounts, for pivoting.
 */
import Papa from 'papaparse';
import { COMMUTING_COUNTS, DETAIL_BENEFITS, DETAIL_BENEFIT, MEASURE, OPTIONAL_LINES, OTHER_DEPENDANTS, PENSION_TYPES, REDUCED_AWARDS, PENSION_TYPES_BY_KIND, SHORT_TERM_BY_KIND, measuresOf } from '../model.js';
import type { DetailBenefit, DetailMeasure, SchemeKind } from '../model.js';
import { SEX_CODES, SEXES } from '../engine/layout.js';
import { detailIndex } from '../engine/result.js';
import type { Projection } from '../engine/result.js';
import { money, persons } from './format.js';

export const DETAIL_COLUMNS = ['scheme', 'year', 'group', 'benefit', 'sex', 'measure', 'value'] as const;

const PENSIONS: ReadonlySet<string> = new Set(PENSION_TYPES);

const PERSON_MEASURES: ReadonlySet<DetailMeasure> = new Set(['registered', 'contributing', 'cases', 'new_awards', 'beneficiaries_end']);

/** The detail rows a scheme kind has: the insured, its short-term benefits, its pensions. */
export function detailBenefitsOf(kind: SchemeKind): DetailBenefit[] {
  const shortTerm = SHORT_TERM_BY_KIND[kind];
  const pensions = PENSION_TYPES_BY_KIND[kind];
  return DETAIL_BENEFITS.filter((b) => b === 'insured' || shortTerm.includes(b) || (pensions as readonly string[]).includes(b));
}

export function detailCsv(p: Projection, coveredGroups: ReadonlyArray<ReadonlySet<number>>): string {
  const G = p.groupIds.length;
  const data: string[][] = [];
  p.schemes.forEach((s, k) => {
    const unpaid = new Set<DetailBenefit>(OPTIONAL_LINES.filter((line) => s.outgo[line].every((v) => v === 0)));
    if (!s.splitsCommuting) for (const count of COMMUTING_COUNTS) unpaid.add(count);
    if (!s.paysReduced) unpaid.add(REDUCED_AWARDS);
    if (!s.paysOtherDependants) for (const row of OTHER_DEPENDANTS) unpaid.add(row);
    const benefits = detailBenefitsOf(s.kind).filter((b) => !unpaid.has(b));
    for (let i = 0; i < p.years; i++) {
      const year = String(p.startYear + i);
      for (let g = 0; g < G; g++) {
        if (!coveredGroups[k].has(g)) continue;
        for (const benefit of benefits) {
          for (let sex = 0; sex < SEXES; sex++) {
            const at = (measure: DetailMeasure) => s.detail[detailIndex(DETAIL_BENEFIT[benefit], MEASURE[measure], g, sex, G, p.years) + i];
            for (const measure of measuresOf(benefit)) {
              const value = at(measure);
              data.push([s.id, year, p.groupIds[g], benefit, SEX_CODES[sex], measure, PERSON_MEASURES.has(measure) ? persons(value) : money(value)]);
            }
            // A group's pensions paid abroad (pensions_abroad): that share of those in payment.
            const abroad = p.pensionsAbroad[g];
            if (abroad !== null && PENSIONS.has(benefit)) {
              data.push([s.id, year, p.groupIds[g], benefit, SEX_CODES[sex], 'beneficiaries_abroad_end', persons(abroad * at('beneficiaries_end'))]);
              data.push([s.id, year, p.groupIds[g], benefit, SEX_CODES[sex], 'outgo_abroad', money(abroad * at('outgo'))]);
            }
          }
        }
      }
    }
  });
  return Papa.unparse({ fields: [...DETAIL_COLUMNS], data }, { newline: '\n' }) + '\n';
}
