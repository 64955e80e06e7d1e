/**
 * Insured population by group (methodology §1): headcounts `[year][group][sex][age]` of the
 * potential population P_g(t)·d_g(x,s,t). Coverage is applied per scheme in the projection.
 *
 * - static: the group's age-sex shape is kept every year;
 * - cohort: N(x+1,s,t+1) = N(x,s,t)·(1 − q(x,s,t)·mortality risk)·(1 − withdrawal(t)); members
 *   passing the group's last age leave; entrants with the entry profile fill the gap to
 *   P_g(t+1), and if the survivors exceed P_g(t+1) they are scaled down pro rata.
 */
import type { Assumptions } from '../assumptions/types.js';
import { AGES, CELLS, SEXES, cell } from './layout.js';

export function projectPopulation(a: Assumptions, out = new Float64Array(a.years * a.groups.length * CELLS)): Float64Array {
  const G = a.groups.length;
  for (let g = 0; g < G; g++) {
    const group = a.groups[g];
    for (let i = 0; i < a.years; i++) {
      const now = out.subarray((i * G + g) * CELLS, (i * G + g + 1) * CELLS);
      const target = group.population[i];
      if (!group.cohort || i === 0) {
        for (let c = 0; c < CELLS; c++) now[c] = target * group.share[c];
        continue;
      }
      const before = out.subarray(((i - 1) * G + g) * CELLS, ((i - 1) * G + g + 1) * CELLS);
      const q = a.mortality.subarray((i - 1) * CELLS, i * CELLS);
      const stay = 1 - group.withdrawal[i - 1];
      let survivors = 0;
      for (let s = 0; s < SEXES; s++) {
        now[cell(s, 0)] = 0;
        for (let x = 0; x + 1 < AGES; x++) {
          const q1 = Math.min(1, q[cell(s, x)] * group.mortalityRisk);
          const n = x + 1 <= group.lastAge ? before[cell(s, x)] * (1 - q1) * stay : 0;
          now[cell(s, x + 1)] = n;
          survivors += n;
        }
      }
      if (survivors <= target) {
        const entrants = target - survivors;
        for (let c = 0; c < CELLS; c++) now[c] += entrants * group.entryShare[c];
      } else {
        const scale = target / survivors;
        for (let c = 0; c < CELLS; c++) now[c] *= scale;
      }
    }
  }
  return out;
}
