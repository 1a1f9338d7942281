// Creates the source of a table scan from its connector spec: datagen, or filesystem through the
// injected file access and the table's format.
import type { SourceFactory } from '../connectors/api.js';
import { createDatagenSource } from '../connectors/datagenSource.js';
import { createFilesystemSource } from '../connectors/filesystemSource.js';
import { createCsvDeserializer } from '../formats/csv.js';
import { createJsonDeserializer } from '../formats/json.js';
import { Decimal } from '../types/decimal.js';
import type { CatalogTable } from './catalog.js';
import { fail } from './fail.js';
import { fixedZoneOffset } from '../types/timeZone.js';

/** What a path names, as far as a filesystem source cares. */
export type PathStat =
  | { readonly kind: 'file' | 'directory' }
  /** A device, a FIFO, a socket: nothing a source can scan. */
  | { readonly kind: 'other' }
  /** Nothing there, or it cannot be looked at; `reason` says which (`no such file or directory`). */
  | { readonly kind: 'missing'; readonly reason: string };

/** File access the planner may be given by its host (the runtime has none of its own). */
export interface FileSystemAccess {
  /** What `path` is (symbolic links followed); never throws. */
  stat(path: string): PathStat;
  /** Names of the regular, non-hidden files directly in `dir`. */
  listFiles(dir: string): string[];
  /** The UTF-8 text of a file. */
  readText(path: string): string;
  /** Resolves a table's `path` option against the job file's location. */
  resolve(jobFile: string | undefined, path: string): string;
  /**
   * Why a filesystem sink could not write under directory `path` (it is a file, a parent is a
   * file, it lies on a virtual filesystem such as /proc, or is read-only); undefined when it can.
   * Creates nothing. Optional: without it a sink's path is only tried when the job writes.
   */
  sinkDirectoryProblem?(path: string): string | undefined;
}

/** The source factory of a table used as a source. */
export function createTableSource(table: CatalogTable, ctx: { file?: string; localTimeZone: string; fileSystem?: FileSystemAccess }): SourceFactory {
  const spec = table.spec;
  const physical = table.physical.map((i) => table.columns[i]!);
  switch (spec.connector) {
    case 'datagen': {
      const offset = fixedZoneOffset(ctx.localTimeZone) ?? 0;
      return createDatagenSource(spec, physical.map((c) => ({ name: c.name, type: c.type })), {
        label: table.name,
        decimal: (unscaled, _precision, scale) => Decimal.fromUnscaled(unscaled, scale),
        localClock: (ms) => ms + offset,
      });
    }
    case 'filesystem': {
      const fs = ctx.fileSystem;
      const fields = physical.map((c) => ({ name: c.name, type: c.type }));
      const options = Object.fromEntries(spec.formatOptions);
      const deserializer = spec.format === 'csv' ? createCsvDeserializer(fields, options) : createJsonDeserializer(fields, options);
      if (!fs) {
        // A host that only analyses (the language server) plans without files: the plan is valid,
        // and only running it here would fail.
        const noFiles = (): never => {
          throw new Error(`Table '${table.name}' reads files, but this host gives the runtime no file access`);
        };
        return createFilesystemSource(spec, physical, { listFiles: noFiles, readText: noFiles, deserializer });
      }
      const path = fs.resolve(ctx.file, spec.path);
      // Checked at plan time, so `explain` and the editor report it at the option, not a run later.
      const stat = fs.stat(path);
      const at = table.statement.options.find((o) => o.key === 'path')?.valueRange ?? table.statement.name.range;
      if (stat.kind === 'missing') fail(ctx, at, `Table '${table.name}' reads '${spec.path}', which cannot be read: ${stat.reason} (${path})`, 'invalid-option-value');
      if (stat.kind === 'other') fail(ctx, at, `Table '${table.name}' reads '${spec.path}', which is neither a directory nor a regular file (${path})`, 'invalid-option-value');
      return createFilesystemSource({ ...spec, path }, physical, {
        singleFile: stat.kind === 'file',
        listFiles: (d) => fs.listFiles(d),
        readText: (p) => fs.readText(p),
        deserializer,
      });
    }
    default:
      fail(ctx, table.statement.name.range, `Connector '${spec.connector}' cannot be used as a source: table '${table.name}' can only be written to`);
  }
}
