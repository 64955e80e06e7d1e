/**
 * `coverage-sim verify <report folder>`: re-runs a report from its `scenario.resolved.yaml`
 * and says whether every data table still has the recorded SHA-256 and every CSV comes out
 * byte for byte the same.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { parse } from 'yaml';
import { ScenarioError } from '../scenario/errors.js';
import { readInputFile } from '../scenario/input-file.js';
import { limitsOf } from '../scenario/limits.js';
import type { LoadOptions } from '../scenario/load.js';
import { calibrationOf, projectScenario, reportFiles } from '../pipeline.js';
import { PROJECT_ROOT } from '../paths.js';
import { TOOL_VERSION } from '../version.js';

export interface Verification {
  lines: string[];
  identical: boolean;
}

interface RecordedFile {
  path: string;
  sha256: string;
}

export function verifyReport(folder: string, limits?: LoadOptions['limits']): Verification {
  const resolvedPath = join(folder, 'scenario.resolved.yaml');
  if (!existsSync(resolvedPath)) throw new ScenarioError({ file: folder }, undefined, 'no scenario.resolved.yaml here: not a coverage-sim report folder');
  // A report folder may come from elsewhere: its files are read as a scenario's are (regular, bounded).
  const resolved = parse(readInputFile(resolvedPath, resolvedPath, 'scenario', limitsOf(limits).yamlBytes)) as { provenance?: { version?: string; node?: string; data_files?: RecordedFile[] } };
  const provenance = resolved.provenance;
  if (!provenance?.data_files) throw new ScenarioError({ file: resolvedPath }, 'provenance', 'the report has no provenance block to verify against');
  const lines: string[] = [];
  let identical = true;

  if (provenance.version !== TOOL_VERSION) lines.push(`note: the report was made by coverage-sim ${provenance.version}, this is ${TOOL_VERSION}`);
  if (provenance.node !== process.version) lines.push(`note: the report was made on Node ${provenance.node}, this is ${process.version}`);

  const tables = provenance.data_files.map((f) => ({ ...f, absolute: isAbsolute(f.path) ? f.path : resolve(PROJECT_ROOT, f.path) }));
  for (const table of tables) {
    if (!existsSync(table.absolute)) {
      lines.push(`missing: ${table.path}`);
      identical = false;
      continue;
    }
    const sha256 = createHash('sha256').update(readInputFile(table.absolute, table.path, 'table', limitsOf(limits).tableBytes)).digest('hex');
    if (sha256 !== table.sha256) {
      lines.push(`changed: ${table.path} (its SHA-256 is no longer the one recorded)`);
      identical = false;
    }
  }
  if (!identical) return { lines: [...lines, 'not verified: the inputs have changed'], identical };

  // The tables the report read may lie outside its folder: exactly those folders are allowed.
  const result = projectScenario(resolvedPath, { allowPaths: [...new Set(tables.map((t) => dirname(t.absolute)))], limits });
  const calibration = existsSync(join(folder, 'calibration.csv')) ? calibrationOf(result) : undefined;
  for (const [name, content] of reportFiles(result, calibration)) {
    if (!name.endsWith('.csv')) continue;
    const path = join(folder, name);
    if (!existsSync(path)) {
      lines.push(`missing: ${name}`);
      identical = false;
      continue;
    }
    const recorded = readFileSync(path, 'utf8');
    if (recorded === content) {
      lines.push(`identical: ${name}`);
    } else {
      identical = false;
      const a = recorded.split('\n');
      const b = content.split('\n');
      const at = a.findIndex((line, k) => line !== b[k]);
      lines.push(`different: ${name}, from line ${at + 1}:`, `  report:   ${a[at] ?? '(end of file)'}`, `  now:      ${b[at] ?? '(end of file)'}`);
    }
  }
  lines.push(identical ? 'verified: the report is reproduced exactly' : 'not verified: the report differs from a new run');
  return { lines, identical };
}
