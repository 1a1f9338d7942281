// Shape checks of request params, run by handlerGuard before a handler: a client that sends a
// wrongly typed field gets InvalidParams naming it, not a TypeError deep in a feature. Imports nothing.

/** Checks `params`; returns what is wrong (e.g. "position.line must be a non-negative integer") or undefined. */
export type ParamCheck = (params: unknown) => string | undefined;

type Field = (value: unknown, path: string) => string | undefined;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function object(fields: Record<string, Field>, optional: readonly string[] = []): Field {
  return (value, path) => {
    if (!isObject(value)) return `${path || 'params'} must be an object`;
    for (const [name, check] of Object.entries(fields)) {
      const sub = path ? `${path}.${name}` : name;
      if (value[name] === undefined) {
        if (optional.includes(name)) continue;
        return `${sub} is missing`;
      }
      const problem = check(value[name], sub);
      if (problem) return problem;
    }
    return undefined;
  };
}

const string: Field = (v, path) => (typeof v === 'string' ? undefined : `${path} must be a string`);
const boolean: Field = (v, path) => (typeof v === 'boolean' ? undefined : `${path} must be a boolean`);
const uinteger: Field = (v, path) => (Number.isSafeInteger(v) && (v as number) >= 0 ? undefined : `${path} must be a non-negative integer`);
const keyValue = (v: unknown): boolean => v === null || typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v));
const keys: Field = (v, path) => {
  if (!Array.isArray(v)) return `${path} must be an array`;
  const bad = v.findIndex((k) => !(keyValue(k) || (Array.isArray(k) && k.every(keyValue))));
  return bad < 0 ? undefined : `${path}[${bad}] must be a string, a number, null or an array of them`;
};

const textDocument = object({ uri: string });
const position = object({ line: uinteger, character: uinteger });

function check(field: Field): ParamCheck {
  return (params) => field(params, '');
}

/** `{ textDocument }`: code lenses, document symbols, formatting. */
export const textDocumentParams = check(object({ textDocument }));
/** `{ textDocument, position }`: completion, hover, definition, prepare rename. */
export const positionParams = check(object({ textDocument, position }));
/** Find references. */
export const referenceParams = check(object({ textDocument, position, context: object({ includeDeclaration: boolean }) }));
/** Rename. */
export const renameParams = check(object({ textDocument, position, newName: string }));
/** `checkpointLab/jobGraph`. */
export const jobFileParams = check(object({ uri: string }));
/** `checkpointLab/keyPlacement`. */
export const keyPlacementParams = check(object({ uri: string, vertexId: uinteger, keys }, ['vertexId', 'keys']));
