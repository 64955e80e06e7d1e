/** The words of the explore page, in English and Malay (the charts' own words are labels.ts's). */
import type { Lang } from '../report/charts/labels.js';

const WORDS = {
  pageTitle: { en: 'What if? Explore the scenario', ms: 'Bagaimana jika? Teroka senario' },
  lead: {
    en: 'Move a slider: the scenario is projected again in this page, by the same engine as coverage-sim run, and the charts and the cost table follow. Nothing leaves this computer.',
    ms: 'Gerakkan peluncur: senario diunjurkan semula dalam halaman ini, oleh enjin yang sama dengan coverage-sim run, dan carta serta jadual kos mengikutinya. Tiada apa yang meninggalkan komputer ini.',
  },
  language: { en: 'Bahasa Melayu', ms: 'English' },
  coverage: { en: 'Registration (share of the potential population)', ms: 'Pendaftaran (bahagian populasi berpotensi)' },
  compliance: { en: 'Compliance (share of the registered who contribute)', ms: 'Pematuhan (bahagian berdaftar yang mencarum)' },
  rates: { en: 'Contribution rates (the last rate; earlier phases scale with it)', ms: 'Kadar caruman (kadar terakhir; fasa lebih awal berskala bersamanya)' },
  economy: { en: 'Economy (the long-run value; the whole path moves with it)', ms: 'Ekonomi (nilai jangka panjang; seluruh laluan bergerak bersamanya)' },
  funds: { en: 'Funds at the start', ms: 'Dana pada permulaan' },
  register: { en: 'Assumptions the register ranks highest (over their plausible ranges)', ms: 'Andaian yang paling berpengaruh dalam daftar (dalam julat munasabahnya)' },
  reachedIn: { en: 'reached in', ms: 'dicapai pada' },
  yearReached: { en: 'Year reached', ms: 'Tahun dicapai' },
  asLoaded: { en: 'as loaded', ms: 'seperti dimuatkan' },
  source: { en: 'Source', ms: 'Sumber' },
  assumption: { en: 'Assumption', ms: 'Andaian' },
  unmarked: { en: 'No source or assumption is stated for this value', ms: 'Tiada sumber atau andaian dinyatakan bagi nilai ini' },
  range: { en: 'plausible range', ms: 'julat munasabah' },
  reset: { en: 'Back to the scenario as loaded', ms: 'Kembali kepada senario seperti dimuatkan' },
  copy: { en: 'Copy as scenario', ms: 'Salin sebagai senario' },
  download: { en: 'Save as a file', ms: 'Simpan sebagai fail' },
  copied: { en: 'Copied. Save it beside {file} and run: coverage-sim run {name}', ms: 'Disalin. Simpan di sebelah {file} dan jalankan: coverage-sim run {name}' },
  noChange: { en: 'No slider has moved: the settings are the scenario as loaded.', ms: 'Tiada peluncur digerakkan: tetapan ialah senario seperti dimuatkan.' },
  scheme: { en: 'Scheme', ms: 'Skim' },
  projecting: { en: 'Projecting…', ms: 'Mengunjurkan…' },
  projectedIn: { en: 'Projected in {ms} ms', ms: 'Diunjurkan dalam {ms} ms' },
  failed: { en: 'These settings cannot be projected', ms: 'Tetapan ini tidak dapat diunjurkan' },
  headline: { en: 'At these settings', ms: 'Pada tetapan ini' },
  depletion: { en: 'Depletion of the fund', ms: 'Dana habis' },
  notDepleted: { en: 'none by {year}', ms: 'tiada sehingga {year}' },
  noOwnFund: { en: 'no fund of its own', ms: 'tiada dana sendiri' },
  gapVsRate: { en: 'General average premium {from}–{to} against the legislated level rate', ms: 'Premium purata am {from}–{to} berbanding kadar paras yang diperundangkan' },
  costTable: { en: 'Cost of these settings against the scenario as loaded (present values at the loaded discount rate, {from}–{to})', ms: 'Kos tetapan ini berbanding senario seperti dimuatkan (nilai kini pada kadar diskaun dimuatkan, {from}–{to})' },
  allSchemes: { en: 'All schemes', ms: 'Semua skim' },
  colScheme: { en: 'Scheme', ms: 'Skim' },
  colContributions: { en: 'PV extra contributions', ms: 'NK caruman tambahan' },
  colGovernment: { en: 'of which the government', ms: 'daripadanya kerajaan' },
  colOutgo: { en: 'PV extra benefits and expenses', ms: 'NK faedah dan perbelanjaan tambahan' },
  colNet: { en: 'Net PV cost', ms: 'Kos NK bersih' },
  colGap: { en: 'GAP change (basis points)', ms: 'Perubahan PPA (mata asas)' },
  colDepletion: { en: 'Depletion: loaded → now', ms: 'Dana habis: dimuatkan → kini' },
  netNote: { en: 'A positive net PV cost is a cost to the scheme; a negative one, a saving.', ms: 'Kos NK bersih positif ialah kos kepada skim; negatif, penjimatan.' },
  provenance: { en: 'Where these numbers come from', ms: 'Dari mana angka ini datang' },
  provenanceLead: {
    en: 'coverage-sim {version}. The scenario {file} and its data tables, as read when this page was written:',
    ms: 'coverage-sim {version}. Senario {file} dan jadual datanya, seperti dibaca semasa halaman ini ditulis:',
  },
  assumptionsNote: {
    en: 'Of the scenario\'s {all} inputs, {sourced} cite a published source, {assumed} are declared assumptions (a judgement, with its reason){others}. Each slider says which its value is. A number shown here is a projection on these assumptions, not a forecast.',
    ms: 'Daripada {all} input senario, {sourced} memetik sumber yang diterbitkan, {assumed} ialah andaian yang diisytiharkan (satu pertimbangan, dengan sebabnya){others}. Setiap peluncur menyatakan yang mana nilainya. Angka di sini ialah unjuran atas andaian ini, bukan ramalan.',
  },
  defaultsCount: { en: '; {n} are coverage-sim\'s defaults', ms: '; {n} ialah nilai lalai coverage-sim' },
  unmarkedCount: { en: '; {n} state neither', ms: '; {n} tidak menyatakan kedua-duanya' },
  patchTitle: { en: 'The settings as a scenario file', ms: 'Tetapan sebagai fail senario' },
} as const;

export type WordKey = keyof typeof WORDS;

export function word(key: WordKey, lang: Lang, values: Record<string, string | number> = {}): string {
  return WORDS[key][lang].replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? `{${k}}`));
}
