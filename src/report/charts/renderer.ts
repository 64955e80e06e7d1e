/**
 * Server-side chart.js: a chart configuration rendered on @napi-rs/canvas (prebuilt, no system
 * libraries) to PNG or SVG. Fonts come from the dejavu-fonts-ttf package and not from the
 * machine, so the same chart is the same file anywhere.
 */
import { createRequire } from 'node:module';
import { GlobalFonts, SvgExportFlag, createCanvas } from '@napi-rs/canvas';
import { Chart, registerables } from 'chart.js';
import type { ChartConfiguration, Plugin } from 'chart.js';
import annotationPlugin from 'chartjs-plugin-annotation';
import { chartDataCsv } from './chart-data.js';

export const CHART_WIDTH = 1600;
export const CHART_HEIGHT = 900;
export const CHART_FONT = 'CoverageSans';

let prepared = false;

function prepare(): void {
  if (prepared) return;
  const require = createRequire(import.meta.url);
  GlobalFonts.registerFromPath(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'), CHART_FONT);
  GlobalFonts.registerFromPath(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'), CHART_FONT);
  Chart.register(...registerables, annotationPlugin);
  Chart.defaults.font.family = CHART_FONT;
  Chart.defaults.font.size = 20;
  Chart.defaults.color = '#1a1a1a';
  prepared = true;
}

/** Slides and reports want an opaque white background, not a transparent one. */
const whiteBackground: Plugin = {
  id: 'whiteBackground',
  beforeDraw(chart) {
    const ctx = chart.ctx;
    ctx.save();
    ctx.globalCompositeOperation = 'destination-over';
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, chart.width, chart.height);
    ctx.restore();
  },
};

export type ChartFormat = 'png' | 'svg';

/**
 * Skia numbers an SVG's clip paths with a counter kept across documents; renumbered in order of
 * appearance, the same chart gives the same file every time.
 */
export function normaliseSvg(svg: Buffer): Buffer {
  const ids = new Map<string, string>();
  const text = svg.toString('utf8').replace(/\bcl_[0-9A-Za-z]+\b/g, (id) => {
    if (!ids.has(id)) ids.set(id, `cl_${ids.size + 1}`);
    return ids.get(id)!;
  });
  return Buffer.from(text, 'utf8');
}

/** Draws a chart; destroy it once the canvas is encoded (destroying clears the canvas). */
function draw(config: ChartConfiguration, canvas: { getContext(kind: '2d'): unknown }): Chart {
  // chart.js takes any 2D context; its DOM types are not in this project's (Node) library.
  return new Chart(canvas.getContext('2d') as ConstructorParameters<typeof Chart>[0], {
    ...config,
    options: { ...config.options, responsive: false, animation: false, devicePixelRatio: 1 },
    plugins: [...(config.plugins ?? []), whiteBackground],
  } as ChartConfiguration);
}

/** One chart in one format. */
export function renderChart(config: ChartConfiguration, format: ChartFormat, width = CHART_WIDTH, height = CHART_HEIGHT): Buffer {
  prepare();
  const canvas = format === 'svg' ? createCanvas(width, height, SvgExportFlag.ConvertTextToPaths) : createCanvas(width, height);
  const chart = draw(config, canvas);
  try {
    return 'getContent' in canvas ? normaliseSvg(canvas.getContent()) : canvas.toBuffer('image/png');
  } finally {
    chart.destroy();
  }
}

/** The legend items chart.js draws for a configuration (for the tests of the legend rules). */
export function legendItemsOf(config: ChartConfiguration): Array<Record<string, unknown>> {
  prepare();
  const chart = draw(config, createCanvas(CHART_WIDTH, CHART_HEIGHT));
  try {
    return (chart.legend?.legendItems ?? []).map((item) => ({ ...item }));
  } finally {
    chart.destroy();
  }
}

/**
 * Every chart as PNG and SVG, keyed `<name>.png` and `<name>.svg`, and its data as `<name>.csv`.
 * PNG compression is the slow part, so it runs on libuv's threads while the next charts are drawn.
 */
export async function renderCharts(charts: ReadonlyArray<{ name: string; config: ChartConfiguration }>, width = CHART_WIDTH, height = CHART_HEIGHT): Promise<Map<string, Buffer>> {
  prepare();
  const out = new Map<string, Buffer>();
  const pending: Array<Promise<void>> = [];
  for (const { name, config } of charts) {
    const png = createCanvas(width, height);
    const drawn = draw(config, png);
    pending.push(
      png.encode('png').then((buffer) => {
        out.set(`${name}.png`, buffer);
        drawn.destroy();
      }),
    );
    const svg = createCanvas(width, height, SvgExportFlag.ConvertTextToPaths);
    const vector = draw(config, svg);
    out.set(`${name}.svg`, normaliseSvg(svg.getContent()));
    vector.destroy();
    out.set(`${name}.csv`, Buffer.from(chartDataCsv(config), 'utf8'));
  }
  await Promise.all(pending);
  return out;
}
