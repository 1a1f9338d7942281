// Builds INTERVAL literals: one quoted value and one unit or a unit range, as Flink accepts them.
// Imports the grammar's context types and the build context only.

import type { TimeIntervalExpressionContext, TimeIntervalUnitContext, UnitToUnitIntervalContext, IntervalValueContext } from 'dt-sql-parser/dist/lib/flink/FlinkSqlParser.js';
import type { IntervalLiteral, IntervalUnit } from './ast.js';
import { unquoteString, type BuildContext } from './buildContext.js';

/** The units an interval literal may use, as Flink lists them in messages. */
export const INTERVAL_UNITS: readonly IntervalUnit[] = ['SECOND', 'MINUTE', 'HOUR', 'DAY', 'MONTH', 'YEAR'];

/** The valid `from TO to` ranges. */
const RANGES = new Set(['YEAR TO MONTH', 'DAY TO HOUR', 'DAY TO MINUTE', 'DAY TO SECOND', 'HOUR TO MINUTE', 'HOUR TO SECOND', 'MINUTE TO SECOND']);

/** Builds an interval literal, or records a diagnostic and returns undefined. */
export function buildInterval(b: BuildContext, ctx: TimeIntervalExpressionContext): IntervalLiteral | undefined {
  const range = b.range(ctx);
  const multi = ctx.errorCapturingMultiUnitsInterval();
  const unitToUnit = ctx.errorCapturingUnitToUnitInterval();
  let valueCtx: IntervalValueContext;
  let fromCtx: TimeIntervalUnitContext;
  let toCtx: TimeIntervalUnitContext | undefined;
  if (multi) {
    const m = multi.multiUnitsInterval();
    if (m.intervalValue().length !== 1 || multi.unitToUnitInterval()) {
      b.syntax(`An INTERVAL literal has one quoted value and one unit, e.g. INTERVAL '5' SECOND or INTERVAL '1:30' MINUTE TO SECOND`, ctx);
      return undefined;
    }
    valueCtx = m.intervalValue(0)!;
    fromCtx = m.timeIntervalUnit(0)!;
  } else if (unitToUnit) {
    const body: UnitToUnitIntervalContext = unitToUnit._body!;
    if (unitToUnit._error1 || unitToUnit._error2) {
      b.syntax(`An INTERVAL literal has one quoted value and one unit range, e.g. INTERVAL '1:30' MINUTE TO SECOND`, ctx);
      return undefined;
    }
    valueCtx = body._value!;
    fromCtx = body._from_!;
    toCtx = body._to!;
  } else {
    b.syntax(`INTERVAL needs a quoted value and a unit, e.g. INTERVAL '5' SECOND`, ctx);
    return undefined;
  }
  const valueToken = valueCtx.STRING_LITERAL();
  if (!valueToken || !valueToken.getText().startsWith("'")) {
    b.syntax(`The value of an INTERVAL must be a quoted string: INTERVAL '${b.text(valueCtx).replace(/^'|'$/g, '')}' ${b.text(fromCtx).toUpperCase()}`, valueCtx);
    return undefined;
  }
  const from = unit(b, fromCtx);
  const to = toCtx ? unit(b, toCtx) : undefined;
  if (!from || (toCtx && !to)) return undefined;
  if (to && !RANGES.has(`${from} TO ${to}`)) {
    b.syntax(`'${from} TO ${to}' is not a valid interval range; use one of ${[...RANGES].join(', ')}`, b.rangeBetween(fromCtx, toCtx!));
    return undefined;
  }
  const literal: IntervalLiteral = { kind: 'interval', value: unquoteString(valueToken.getText()), valueRange: b.range(valueToken), from, range };
  if (to) literal.to = to;
  return literal;
}

function unit(b: BuildContext, ctx: TimeIntervalUnitContext): IntervalUnit | undefined {
  const text = b.text(ctx).toUpperCase();
  if ((INTERVAL_UNITS as readonly string[]).includes(text)) return text as IntervalUnit;
  const singular = text.endsWith('S') ? text.slice(0, -1) : text;
  // Flink's parser takes the plurals (SECONDS, MINUTES, ...) as the units themselves.
  if ((INTERVAL_UNITS as readonly string[]).includes(singular)) return singular as IntervalUnit;
  b.unsupported(`The interval unit ${text}`, ctx);
  return undefined;
}
