// Flink's result types of DECIMAL arithmetic (LogicalTypeMerging.find*DecimalType with the
// SQL Server-style adjustment past precision 38) and the DECIMAL view of integer types.
// Imports only types/.
import type { LogicalType } from './logicalType.js';

/** DECIMAL's maximum precision. */
export const MAX_DECIMAL_PRECISION = 38;
/** Fractional digits kept at least when a result type exceeds precision 38. */
const MINIMUM_ADJUSTED_SCALE = 6;

/** A DECIMAL precision and scale. */
export interface DecimalShape {
  readonly precision: number;
  readonly scale: number;
}

/** `adjustPrecisionScale`: caps precision at 38, keeping the integer digits and >= min(scale, 6) fractional digits. */
function adjust(precision: number, scale: number): DecimalShape {
  if (precision <= MAX_DECIMAL_PRECISION) return { precision, scale };
  const digitPart = precision - scale;
  const minScalePart = Math.min(scale, MINIMUM_ADJUSTED_SCALE);
  const adjustScale = Math.max(MAX_DECIMAL_PRECISION - digitPart, minScalePart);
  return { precision: MAX_DECIMAL_PRECISION, scale: adjustScale };
}

/** `+` and `-`: scale max(s1, s2), precision max(p1 - s1, p2 - s2) + scale + 1. */
export function findAdditionDecimalType(a: DecimalShape, b: DecimalShape): DecimalShape {
  const scale = Math.max(a.scale, b.scale);
  return adjust(Math.max(a.precision - a.scale, b.precision - b.scale) + scale + 1, scale);
}

/** `*`: scale s1 + s2, precision p1 + p2 + 1. */
export function findMultiplicationDecimalType(a: DecimalShape, b: DecimalShape): DecimalShape {
  return adjust(a.precision + b.precision + 1, a.scale + b.scale);
}

/** `/`: scale max(6, s1 + p2 + 1), precision p1 - s1 + s2 + scale. */
export function findDivisionDecimalType(a: DecimalShape, b: DecimalShape): DecimalShape {
  const scale = Math.max(6, a.scale + b.precision + 1);
  return adjust(a.precision - a.scale + b.scale + scale, scale);
}

/** `%`: scale max(s1, s2), precision min(p1 - s1, p2 - s2) + scale. */
export function findModuloDecimalType(a: DecimalShape, b: DecimalShape): DecimalShape {
  const scale = Math.max(a.scale, b.scale);
  return adjust(Math.min(a.precision - a.scale, b.precision - b.scale) + scale, scale);
}

/**
 * The DECIMAL shape of an exact numeric type: DECIMAL(p, s) itself, TINYINT (3, 0),
 * SMALLINT (5, 0), INT (10, 0), BIGINT (19, 0); undefined for other types.
 */
export function decimalShapeOf(t: LogicalType): DecimalShape | undefined {
  switch (t.root) {
    case 'DECIMAL':
      return { precision: t.precision ?? 10, scale: t.scale ?? 0 };
    case 'TINYINT':
      return { precision: 3, scale: 0 };
    case 'SMALLINT':
      return { precision: 5, scale: 0 };
    case 'INTEGER':
      return { precision: 10, scale: 0 };
    case 'BIGINT':
      return { precision: 19, scale: 0 };
    default:
      return undefined;
  }
}
