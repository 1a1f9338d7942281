// Where the local cluster that flink/start.sh runs is: its run dir and the state file it writes
// (`cluster.env`, KEY=VALUE lines: JOBMANAGER_URL, SQL_GATEWAY_URL, LOG_DIR, pids...). The one
// reader of that file for the CLI, the benchmarks and the tests. Node fs only.
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** The run dir flink/start.sh uses: `$CHECKPOINT_LAB_FLINK_RUN_DIR`, else `~/.cache/checkpoint-lab/flink-run`. */
export function defaultFlinkRunDir(): string {
  return process.env.CHECKPOINT_LAB_FLINK_RUN_DIR ?? join(homedir(), '.cache', 'checkpoint-lab', 'flink-run');
}

/** The state file of the cluster in `runDir`. */
export function clusterStateFile(runDir: string): string {
  return join(runDir, 'cluster.env');
}

/** The KEY=VALUE lines of a cluster's state file; throws like readFileSync when there is none. */
export function readClusterState(runDir: string): Record<string, string> {
  const state: Record<string, string> = {};
  for (const line of readFileSync(clusterStateFile(runDir), 'utf8').split('\n')) {
    const eq = line.indexOf('=');
    if (eq > 0) state[line.slice(0, eq)] = line.slice(eq + 1);
  }
  return state;
}
