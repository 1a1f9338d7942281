// Parsing fault scenario files: the issue's example, and every kind of mistake at its line:column.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Diagnostic } from '../../../runtime/diagnostics.js';
import type { FaultTargets } from '../../../runtime/faults/faultTargets.js';
import { parseFaultScenario } from '../../../runtime/faults/parseFaultScenario.js';
import { TARGETS, textAt, where, withoutRanges } from './helpers.js';

const ISSUE_EXAMPLE = `seed: 7                            # optional
faults:
  - name: kill one aggregate       # optional label
    action: fail-task              # see the list below
    target: GroupAggregate[1]      # vertex name as \`explain\` shows it, optional [0-based subtask]
    when: { afterRecords: 5000 }   # records processed by the target
  - action: kill-taskmanager
    target: tm-1
    when: { checkpoint: 3, phase: acknowledged }
  - action: decline-checkpoint
    target: Sink: counts[0]
    when: { checkpoint: 2, phase: triggered }
`;

test("parses the issue's example scenario, including the unquoted 'Sink: counts[0]' target", () => {
  const { scenario, diagnostics } = parseFaultScenario(ISSUE_EXAMPLE, 'faults.yaml', TARGETS);
  assert.deepEqual(diagnostics, []);
  assert.ok(scenario);
  assert.deepEqual(withoutRanges(scenario), {
    seed: 7,
    faults: [
      {
        name: 'kill one aggregate',
        action: 'fail-task',
        target: { kind: 'vertex', vertexId: 1, vertexName: 'GroupAggregate -> Sink: counts', subtask: 1 },
        trigger: { kind: 'afterRecords', records: 5000 },
      },
      {
        action: 'kill-taskmanager',
        target: { kind: 'taskmanager', taskManagerId: 'tm-1' },
        trigger: { kind: 'checkpoint', checkpointId: 3, phase: 'acknowledged' },
      },
      {
        action: 'decline-checkpoint',
        target: { kind: 'vertex', vertexId: 1, vertexName: 'GroupAggregate -> Sink: counts', subtask: 0 },
        trigger: { kind: 'checkpoint', checkpointId: 2, phase: 'triggered' },
      },
    ],
  });
  assert.deepEqual(
    scenario.faults.map((f) => f.range!.start),
    [
      { line: 3, column: 5 },
      { line: 7, column: 5 },
      { line: 10, column: 5 },
    ],
  );
});

test('accepts whole vertex names, single operator names, quoted names and every action with its fields', () => {
  const text = `faults:
  - action: slow-task
    target: GroupAggregate -> Sink: counts
    factor: 4
    when: { atTime: 2.5s }
  - action: crash-sink-commit
    target: "Sink: counts"
    when: { checkpoint: 4, phase: committed }
  - action: fail-during-recovery
    recoveryPhase: state-assigned
    when: { restart: 1 }
  - action: corrupt-checkpoint
    when: { checkpoint: 2, phase: completed }
  - action: fail-task
    target: GroupAggregate
    when:
      onKey: [alice, 42]
  - action: expire-checkpoint
    target: Source: clicks[1]   # held acks
    when: { checkpoint: 1, phase: aligned }
  - action: fail-checkpoint-storage
    when: { atTime: 1 min }
`;
  const { scenario, diagnostics } = parseFaultScenario(text, 'f.yaml', TARGETS);
  assert.deepEqual(diagnostics, []);
  assert.deepEqual(
    withoutRanges(scenario!).faults.map((f) => [f.action, f.target && ('vertexId' in f.target ? `${f.target.vertexId}[${f.target.subtask ?? '*'}]` : f.target.taskManagerId), f.trigger, f.factor ?? f.recoveryPhase]),
    [
      ['slow-task', '1[*]', { kind: 'atTime', atMs: 2500 }, 4],
      ['crash-sink-commit', '1[*]', { kind: 'checkpoint', checkpointId: 4, phase: 'committed' }, undefined],
      ['fail-during-recovery', undefined, { kind: 'restart', restart: 1 }, 'state-assigned'],
      ['corrupt-checkpoint', undefined, { kind: 'checkpoint', checkpointId: 2, phase: 'completed' }, undefined],
      ['fail-task', '1[*]', { kind: 'onKey', key: ['alice', 42] }, undefined],
      ['expire-checkpoint', '0[1]', { kind: 'checkpoint', checkpointId: 1, phase: 'aligned' }, undefined],
      ['fail-checkpoint-storage', undefined, { kind: 'atTime', atMs: 60_000 }, undefined],
    ],
  );
});

/** Parses a scenario that must fail, returning its error diagnostics. */
function errorsOf(text: string, targets: FaultTargets = TARGETS): Diagnostic[] {
  const r = parseFaultScenario(text, 'bad.yaml', targets);
  assert.equal(r.scenario, undefined, 'a scenario with errors yields no scenario');
  const errors = r.diagnostics.filter((d) => d.severity === 'error');
  assert.ok(errors.length > 0);
  for (const d of errors) assert.equal(d.file, 'bad.yaml');
  return errors;
}

/** The single error of `text`, checked for code, place and the token it points at. */
function oneError(text: string, code: string, at: string, token: string, message: RegExp, targets?: FaultTargets): Diagnostic {
  const errors = errorsOf(text, targets);
  assert.equal(errors.length, 1, errors.map((d) => `${where(d)} ${d.message}`).join('\n'));
  const d = errors[0]!;
  assert.equal(d.code, code);
  assert.equal(where(d), at);
  assert.ok(textAt(text, d).startsWith(token), `points at '${textAt(text, d)}', expected '${token}'`);
  assert.match(d.message, message);
  return d;
}

test('unknown action, with did-you-mean', () => {
  oneError(
    `faults:\n  - action: fail-taks\n    target: GroupAggregate\n    when: { afterRecords: 10 }\n`,
    'unknown-fault-action',
    '2:13',
    'fail-taks',
    /Unknown fault action 'fail-taks'\. Did you mean 'fail-task'\? Valid: fail-task, kill-taskmanager/,
  );
});

test('unknown target, listing the valid ones', () => {
  oneError(
    `faults:\n  - action: fail-task\n    target: GroupAgregate[1]\n    when: { afterRecords: 10 }\n`,
    'unknown-fault-target',
    '3:13',
    'GroupAgregate[1]',
    /Unknown target 'GroupAgregate'\. Did you mean 'GroupAggregate'\? Valid targets: 'Source: clicks', 'GroupAggregate -> Sink: counts' \(or one of its operators: 'GroupAggregate', 'Sink: counts'\)/,
  );
  oneError(
    `faults:\n  - action: kill-taskmanager\n    target: tm-5\n    when: { atTime: 1s }\n`,
    'unknown-fault-target',
    '3:13',
    'tm-5',
    /TaskManager 'tm-5' does not exist: this job runs on 2 TaskManager\(s\): tm-0, tm-1/,
  );
});

test('target of the wrong kind for the action', () => {
  oneError(
    `faults:\n  - action: kill-taskmanager\n    target: GroupAggregate\n    when: { atTime: 1s }\n`,
    'fault-target-kind',
    '3:13',
    'GroupAggregate',
    /'kill-taskmanager' targets a TaskManager \(tm-0, tm-1\), not a vertex/,
  );
  oneError(
    `faults:\n  - action: fail-task\n    target: tm-1\n    when: { atTime: 1s }\n`,
    'fault-target-kind',
    '3:13',
    'tm-1',
    /use 'kill-taskmanager'/,
  );
  oneError(
    `faults:\n  - action: crash-sink-commit\n    target: Source: clicks\n    when: { checkpoint: 1, phase: committed }\n`,
    'fault-target-kind',
    '3:13',
    'Source: clicks',
    /needs a vertex with a sink, and 'Source: clicks' has none\. Sink vertices: 'GroupAggregate -> Sink: counts'/,
  );
  oneError(
    `faults:\n  - action: fail-task\n    when: { atTime: 1s }\n`,
    'missing-key',
    '2:5',
    'action: fail-task',
    /'fail-task' needs a 'target': a vertex/,
  );
});

test('subtask index out of range points at the [index]', () => {
  oneError(
    `faults:\n  - action: decline-checkpoint\n    target: Sink: counts[2]\n    when: { checkpoint: 2, phase: triggered }\n`,
    'subtask-out-of-range',
    '3:25',
    '[2]',
    /Subtask index 2 is out of range: 'GroupAggregate -> Sink: counts' has parallelism 2, so valid indexes are 0\.\.1 \(0-based\)/,
  );
  oneError(
    `faults:\n  - action: fail-task\n    target: 'GroupAggregate[-1]'\n    when: { atTime: 1s }\n`,
    'subtask-out-of-range',
    '3:28',
    '[-1]',
    /Subtask index '-1' is not a 0-based integer/,
  );
});

test('ambiguous operator names ask for the whole vertex name', () => {
  const targets: FaultTargets = {
    vertices: [
      { id: 0, name: 'Source: a -> Calc', operatorNames: ['Source: a', 'Calc'], parallelism: 1 },
      { id: 1, name: 'Calc -> Sink: b', operatorNames: ['Calc', 'Sink: b'], parallelism: 1 },
    ],
    taskManagers: ['tm-0'],
  };
  oneError(
    `faults:\n  - action: fail-task\n    target: Calc[0]\n    when: { atTime: 1s }\n`,
    'ambiguous-fault-target',
    '3:13',
    'Calc[0]',
    /'Calc' is ambiguous: it is an operator of 2 vertices \('Source: a -> Calc', 'Calc -> Sink: b'\)/,
    targets,
  );
});

test('missing, unknown and badly combined triggers', () => {
  oneError(
    `faults:\n  - action: fail-task\n    target: GroupAggregate\n`,
    'missing-fault-trigger',
    '2:5',
    'action',
    /no trigger: add 'when:'/,
  );
  oneError(
    `faults:\n  - action: fail-task\n    target: GroupAggregate\n    when: { afterRecord: 5 }\n`,
    'unknown-key',
    '4:13',
    'afterRecord',
    /Unknown key 'afterRecord' in 'when'\. Did you mean 'afterRecords'\?/,
  );
  oneError(
    `faults:\n  - action: decline-checkpoint\n    target: GroupAggregate\n    when: { afterRecords: 5 }\n`,
    'invalid-fault-trigger',
    '4:13',
    'afterRecords',
    /'decline-checkpoint' cannot be triggered by 'afterRecords': use 'checkpoint'/,
  );
  oneError(
    `faults:\n  - action: fail-task\n    target: GroupAggregate\n    when: { afterRecords: 5, atTime: 1s }\n`,
    'invalid-fault-trigger',
    '4:30',
    'atTime',
    /exactly one trigger, but 'when' has 'afterRecords' or 'atTime'/,
  );
  oneError(
    `faults:\n  - action: fail-task\n    target: GroupAggregate\n    when: { checkpoint: 2 }\n`,
    'invalid-fault-trigger',
    '4:13',
    'checkpoint',
    /'checkpoint' needs a 'phase': one of triggered, aligned, acknowledged, completed, committed/,
  );
  oneError(
    `faults:\n  - action: fail-task\n    target: GroupAggregate\n    when: { checkpoint: 2, phase: aligend }\n`,
    'invalid-fault-trigger',
    '4:35',
    'aligend',
    /Unknown checkpoint phase 'aligend'\. Did you mean 'aligned'\?/,
  );
  oneError(
    `faults:\n  - action: corrupt-checkpoint\n    when: { checkpoint: 2, phase: triggered }\n`,
    'invalid-fault-trigger',
    '3:35',
    'triggered',
    /'corrupt-checkpoint' cannot happen at checkpoint phase 'triggered': use 'completed' or 'committed'/,
  );
  oneError(
    `faults:\n  - action: fail-checkpoint-storage\n    target: GroupAggregate\n    when: { checkpoint: 2, phase: completed }\n`,
    'invalid-fault-trigger',
    '4:35',
    'completed',
    /'fail-checkpoint-storage' with a target cannot happen at checkpoint phase 'completed': use 'triggered' or 'aligned', or remove the target/,
  );
  oneError(
    `faults:\n  - action: fail-task\n    target: Source: clicks\n    when: { onKey: alice }\n`,
    'invalid-fault-trigger',
    '4:13',
    'onKey',
    /'onKey' needs a keyed vertex, but 'Source: clicks' has no key/,
  );
  oneError(
    `faults:\n  - action: fail-task\n    target: GroupAggregate\n    when: 5000\n`,
    'invalid-fault-trigger',
    '4:11',
    '5000',
    /'when' must be a mapping such as \{ afterRecords: 5000 \}, got 5000/,
  );
});

test('invalid and negative durations', () => {
  oneError(
    `faults:\n  - action: fail-task\n    target: GroupAggregate\n    when: { atTime: 2.5 sex }\n`,
    'invalid-duration',
    '4:21',
    '2.5 sex',
    /Invalid duration '2\.5 sex' for 'atTime': Time interval unit label 'sex' does not match any of the recognized units/,
  );
  oneError(
    `faults:\n  - action: fail-task\n    target: GroupAggregate\n    when: { atTime: -3s }\n`,
    'negative-value',
    '4:21',
    '-3s',
    /must not be negative/,
  );
});

test('negative numbers and wrong types', () => {
  oneError(
    `faults:\n  - action: fail-task\n    target: GroupAggregate[0]\n    when:\n      afterRecords: -5\n`,
    'negative-value',
    '5:21',
    '-5',
    /'afterRecords' must not be negative, got -5\./,
  );
  oneError(
    `faults:\n  - action: fail-task\n    target: GroupAggregate\n    when: { checkpoint: three, phase: completed }\n`,
    'invalid-value',
    '4:25',
    'three',
    /'checkpoint' must be a whole number, got 'three'\./,
  );
  oneError(
    `faults:\n  - action: fail-task\n    target: GroupAggregate\n    when: { checkpoint: 0, phase: completed }\n`,
    'invalid-value',
    '4:25',
    '0',
    /'checkpoint' must be at least 1 \(checkpoint ids start at 1\), got 0\./,
  );
  oneError(`seed: 1.5\nfaults: []\n`, 'invalid-value', '1:7', '1.5', /'seed' must be a whole number, got 1\.5\./);
  oneError(`faults:\n  action: fail-task\n`, 'invalid-value', '2:3', 'action', /'faults' must be a list/);
  oneError(
    `faults:\n  - action: slow-task\n    target: GroupAggregate\n    factor: fast\n    when: { atTime: 1s }\n`,
    'invalid-value',
    '4:13',
    'fast',
    /'factor' must be a number greater than 1/,
  );
  oneError(
    `faults:\n  - action: fail-task\n    target: [GroupAggregate]\n    when: { atTime: 1s }\n`,
    'invalid-value',
    '3:13',
    '[GroupAggregate]',
    /'target' must be a vertex name or a TaskManager id, got a list/,
  );
  oneError(`- action: fail-task\n`, 'invalid-value', '1:1', '- action', /A fault scenario is a mapping with 'faults:'/);
});

test('unknown keys, misplaced and missing action fields', () => {
  const errors = errorsOf(`faultz:\n  - action: fail-task\n`);
  assert.deepEqual(
    errors.map((d) => [d.code, where(d)]),
    [
      ['unknown-key', '1:1'],
      ['missing-key', '1:1'],
    ],
  );
  assert.match(errors[0]!.message, /Unknown key 'faultz' in the scenario\. Did you mean 'faults'\? Valid keys: seed, faults\./);
  oneError(
    `faults:\n  - action: fail-task\n    tagret: GroupAggregate\n    target: GroupAggregate\n    when: { atTime: 1s }\n`,
    'unknown-key',
    '3:5',
    'tagret',
    /Unknown key 'tagret' in a fault\. Did you mean 'target'\?/,
  );
  oneError(
    `faults:\n  - action: fail-task\n    target: GroupAggregate\n    factor: 3\n    when: { atTime: 1s }\n`,
    'unknown-key',
    '4:5',
    'factor',
    /'factor' applies only to 'slow-task', not to 'fail-task'\./,
  );
  oneError(
    `faults:\n  - action: slow-task\n    target: GroupAggregate\n    when: { atTime: 1s }\n`,
    'missing-key',
    '2:5',
    'action',
    /'slow-task' needs factor: 4/,
  );
  oneError(
    `faults:\n  - action: fail-during-recovery\n    recoveryPhase: sources-rewind\n    when: { restart: 1 }\n`,
    'unknown-value',
    '3:20',
    'sources-rewind',
    /Unknown recovery phase 'sources-rewind'\. Did you mean 'sources-rewound'\?/,
  );
});

test('YAML syntax errors are mapped to line and column', () => {
  const errors = errorsOf(`faults:\n  - action: fail-task\n    target: GroupAggregate\n    when: { afterRecords: 5\n`);
  assert.equal(errors[0]!.code, 'yaml-syntax');
  // The unclosed flow mapping is noticed where the file ends.
  assert.deepEqual(errors[0]!.range!.start, { line: 5, column: 1 });
  assert.match(errors[0]!.message, /^Invalid YAML: /);
  const dup = errorsOf(`faults: []\nfaults: []\n`);
  assert.deepEqual([dup[0]!.code, where(dup[0]!)], ['yaml-syntax', '2:1']);
  assert.match(dup[0]!.message, /appears twice/);
  const flow = errorsOf(`faults:\n  - action: fail-task\n    name: a: b\n    when: { atTime: 1s }\n    target: GroupAggregate\n`);
  assert.deepEqual([flow[0]!.code, where(flow[0]!)], ['yaml-syntax', '3:11']);
  assert.match(flow[0]!.message, /must be quoted/);
  const inBraces = errorsOf(`faults:\n  - { action: decline-checkpoint, target: Sink: counts[0], when: { checkpoint: 1, phase: triggered } }\n`);
  assert.equal(inBraces.length, 1, 'only the first syntax error, not the cascade after it');
  assert.equal(inBraces[0]!.range!.start.line, 2);
  assert.match(inBraces[0]!.message, /A target that contains ': ' must be quoted inside \{ \}/);
});

test('positions stay exact after the quoted target and with CRLF line endings', () => {
  const text = `faults:\r\n  - action: fail-task\r\n    target: Sink: counts[0]   # sink\r\n    when: { afterRecords: -1 }\r\n`;
  const d = oneError(text, 'negative-value', '4:27', '-1', /must not be negative/);
  assert.deepEqual(d.range!.end, { line: 4, column: 29 });
  const t = oneError(
    `faults:\n  - { action: fail-task, target: "Sink: count", when: { atTime: 1s } }\n`,
    'unknown-fault-target',
    '2:34',
    '"Sink: count"',
    /Did you mean 'Sink: counts'\?/,
  );
  assert.deepEqual(t.range!.end, { line: 2, column: 47 });
});

test('an empty fault list is a valid scenario with a warning; an empty file is an error', () => {
  const r = parseFaultScenario('seed: 3\nfaults: []\n', 'e.yaml', TARGETS);
  assert.deepEqual(r.scenario, { seed: 3, faults: [] });
  assert.deepEqual(
    r.diagnostics.map((d) => [d.severity, d.code]),
    [['warning', 'empty-scenario']],
  );
  const empty = errorsOf('# nothing here\n');
  assert.match(empty[0]!.message, /empty: it needs a 'faults:' list/);
});

test('all mistakes of a file are reported at once', () => {
  const errors = errorsOf(`faults:
  - action: fail-taks
    target: GroupAggregate
    when: { afterRecords: 1 }
  - action: fail-task
    target: Nope
    when: { afterRecords: -1 }
`);
  assert.deepEqual(
    errors.map((d) => [d.code, where(d)]),
    [
      ['unknown-fault-action', '2:13'],
      ['unknown-fault-target', '6:13'],
      ['negative-value', '7:27'],
    ],
  );
});

test('absurd nesting (found by the fuzz suite) is an error at its place that says so, not the parser\'s stack overflow', () => {
  const text = `faults:\n  - action: fail-task\n    when: ${'['.repeat(5000)}${']'.repeat(5000)}\n`;
  const { scenario, diagnostics } = parseFaultScenario(text, 'faults.yaml', TARGETS);
  assert.equal(scenario, undefined);
  assert.equal(diagnostics.length, 1);
  assert.equal(diagnostics[0]!.code, 'yaml-syntax');
  assert.equal(where(diagnostics[0]!).split(':')[0], '3');
  assert.match(diagnostics[0]!.message, /^Invalid YAML: nested too deeply to read/);
  assert.doesNotMatch(diagnostics[0]!.message, /call stack/);
});
