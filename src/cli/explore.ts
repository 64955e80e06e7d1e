/**
 * `coverage-sim explore <scenario>`: project the scenario, rank its register's ranges, and write
 * reports/explore-<id>/explore.html (or --out), whole or not at all.
 */
import { resolve } from 'node:path';
import { projectScenario, registerOf } from '../pipeline.js';
import type { LoadOptions } from '../scenario/load.js';
import { displayPathOf } from '../scenario/load.js';
import type { Lang } from '../report/charts/labels.js';
import { exploreData, exploreHtml } from '../report/explore-html.js';
import { writeReportFolder } from '../report/write.js';

export interface ExploreOptions {
  out?: string;
  lang: Lang;
  load: LoadOptions;
}

/** Writes the page; returns what to print. */
export function exploreCommand(file: string, options: ExploreOptions): string {
  const result = projectScenario(file, options.load);
  const data = exploreData(result, registerOf(result).effects);
  const html = exploreHtml(data, options.lang);
  const dir = options.out ?? resolve('reports', `explore-${data.scenarioId}`);
  const { replaced } = writeReportFolder(dir, new Map([['explore.html', html]]));
  const mb = (Buffer.byteLength(html) / 1e6).toFixed(1);
  const lines = [
    `Explore page of ${data.title}: ${data.controls.length} sliders, ${mb} MB, no network needed.`,
    `Open ${displayPathOf(resolve(dir, 'explore.html'))} in a browser.`,
    ...(replaced ? [`(replaced the previous page in ${displayPathOf(dir)})`] : []),
  ];
  return `${lines.join('\n')}\n`;
}
