// Losing and replacing a TaskManager on real Flink 2.3.0 (flink/taskmanager.sh): the JobManager drops a
// SIGKILLed one within seconds, a fresh one brings the slots back and runs a job. Uses its own cluster
// in a temp run dir; imports only node: modules and the flink/ test helpers.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FlinkRestClient, readClusterState } from '../../bridge/index.js';
import { runFlinkScript, waitFor } from './cluster.js';

interface Overview {
  readonly taskmanagers: number;
  readonly 'slots-total': number;
  readonly 'slots-available': number;
}
interface TaskManagers {
  readonly taskmanagers: readonly { readonly id: string; readonly slotsNumber: number; readonly freeSlots: number }[];
}

// Our own cluster: never the default run dir, nor the one test/run.mjs starts for other tests
// (killing that TaskManager would pull the slots from under them).
const runDir = mkdtempSync(join(tmpdir(), 'checkpoint-lab-tm-test-'));
const env = { CHECKPOINT_LAB_FLINK_RUN_DIR: runDir };
let started = false;
let failed = false;
let jobManager = '';
let slots = 0;
let lastSeen = '';

async function clusterView(): Promise<{ overview: Overview; taskManagers: TaskManagers }> {
  const rest = new FlinkRestClient(jobManager, { timeoutMs: 5_000 });
  const overview = await rest.get<Overview>('/overview');
  const taskManagers = await rest.get<TaskManagers>('/taskmanagers');
  lastSeen = `/overview ${JSON.stringify(overview)}; /taskmanagers ids [${taskManagers.taskmanagers.map((t) => t.id).join(', ')}]`;
  return { overview, taskManagers };
}

/** Whether pid is a running process; a zombie (killed, not yet reaped by its parent) is not. */
function pidAlive(pid: number): boolean {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return false;
  }
  return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
}

before(() => {
  runFlinkScript('install.sh'); // idempotent; fails (does not skip) when Flink cannot be installed
  started = true; // from here on, stop.sh in after() cleans up even a half-started cluster
  runFlinkScript('start.sh', [], { env });
  const state = readClusterState(runDir);
  jobManager = state.JOBMANAGER_URL!;
  slots = Number(state.TASK_SLOTS);
});

after(() => {
  if (!started) return;
  runFlinkScript('stop.sh', [], { env });
  if (failed) console.error(`taskManager.test.ts: logs kept in ${runDir}/log`);
  else rmSync(runDir, { recursive: true, force: true });
});

test('a SIGKILLed TaskManager is dropped by the JobManager and a fresh one brings the slots back', { timeout: 120_000 }, async (t) => {
  try {
    const before = await clusterView();
    assert.equal(before.overview.taskmanagers, 1);
    assert.equal(before.overview['slots-total'], slots);
    const first = readClusterState(runDir);
    assert.deepEqual(before.taskManagers.taskmanagers.map((tm) => tm.id), [first.TASKMANAGER_ID]);

    // Crash: SIGKILL to the TaskManager's process group; no deregistration reaches the JobManager.
    const killedAt = Date.now();
    const kill = runFlinkScript('taskmanager.sh', ['kill'], { env });
    assert.equal(pidAlive(Number(first.TASKMANAGER_PID)), false, 'the TaskManager process is gone');
    assert.equal(readClusterState(runDir).TASKMANAGER_PID, '', 'the state file no longer names a TaskManager pid');
    const lost = await waitFor(
      'the JobManager to report 0 TaskManagers and 0 slots',
      async () => {
        const v = await clusterView();
        const gone = v.overview.taskmanagers === 0 && v.overview['slots-total'] === 0 && v.taskManagers.taskmanagers.length === 0;
        return gone ? v : undefined;
      },
      // heartbeat.timeout is 5 s; the RPC-failure path is usually faster. 15 s is a generous bound.
      { timeoutMs: 15_000, intervalMs: 50, lastSeen: () => lastSeen },
    );
    const detectedMs = Date.now() - killedAt;

    // Replace: a fresh TaskManager with the same config, under a new resource id.
    const start = runFlinkScript('taskmanager.sh', ['start'], { env });
    const second = readClusterState(runDir);
    assert.notEqual(second.TASKMANAGER_PID, '');
    assert.notEqual(second.TASKMANAGER_PID, first.TASKMANAGER_PID);
    assert.ok(pidAlive(Number(second.TASKMANAGER_PID)), 'the new TaskManager runs');
    assert.notEqual(second.TASKMANAGER_ID, first.TASKMANAGER_ID);
    const back = await waitFor(
      'the new TaskManager with all its slots free',
      async () => {
        const v = await clusterView();
        const ok =
          v.overview.taskmanagers === 1 &&
          v.overview['slots-total'] === slots &&
          v.overview['slots-available'] === slots &&
          v.taskManagers.taskmanagers.length === 1 &&
          v.taskManagers.taskmanagers[0]!.id === second.TASKMANAGER_ID &&
          v.taskManagers.taskmanagers[0]!.freeSlots === slots;
        return ok ? v : undefined;
      },
      { timeoutMs: 10_000, lastSeen: () => lastSeen },
    );
    // start is idempotent while its TaskManager runs.
    runFlinkScript('taskmanager.sh', ['start'], { env });
    assert.equal(readClusterState(runDir).TASKMANAGER_PID, second.TASKMANAGER_PID);

    // The new TaskManager's slots run a job: smoke.sh's datagen → print through the SQL Gateway.
    const smoke = runFlinkScript('smoke.sh', [], { env });
    assert.match(smoke.stdout, /smoke: passed/);

    t.diagnostic(
      `kill ${kill.ms} ms; JobManager dropped the TaskManager ${detectedMs} ms after the kill (${lost.ms} ms of polling); ` +
        `taskmanager.sh start ${start.ms} ms (+${back.ms} ms until /overview agreed); smoke job on it ${smoke.ms} ms`,
    );
  } catch (e) {
    failed = true;
    throw e;
  }
});
