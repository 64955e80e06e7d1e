/**
 * The data tables of a scenario read from disk, each with its SHA-256 (the provenance of a report).
 */
import { createHash } from 'node:crypto';
import { displayPathOf } from '../scenario/load.js';
import { readCsv } from './csv-file.js';
import type { CsvTable } from './csv.js';
import type { TableSource } from './build.js';

/**
 * Tables already read, by absolute path, with their SHA-256: a scenario projected again with one
 * value changed (the assumption register's ranges) reads its tables once.
 */
export type TableCache = Map<string, { table: CsvTable; sha256: string }>;

export function tableFiles(cache: TableCache = new Map()): TableSource {
  return {
    read(file, needed, optional, where, maxBytes) {
      let read = cache.get(file);
      if (!read) {
        const table = readCsv(file, displayPathOf(file), needed, optional, { where, maxBytes });
        read = { table, sha256: createHash('sha256').update(table.text).digest('hex') };
        cache.set(file, read);
      }
      return read;
    },
  };
}
