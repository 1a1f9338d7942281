// The CLI's one table of commands and options: parsing against it, negative numbers as values, and
// help texts that list every option the parser accepts.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { commandHelp, mainHelp, parseCommandLine } from '../../cli/commandLine.js';
import { COMMANDS, type CommandSpec } from '../../cli/commandTable.js';

const specs: CommandSpec[] = Object.values(COMMANDS);

test('values, flags, --name=value, repeated options and -- are parsed against the table', () => {
  const run = parseCommandLine(COMMANDS.run, ['job.sql', '--seed', '7', '--json', '--speed=2.5', '--', '--not-an-option']);
  assert.deepEqual(run, { values: { seed: '7', json: true, speed: '2.5' }, positionals: ['job.sql', '--not-an-option'] });
  const flink = parseCommandLine(COMMANDS['flink attach'], ['--header', 'A: 1', '--header=B: 2']);
  assert.deepEqual(flink, { values: { header: ['A: 1', 'B: 2'] }, positionals: [] });
});

test('a negative number is an option value (and a key for keys), never an ambiguous option', () => {
  assert.deepEqual(parseCommandLine(COMMANDS.run, ['j', '--seed', '-1']), { values: { seed: '-1' }, positionals: ['j'] });
  assert.deepEqual(parseCommandLine(COMMANDS.run, ['j', '--speed', '-2']), { values: { speed: '-2' }, positionals: ['j'] });
  assert.deepEqual(parseCommandLine(COMMANDS.run, ['j', '--speed', '-.5']), { values: { speed: '-.5' }, positionals: ['j'] });
  assert.deepEqual(parseCommandLine(COMMANDS.keys, ['--parallelism', '4', '-5', '7', '-2.5']), { values: { parallelism: '4' }, positionals: ['-5', '7', '-2.5'] });
  assert.deepEqual(parseCommandLine(COMMANDS.run, ['j', '-5']), { error: "Unknown option '-5'" });
});

test('usage errors name the option', () => {
  assert.deepEqual(parseCommandLine(COMMANDS.run, ['j', '--bogus']), { error: "Unknown option '--bogus'" });
  assert.deepEqual(parseCommandLine(COMMANDS.run, ['j', '--seed']), { error: 'option --seed N: argument missing' });
  assert.deepEqual(parseCommandLine(COMMANDS.run, ['j', '--seed', '--json']), { error: 'option --seed N: argument missing' });
  assert.deepEqual(parseCommandLine(COMMANDS.run, ['j', '--json=yes']), { error: "option --json takes no value, got 'yes'" });
  assert.deepEqual(parseCommandLine(COMMANDS.run, ['j', '--constructor']), { error: "Unknown option '--constructor'" });
});

test('--help and -h are answered by every command, wherever they stand', () => {
  for (const spec of specs) {
    assert.equal(parseCommandLine(spec, ['--help']), 'help', spec.name);
    assert.equal(parseCommandLine(spec, ['x', '-h']), 'help', spec.name);
  }
});

test('every option the parser accepts is in its command help, and every command in the main help', () => {
  for (const spec of specs) {
    const help = commandHelp(spec);
    assert.match(help, new RegExp(`^Usage: checkpoint-lab ${spec.name}`), spec.name);
    for (const [name, option] of Object.entries(spec.options)) {
      assert.ok(help.includes(`--${name}${option.value ? ` ${option.value}` : ''}`), `${spec.name} --help lists --${name}`);
      assert.ok(!('error' in (parseCommandLine(spec, [`--${name}`, ...(option.value ? ['v'] : [])]) as object)), `${spec.name} parses --${name}`);
    }
    assert.ok(mainHelp().includes(`  ${spec.name}`), `main help lists ${spec.name}`);
  }
});

test('no command parses argv by itself: every option goes through the table', () => {
  for (const name of readdirSync('cli').filter((n) => n.endsWith('.ts'))) {
    const text = readFileSync(`cli/${name}`, 'utf8');
    assert.doesNotMatch(text, /\bparseArgs\b/, `cli/${name} uses node:util parseArgs instead of the command table`);
  }
});
