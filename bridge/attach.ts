// Attaches to a job on a Flink cluster: reads its vertices, checkpoints, checkpoint config and
// exceptions from the JobManager's REST API and returns the same JobSnapshot a local run gives.
// Imports restClient, convert and the REST types only.
import type { JobSnapshot } from '../protocol/index.js';
import { flinkJobSnapshot } from './convert.js';
import { hasJobEnded } from './jobStates.js';
import type {
  CheckpointConfigInfo,
  CheckpointStatistics,
  CheckpointingStatistics,
  DashboardConfiguration,
  JobDetailsInfo,
  JobExceptionsInfoWithHistory,
  MultipleJobsDetails,
} from './flinkRestTypes.js';
import { FlinkRestClient, FlinkRestError, type FlinkRestClientOptions } from './restClient.js';

/** Which job to read, where. */
export interface AttachOptions extends FlinkRestClientOptions {
  /** The JobManager's REST base URL. */
  readonly restUrl: string;
  /** A 32-hex job id; without it, the one job that is not in a terminal state. */
  readonly jobId?: string;
}

/** Reads a job from the cluster. Throws FlinkRestError with a message a user can act on. */
export async function attachToFlinkJob(options: AttachOptions): Promise<JobSnapshot> {
  const client = new FlinkRestClient(options.restUrl, options);
  const config = await client.get<DashboardConfiguration>('/config').catch((e: unknown) => {
    if (e instanceof FlinkRestError && e.kind === 'not-found') {
      throw new FlinkRestError('bad-response', `${client.baseUrl} is not a Flink JobManager REST API (no /config); is this the SQL Gateway's port?`);
    }
    throw e;
  });
  const jobId = await chooseJob(client, options.jobId);
  const details = await client.get<JobDetailsInfo>(`/jobs/${jobId}`).catch(async (e: unknown) => {
    if (e instanceof FlinkRestError && e.kind === 'not-found') {
      throw new FlinkRestError('not-found', `job ${jobId} is not known to the cluster at ${client.baseUrl} (gone from its history, or another cluster's). ${await jobList(client)}`, e.status);
    }
    throw e;
  });
  // A job may finish between the calls: its statistics stay readable until it leaves the history.
  const optional = <T>(p: Promise<T>): Promise<T | null> => p.catch((e: unknown) => (e instanceof FlinkRestError && (e.kind === 'not-found' || e.kind === 'http') ? null : Promise.reject(e)));
  const [checkpoints, checkpointConfig, exceptions] = await Promise.all([
    optional(client.get<CheckpointingStatistics>(`/jobs/${jobId}/checkpoints`)),
    optional(client.get<CheckpointConfigInfo>(`/jobs/${jobId}/checkpoints/config`)),
    optional(client.get<JobExceptionsInfoWithHistory>(`/jobs/${jobId}/exceptions?maxExceptions=100`)),
  ]);
  // The history leaves out each checkpoint's per-vertex statistics: read them for the latest few.
  const withTasks = checkpoints ? await withTaskStatistics(checkpoints, (id) => optional(client.get<CheckpointStatistics>(`/jobs/${jobId}/checkpoints/details/${id}`))) : null;
  return flinkJobSnapshot({ restUrl: client.baseUrl, flinkVersion: config['flink-version'], details, checkpoints: withTasks, checkpointConfig, exceptions });
}

/** How many of the newest checkpoints get their per-vertex statistics read (one request each). */
const CHECKPOINT_DETAILS_LIMIT = 10;

async function withTaskStatistics(stats: CheckpointingStatistics, read: (id: number) => Promise<CheckpointStatistics | null>): Promise<CheckpointingStatistics> {
  const newest = [...stats.history].sort((a, b) => b.id - a.id).slice(0, CHECKPOINT_DETAILS_LIMIT);
  const details = new Map((await Promise.all(newest.map(async (c) => [c.id, await read(c.id)] as const))).filter((e) => e[1]?.tasks && Object.keys(e[1].tasks).length > 0));
  return { ...stats, history: stats.history.map((c) => (details.has(c.id) ? { ...c, tasks: details.get(c.id)!.tasks } : c)) };
}

async function chooseJob(client: FlinkRestClient, jobId: string | undefined): Promise<string> {
  if (jobId !== undefined) {
    if (!/^[0-9a-f]{32}$/i.test(jobId)) throw new FlinkRestError('not-found', `'${jobId}' is not a Flink job id (32 hex digits)`);
    return jobId.toLowerCase();
  }
  const { jobs } = await client.get<MultipleJobsDetails>('/jobs/overview');
  const live = jobs.filter((j) => !hasJobEnded(j.state));
  if (live.length === 1) return live[0]!.jid;
  if (live.length === 0) {
    throw new FlinkRestError('not-found', `no running job on the cluster at ${client.baseUrl}; pass --job ID. ${describeJobs(jobs)}`);
  }
  throw new FlinkRestError('not-found', `${live.length} jobs are running on the cluster at ${client.baseUrl}; pass --job ID. ${describeJobs(live)}`);
}

async function jobList(client: FlinkRestClient): Promise<string> {
  const overview = await client.get<MultipleJobsDetails>('/jobs/overview').catch(() => undefined);
  return overview ? describeJobs(overview.jobs) : '';
}

function describeJobs(jobs: MultipleJobsDetails['jobs']): string {
  if (jobs.length === 0) return 'The cluster has no jobs.';
  const recent = [...jobs].sort((a, b) => b['start-time'] - a['start-time']).slice(0, 5);
  return `Jobs: ${recent.map((j) => `${j.jid} ${j.state} '${j.name}'`).join('; ')}${jobs.length > recent.length ? `; and ${jobs.length - recent.length} more` : ''}.`;
}
