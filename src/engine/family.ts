/**
 * Survivors' awards (methodology §4): on a death at age x of sex s, the spouse (opposite sex,
 * at the age gap of the family table) for life and the children (one award per family, at the
 * youngest child's age) to the age limit. With a spouse and children the spouse takes
 * `spouseShare` and the children the rest; a sole survivor takes `soleSurvivorShare`. Spouse
 * and children are taken as independent. A fractional age is split linearly between the two
 * integer ages around it.
 *
 * The family table does not change during a projection, so where each death's awards go and
 * with what weights is worked out once per scheme (familyTargets) and applied by a few
 * multiply-adds per cell of the deceased (awardFamilies).
 */
import type { SurvivorAssumptions } from '../assumptions/types.js';
import { AGES, CELLS, FEMALE, MAX_AGE, SEXES, cell, otherSex } from './layout.js';
import { stockIndex } from './workspace.js';
import type { Workspace } from './workspace.js';

export interface FamilyTargets {
  /** Per cell of the deceased: the spouse's cell (lower age) and the weight of the age above it. */
  spouseCell: Int32Array;
  spouseUpper: Float64Array;
  /** Spouse awards per death, and the spouse's share of the full pension times that. */
  spouseCount: Float64Array;
  spouseAmount: Float64Array;
  /** The children's age (lower) and upper weight; counts and amounts per death, per child sex. */
  childAge: Int32Array;
  childUpper: Float64Array;
  childCount: Float64Array;
  childAmount: Float64Array;
  /**
   * With neither spouse nor child: the parents' award (one, at the mother's cell, for life, in
   * the spouses' slot) and the siblings' (one, at the youngest's age, to the children's age
   * limit, in the children's slot, per sex): cells, upper weights, counts and amounts per death.
   */
  parentCell: Int32Array;
  parentUpper: Float64Array;
  parentCount: Float64Array;
  parentAmount: Float64Array;
  siblingAge: Int32Array;
  siblingUpper: Float64Array;
  siblingCount: Float64Array;
  siblingAmount: Float64Array;
}

export function familyTargets(sv: SurvivorAssumptions): FamilyTargets {
  const t: FamilyTargets = {
    spouseCell: new Int32Array(CELLS),
    spouseUpper: new Float64Array(CELLS),
    spouseCount: new Float64Array(CELLS),
    spouseAmount: new Float64Array(CELLS),
    childAge: new Int32Array(CELLS),
    childUpper: new Float64Array(CELLS),
    childCount: new Float64Array(CELLS),
    childAmount: new Float64Array(CELLS),
    parentCell: new Int32Array(CELLS),
    parentUpper: new Float64Array(CELLS),
    parentCount: new Float64Array(CELLS),
    parentAmount: new Float64Array(CELLS),
    siblingAge: new Int32Array(CELLS),
    siblingUpper: new Float64Array(CELLS),
    siblingCount: new Float64Array(CELLS),
    siblingAmount: new Float64Array(CELLS),
  };
  const f = sv.family;
  for (let s = 0; s < SEXES; s++) {
    for (let x = 0; x < AGES; x++) {
      const c = cell(s, x);
      const pSpouse = f.pSpouse[c];
      // Children at or above the age limit are paid nothing: the spouse is then a sole survivor.
      const hasChildren = f.pChildren[c] > 0 && f.youngestChildAge[c] < sv.childAgeLimit;
      const pChildren = hasChildren ? f.pChildren[c] : 0;
      const spouseAge = Math.min(MAX_AGE, Math.max(0, x + f.spouseAgeDifference[c]));
      t.spouseCell[c] = cell(otherSex(s), Math.floor(spouseAge));
      t.spouseUpper[c] = spouseAge - Math.floor(spouseAge);
      t.spouseCount[c] = pSpouse;
      t.spouseAmount[c] = pSpouse * (pChildren * sv.spouseShare + (1 - pChildren) * sv.soleSurvivorShare);
      const childAge = Math.min(MAX_AGE, Math.max(0, f.youngestChildAge[c]));
      t.childAge[c] = Math.floor(childAge);
      t.childUpper[c] = childAge - Math.floor(childAge);
      // A family's children are one award; their sex is immaterial, so it is split evenly.
      t.childCount[c] = hasChildren ? pChildren / SEXES : 0;
      t.childAmount[c] = hasChildren ? (pChildren * (pSpouse * (1 - sv.spouseShare) + (1 - pSpouse) * sv.soleSurvivorShare)) / SEXES : 0;
      // Neither spouse nor child under the age limit: the parents and the younger siblings.
      const neither = (1 - pSpouse) * (1 - pChildren);
      if (sv.parents) {
        const motherAge = Math.min(MAX_AGE, x + sv.parents.ageDifference);
        t.parentCell[c] = cell(FEMALE, Math.floor(motherAge));
        t.parentUpper[c] = motherAge - Math.floor(motherAge);
        t.parentCount[c] = neither * sv.parents.alive[x];
        t.parentAmount[c] = t.parentCount[c] * sv.parents.share;
      }
      const siblingAge = x - (sv.siblings ? sv.siblings.ageDifference : 0);
      if (sv.siblings && siblingAge >= 0 && siblingAge < sv.childAgeLimit) {
        t.siblingAge[c] = Math.floor(siblingAge);
        t.siblingUpper[c] = siblingAge - Math.floor(siblingAge);
        t.siblingCount[c] = (neither * sv.siblings.probability) / SEXES;
        t.siblingAmount[c] = t.siblingCount[c] * sv.siblings.share;
      }
    }
  }
  return t;
}

/**
 * The deaths of one year that leave survivors' pensions of one kind (dependants' or survivors'),
 * gathered from the insured and from pensioners in payment, and where their awards go. Awards are
 * made once per group and year (awardFamilies), just before the survivors' pensions are rolled
 * forward, rather than death by death.
 */
export interface Family {
  targets: FamilyTargets;
  spouseSlot: number;
  childSlot: number;
  /** Deaths of the year `[group][sex][age]`, and the full annual pensions they leave. */
  deaths: Float64Array;
  fullAnnual: Float64Array;
  /** Children's awards of one group by age, for each sex alike (awardFamilies). */
  childCount: Float64Array;
  childAmount: Float64Array;
}

export function createFamily(sv: SurvivorAssumptions, spouseSlot: number, childSlot: number, groups: number): Family {
  return {
    targets: familyTargets(sv),
    spouseSlot,
    childSlot,
    deaths: new Float64Array(groups * CELLS),
    fullAnnual: new Float64Array(groups * CELLS),
    childCount: new Float64Array(AGES + 1),
    childAmount: new Float64Array(AGES + 1),
  };
}

/** Adds deaths in cell c of group g whose full pensions total `fullAnnualTotal` a year. */
export function addFamilyDeaths(family: Family, g: number, c: number, deaths: number, fullAnnualTotal: number): void {
  family.deaths[g * CELLS + c] += deaths;
  family.fullAnnual[g * CELLS + c] += fullAnnualTotal;
}

/**
 * New pensions of the spouses and children of group g's deaths of the year (those with deaths
 * above 0); the group's deaths are then cleared. Children's awards are the same for either sex,
 * so they are gathered by age first and added to both sexes once.
 */
export function awardFamilies(ws: Workspace, family: Family, g: number, G: number, awarded: Float64Array): void {
  const t = family.targets;
  const deaths = family.deaths;
  const fullAnnual = family.fullAnnual;
  const childCount = family.childCount;
  const childAmount = family.childAmount;
  const newCount = ws.newCount;
  const newAmount = ws.newAmount;
  const spouseAt = stockIndex(family.spouseSlot, g, G, 0);
  const at = g * CELLS;
  for (let c = 0; c < CELLS; c++) {
    const died = deaths[at + c];
    if (!(died > 0)) continue;
    const full = fullAnnual[at + c];
    addSplit(newCount, newAmount, spouseAt + t.spouseCell[c], t.spouseUpper[c], died * t.spouseCount[c], full * t.spouseAmount[c]);
    // Many deaths leave no children under the age limit (the family table's p_c or ages).
    if (t.childCount[c] > 0) addSplit(childCount, childAmount, t.childAge[c], t.childUpper[c], died * t.childCount[c], full * t.childAmount[c]);
    if (t.parentCount[c] > 0) {
      addSplit(newCount, newAmount, spouseAt + t.parentCell[c], t.parentUpper[c], died * t.parentCount[c], full * t.parentAmount[c]);
      awarded[Awarded.Parents] += died * t.parentCount[c];
      awarded[Awarded.ParentsAmount] += full * t.parentAmount[c];
    }
    if (t.siblingCount[c] > 0) {
      addSplit(childCount, childAmount, t.siblingAge[c], t.siblingUpper[c], died * t.siblingCount[c], full * t.siblingAmount[c]);
      awarded[Awarded.Siblings] += SEXES * died * t.siblingCount[c];
      awarded[Awarded.SiblingsAmount] += SEXES * full * t.siblingAmount[c];
    }
  }
  const childAt = stockIndex(family.childSlot, g, G, 0);
  for (let x = 0; x < AGES; x++) {
    const count = childCount[x];
    if (count === 0) continue;
    const amount = childAmount[x];
    for (let s = 0; s < SEXES; s++) {
      newCount[childAt + cell(s, x)] += count;
      newAmount[childAt + cell(s, x)] += amount;
    }
  }
  // Whatever was gathered has been awarded: nothing carries into another group or year.
  deaths.fill(0, at, at + CELLS);
  fullAnnual.fill(0, at, at + CELLS);
  childCount.fill(0);
  childAmount.fill(0);
}

/** Adds count and amount at an age split linearly with the age above (`upper` its weight). */
function addSplit(counts: Float64Array, amounts: Float64Array, at: number, upper: number, count: number, amount: number): void {
  counts[at] += count * (1 - upper);
  amounts[at] += amount * (1 - upper);
  if (upper > 0) {
    counts[at + 1] += count * upper;
    amounts[at + 1] += amount * upper;
  }
}

/** The parents' and siblings' awards of a group's year (awardFamilies), both sexes together. */
export const Awarded = { Parents: 0, ParentsAmount: 1, Siblings: 2, SiblingsAmount: 3 } as const;
export const AWARDED = 4;
