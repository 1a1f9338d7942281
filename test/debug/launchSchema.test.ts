// package.json's launch.json schema is the launch-argument table of protocol/debugAdapter.ts, whose
// type is tied to CheckpointLabLaunchArguments: a new argument cannot be forgotten in either.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { DEBUG_TYPE, LAUNCH_ATTRIBUTES, REQUIRED_LAUNCH_ATTRIBUTES } from '../../protocol/index.js';

const pkg = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'package.json'), 'utf8'));

test('package.json contributes the checkpoint-lab debugger with the launch attribute table as its schema', () => {
  const debuggers = pkg.contributes.debuggers as { type: string; program: string; configurationAttributes: { launch: { required: string[]; properties: unknown } } }[];
  const d = debuggers.find((x) => x.type === DEBUG_TYPE);
  assert.ok(d, 'no debugger of type checkpoint-lab');
  assert.equal(d.program, './dist/debugAdapter.js');
  assert.deepEqual(d.configurationAttributes.launch.properties, JSON.parse(JSON.stringify(LAUNCH_ATTRIBUTES)));
  assert.deepEqual(d.configurationAttributes.launch.required, REQUIRED_LAUNCH_ATTRIBUTES);
  assert.deepEqual(pkg.contributes.breakpoints, [{ language: 'flinksql' }]);
});

test('union-typed attributes offer every member type in anyOf', () => {
  assert.deepEqual(LAUNCH_ATTRIBUTES.faults.anyOf.map((s) => s.type), ['string', 'array']);
  assert.deepEqual(LAUNCH_ATTRIBUTES.speed.anyOf.map((s) => s.type), ['string', 'number']);
});

test('the initial configuration uses only declared attributes', () => {
  const d = pkg.contributes.debuggers[0];
  for (const c of d.initialConfigurations) {
    for (const k of Object.keys(c)) if (!['type', 'request', 'name'].includes(k)) assert.ok(k in LAUNCH_ATTRIBUTES, k);
  }
});
