/** Every text of the charts, in English and Malay (`--lang en|ms`); report.html keeps the words of its own sections (html.ts). */
export type Lang = 'en' | 'ms';

const TEXT = {
  fund: { en: 'Fund at the end of the year', ms: 'Dana pada akhir tahun' },
  reserveRatio: { en: 'Reserve ratio', ms: 'Nisbah rizab' },
  fundTitle: { en: 'Fund and reserve ratio', ms: 'Dana dan nisbah rizab' },
  flowsTitle: { en: 'Contributions and benefit outgo', ms: 'Caruman dan perbelanjaan faedah' },
  contributions: { en: 'Contributions', ms: 'Caruman' },
  costRatesTitle: { en: 'Cost rates and the contribution rate', ms: 'Kadar kos dan kadar caruman' },
  payg: { en: 'PAYG cost rate', ms: 'Kadar kos bayar-semasa-guna' },
  terminal: { en: 'Terminal-funding cost rate', ms: 'Kadar kos pembiayaan terminal' },
  contributionRate: { en: 'Contribution rate', ms: 'Kadar caruman' },
  gap: { en: 'General average premium', ms: 'Premium purata am' },
  registeredTitle: { en: 'Registered persons by group', ms: 'Orang berdaftar mengikut kumpulan' },
  groupsTitle: { en: 'Does cover pay for itself? Present values by group of origin (benefits/contributions)', ms: 'Adakah perlindungan membiayai dirinya? Nilai kini mengikut kumpulan asal (faedah/caruman)' },
  pvContributions: { en: 'Contributions', ms: 'Caruman' },
  pvCosts: { en: 'Benefits and expenses', ms: 'Faedah dan perbelanjaan' },
  pensionsTitle: { en: 'Pensions in payment by type', ms: 'Pencen dalam bayaran mengikut jenis' },
  year: { en: 'Year', ms: 'Tahun' },
  millions: { en: '{currency} million', ms: '{currency} juta' },
  billions: { en: '{currency} billion', ms: '{currency} bilion' },
  thousands: { en: '{currency} thousand', ms: '{currency} ribu' },
  units: { en: '{currency}', ms: '{currency}' },
  percentOfWages: { en: '% of insurable wages', ms: '% daripada gaji boleh diinsuranskan' },
  yearsOfOutgo: { en: 'years of benefits and expenses', ms: 'tahun faedah dan perbelanjaan' },
  persons: { en: 'persons', ms: 'orang' },
  pvMillions: { en: 'present value, {currency} million', ms: 'nilai kini, {currency} juta' },
  presentValue: { en: 'present value', ms: 'nilai kini' },
  noData: { en: 'no values in this projection (every value is zero)', ms: 'tiada nilai dalam unjuran ini (setiap nilai sifar)' },
  depletedIn: { en: 'Fund depleted in {year}', ms: 'Dana habis pada {year}' },
  shortfallAfter: { en: 'after that, the yearly shortfall is charted instead', ms: 'selepas itu, kekurangan tahunan dicartakan' },
  shortfallTitle: { en: 'Yearly shortfall after depletion (benefits and expenses less contributions)', ms: 'Kekurangan tahunan selepas dana habis (faedah dan perbelanjaan tolak caruman)' },
  shortfall: { en: 'Shortfall', ms: 'Kekurangan' },
  compareFund: { en: 'Fund at the end of the year, by scenario', ms: 'Dana pada akhir tahun, mengikut senario' },
  comparePayg: { en: 'PAYG cost rate, by scenario', ms: 'Kadar kos bayar-semasa-guna, mengikut senario' },
  compareFundDifference: { en: 'Fund: difference from the baseline', ms: 'Dana: perbezaan daripada asas' },
  compareContributions: { en: 'Contributions, by scenario', ms: 'Caruman, mengikut senario' },
  tornado: { en: 'Effect on the general average premium', ms: 'Kesan ke atas premium purata am' },
  gapPoints: { en: 'percentage points of insurable wages', ms: 'mata peratusan gaji boleh diinsuranskan' },
  shockLow: { en: 'Low', ms: 'Rendah' },
  shockHigh: { en: 'High', ms: 'Tinggi' },
  heatMap: { en: 'Reserve ratio by contribution rate and coverage', ms: 'Nisbah rizab mengikut kadar caruman dan liputan' },
  contributionFactor: { en: 'contribution rate, × legislated', ms: 'kadar caruman, × perundangan' },
  coverageShift: { en: 'coverage, change in points', ms: 'liputan, perubahan mata' },
  median: { en: 'Median', ms: 'Median' },
  noEffect: { en: '{n} assumptions with no effect on this scheme are not drawn (sensitivity.csv lists them)', ms: '{n} andaian tanpa kesan ke atas skim ini tidak dilukis (disenaraikan dalam sensitivity.csv)' },
} as const;

const BENEFITS = {
  temporary_disablement: { en: 'Temporary disablement', ms: 'Hilang upaya sementara' },
  medical: { en: 'Medical care', ms: 'Rawatan perubatan' },
  permanent_disablement_lump_sum: { en: 'Permanent disablement (lump sums)', ms: 'Hilang upaya kekal (sekali gus)' },
  permanent_disablement_pension: { en: 'Permanent disablement (pensions)', ms: 'Hilang upaya kekal (pencen)' },
  permanent_disablement: { en: 'Permanent disablement', ms: 'Hilang upaya kekal' },
  constant_attendance: { en: 'Constant attendance', ms: 'Elaun layanan sentiasa' },
  dependants_pension: { en: "Dependants' benefit", ms: 'Faedah orang tanggungan' },
  dependants_spouse: { en: "Dependants (spouses)", ms: 'Orang tanggungan (pasangan)' },
  dependants_children: { en: "Dependants (children)", ms: 'Orang tanggungan (anak)' },
  invalidity_pension: { en: 'Invalidity pension', ms: 'Pencen ilat' },
  survivors_pension: { en: "Survivors' pension", ms: 'Pencen penakat' },
  survivors_spouse: { en: "Survivors (spouses)", ms: 'Penakat (pasangan)' },
  survivors_children: { en: "Survivors (children)", ms: 'Penakat (anak)' },
  funeral: { en: 'Funeral', ms: 'Pengurusan mayat' },
} as const;

export type TextKey = keyof typeof TEXT;

/** The assumptions a sensitivity shock moves (src/sensitivity/shocks.ts), and the contingencies of its incidence shocks. */
const ASSUMPTIONS: Record<string, { en: string; ms: string }> = {
  investment_return: { en: 'Investment return', ms: 'Pulangan pelaburan' },
  wage_growth: { en: 'Wage growth', ms: 'Pertumbuhan gaji' },
  mortality: { en: 'Mortality', ms: 'Kematian' },
  coverage: { en: 'Coverage', ms: 'Liputan' },
  compliance: { en: 'Compliance', ms: 'Pematuhan' },
  exchange_rate: { en: 'Exchange rate', ms: 'Kadar pertukaran' },
};
const CONTINGENCIES: Record<string, { en: string; ms: string }> = {
  temporary: { en: 'temporary disablement', ms: 'hilang upaya sementara' },
  permanent: { en: 'permanent disablement', ms: 'hilang upaya kekal' },
  fatal: { en: 'deaths', ms: 'kematian' },
  medical: { en: 'medical care', ms: 'rawatan perubatan' },
  invalidity: { en: 'invalidity', ms: 'ilat' },
};

/** "incidence:<scheme>.<contingency>" → "Incidence of <contingency>[, <scheme name>]"; other keys by name. */
export function assumptionLabel(key: string, lang: Lang, schemeName: (id: string) => string = (id) => id): string {
  const incidence = /^incidence:([^.]+)\.(.+)$/.exec(key);
  if (incidence) {
    const contingency = CONTINGENCIES[incidence[2]]?.[lang] ?? incidence[2];
    // The scheme is named when it is not the one charted (schemeName gives '' for that one).
    const scheme = schemeName(incidence[1]);
    const of = lang === 'ms' ? `Insiden ${contingency}` : `Incidence of ${contingency}`;
    return scheme ? `${of}, ${scheme}` : of;
  }
  return ASSUMPTIONS[key]?.[lang] ?? key;
}

export function text(key: TextKey, lang: Lang, currency = 'MYR'): string {
  return TEXT[key][lang].replace('{currency}', currency === 'MYR' ? 'RM' : currency);
}

export function benefitLabel(name: string, lang: Lang): string {
  return (BENEFITS as Record<string, { en: string; ms: string }>)[name]?.[lang] ?? name;
}

/** Thousands separators (Malaysian conventions in both languages: 1,234.5). */
export function formatNumber(x: number, digits = 0): string {
  return x.toLocaleString('en-MY', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}
