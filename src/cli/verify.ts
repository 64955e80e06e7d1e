/**
 * `coverage-sim verify <report folder>`: re-runs a report from its `scenario.resolved.yaml`
 * and says whether every data table still has the recorded SHA-256 and every CSV comes out
 * byte for byte the same.
 *
 * Report folders travel like scenarios, so one is untrusted input: each of its files is read
 * only when it is a regular file, not a symbolic link (a folder coverage-sim writes holds none),
 * within its size limit; `scenario.resolved.yaml` is parsed as a scenario file is; the tables are
 * read only from the project, the report folder and the folders named with --allow-path, never
 * from where the report's provenance says; and no line of a recorded file is ever printed.
 */
import { createHash } from 'node:crypto';
import { lstatSync, readFileSync, readdirSync, realpathSync, statSync } from 'node:fs';
import type { Stats } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { z } from 'zod';
import { ScenarioError, formatKeyPath } from '../scenario/errors.js';
import type { KeyPath } from '../scenario/errors.js';
import { canonical, errorCode, exists, isInside, readInputFile, whatItIs } from '../scenario/input-file.js';
import type { InputKind } from '../scenario/input-file.js';
import { limitsOf } from '../scenario/limits.js';
import { displayPathOf } from '../scenario/load.js';
import type { LoadOptions } from '../scenario/load.js';
import { placeIn, readSourceFile } from '../scenario/source.js';
import { calibrationOf, projectScenario, reportFiles, reportWorkbook } from '../pipeline.js';
import { messages } from '../messages.js';
import { PROJECT_ROOT } from '../paths.js';
import { TOOL_VERSION } from '../version.js';

export interface Verification {
  lines: string[];
  identical: boolean;
}

/** A version as coverage-sim and Node record them (`0.1.0`, `v20.19.2`): shown as it is. */
const version = z.string().regex(/^[0-9A-Za-z.+-]{1,64}$/);

/** What verify reads of the provenance block (provenance.ts writes it). */
const provenanceSchema = z.object({
  version,
  node: version,
  data_files: z.array(z.object({ path: z.string().min(1).max(4096), sha256: z.string().regex(/^[0-9a-f]{64}$/) })),
});

const EXPECTED = 'version and node (versions such as 0.1.0 and v20.19.2) and data_files, a list of {path, sha256} with a SHA-256 of 64 hexadecimal digits';

export async function verifyReport(folder: string, options: LoadOptions = {}): Promise<Verification> {
  const limits = limitsOf(options.limits);
  const report = resolve(folder);
  const shown = (name: string) => displayPathOf(join(report, name));
  if (!isFolder(report)) throw new ScenarioError({ file: folder }, undefined, 'not a coverage-sim report folder: no such folder');

  /**
   * Whether the report folder has a file of that name; a symbolic link is refused (a report
   * folder coverage-sim writes holds none), so that nothing outside the folder is read as one of
   * its files.
   */
  const recorded = (name: string): boolean => {
    try {
      if (lstatSync(join(report, name)).isSymbolicLink()) throw new ScenarioError({ file: shown(name) }, undefined, messages.reportFileIsLink());
      return true;
    } catch (e) {
      if (e instanceof ScenarioError) throw e;
      if ((e as { code?: string }).code === 'ENOENT') return false;
      throw new ScenarioError({ file: shown(name) }, undefined, messages.cannotRead(errorCode(e)));
    }
  };

  // Every file verify may read is checked first, before the work of a projection: a link, a FIFO
  // or a device is refused at once.
  for (const name of readdirSync(report)) {
    if (name !== 'scenario.resolved.yaml' && !name.endsWith('.csv')) continue;
    if (!recorded(name)) continue;
    const stats = lstatSync(join(report, name));
    if (!stats.isFile()) throw new ScenarioError({ file: shown(name) }, undefined, messages.notRegularFile(whatItIs(stats)));
  }

  const resolvedName = 'scenario.resolved.yaml';
  if (!recorded(resolvedName)) throw new ScenarioError({ file: folder }, undefined, 'no scenario.resolved.yaml here: not a coverage-sim report folder');
  const resolvedPath = join(report, resolvedName);
  // Parsed as a scenario file is: a regular file within the limit, bounded work, errors that
  // locate and never quote it, one error for a file that is no scenario.
  const source = readSourceFile(resolvedPath, shown(resolvedName), limits.yamlBytes);
  if (source.data.provenance === undefined) throw new ScenarioError({ file: source.displayPath }, 'provenance', 'the report has no provenance block to verify against');
  const checked = provenanceSchema.safeParse(source.data.provenance);
  if (!checked.success) {
    const path: KeyPath = ['provenance', ...(checked.error.issues[0].path as KeyPath)];
    throw new ScenarioError(placeIn(source, path) ?? { file: source.displayPath }, formatKeyPath(path), messages.notAProvenance(EXPECTED));
  }
  const provenance = checked.data;
  const lines: string[] = [];
  let identical = true;

  if (provenance.version !== TOOL_VERSION) lines.push(`note: the report was made by coverage-sim ${provenance.version}, this is ${TOOL_VERSION}`);
  if (provenance.node !== process.version) lines.push(`note: the report was made on Node ${provenance.node}, this is ${process.version}`);

  // The folders tables may be read from: the project, the report folder, the user's. Never the
  // report's own say: a report naming /etc/passwd as a table would have it read.
  const allowed = [PROJECT_ROOT, report, ...(options.allowPaths ?? []).map((p) => resolve(p))].map((f) => canonical(f) ?? f);
  const tables = provenance.data_files.map((f, i) => ({ ...f, i, absolute: isAbsolute(f.path) ? f.path : resolve(PROJECT_ROOT, f.path) }));
  // Nothing is said of a table outside them, not even whether it exists.
  const outside = tables.filter((t) => {
    const real = canonical(t.absolute);
    return real === undefined || !allowed.some((folder) => isInside(real, folder));
  });
  if (outside.length > 0) {
    const errors = outside.map((t) => {
      const key: KeyPath = ['provenance', 'data_files', t.i, 'path'];
      return new ScenarioError(placeIn(source, key) ?? { file: source.displayPath }, formatKeyPath(key), `${t.path}: ${messages.recordedFileOutside(dirname(t.absolute))}`);
    });
    const [first, ...others] = errors;
    (first as { others?: ScenarioError[] }).others = others;
    throw first;
  }
  for (const table of tables) {
    if (!exists(table.absolute)) {
      lines.push(`missing: ${table.path}`);
      identical = false;
      continue;
    }
    const sha256 = createHash('sha256').update(readInputFile(table.absolute, table.path, 'table', limits.tableBytes)).digest('hex');
    if (sha256 !== table.sha256) {
      lines.push(`changed: ${table.path} (its SHA-256 is no longer the one recorded)`);
      identical = false;
    }
  }
  if (!identical) return { lines: [...lines, 'not verified: the inputs have changed'], identical };

  // The scenario's tables are read, as any scenario's, from the project, its folder (the report
  // folder) and the --allow-path folders only.
  const result = projectScenario(resolvedPath, { allowPaths: options.allowPaths, limits: options.limits });
  const calibration = recorded('calibration.csv') ? calibrationOf(result) : undefined;
  const files = reportFiles(result, calibration);
  for (const [name, content] of files) {
    if (!name.endsWith('.csv')) continue;
    if (!recorded(name)) {
      lines.push(`missing: ${name}`);
      identical = false;
      continue;
    }
    // A new run's file is of a known size: a recorded one is read up to that or the table limit.
    const ours = Buffer.byteLength(content);
    const maxBytes = Math.max(ours, limits.tableBytes);
    const size = sizeOf(join(report, name));
    if (size !== undefined && size > maxBytes) {
      lines.push(`different: ${name}, larger than a new run's (${ours} bytes)`);
      identical = false;
      continue;
    }
    const text = readInputFile(join(report, name), shown(name), 'table', maxBytes);
    if (text === content) {
      lines.push(`identical: ${name}`);
    } else {
      identical = false;
      // Only the new run's line is shown: the recorded one is not ours to print (the file may
      // hold anything, put there by whoever made the folder).
      const a = text.split('\n');
      const b = content.split('\n');
      const at = a.findIndex((line, k) => line !== b[k]);
      const k = at === -1 ? a.length : at;
      lines.push(`different: ${name}, from line ${k + 1}`, `  now: ${b[k] ?? '(end of file)'}`);
    }
  }
  // The workbook holds the same tables: it is made again from them and compared byte for byte.
  if (recorded('report.xlsx')) {
    const ours = await reportWorkbook(result, files);
    const size = sizeOf(join(report, 'report.xlsx'));
    const same = size === ours.length && readFileSync(join(report, 'report.xlsx')).equals(ours);
    lines.push(same ? 'identical: report.xlsx' : 'different: report.xlsx');
    if (!same) identical = false;
  }
  lines.push(identical ? 'verified: the report is reproduced exactly' : 'not verified: the report differs from a new run');
  return { lines, identical };
}

/** The folder named on the command line (it may be a link: the user's own choice). */
function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** The size of a regular file (not a link), or undefined. */
function sizeOf(path: string): number | undefined {
  try {
    const stats = lstatSync(path);
    return stats.isFile() ? stats.size : undefined;
  } catch {
    return undefined;
  }
}

