// The WITH options of one table while it is validated: lookup, typed parsing with Flink's
// messages, and FactoryUtil's "unsupported options" check. Imports config/ and diagnostics only.
import type { Diagnostic, SourceRange } from '../diagnostics.js';
import type { ConfigKey } from '../config/configKeys.js';
import { parseConfigValue, type ConfigValue } from '../config/configValue.js';
import { didYouMeanSuffix } from '../config/didYouMean.js';
import type { LogicalType } from '../types/logicalType.js';

/** One column of the table being validated. */
export interface TableColumn {
  name: string;
  type: LogicalType;
  /** Computed columns (`c AS expr`) are the planner's; connectors see physical columns only. */
  computed: boolean;
}

/** One `'key' = 'value'` entry of a WITH clause, with the ranges of its two literals. */
export interface TableOption {
  key: string;
  value: string;
  keyRange?: SourceRange;
  valueRange?: SourceRange;
}

/** A CREATE TABLE as the connector layer sees it. */
export interface TableDefinition {
  name: string;
  columns: TableColumn[];
  options: TableOption[];
  /** The range of the table name, where table-level problems (a missing option) are reported. */
  nameRange?: SourceRange;
}

/** The options of one table under validation, with the set of keys consumed so far. */
export class TableOptions {
  readonly diagnostics: Diagnostic[] = [];
  private readonly byKey = new Map<string, TableOption>();
  private readonly consumed = new Set<string>();

  constructor(
    readonly table: TableDefinition,
    private readonly file: string | undefined,
  ) {
    for (const opt of table.options) this.byKey.set(opt.key, opt); // a later duplicate wins
  }

  /** Whether any error has been reported. */
  get hasErrors(): boolean {
    return this.diagnostics.some((d) => d.severity === 'error');
  }

  /** Every option key present. */
  keys(): IterableIterator<string> {
    return this.byKey.keys();
  }

  /** The option with this exact key (keys are case-sensitive), marking it consumed. */
  take(key: string): TableOption | undefined {
    const opt = this.byKey.get(key);
    if (opt) this.consumed.add(key);
    return opt;
  }

  /** Marks a key consumed without reading it. */
  consume(key: string): void {
    this.consumed.add(key);
  }

  /** Parses an option by its catalogue entry under `key`; reports and returns undefined when invalid or absent. */
  parse(entry: ConfigKey, key: string = entry.key): ConfigValue | undefined {
    const opt = this.take(key);
    if (!opt) return undefined;
    const p = parseConfigValue(entry, opt.value);
    if (!p.ok) {
      this.error('invalid-option-value', `Could not parse value '${opt.value}' for key '${key}'. ${p.reason}`, opt.valueRange ?? opt.keyRange);
      return undefined;
    }
    return p.value;
  }

  /** Reports a problem; `range` defaults to the table name. */
  report(severity: Diagnostic['severity'], code: string, message: string, range?: SourceRange): void {
    const d: Diagnostic = { severity, code, message };
    const r = range ?? this.table.nameRange;
    if (r) d.range = r;
    if (this.file !== undefined) d.file = this.file;
    this.diagnostics.push(d);
  }

  /** Reports an error (see `report`). */
  error(code: string, message: string, range?: SourceRange): void {
    this.report('error', code, message, range);
  }

  /** The range of an option's key, if the option is present. */
  keyRange(key: string): SourceRange | undefined {
    return this.byKey.get(key)?.keyRange;
  }

  /** The range of an option's value (or key), if the option is present. */
  valueRange(key: string): SourceRange | undefined {
    const o = this.byKey.get(key);
    return o ? (o.valueRange ?? o.keyRange) : undefined;
  }

  /**
   * FactoryUtil.validateUnconsumedKeys: every option no one consumed is unsupported.
   * @param supported the keys offered as suggestions
   * @param hint extra text per unsupported key (e.g. why it does not apply), if any
   */
  reportUnconsumed(connector: string, supported: readonly string[], hint?: (key: string) => string | undefined): void {
    for (const [key, opt] of this.byKey) {
      if (this.consumed.has(key)) continue;
      const extra = hint?.(key);
      const tail = extra !== undefined ? ` ${extra}` : didYouMeanSuffix(key, supported.filter((s) => s !== key));
      this.error(
        'unsupported-option',
        `Unsupported options found for '${connector}'. Unsupported options: ${key}.${tail}`,
        opt.keyRange,
      );
    }
  }
}

/** A type as Flink prints it in messages: `INT`, `VARCHAR(10)`, `STRING`, `DECIMAL(10, 2)`, `TIMESTAMP(3)`. */
export function typeDisplayName(t: LogicalType): string {
  switch (t.root) {
    case 'INTEGER':
      return 'INT';
    case 'VARCHAR':
      return t.length === undefined || t.length === 2147483647 ? 'STRING' : `VARCHAR(${t.length})`;
    case 'CHAR':
      return `CHAR(${t.length ?? 1})`;
    case 'DECIMAL':
      return `DECIMAL(${t.precision ?? 10}, ${t.scale ?? 0})`;
    case 'TIME_WITHOUT_TIME_ZONE':
      return `TIME(${t.precision ?? 0})`;
    case 'TIMESTAMP_WITHOUT_TIME_ZONE':
      return `TIMESTAMP(${t.precision ?? 6})`;
    case 'TIMESTAMP_WITH_LOCAL_TIME_ZONE':
      return `TIMESTAMP_LTZ(${t.precision ?? 6})`;
    case 'INTERVAL_DAY_TIME':
      return 'INTERVAL DAY TO SECOND';
    case 'INTERVAL_YEAR_MONTH':
      return 'INTERVAL YEAR TO MONTH';
    default:
      return t.root;
  }
}
