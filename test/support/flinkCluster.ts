// The real Flink cluster the Flink-facing tests run against. test/run.mjs installs and starts it
// once for the whole run (flink/install.sh, flink/start.sh) and stops it afterwards; a test only
// reads where it is. If it could not be installed or started, every test that needs it fails
// with the reason: the suite never skips silently.
import { existsSync } from 'node:fs';
import { clusterStateFile, readClusterState } from '../../bridge/index.js';

/** Where the running test cluster is (from flink/start.sh's state file). */
export interface FlinkTestCluster {
  /** The JobManager's REST base URL. */
  readonly jobManagerUrl: string;
  /** The SQL Gateway's REST base URL. */
  readonly gatewayUrl: string;
  /** Where the JobManager, TaskManager and gateway logs are; the print sink writes taskmanager.out. */
  readonly logDir: string;
  /** The run dir the scripts were given (CHECKPOINT_LAB_FLINK_RUN_DIR). */
  readonly runDir: string;
  /** The Flink installation. */
  readonly flinkHome: string;
  readonly flinkVersion: string;
  readonly taskSlots: number;
}


/** The running test cluster; throws (failing the test) with the reason when there is none. */
export function requireFlinkCluster(): FlinkTestCluster {
  const problem = process.env.CHECKPOINT_LAB_FLINK_ERROR;
  if (problem) throw new Error(`the Flink test cluster is not available: ${problem}`);
  const runDir = process.env.CHECKPOINT_LAB_FLINK_RUN_DIR;
  if (!runDir) throw new Error('the Flink test cluster is not available: run the tests through test/run.mjs (npm test), which starts it');
  const stateFile = clusterStateFile(runDir);
  if (!existsSync(stateFile)) throw new Error(`the Flink test cluster is not available: no state file ${stateFile}`);
  const env = readClusterState(runDir);
  const need = (k: string): string => {
    const v = env[k];
    if (v === undefined) throw new Error(`the Flink test cluster's state file ${stateFile} has no ${k}`);
    return v;
  };
  return {
    jobManagerUrl: need('JOBMANAGER_URL'),
    gatewayUrl: need('SQL_GATEWAY_URL'),
    logDir: need('LOG_DIR'),
    runDir,
    flinkHome: need('FLINK_HOME'),
    flinkVersion: need('FLINK_VERSION'),
    taskSlots: Number(need('TASK_SLOTS')),
  };
}
