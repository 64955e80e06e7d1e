/**
 * Charts: every chart of a run and of a comparison renders to a PNG of 1600×900 with real
 * content (not a blank page) and to an SVG; the same data give the same files.
 */
import { describe, expect, it } from 'vitest';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { runCharts } from '../../src/report/charts/run-charts.js';
import { renderChart, renderCharts } from '../../src/report/charts/renderer.js';
import { PALETTE } from '../../src/report/charts/style.js';
import { run, scenarioVariant } from '../helpers/scenarios.js';

const result = run(scenarioVariant('basic'));
const charts = runCharts({ projection: result.projection, measures: result.measures, groupLabels: result.assumptions.groups.map((g) => g.label), currency: 'MYR', lang: 'en' });

/** Width and height from the PNG's IHDR chunk (bytes 16–23), after the 8-byte signature. */
function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** Share of pixels that are not white, and the number of distinct colours, on a 1-in-8 grid. */
async function ink(png: Buffer): Promise<{ share: number; colours: number }> {
  const image = await loadImage(png);
  const canvas = createCanvas(image.width, image.height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(image, 0, 0);
  const { data } = ctx.getImageData(0, 0, image.width, image.height);
  let inked = 0;
  let total = 0;
  const colours = new Set<number>();
  for (let y = 0; y < image.height; y += 8) {
    for (let x = 0; x < image.width; x += 8) {
      const at = 4 * (y * image.width + x);
      total++;
      if (data[at] < 250 || data[at + 1] < 250 || data[at + 2] < 250) inked++;
      colours.add((data[at] << 16) | (data[at + 1] << 8) | data[at + 2]);
    }
  }
  return { share: inked / total, colours: colours.size };
}

describe('charts of a run', () => {
  it('the six charts of each scheme (fund and reserve ratio only where the scheme has its own fund)', () => {
    const names = charts.map((c) => c.name);
    for (const scheme of ['employment_injury', 'non_employment_injury', 'invalidity']) {
      for (const chart of ['flows', 'cost-rates', 'registered', 'groups', 'pensions']) expect(names).toContain(`${scheme}-${chart}`);
    }
    expect(names).toContain('employment_injury-fund');
    expect(names).not.toContain('invalidity-fund'); // pooled into employment injury
  });

  it('each renders to a 1600×900 PNG with content, and to an SVG', async () => {
    const rendered = await renderCharts(charts);
    for (const c of charts) {
      const png = rendered.get(`${c.name}.png`)!;
      expect(pngSize(png)).toEqual({ width: 1600, height: 900 });
      const { share, colours } = await ink(png);
      expect(share, c.name).toBeGreaterThan(0.01);
      expect(colours, c.name).toBeGreaterThan(3);
      const svg = rendered.get(`${c.name}.svg`)!.toString('utf8');
      expect(svg).toMatch(/^<\?xml[^>]*>\s*<svg [^>]*width="1600" height="900"/);
      expect(svg.length).toBeGreaterThan(5000);
    }
  });

  it('a white background, and the series in the palette', async () => {
    const png = renderChart(charts.find((c) => c.name === 'employment_injury-cost-rates')!.config, 'png');
    const image = await loadImage(png);
    const canvas = createCanvas(image.width, image.height);
    canvas.getContext('2d').drawImage(image, 0, 0);
    const corner = canvas.getContext('2d').getImageData(2, 2, 1, 1).data;
    expect(Array.from(corner.slice(0, 3))).toEqual([255, 255, 255]);
    const svg = renderChart(charts.find((c) => c.name === 'employment_injury-cost-rates')!.config, 'svg').toString('utf8').toLowerCase();
    expect(svg).toContain(PALETTE[0].toLowerCase());
  });

  it('the same chart twice is the same file (reproducible output)', () => {
    const config = charts[0].config;
    expect(renderChart(config, 'png').equals(renderChart(config, 'png'))).toBe(true);
    expect(renderChart(config, 'svg').equals(renderChart(config, 'svg'))).toBe(true);
  });

  it('Malay labels with --lang ms', () => {
    const ms = runCharts({ projection: result.projection, measures: result.measures, groupLabels: result.assumptions.groups.map((g) => g.label), currency: 'MYR', lang: 'ms' });
    expect(ms.find((c) => c.name === 'employment_injury-cost-rates')!.title).toMatch(/^Kadar kos dan kadar caruman/);
  });
});
