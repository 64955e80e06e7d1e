import type { Payer } from '../../model.js';
/** Every text of the charts, in English and Malay (`--lang en|ms`); report.html keeps the words of its own sections (html.ts). */
export type Lang = 'en' | 'ms';

const TEXT = {
  fund: { en: 'Fund at the end of the year', ms: 'Dana pada akhir tahun' },
  reserveRatio: { en: 'Reserve ratio', ms: 'Nisbah rizab' },
  fundTitle: { en: 'Fund and reserve ratio', ms: 'Dana dan nisbah rizab' },
  flowsTitle: { en: 'Contributions and benefit outgo', ms: 'Caruman dan perbelanjaan faedah' },
  payersTitle: { en: 'Contributions by payer', ms: 'Caruman mengikut pembayar' },
  onePayer: { en: 'one payer pays every contribution (summary.csv names it)', ms: 'satu pembayar membayar semua caruman (summary.csv menamakannya)' },
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
  // Comparison charts (compare-charts.ts); {placeholders} are filled by the charts.
  compareBaselineSuffix: { en: '(baseline)', ms: '(asas)' },
  compareDepletedMarker: { en: 'Depleted {year}', ms: 'Dana habis {year}' },
  compareFundLinesEnd: { en: 'Each line ends at its fund\'s depletion (the first year the fund would be negative)', ms: 'Setiap garis berakhir apabila dananya habis (tahun pertama dana menjadi negatif)' },
  compareDifferenceLinesEnd: { en: 'Option less baseline; each line ends when either fund is depleted', ms: 'Pilihan tolak asas; setiap garis berakhir apabila salah satu dana habis' },
  compareSameAsBaseline: { en: 'Same as the baseline: {names}', ms: 'Sama seperti asas: {names}' },
  compareSameAsBaselineCount: { en: '{n} other scenarios are the same as the baseline here (options.csv)', ms: '{n} senario lain sama seperti asas di sini (options.csv)' },
  compareBaselineWord: { en: 'baseline', ms: 'asas' },
  compareDepletedIn: { en: 'depleted {year}', ms: 'dana habis {year}' },
  compareNoChange: { en: 'No change: {names}', ms: 'Tiada perubahan: {names}' },
  compareNoChangeCount: { en: '{n} other options change nothing here (options.csv)', ms: '{n} pilihan lain tidak mengubah apa-apa di sini (options.csv)' },
  compareReasonPooled: { en: 'the scheme has no fund of its own (it is pooled into another scheme\'s fund)', ms: 'skim ini tiada dana sendiri (ia dikumpulkan ke dalam dana skim lain)' },
  compareReasonTooManyLines: { en: '{n} scenarios differ here, and more than five lines cannot be told apart: the ranked charts show each option, comparison.csv every year', ms: '{n} senario berbeza di sini, dan lebih daripada lima garis tidak dapat dibezakan: carta kedudukan menunjukkan setiap pilihan, comparison.csv setiap tahun' },
  compareReasonNoData: { en: 'there are no values to draw', ms: 'tiada nilai untuk dilukis' },
  compareReasonOnlyOptions: { en: 'only the options have this scheme: the difference is each option\'s whole fund, drawn in the fund chart (options.csv counts the scheme whole)', ms: 'hanya pilihan yang mempunyai skim ini: perbezaannya ialah seluruh dana setiap pilihan, yang dilukis dalam carta dana (options.csv mengira skim ini sepenuhnya)' },
  compareReasonNoOptionChanges: { en: 'no option changes this scheme\'s fund', ms: 'tiada pilihan yang mengubah dana skim ini' },
  compareReasonDifferenceAfterDepletion: { en: 'the funds differ only after one of them is depleted', ms: 'dana hanya berbeza selepas salah satunya habis' },
  compareReasonNoCostChange: { en: 'no option changes it', ms: 'tiada pilihan yang mengubahnya' },
  compareReasonOneOption: { en: 'only one option changes it: the option cost table (options.csv) gives its value', ms: 'hanya satu pilihan yang mengubahnya: jadual kos pilihan (options.csv) memberikan nilainya' },
  compareNetCost: { en: 'Net present value cost of each option', ms: 'Kos nilai kini bersih setiap pilihan' },
  compareGapChange: { en: 'Change in the general average premium, by option', ms: 'Perubahan premium purata am, mengikut pilihan' },
  compareAllSchemes: { en: 'All schemes together', ms: 'Semua skim bersama' },
  comparePvAxis: { en: 'present value {period}, {unit}', ms: 'nilai kini {period}, {unit}' },
  compareCostsMoney: { en: 'Costs the scheme money', ms: 'Menambah kos skim' },
  compareSavesMoney: { en: 'Saves the scheme money', ms: 'Menjimatkan wang skim' },
  compareNetCostSubtitle: { en: 'Extra benefits and expenses less extra contributions, present value {period} at the baseline\'s discount rate', ms: 'Faedah dan perbelanjaan tambahan tolak caruman tambahan, nilai kini {period} pada kadar diskaun asas' },
  compareBasisPoints: { en: 'basis points of insurable wages', ms: 'mata asas gaji boleh diinsuranskan' },
  compareRaisesGap: { en: 'Raises the general average premium', ms: 'Menaikkan premium purata am' },
  compareLowersGap: { en: 'Lowers the general average premium', ms: 'Menurunkan premium purata am' },
  compareGapChangeSubtitle: { en: 'General average premium {period}, option less baseline', ms: 'Premium purata am {period}, pilihan tolak asas' },
  tornado: { en: 'Effect on the general average premium', ms: 'Kesan ke atas premium purata am' },
  gapPoints: { en: 'percentage points of insurable wages', ms: 'mata peratusan gaji boleh diinsuranskan' },
  shockLow: { en: 'Low', ms: 'Rendah' },
  shockHigh: { en: 'High', ms: 'Tinggi' },
  heatMap: { en: 'Reserve ratio by contribution rate and coverage', ms: 'Nisbah rizab mengikut kadar caruman dan liputan' },
  contributionFactor: { en: 'contribution rate, × legislated', ms: 'kadar caruman, × perundangan' },
  coverageShift: { en: 'coverage, change in points', ms: 'liputan, perubahan mata' },
  median: { en: 'Median', ms: 'Median' },
  noEffect: { en: '{n} assumptions with no effect on this scheme are not drawn (sensitivity.csv lists them)', ms: '{n} andaian tanpa kesan ke atas skim ini tidak dilukis (disenaraikan dalam sensitivity.csv)' },
  // Uncertainty (sensitivity and stochastic charts); {placeholders} are filled by their charts.
  tornadoBase: { en: 'Base: general average premium {from}–{to} {rate} of insurable wages', ms: 'Asas: premium purata am {from}–{to} {rate} daripada gaji boleh diinsuranskan' },
  tornadoShocks: { en: 'Shocks: {list}', ms: 'Kejutan: {list}' },
  tornadoClampedNote: { en: '* clamped: a share already within the shock of 0% or 100% moved less than the full shock', ms: '* dihadkan: bahagian yang sudah dalam julat kejutan daripada 0% atau 100% bergerak kurang daripada kejutan penuh' },
  shockReturn: { en: 'return', ms: 'pulangan' },
  shockWages: { en: 'wages', ms: 'gaji' },
  shockIncidence: { en: 'incidence', ms: 'insiden' },
  shockMortality: { en: 'mortality', ms: 'kematian' },
  shockCoverage: { en: 'coverage', ms: 'liputan' },
  shockCompliance: { en: 'compliance', ms: 'pematuhan' },
  shockExchange: { en: 'exchange rate', ms: 'kadar pertukaran' },
  shockPoint: { en: 'pt', ms: 'mata' },
  shockPoints: { en: 'pts', ms: 'mata' },
  heatMapIn: { en: 'Reserve ratio in {year} by contribution rate and coverage', ms: 'Nisbah rizab pada {year} mengikut kadar caruman dan liputan' },
  heatMapCells: { en: 'Each cell: the reserve ratio in {year}, years of benefits and expenses; colours centred on the target reserve ratio ({target})', ms: 'Setiap sel: nisbah rizab pada {year}, tahun faedah dan perbelanjaan; warna berpusat pada nisbah rizab sasaran ({target})' },
  heatMapClamped: { en: 'coverage is capped at 100%: for groups near full cover, the upper shifts are smaller than shown', ms: 'liputan dihadkan pada 100%: bagi kumpulan yang hampir diliputi sepenuhnya, anjakan atas lebih kecil daripada yang ditunjukkan' },
  heatDepleted: { en: 'depleted', ms: 'habis' },
  heatDepletedIn: { en: 'depleted {year}', ms: 'habis {year}' },
  heatTarget: { en: 'target', ms: 'sasaran' },
  probabilityTitle: { en: 'Probability of depletion', ms: 'Kebarangkalian dana habis' },
  probabilityDepleted: { en: 'Fund depleted by the year', ms: 'Dana habis menjelang tahun itu' },
  probabilityBelow: { en: 'Reserve ratio below {t} by the year', ms: 'Nisbah rizab di bawah {t} menjelang tahun itu' },
  probabilityAxis: { en: '% of paths', ms: '% laluan' },
  probabilitySubtitle: { en: '{paths} paths, seed {seed}: the share of paths whose fund has been negative, or whose reserve ratio has been below {t}, in the year or before', ms: '{paths} laluan, benih {seed}: bahagian laluan yang dananya pernah negatif, atau nisbah rizabnya pernah di bawah {t}, pada tahun itu atau sebelumnya' },
  fanDeterministic: { en: 'Deterministic projection', ms: 'Unjuran deterministik' },
  fanDeterministicDepleted: { en: 'deterministic: depleted {year}', ms: 'deterministik: habis {year}' },
  fanSubtitle: { en: '{paths} paths, seed {seed}; bands hold 90% and 50% of the paths', ms: '{paths} laluan, benih {seed}; jalur merangkumi 90% dan 50% laluan' },
  fanDepletion: { en: 'a path counts as 0 from its fund\'s depletion on (nothing is drawn below 0); a line stops where it reaches 0', ms: 'laluan dikira 0 mulai dananya habis (tiada apa dilukis di bawah 0); garisan berhenti apabila mencecah 0' },
  fanReserveThreshold: { en: 'reserve threshold: {t}', ms: 'ambang rizab: {t}' },
  yearsCount: { en: '{n} years', ms: '{n} tahun' },
  yearCount: { en: '{n} year', ms: '{n} tahun' },
  fanDepletedShare: { en: 'depleted on {share} of the paths by {year}', ms: 'habis pada {share} laluan menjelang {year}' },
  fanDepletedAll: { en: 'depleted on every path by {year}', ms: 'habis pada setiap laluan menjelang {year}' },
  fanDepletedBoth: { en: 'depleted on {share} of the paths by {year}, on every path by {all}', ms: 'habis pada {share} laluan menjelang {year}, pada setiap laluan menjelang {all}' },
  uncertaintyPooled: { en: 'pooled with {owner}: it has no fund of its own', ms: 'dikumpulkan dengan {owner}: tiada dana sendiri' },
  probabilityNeverAtRisk: { en: 'on none of the {paths} paths is the fund depleted or its reserve ratio below {t}', ms: 'tiada satu pun daripada {paths} laluan yang dananya habis atau nisbah rizabnya di bawah {t}' },
  tornadoNoEffect: { en: 'no assumption moves its general average premium', ms: 'tiada andaian yang menggerakkan premium purata amnya' },
  heatNoOwnFund: { en: 'no scheme has a fund of its own', ms: 'tiada skim yang mempunyai dana sendiri' },
  heatNoValues: { en: 'no point of the grid has a reserve ratio in {year} (no benefits or expenses that year)', ms: 'tiada titik grid yang mempunyai nisbah rizab pada {year} (tiada faedah atau perbelanjaan pada tahun itu)' },
  // Population charts (population-charts.ts); {placeholders} are filled by the charts.
  popPyramidTitle: { en: 'Registered persons by age and sex', ms: 'Orang berdaftar mengikut umur dan jantina' },
  popPyramidSubtitle: { en: 'All groups of origin, by 5-year age band: {years}', ms: 'Semua kumpulan asal, mengikut kumpulan umur 5 tahun: {years}' },
  popMen: { en: 'Men', ms: 'Lelaki' },
  popWomen: { en: 'Women', ms: 'Perempuan' },
  popPersonsBySex: { en: 'persons (men to the left, women to the right)', ms: 'orang (lelaki di kiri, perempuan di kanan)' },
  popAge: { en: 'age (last birthday)', ms: 'umur (hari jadi terakhir)' },
  popCoverageTitle: { en: 'Coverage rate by group', ms: 'Kadar liputan mengikut kumpulan' },
  popCoverageSubtitle: { en: "Registered persons ÷ the group's potential population (all ages); the scheme covers ages {ages}", ms: 'Orang berdaftar ÷ populasi berpotensi kumpulan (semua umur); skim ini meliputi umur {ages}' },
  popAgesFrom: { en: '{min} and over', ms: '{min} ke atas' },
  popIn: { en: 'in', ms: 'pada' },
  popPercentOfPotential: { en: '% of the potential population', ms: '% daripada populasi berpotensi' },
  popPartOf: { en: '{k} of {n}', ms: '{k} daripada {n}' },
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
  job_search_allowance: { en: 'Job search allowance', ms: 'Elaun mencari pekerjaan' },
  reduced_income_allowance: { en: 'Reduced income allowance', ms: 'Elaun pendapatan berkurangan' },
  early_reemployment_allowance: { en: 'Early re-employment allowance', ms: 'Elaun bekerja semula awal' },
  rehabilitation: { en: 'Rehabilitation and return to work', ms: 'Pemulihan dan kembali bekerja' },
  education: { en: 'Education assistance', ms: 'Bantuan pendidikan' },
  invalidity_grant: { en: 'Invalidity grant', ms: 'Bantuan ilat' },
  dialysis: { en: 'Dialysis', ms: 'Dialisis' },
  training: { en: 'Training fees and allowance', ms: 'Yuran dan elaun latihan' },
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
  job_loss: { en: 'job loss', ms: 'kehilangan pekerjaan' },
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

/** Each payer's name: short for a chart's legend, long (saying who that is) for a table. */
const PAYER_NAMES: Record<Payer, { short: { en: string; ms: string }; long: { en: string; ms: string } }> = {
  employer: { short: { en: 'Employer', ms: 'Majikan' }, long: { en: 'Employer', ms: 'Majikan' } },
  employee: { short: { en: 'Insured person', ms: 'Orang berinsurans' }, long: { en: 'Insured person (employee or self-employed)', ms: 'Orang berinsurans (pekerja atau bekerja sendiri)' } },
  government: { short: { en: 'Government (subsidy)', ms: 'Kerajaan (subsidi)' }, long: { en: 'Government (subsidy)', ms: 'Kerajaan (subsidi)' } },
  platform: { short: { en: 'Platform (deducted from earnings)', ms: 'Platform (dipotong daripada pendapatan)' }, long: { en: 'Platform provider (deducted and remitted)', ms: 'Penyedia platform (dipotong dan dihantar)' } },
};

export function payerLabel(payer: Payer, lang: Lang, form: 'short' | 'long' = 'short'): string {
  return PAYER_NAMES[payer][form][lang];
}

/** The words of a scenario key's parts that are not a benefit or a contingency (a slider named by its key). */
const KEY_WORDS: Record<string, { en: string; ms: string }> = {
  economy: { en: 'economy', ms: 'ekonomi' },
  medical_inflation: { en: 'medical inflation', ms: 'inflasi perubatan' },
  inflation: { en: 'inflation', ms: 'inflasi' },
  risk: { en: 'risk multiplier', ms: 'pengganda risiko' },
  indexation: { en: 'indexation', ms: 'indeksasi' },
  pensions: { en: 'pensions', ms: 'pencen' },
  benefits: { en: 'benefits', ms: 'faedah' },
  wage_relativity: { en: 'wage relativity', ms: 'relativiti gaji' },
  mean_days: { en: 'mean days', ms: 'purata hari' },
  replacement: { en: 'replacement rate', ms: 'kadar gantian' },
  survivors: { en: 'survivors', ms: 'penakat' },
  wages: { en: 'wages', ms: 'gaji' },
  exits: { en: 'exits', ms: 'keluar' },
  withdrawal: { en: 'withdrawal', ms: 'penarikan diri' },
  expenses: { en: 'expenses', ms: 'perbelanjaan' },
  share_of_contributions: { en: 'share of contributions', ms: 'bahagian caruman' },
  share_of_benefits: { en: 'share of benefits', ms: 'bahagian faedah' },
  population: { en: 'population', ms: 'populasi' },
  growth: { en: 'growth', ms: 'pertumbuhan' },
  density: { en: 'contribution density', ms: 'kepadatan caruman' },
  fund: { en: 'fund', ms: 'dana' },
  initial: { en: 'at the start', ms: 'pada permulaan' },
};

/** One part of a scenario key in words: a benefit, a contingency, a known word, or the key with spaces. */
export function keyWordLabel(part: string, lang: Lang): string {
  const known = (BENEFITS as Record<string, { en: string; ms: string }>)[part] ?? CONTINGENCIES[part] ?? ASSUMPTIONS[part] ?? KEY_WORDS[part];
  return known ? known[lang] : part.replace(/_/g, ' ');
}

export function benefitLabel(name: string, lang: Lang): string {
  return (BENEFITS as Record<string, { en: string; ms: string }>)[name]?.[lang] ?? name;
}

/** Thousands separators (Malaysian conventions in both languages: 1,234.5). */
export function formatNumber(x: number, digits = 0): string {
  return x.toLocaleString('en-MY', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}
