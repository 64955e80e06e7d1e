/**
 * report.html's "What this answer depends on": how many inputs are published figures, declared
 * assumptions and defaults; each conclusion that flips inside an assumption's range, in a
 * sentence; the assumptions with a range ranked by how far they move a general average premium;
 * and, folded, the whole register (assumptions.csv has the same, with every measure).
 */
import type { Lang } from './charts/labels.js';
import { escapeHtml } from './html-page.js';
import { grouped, wrapWords } from './format.js';
import { leafText } from '../scenario/leaves.js';
import type { RegisterEntry } from '../scenario/register.js';
import type { Effect, Outcome, Verdict } from '../register/effects.js';
import { ranked } from '../register/effects.js';

export interface RegisterHtmlInput {
  lang: Lang;
  register: readonly RegisterEntry[];
  effects: readonly Effect[];
  base: Outcome;
  schemeLabel: (id: string) => string;
  groupLabel: (id: string) => string;
}

const WORDS = {
  counts: {
    en: (n: number, sourced: number, assumed: number, ranged: number, defaults: number, none: number) =>
      `The projection uses ${n} inputs: ${sourced} from a published source and ${assumed} declared assumptions (${ranged} with a plausible range, projected again at each end)` +
      (defaults > 0 ? `; ${defaults} are coverage-sim defaults` : '') +
      (none > 0 ? `; ${none} say nothing of where they come from.` : '.'),
    ms: (n: number, sourced: number, assumed: number, ranged: number, defaults: number, none: number) =>
      `Unjuran menggunakan ${n} input: ${sourced} daripada sumber yang diterbitkan dan ${assumed} andaian yang dinyatakan (${ranged} dengan julat munasabah, diunjurkan semula pada setiap hujungnya)` +
      (defaults > 0 ? `; ${defaults} ialah nilai lalai coverage-sim` : '') +
      (none > 0 ? `; ${none} tidak menyatakan asalnya.` : '.'),
  },
  flipsHeading: { en: 'Conclusions that flip inside a range', ms: 'Kesimpulan yang berubah dalam julat' },
  noFlips: {
    en: 'No conclusion flips inside any range: each holds at both ends of every range.',
    ms: 'Tiada kesimpulan yang berubah dalam mana-mana julat: setiap satu kekal pada kedua-dua hujung setiap julat.',
  },
  rankedHeading: { en: 'The assumptions ranked by their effect', ms: 'Andaian mengikut kesannya' },
  rankedNote: {
    en: 'Each assumption moved alone to the low and to the high end of its range, the others as in the scenario; "low → high" gives a measure at each end, for the schemes and groups it moves. First the assumptions that flip a conclusion, then by the largest move of a general average premium (over the whole horizon) relative to its value in the scenario, then by the largest move of a benefit-to-contribution ratio.',
    ms: 'Setiap andaian digerakkan sendirian ke hujung rendah dan hujung tinggi julatnya, yang lain seperti dalam senario; "rendah → tinggi" memberi ukuran pada setiap hujung, bagi skim dan kumpulan yang digerakkannya. Mula-mula andaian yang mengubah sesuatu kesimpulan, kemudian mengikut perubahan terbesar premium purata am (bagi seluruh tempoh) berbanding nilainya dalam senario, kemudian mengikut perubahan terbesar nisbah faedah kepada caruman.',
  },
  noRanges: { en: 'No input of this scenario has a plausible range, so nothing was projected again.', ms: 'Tiada input senario ini yang mempunyai julat munasabah, jadi tiada yang diunjurkan semula.' },
  registerHeading: { en: 'Every input and where it comes from', ms: 'Setiap input dan asalnya' },
  rank: { en: '#', ms: '#' },
  input: { en: 'Input', ms: 'Input' },
  value: { en: 'Value', ms: 'Nilai' },
  range: { en: 'Range', ms: 'Julat' },
  why: { en: 'Why this value', ms: 'Sebab nilai ini' },
  gap: { en: 'General average premium, low → high', ms: 'Premium purata am, rendah → tinggi' },
  depletion: { en: 'Depletion year, low → high', ms: 'Tahun kehabisan, rendah → tinggi' },
  ratios: { en: 'Benefit-to-contribution ratio, low → high', ms: 'Nisbah faedah kepada caruman, rendah → tinggi' },
  flips: { en: 'Conclusions that flip', ms: 'Kesimpulan yang berubah' },
  origin: { en: 'Where it comes from', ms: 'Asalnya' },
  none: { en: 'none', ms: 'tiada' },
  notDepleted: { en: 'not depleted', ms: 'tidak habis' },
  kind: {
    en: { source: 'published source', assumption: 'assumption', default: 'coverage-sim default', none: 'not stated' },
    ms: { source: 'sumber diterbitkan', assumption: 'andaian', default: 'nilai lalai coverage-sim', none: 'tidak dinyatakan' },
  },
} as const;

/**
 * A threshold or a value, to three significant digits: thousands separators for thousands, and
 * millions and billions as such (a fund of 25,000,000,000 reads "25 billion").
 */
export function shownNumber(x: number, lang: Lang = 'en'): string {
  const rounded = Number(x.toPrecision(3));
  const size = Math.abs(rounded);
  if (size >= 1e9) return `${grouped(Number((rounded / 1e9).toPrecision(3)), 2).replace(/\.?0+$/, '')} ${lang === 'ms' ? 'bilion' : 'billion'}`;
  if (size >= 1e6) return `${grouped(Number((rounded / 1e6).toPrecision(3)), 2).replace(/\.?0+$/, '')} ${lang === 'ms' ? 'juta' : 'million'}`;
  return size >= 1000 ? grouped(rounded, 0) : String(rounded);
}

const percent = (x: number | null) => (x === null ? 'n/a' : `${(100 * x).toFixed(3)}%`);
const ratioText = (x: number | null) => (x === null ? 'n/a' : x.toFixed(2));

/** A key name that may break after its dots and brackets (a long one would widen its column). */
const breakable = (name: string) => escapeHtml(name).replace(/([.\]])/g, '$1<wbr>');

/** What the conclusions mean, said once before the sentences. */
const DEFINITIONS = {
  en: 'A group pays for itself under a scheme when the present value of its benefits and expenses is below that of its contributions; a scheme\'s legislated rates finance the whole horizon when its general average premium over the horizon is at most the legislated level rate.',
  ms: 'Sesuatu kumpulan membiayai diri sendiri di bawah sesuatu skim apabila nilai kini faedah dan perbelanjaannya di bawah nilai kini carumannya; kadar perundangan sesuatu skim membiayai seluruh tempoh unjuran apabila premium purata amnya bagi tempoh itu tidak melebihi kadar rata perundangan.',
} as const;

/** A conclusion as the clause of a sentence ("foreign workers pay for themselves under Invalidity"). */
function conclusionClause(v: Verdict, lang: Lang, schemeLabel: (id: string) => string, groupLabel: (id: string) => string): string {
  const scheme = schemeLabel(v.scheme);
  switch (v.kind) {
    case 'pays_for_itself':
      return lang === 'ms' ? `${groupLabel(v.group!)} membiayai diri sendiri di bawah ${scheme}` : `${groupLabel(v.group!)} pay for themselves under ${scheme}`;
    case 'financed':
      return lang === 'ms' ? `kadar perundangan ${scheme} membiayai seluruh tempoh unjuran` : `the legislated rates of ${scheme} finance the whole horizon`;
    case 'depleted':
      return lang === 'ms' ? `dana ${scheme} bertahan sepanjang tempoh unjuran` : `the ${scheme} fund lasts the whole horizon`;
  }
}

/** Where a conclusion holds ("only if K is below 0.833"), and the scenario's value and range. */
function condition(v: Verdict, entry: Effect['entry'], lang: Lang): string {
  const key = entry.name;
  const n = (x: number) => shownNumber(x, lang);
  const [low, high] = entry.range;
  // For "depleted" the conclusion worth saying is its opposite: the fund lasts.
  const below = v.kind === 'depleted' ? !v.holdsBelow : v.holdsBelow;
  const where =
    v.threshold === null
      ? lang === 'ms'
        ? `hanya ke arah hujung ${below ? 'rendah' : 'tinggi'} julat ${key} (nilai peralihannya tidak dicari)`
        : `only towards the ${below ? 'low' : 'high'} end of the range of ${key} (the value where it flips was not searched)`
      : lang === 'ms'
        ? `hanya jika ${key} ${below ? 'di bawah' : 'di atas'} ${n(v.threshold)}`
        : `only if ${key} is ${below ? 'below' : 'above'} ${n(v.threshold)}`;
  const context = lang === 'ms' ? `senario: ${n(entry.value as number)}; julat ${n(low)} hingga ${n(high)}` : `the scenario: ${n(entry.value as number)}; range ${n(low)} to ${n(high)}`;
  return `${where} (${context})`;
}

/** "a", "a and b", "a, b and c". */
function listed(items: readonly string[], lang: Lang): string {
  const and = lang === 'ms' ? ' dan ' : ' and ';
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')}${and}${items[items.length - 1]}`;
}

/**
 * The conclusions that flip inside one range, as sentences: those that flip at the same value,
 * the same way, are said in one ("the legislated rates of X finance the whole horizon and the X
 * fund lasts it only if ... is above 0.0639").
 */
export function verdictSentences(effect: Pick<Effect, 'entry' | 'verdicts'>, lang: Lang, schemeLabel: (id: string) => string, groupLabel: (id: string) => string): string[] {
  const byCondition = new Map<string, string[]>();
  for (const v of effect.verdicts) {
    const when = condition(v, effect.entry, lang);
    byCondition.set(when, [...(byCondition.get(when) ?? []), conclusionClause(v, lang, schemeLabel, groupLabel)]);
  }
  return [...byCondition].map(([when, clauses]) => {
    const said = listed(clauses, lang);
    return `${said.charAt(0).toUpperCase()}${said.slice(1)} ${when}.`;
  });
}

function origin(entry: RegisterEntry, lang: Lang): string {
  const kind = WORDS.kind[lang][entry.kind];
  const parts = [`<strong>${escapeHtml(kind)}</strong>`];
  if (entry.assumption !== undefined) parts.push(escapeHtml(entry.assumption));
  if (entry.source) parts.push(`${escapeHtml(entry.source.citation)} (${escapeHtml(entry.source.date)})${entry.source.url ? ` <span class="url">${escapeHtml(entry.source.url)}</span>` : ''}`);
  return parts.join(': ');
}

/** How a measure moved over a range, for the schemes it moved (as shown): the scheme in bold, then the move. */
function moves(e: Effect & { base: Outcome }, pick: (o: Outcome[number]) => string, schemeLabel: (id: string) => string, unmoved: string): string {
  const out: string[] = [];
  e.low.forEach((s, k) => {
    const [l, h, b] = [pick(s), pick(e.high[k]), pick(e.base[k])];
    if (l !== b || h !== b) out.push(`<b>${escapeHtml(schemeLabel(s.scheme))}</b><br>${escapeHtml(l)} → ${escapeHtml(h)}`);
  });
  return out.length > 0 ? out.join('<br>') : unmoved;
}

/** How the groups' benefit-to-contribution ratios moved over a range, scheme by scheme, for those it moved (as shown). */
function ratioMoves(e: Effect & { base: Outcome }, schemeLabel: (id: string) => string, groupLabel: (id: string) => string, unmoved: string): string {
  const out: string[] = [];
  e.base.forEach((s, k) => {
    const lines = s.groups.flatMap((g, j) => {
      const [l, h, b] = [ratioText(e.low[k].groups[j].ratio), ratioText(e.high[k].groups[j].ratio), ratioText(g.ratio)];
      return l !== b || h !== b ? [`${escapeHtml(groupLabel(g.group))}: ${l} → ${h}`] : [];
    });
    if (lines.length > 0) out.push(`<b>${escapeHtml(schemeLabel(s.scheme))}</b><br>${lines.join('<br>')}`);
  });
  return out.length > 0 ? out.join('<br>') : unmoved;
}

export function registerHtml(input: RegisterHtmlInput): string {
  const { lang, register, schemeLabel, groupLabel } = input;
  const count = (kind: RegisterEntry['kind']) => register.filter((e) => e.kind === kind).length;
  const parts = [`<p>${escapeHtml(WORDS.counts[lang](register.length, count('source'), count('assumption'), register.filter((e) => e.range !== undefined).length, count('default'), count('none')))}</p>`];
  const order = ranked(input.effects);
  const effects = order.map((e) => ({ ...e, base: input.base }));

  parts.push(`<h3>${WORDS.flipsHeading[lang]}</h3>`);
  const sentences = order.flatMap((e) => verdictSentences(e, lang, schemeLabel, groupLabel));
  parts.push(sentences.length > 0 ? `<p class="note">${DEFINITIONS[lang]}</p><ul class="verdicts">${sentences.map((s) => `<li>${escapeHtml(s)}</li>`).join('')}</ul>` : `<p>${WORDS.noFlips[lang]}</p>`);

  parts.push(`<h3>${WORDS.rankedHeading[lang]}</h3>`);
  if (effects.length === 0) {
    parts.push(`<p>${WORDS.noRanges[lang]}</p>`);
  } else {
    parts.push(`<p class="note">${WORDS.rankedNote[lang]}</p>`);
    const head = ['rank', 'input', 'value', 'range', 'why', 'gap', 'depletion', 'ratios', 'flips'] as const;
    const rows = effects.map((e, i) => {
      const gap = moves(e, (s) => percent(s.gap), schemeLabel, WORDS.none[lang]);
      const depletion = moves(e, (s) => (s.ownFund ? (s.depletionYear === null ? WORDS.notDepleted[lang] : String(s.depletionYear)) : '—'), schemeLabel, WORDS.none[lang]);
      const cells = [
        String(i + 1),
        `<code>${breakable(e.entry.name)}</code>`,
        escapeHtml(shownNumber(e.entry.value as number, lang)),
        `${escapeHtml(shownNumber(e.entry.range[0], lang))} – ${escapeHtml(shownNumber(e.entry.range[1], lang))}`,
        escapeHtml(e.entry.assumption ?? e.entry.source?.citation ?? ''),
        gap,
        depletion,
        ratioMoves(e, schemeLabel, groupLabel, WORDS.none[lang]),
        String(e.verdicts.length),
      ];
      return `<tr data-key="${escapeHtml(e.entry.name)}">${cells.map((c, j) => `<td class="col-${head[j]}">${c}</td>`).join('')}</tr>`;
    });
    parts.push(`<table class="register-ranked"><colgroup>${head.map((k) => `<col class="col-${k}">`).join('')}</colgroup><thead><tr>${head.map((k) => `<th>${WORDS[k][lang]}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>`);
  }

  const all = register.map((e) => `<tr><td><code>${breakable(e.name)}</code></td><td class="value">${escapeHtml(leafText(e.value))}</td><td class="origin">${origin(e, lang)}</td></tr>`);
  parts.push(
    `<details><summary>${WORDS.registerHeading[lang]} (${register.length}; assumptions.csv)</summary><table class="register"><thead><tr><th>${WORDS.input[lang]}</th><th>${WORDS.value[lang]}</th><th>${WORDS.origin[lang]}</th></tr></thead><tbody>${all.join('')}</tbody></table></details>`,
  );
  return parts.join('\n');
}

/**
 * The terminal's lines: the counts and each conclusion that flips inside a range, wrapped to
 * 100 columns (report.html and assumptions.csv have the rest).
 */
export function registerTerminal(input: RegisterHtmlInput): string {
  const { register } = input;
  const count = (kind: RegisterEntry['kind']) => register.filter((e) => e.kind === kind).length;
  const lines = [`What this answer depends on (assumptions.csv, report.html):`];
  lines.push(...wrapWords(WORDS.counts.en(register.length, count('source'), count('assumption'), register.filter((e) => e.range !== undefined).length, count('default'), count('none')), '  ', '  ', 100));
  const sentences = ranked(input.effects).flatMap((e) => verdictSentences(e, 'en', input.schemeLabel, input.groupLabel));
  if (sentences.length > 0) lines.push(...wrapWords(DEFINITIONS.en, '  ', '  ', 100));
  for (const sentence of sentences) lines.push(...wrapWords(sentence, '  - ', '    ', 100));
  if (input.effects.length > 0 && input.effects.every((e) => e.verdicts.length === 0)) lines.push(`  ${WORDS.noFlips.en}`);
  return lines.join('\n') + '\n';
}
