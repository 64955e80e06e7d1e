/**
 * explore.html: one self-contained page (no network: it works from a USB stick) that holds the
 * merged scenario, its data tables and the bundle of src/explore/ (the same engine and measures
 * as `run`, built by scripts/build-explore.mjs), and re-projects the scenario in the browser as
 * its sliders move.
 */
import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { RunResult } from '../pipeline.js';
import type { Effect } from '../register/effects.js';
import { exploreControls } from '../explore/build-controls.js';
import type { EmbeddedTable, ExploreData } from '../explore/session.js';
import { formatKeyPath } from '../scenario/errors.js';
import { displayPathOf } from '../scenario/load.js';
import { PROJECT_ROOT } from '../paths.js';
import { TOOL_VERSION } from '../version.js';
import type { Lang } from './charts/labels.js';
import { escapeHtml } from './html-page.js';
import { provenanceOf } from './provenance.js';
import { tablePathForReport } from './resolved.js';

/** The page's script, built from src/explore/ by `npm run build`. */
export const EXPLORE_BUNDLE = resolve(PROJECT_ROOT, 'dist', 'explore', 'explore.js');

/** The data tables as the page carries them: named as reports name them, never by a machine's path. */
function embeddedTables(result: RunResult): EmbeddedTable[] {
  const used = new Set<string>();
  return result.assumptions.inputs.map((input) => {
    const shown = tablePathForReport(input.path);
    let name = shown.startsWith('data/') ? shown : basename(input.path);
    for (let k = 2; used.has(name); k++) name = `${basename(input.path)} (${k})`;
    used.add(name);
    return { name, keys: input.keys.map(formatKeyPath), sha256: input.sha256, text: readFileSync(input.path, 'utf8') };
  });
}

export function exploreData(result: RunResult, effects: readonly Effect[]): ExploreData {
  const { loaded, assumptions } = result;
  const provenance = provenanceOf(loaded, assumptions);
  const count = (kind: string) => loaded.register.filter((e) => e.kind === kind).length;
  return {
    displayPath: displayPathOf(loaded.files[0].path),
    fileName: basename(loaded.files[0].path),
    scenarioId: loaded.scenario.scenario.id,
    title: loaded.scenario.scenario.title,
    startYear: assumptions.startYear,
    endYear: assumptions.endYear,
    currency: assumptions.currency,
    merged: loaded.merged,
    tables: embeddedTables(result),
    limits: loaded.limits,
    controls: exploreControls(loaded, assumptions, effects),
    provenance: { version: TOOL_VERSION, scenarioFiles: provenance.scenario_files, dataFiles: provenance.data_files },
    register: { sourced: count('source'), assumed: count('assumption'), defaults: count('default'), unmarked: count('none') },
  };
}

const STYLE = `
body { font-family: "DejaVu Sans", Verdana, sans-serif; margin: 0 auto; max-width: 1500px; color: #1a1a1a; line-height: 1.4; padding: 0.5rem 1rem 2rem; }
header { display: flex; justify-content: space-between; align-items: baseline; gap: 1rem; } h1 { font-size: 1.6rem; margin: 0.6rem 0 0.2rem; }
h2 { font-size: 1.05rem; border-bottom: 2px solid #0072B2; padding-bottom: 0.15rem; margin: 1.1rem 0 0.5rem; }
.lead, .note { color: #444; font-size: 0.92rem; } .layout { display: grid; grid-template-columns: minmax(300px, 1fr) 2.4fr; gap: 1.5rem; }
aside { max-height: calc(100vh - 1rem); overflow-y: auto; position: sticky; top: 0.5rem; padding-right: 0.5rem; }
.control { margin: 0.45rem 0 0.8rem; } .control label { display: block; font-weight: bold; font-size: 0.9rem; }
.control input[type=range] { width: 100%; margin: 0.1rem 0; } .control .value { font-size: 0.95rem; } .control.moved .value { color: #D55E00; font-weight: bold; }
.control .origin { font-size: 0.75rem; color: #555; } .control .year { display: grid; grid-template-columns: auto 1fr; gap: 0.5rem; align-items: center; font-size: 0.8rem; color: #333; } .buttons { display: flex; flex-wrap: wrap; gap: 0.5rem; margin: 1rem 0 0.5rem; }
button, a#download { font: inherit; font-size: 0.9rem; padding: 0.35rem 0.7rem; border: 1px solid #0072B2; background: #eef3f8; color: #1a1a1a; border-radius: 3px; cursor: pointer; text-decoration: none; }
.scheme-row { display: flex; align-items: center; gap: 0.6rem; margin-top: 0.6rem; } select { font: inherit; }
.status { color: #555; font-size: 0.85rem; margin: 0; } .status.error { color: #b00020; font-weight: bold; }
.headline p { margin: 0.2rem 0; } figure { margin: 0.6rem 0; } canvas { width: 100%; height: auto; border: 1px solid #ddd; }
table { border-collapse: collapse; font-size: 0.85rem; width: 100%; } th, td { border: 1px solid #c8c8c8; padding: 0.2rem 0.5rem; text-align: right; }
th:first-child, td:first-child { text-align: left; } th { background: #eef3f8; } td.net { font-weight: bold; }
textarea { width: 100%; font-family: "DejaVu Sans Mono", monospace; font-size: 0.8rem; } ul.files { font-size: 0.8rem; } ul.files code { overflow-wrap: anywhere; }
@media (max-width: 900px) { .layout { grid-template-columns: 1fr; } aside { position: static; max-height: none; } }
`;

/**
 * The page. Its security policy allows no request at all: the script is inline, the worker is
 * started from it as a blob, and nothing is fetched.
 */
export function exploreHtml(data: ExploreData, lang: Lang, bundle: string = readFileSync(EXPLORE_BUNDLE, 'utf8')): string {
  // In a script element only "</script" ends it: JSON cannot contain "<" outside strings, so each is escaped.
  const json = JSON.stringify(data).replace(/</g, '\\u003c');
  if (/<\/script/i.test(bundle)) throw new Error('the explore bundle contains "</script"');
  const policy = "default-src 'none'; script-src 'unsafe-inline' blob:; worker-src blob:; style-src 'unsafe-inline'; img-src data: blob:";
  return [
    '<!DOCTYPE html>',
    `<html lang="${lang}">`,
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${policy}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(data.title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    '<div id="explore"></div>',
    `<script type="application/json" id="explore-data">${json}</script>`,
    `<script id="explore-bundle">${bundle}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
