/**
 * report.html: self-contained (no network), every chart embedded, and every number in its
 * tables the same as in measures.csv.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { PROJECT, cli, tempDir } from '../helpers/scenarios.js';

describe('report.html', async () => {
  const out = join(tempDir(), 'report');
  const result = await cli('run', join(PROJECT, 'scenarios', 'domestic-workers.yaml'), '--out', out);
  const html = readFileSync(join(out, 'report.html'), 'utf8');
  const measures = Papa.parse<Record<string, string>>(readFileSync(join(out, 'measures.csv'), 'utf8'), { header: true, skipEmptyLines: true }).data;
  const csvValue = (scheme: string, measure: string, from: string, to: string, group = '') =>
    measures.find((r) => r.scheme === scheme && r.measure === measure && r.from === from && r.to === to && r.group === group && r.benefit === '')?.value;

  it('is written by run, and is self-contained: no external scripts, styles or images', () => {
    expect(result.code).toBe(0);
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).not.toMatch(/<script|<link|src="http|href="http|url\(http/);
    const images = [...html.matchAll(/<img [^>]*src="([^"]+)"/g)].map((m) => m[1]);
    expect(images.length).toBeGreaterThanOrEqual(15);
    for (const src of images) expect(src).toMatch(/^data:image\/png;base64,iVBORw0KGgo/);
  });

  it('every per-year measure in its tables equals measures.csv', () => {
    const cells = [...html.matchAll(/<table class="measures" data-scheme="([a-z_]+)">([\s\S]*?)<\/table>/g)];
    expect(cells.length).toBe(3);
    let compared = 0;
    for (const [, scheme, body] of cells) {
      for (const [, year, row] of body.matchAll(/<tr data-year="(\d+)">([\s\S]*?)<\/tr>/g)) {
        for (const [, measure, value] of row.matchAll(/data-measure="([a-z_]+)" data-value="([^"]*)"/g)) {
          expect(value, `${scheme} ${measure} ${year}`).toBe(csvValue(scheme, measure, year, year));
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(50);
  });

  it('the general average premiums, depletion years and break-even rates equal measures.csv', () => {
    for (const [, scheme, body] of html.matchAll(/<tr data-scheme="([a-z_]+)">([\s\S]*?)<\/tr>/g)) {
      for (const [, from, to, value] of body.matchAll(/data-from="(\d+)" data-to="(\d+)" data-measure="general_average_premium" data-value="([^"]*)"/g)) {
        expect(value).toBe(csvValue(scheme, 'general_average_premium', from, to));
      }
    }
    for (const [, scheme, body] of html.matchAll(/<table class="groups" data-scheme="([a-z_]+)">([\s\S]*?)<\/table>/g)) {
      for (const [, group, row] of body.matchAll(/<tr data-group="([a-z_]+)">([\s\S]*?)<\/tr>/g)) {
        const value = /data-measure="break_even_rate" data-value="([^"]*)"/.exec(row)![1];
        expect(value).toBe(csvValue(scheme, 'break_even_rate', '2025', '2100', group));
      }
    }
  });

  it('lists the assumptions that differ from the baseline, the data sources and the provenance', () => {
    expect(html).toContain('Assumptions that differ from the baseline');
    expect(html).toContain('schemes[employment_injury].cover.domestic_workers.coverage');
    expect(html).toContain('data/mortality/malaysia-wpp2024.csv');
    expect(html).toMatch(/sha256: [0-9a-f]{64}/);
  });
});
