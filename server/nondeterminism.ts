// Warnings for non-deterministic functions (NOW(), RAND(), UUID(), PROCTIME(), ...) where their
// value reaches a job's results, so replaying rows after a failure changes what is written.
// Imports the runtime API, astWalk and semanticModel.
import { lookupFunction, type Diagnostic, type Expression, type FunctionCall, type Statement } from '../runtime/index.js';
import { queryExpressions, statementQueries, walkExpression, type QueryClause } from './astWalk.js';
import type { SemanticModel } from './semanticModel.js';

const CLOCK = new Set(['NOW', 'CURRENT_TIMESTAMP', 'LOCALTIMESTAMP', 'CURRENT_DATE', 'CURRENT_TIME', 'LOCALTIME', 'UNIX_TIMESTAMP', 'PROCTIME', 'CURRENT_ROW_TIMESTAMP']);

/** Whether a call gives different results for the same arguments (the runtime's function catalogue decides). */
export function isNonDeterministicCall(call: FunctionCall): boolean {
  const def = lookupFunction(call.name);
  if (!def) return false;
  return def.isDeterministicCall ? !def.isDeterministicCall(call.args.length) : !def.deterministic;
}

const WHERE_IT_MATTERS: Record<QueryClause | 'computed', string> = {
  select: 'the value written for a replayed row differs from the one written before the failure',
  where: 'a replayed row can be filtered differently than before the failure',
  groupBy: 'a replayed row can land in a different group (and key group) than before the failure',
  having: 'a replayed group can be filtered differently than before the failure',
  computed: 'every query reading this column writes a different value for a replayed row',
};

/** One warning per non-deterministic call whose value reaches a job's results. */
export function nonDeterminismWarnings(statements: readonly Statement[], model: SemanticModel): Diagnostic[] {
  const out: Diagnostic[] = [];
  const warn = (call: FunctionCall, clause: QueryClause | 'computed'): void => {
    const shown = call.niladic ? call.name : `${call.name}()`;
    const what = CLOCK.has(call.name) ? 'reads the clock when each row is processed' : 'returns a new value on every call';
    out.push({
      severity: 'warning',
      code: 'non-deterministic',
      message:
        `${shown} is not deterministic: it ${what}. After a failure Flink replays the rows since the last checkpoint, ` +
        `and ${WHERE_IT_MATTERS[clause]}, so the results are not exactly-once.`,
      range: call.range,
    });
  };
  const scan = (e: Expression, clause: QueryClause | 'computed'): void => {
    walkExpression(e, (x) => {
      if (x.kind === 'call' && isNonDeterministicCall(x)) warn(x, clause);
    });
  };
  const referenced = new Set(model.references.filter((r) => r.kind === 'column').map((r) => `${r.table}\u0000${(r as { column: string }).column}`));
  for (const s of statements) {
    if (s.kind === 'createTable') {
      for (const c of s.columns) {
        // A computed column only matters once a query reads it.
        if (c.kind === 'computed' && referenced.has(`${s.name.text}\u0000${c.name}`)) scan(c.expression, 'computed');
      }
      continue;
    }
    for (const q of statementQueries(s)) queryExpressions(q, scan);
  }
  return out;
}
