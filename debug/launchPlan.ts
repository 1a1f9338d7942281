// Turns a launch request's arguments into what a debug run needs: the compiled job, the fault
// scenario, the restore point and durable storage. Bad input is a message naming the option or file:line:column.
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import type { CheckpointLabLaunchArguments } from '../protocol/debugAdapter.js';
import {
  compileJob,
  faultTargetsOf,
  findRestorePoint,
  formatDiagnostic,
  openDurableCheckpoints,
  parseFaultScenario,
  placeSubtasks,
  type CompiledJob,
  type DurableCheckpoints,
  type FaultScenario,
  type RestorePoint,
} from '../runtime/index.js';
import { nodeCheckpointFs } from '../cli/nodeCheckpointFs.js';
import { nodeFileSystem } from '../cli/nodeFileSystem.js';

/** Everything a debug run starts from. */
export interface LaunchPlan {
  readonly jobFile: string;
  readonly compiled: CompiledJob;
  readonly seed: number;
  readonly faults?: FaultScenario;
  readonly restore?: RestorePoint;
  readonly durable?: DurableCheckpoints;
  /** Wall-clock pacing factor; undefined = as fast as possible. */
  readonly speed?: number;
  readonly stopOnEntry: boolean;
  readonly noDebug: boolean;
  readonly verify: boolean;
  /** Warnings for the Debug Console (compile warnings, skipped checkpoints). */
  readonly warnings: readonly string[];
  /** The same job compiled at another parallelism (a rescale), or why it cannot be. */
  recompile(parallelism: number): CompiledJob | string;
}

/** A launch that cannot start, with the reason a user reads. */
export class LaunchError extends Error {}

function check(ok: boolean, message: string): asserts ok {
  if (!ok) throw new LaunchError(message);
}

/** Validates the launch arguments' shapes (launch.json is hand-written JSON). */
function validateShapes(a: Partial<CheckpointLabLaunchArguments>): asserts a is CheckpointLabLaunchArguments {
  check(typeof a.job === 'string' && a.job !== '', "launch attribute 'job' is required: the path of a .flink.sql job file");
  check(a.seed === undefined || Number.isSafeInteger(a.seed), `launch attribute 'seed' expects an integer, got ${JSON.stringify(a.seed)}`);
  check(a.parallelism === undefined || (Number.isSafeInteger(a.parallelism) && a.parallelism >= 1), `launch attribute 'parallelism' expects a positive integer, got ${JSON.stringify(a.parallelism)}`);
  check(a.speed === undefined || a.speed === 'max' || (typeof a.speed === 'number' && a.speed > 0 && Number.isFinite(a.speed)), `launch attribute 'speed' expects "max" or a positive factor (1 = real time), got ${JSON.stringify(a.speed)}`);
  check(a.faults === undefined || typeof a.faults === 'string' || Array.isArray(a.faults), "launch attribute 'faults' expects a scenario file path or a list of faults");
  for (const k of ['checkpointDir', 'restore'] as const) check(a[k] === undefined || typeof a[k] === 'string', `launch attribute '${k}' expects a string`);
  for (const k of ['stopOnEntry', 'noDebug', 'verify'] as const) check(a[k] === undefined || typeof a[k] === 'boolean', `launch attribute '${k}' expects true or false`);
}

function readText(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new LaunchError(`cannot read ${what} '${path}': ${(e as Error).message}`);
  }
}

/** Compiles and prepares a launch; throws LaunchError with a user-facing message. */
export async function prepareLaunch(given: Partial<CheckpointLabLaunchArguments> | undefined, cwd: string): Promise<LaunchPlan> {
  const args = typeof given === 'object' && given !== null ? given : {};
  validateShapes(args);
  const jobFile = isAbsolute(args.job) ? args.job : resolve(cwd, args.job);
  const text = readText(jobFile, 'job file');
  const { job, diagnostics } = compileJob(text, { file: jobFile, parallelism: args.parallelism, fileSystem: nodeFileSystem });
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (!job || errors.length > 0) throw new LaunchError(errors.map((d) => formatDiagnostic(d)).join('\n') || `cannot compile ${jobFile}`);
  const warnings = diagnostics.filter((d) => d.severity !== 'error').map((d) => formatDiagnostic(d));
  check(job.graph.vertices.length > 0, `${jobFile} has no INSERT INTO statement: there is no job to run`);

  let compiled: CompiledJob = job;
  if (args.checkpointDir !== undefined) {
    const dir = isAbsolute(args.checkpointDir) ? args.checkpointDir : resolve(dirname(jobFile), args.checkpointDir);
    compiled = { ...job, config: { ...job.config, checkpointing: { ...job.config.checkpointing, dir } } };
  }

  let faults: FaultScenario | undefined;
  if (args.faults !== undefined) {
    const tms = placeSubtasks(compiled.graph, compiled.config.taskSlotsPerTaskManager).taskManagers.map((t) => t.id);
    const inline = typeof args.faults !== 'string';
    const file = inline ? 'launch.json faults' : isAbsolute(args.faults as string) ? (args.faults as string) : resolve(cwd, args.faults as string);
    const scenarioText = inline ? JSON.stringify({ faults: args.faults }, null, 2) : readText(file, 'fault scenario');
    const parsed = parseFaultScenario(scenarioText, file, faultTargetsOf(compiled.graph, tms));
    const bad = parsed.diagnostics.filter((d) => d.severity === 'error');
    if (!parsed.scenario || bad.length > 0) throw new LaunchError(parsed.diagnostics.map((d) => formatDiagnostic(d)).join('\n'));
    for (const d of parsed.diagnostics) warnings.push(formatDiagnostic(d));
    faults = parsed.scenario;
  }
  const seed = args.seed ?? faults?.seed ?? 0;

  let restore: RestorePoint | undefined;
  if (args.restore !== undefined) {
    restore = await findRestorePoint(nodeCheckpointFs, args.restore, compiled.config.checkpointing.dir);
    for (const s of restore.skipped) warnings.push(`WARNING: skipping corrupted checkpoint ${s.path}: ${s.problems.join('; ')}`);
    check(!restore.error, `launch attribute 'restore': ${restore.error}`);
  }
  let durable: DurableCheckpoints | undefined;
  try {
    durable = await openDurableCheckpoints(compiled, { fs: nodeCheckpointFs, random: Math.random, wallClockMs: () => Date.now() }, restore);
  } catch (e) {
    throw new LaunchError(`cannot use checkpoint directory '${compiled.config.checkpointing.dir}': ${(e as Error).message}`);
  }
  return {
    jobFile,
    compiled,
    seed,
    faults,
    restore,
    durable,
    speed: args.speed === undefined || args.speed === 'max' ? undefined : args.speed,
    stopOnEntry: args.stopOnEntry === true,
    noDebug: args.noDebug === true,
    verify: args.verify === true,
    warnings,
    recompile(parallelism) {
      const r = compileJob(text, { file: jobFile, parallelism, fileSystem: nodeFileSystem });
      if (!r.job) return r.diagnostics.map((d) => formatDiagnostic(d)).join('\n') || `cannot compile ${jobFile} at parallelism ${parallelism}`;
      return compiled === job ? r.job : { ...r.job, config: { ...r.job.config, checkpointing: compiled.config.checkpointing } };
    },
  };
}
