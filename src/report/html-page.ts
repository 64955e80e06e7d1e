/**
 * The frame every report.html shares (run, compare, sensitivity, stochastic): one
 * self-contained page, styles embedded, no network; a table of contents from its sections;
 * charts as embedded PNGs with their files named; the charts left out, with the reason.
 */
import { escapeControl } from '../text/control.js';
import type { Lang } from './charts/labels.js';
import type { OmittedChart } from './charts/chart-kit.js';

export function escapeHtml(s: string): string {
  return escapeControl(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export const STYLE = `
body { font-family: "DejaVu Sans", Verdana, sans-serif; margin: 2rem auto; max-width: 1200px; color: #1a1a1a; line-height: 1.45; padding: 0 1rem; }
h1 { font-size: 1.8rem; margin-bottom: 0.2rem; } h2 { border-bottom: 2px solid #0072B2; padding-bottom: 0.2rem; margin-top: 2.2rem; } h3 { margin-top: 1.4rem; }
table { border-collapse: collapse; margin: 0.6rem 0 1.2rem; font-size: 0.92rem; } th, td { border: 1px solid #c8c8c8; padding: 0.25rem 0.6rem; text-align: right; }
th:first-child, td:first-child { text-align: left; } th { background: #eef3f8; }
figure { margin: 1.2rem 0; } figure img { width: 100%; height: auto; border: 1px solid #ddd; } figcaption { font-size: 0.9rem; color: #444; }
pre { background: #f6f6f6; padding: 0.8rem; overflow-x: auto; font-size: 0.8rem; } .description { color: #333; }
nav.toc ol { columns: 2; column-gap: 3.5rem; font-size: 0.95rem; } .note { color: #444; font-size: 0.92rem; }
table.register td, table.register-ranked td, table.register th, table.register-ranked th { text-align: left; vertical-align: top; } table.register td.value, .url { overflow-wrap: anywhere; } table.register-ranked { width: 100%; table-layout: fixed; } col.col-rank { width: 2.2rem; } col.col-input { width: 18%; } col.col-value { width: 6%; } col.col-range { width: 8%; } col.col-why { width: 22%; } col.col-flips { width: 7.5rem; } table.register-ranked code { overflow-wrap: anywhere; } summary { cursor: pointer; font-weight: bold; margin: 0.8rem 0; }
`;

export interface Section {
  /** The anchor of the section (letters, digits and dashes). */
  id: string;
  heading: string;
  html: string;
}

const WORDS = {
  contents: { en: 'Contents', ms: 'Kandungan' },
  omitted: { en: 'Charts not drawn', ms: 'Carta yang tidak dilukis' },
} as const;

/** A whole page: the title, an optional preamble (a description), a table of contents, the sections. */
export function htmlPage(input: { title: string; lang: Lang; preamble?: string; sections: readonly Section[] }): string {
  const toc = `<nav class="toc"><h2>${WORDS.contents[input.lang]}</h2><ol>${input.sections.map((s) => `<li><a href="#${s.id}">${escapeHtml(s.heading)}</a></li>`).join('')}</ol></nav>`;
  const body = [`<h1>${escapeHtml(input.title)}</h1>`, input.preamble ?? '', toc, ...input.sections.map((s) => `<section id="${s.id}">\n<h2>${escapeHtml(s.heading)}</h2>\n${s.html}\n</section>`)];
  return `<!DOCTYPE html>\n<html lang="${input.lang}">\n<head>\n<meta charset="utf-8">\n<title>${escapeHtml(input.title)}</title>\n<style>${STYLE}</style>\n</head>\n<body>\n${body.join('\n')}\n</body>\n</html>\n`;
}

/** A chart as an embedded PNG, captioned with its files (PNG, SVG, and the CSV of its data). */
export function figureHtml(chart: { name: string; title: string; png: Buffer }): string {
  return `<figure id="chart-${chart.name}"><img alt="${escapeHtml(chart.title)}" src="data:image/png;base64,${chart.png.toString('base64')}"><figcaption>${escapeHtml(chart.title)} (charts/${chart.name}.png, .svg; data in .csv)</figcaption></figure>`;
}

/** The charts left out because they would have been empty, each with the reason. */
export function omittedHtml(omitted: readonly OmittedChart[], lang: Lang): string {
  if (omitted.length === 0) return '';
  return `<h3>${WORDS.omitted[lang]}</h3><ul class="omitted">${omitted.map((o) => `<li data-chart="${escapeHtml(o.name)}">${escapeHtml(o.title)}: ${escapeHtml(o.reason)}</li>`).join('')}</ul>`;
}
