// The host side of the panels: turns a JobSnapshot (local run or Flink REST), the runtime's events
// and metrics, and retained checkpoints into the panel protocol's snapshots, sequenced updates at a
// bounded rate, and one response per request. Pure TypeScript: no vscode, no DOM, no Node.
import {
  PANEL_MAX_UPDATES_PER_SECOND,
  type HostToPanelMessage,
  type JobSnapshot,
  type PanelRequestMap,
  type PanelRequestMethod,
  type PanelSections,
  type PanelSourceInfo,
  type PanelToHostMessage,
  type PartitionsState,
  type RetainedCheckpoint,
  type VertexSnapshot,
} from '../protocol/index.js';
import { scanCheckpointDirectory, type CheckpointFs, type RuntimeEventMap, type RuntimeEventName, type SubtaskMetrics } from '../runtime/index.js';
import { CheckpointStateView, diffCheckpoints } from './checkpointState.js';
import { loadFromKeys, loadFromMetrics, partitionVertex, type VertexLoad } from './keyGroupStats.js';
import { lookupKey } from './keyLookup.js';
import { rescalePreview } from './rescalePreview.js';
import { TimelineRecorder } from './timelineData.js';
import { vertexSnapshotsOfCheckpoint } from './checkpointVertices.js';

/** Timers, injected so the model runs anywhere (and tests control time). */
export interface PanelScheduler {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  /** Monotonic ms. */
  now(): number;
}

/** Where runtime events come from: a LocalJob's `events` (or a debug session relaying them). */
export interface RuntimeEventSource {
  on<K extends RuntimeEventName>(name: K, listener: (event: RuntimeEventMap[K]) => void): () => void;
}

/** Options of a PanelModel. */
export interface PanelModelOptions {
  readonly scheduler: PanelScheduler;
  /** File access for checkpoint directories (the state browser, hot keys). */
  readonly fs?: CheckpointFs;
  /** At most this many updates per second per panel (default PANEL_MAX_UPDATES_PER_SECOND). */
  readonly maxUpdatesPerSecond?: number;
}

/** One open panel: feed it the panel's messages; it posts the host's. */
export interface PanelConnection {
  receive(message: PanelToHostMessage): void;
  /** A hidden panel gets nothing; when shown again it gets a full snapshot. */
  setVisible(visible: boolean): void;
  dispose(): void;
}

type Section = keyof PanelSections;
type Handler<M extends PanelRequestMethod> = (params: PanelRequestMap[M]['params']) => Promise<PanelRequestMap[M]['result']> | PanelRequestMap[M]['result'];

interface ConnectionState {
  readonly post: (m: HostToPanelMessage) => void;
  ready: boolean;
  visible: boolean;
  seq: number;
  dirty: Set<Section>;
  /** A snapshot is owed (shown again after being hidden, or asked for a resync). */
  stale: boolean;
}

/** The panels' host-side model. */
export class PanelModel {
  private snapshot: JobSnapshot | null = null;
  private source: PanelSourceInfo | null = null;
  private readonly loads = new Map<string, VertexLoad>();
  private readonly recorder = new TimelineRecorder();
  private retained: RetainedCheckpoint[] = [];
  private readonly views = new Map<string, CheckpointStateView>();
  private stateVertices: VertexSnapshot[] = [];
  private readonly connections = new Set<ConnectionState>();
  private flushTimer: unknown = undefined;
  private lastFlushAt = Number.NEGATIVE_INFINITY;
  private readonly minIntervalMs: number;
  /** Updates sent to panels (for tests and benchmarks). */
  updatesSent = 0;

  constructor(private readonly options: PanelModelOptions) {
    this.minIntervalMs = 1000 / (options.maxUpdatesPerSecond ?? PANEL_MAX_UPDATES_PER_SECOND);
  }

  /** Sets (or refreshes) the job: a local run's or a Flink job's snapshot. */
  setJob(snapshot: JobSnapshot, source?: PanelSourceInfo): void {
    this.snapshot = snapshot;
    this.source =
      source ??
      (snapshot.source.kind === 'local' ? { kind: 'local', label: snapshot.source.jobFile } : { kind: 'flink', label: snapshot.source.restUrl });
    this.changed('job', 'partitions', 'timeline');
  }

  /** Subscribes to a run's checkpoint and recovery events; returns the unsubscribe. */
  observeRuntime(events: RuntimeEventSource): () => void {
    const offs = [
      events.on('checkpoint', (e) => {
        this.recorder.onCheckpoint(e);
        this.changed('timeline');
      }),
      events.on('recovery', (e) => {
        this.recorder.onRecovery(e);
        this.changed('timeline');
      }),
    ];
    return () => offs.forEach((off) => off());
  }

  /** Per-key-group metrics of a local run (`LocalJob.metrics(true)`) at job time `time`. */
  setMetrics(subtasks: readonly SubtaskMetrics[], time: number): void {
    for (const v of this.keyedVertices()) {
      const load = loadFromMetrics(v.id, subtasks, time);
      if (load && !this.loads.get(v.id)?.keys) this.loads.set(v.id, load);
    }
    this.changed('partitions');
  }

  /** Lists the retained checkpoints and savepoints under a directory for the state browser. */
  async setCheckpointDirectory(dir: string): Promise<void> {
    const scan = await scanCheckpointDirectory(this.fs(), dir);
    const all = [...(scan.single ? [scan.single] : []), ...scan.jobs.flatMap((j) => j.checkpoints), ...scan.savepoints];
    this.retained = all.map((c) => ({ path: c.path, checkpointId: c.checkpointId, isSavepoint: c.kind === 'savepoint', status: c.status, sizeBytes: c.sizeBytes }));
    if (!this.source) this.source = { kind: 'checkpoint-dir', label: dir };
    this.changed('state', 'job');
  }

  /**
   * Reads the keys of a checkpoint into the partition visualiser (hot keys, exact keys and bytes
   * per key group). Without a job snapshot the checkpoint's own vertices are shown.
   */
  async loadPartitionsFromCheckpoint(path: string): Promise<void> {
    const view = await this.view(path);
    this.stateVertices = vertexSnapshotsOfCheckpoint(view.metadata);
    const label = `${view.metadata.isSavepoint ? 'savepoint' : 'checkpoint'} ${view.metadata.checkpointId}`;
    for (const v of this.keyedVertices()) {
      if (!view.metadata.vertices.some((m) => m.vertexId === v.id)) continue;
      this.loads.set(v.id, loadFromKeys(await view.vertexKeys(v.id), label));
    }
    if (!this.source) this.source = { kind: 'checkpoint-dir', label: view.opened.path };
    this.changed('partitions', 'job');
  }

  /** Everything the panels show now. */
  sections(): PanelSections {
    return { job: this.jobSection(), partitions: this.partitions(), timeline: this.snapshot ? this.recorder.timeline(this.snapshot) : null, state: { checkpoints: this.retained } };
  }

  /** Opens a panel's connection; `post` delivers host messages to it. */
  connect(post: (m: HostToPanelMessage) => void): PanelConnection {
    const c: ConnectionState = { post, ready: false, visible: true, seq: 0, dirty: new Set(), stale: true };
    this.connections.add(c);
    return {
      receive: (m) => this.receive(c, m),
      setVisible: (visible) => {
        c.visible = visible;
        if (visible && c.ready) this.sendSnapshot(c);
      },
      dispose: () => this.connections.delete(c),
    };
  }

  private fs(): CheckpointFs {
    if (!this.options.fs) throw new PanelRequestError('this panel host has no file access for checkpoints');
    return this.options.fs;
  }

  private async view(path: string): Promise<CheckpointStateView> {
    const cached = this.views.get(path);
    if (cached) return cached;
    const v = await CheckpointStateView.open(this.fs(), path);
    if ('error' in v) throw new PanelRequestError(v.error);
    this.views.set(path, v);
    return v;
  }

  private vertices(): readonly VertexSnapshot[] {
    return this.snapshot?.vertices ?? this.stateVertices;
  }

  private keyedVertices(): readonly VertexSnapshot[] {
    return this.vertices().filter((v) => v.keyed);
  }

  private vertex(id: string): VertexSnapshot {
    const v = this.keyedVertices().find((x) => x.id === id);
    if (!v) throw new PanelRequestError(`no keyed vertex ${id} (keyed vertices: ${this.keyedVertices().map((x) => `${x.id} ${x.name}`).join(', ') || 'none'})`);
    return v;
  }

  private jobSection(): PanelSections['job'] {
    if (this.snapshot) return { name: this.snapshot.name, jobId: this.snapshot.jobId, state: this.snapshot.state, source: this.source! };
    if (this.source) return { name: this.source.label, jobId: '', state: '', source: this.source };
    return null;
  }

  private partitions(): PartitionsState {
    return { vertices: this.keyedVertices().map((v) => partitionVertex(v, this.loads.get(v.id) ?? null)) };
  }

  private readonly handlers: { [M in PanelRequestMethod]: Handler<M> } = {
    lookupKey: (p) => {
      const v = this.vertex(p.vertexId);
      return lookupKey(v, this.loads.get(v.id) ?? null, p.keyType, p.key);
    },
    rescalePreview: (p) => {
      const v = this.vertex(p.vertexId);
      return rescalePreview(v.parallelism, v.maxParallelism, this.loads.get(v.id) ?? null, p);
    },
    checkpointDetails: async (p) => {
      if (!this.snapshot) return { ok: false, error: 'no job: the timeline needs a run or a Flink job' };
      // Where it was written: Flink's external path, or the retained checkpoint of that id and job.
      const jobId = this.snapshot.jobId;
      const path =
        this.snapshot.checkpoints.history.find((c) => c.id === p.checkpointId)?.externalPath?.replace(/^file:/, '') ??
        this.retained.find((c) => c.checkpointId === p.checkpointId && !c.isSavepoint && c.path.includes(jobId))?.path;
      let files: { name: string; sizeBytes: number }[] = [];
      if (path && this.options.fs) {
        const view = await this.view(path).catch(() => undefined);
        if (view) files = view.metadata.stateFiles.map((f) => ({ name: f.name, sizeBytes: f.sizeBytes }));
      }
      return this.recorder.details(this.snapshot, p.checkpointId, files);
    },
    stateChildren: async (p) => (await this.view(p.checkpoint)).children(p.path, p.offset, p.limit),
    stateValue: async (p) => (await this.view(p.checkpoint)).value(p.path),
    stateDiff: async (p) => diffCheckpoints(await this.view(p.left), await this.view(p.right), p.path),
  };

  private receive(c: ConnectionState, m: PanelToHostMessage): void {
    switch (m.type) {
      case 'ready':
        c.ready = true;
        this.sendSnapshot(c);
        return;
      case 'resync':
        if (c.ready && c.visible) this.sendSnapshot(c);
        return;
      case 'request':
        void this.answer(c, m.id, m.method, m.params);
        return;
    }
  }

  /** Runs a request's handler; exactly one response, errors mapped here and only here. */
  private async answer<M extends PanelRequestMethod>(c: ConnectionState, id: number, method: M, params: PanelRequestMap[M]['params']): Promise<void> {
    const handler = this.handlers[method] as Handler<M> | undefined;
    let msg: HostToPanelMessage;
    if (!handler) msg = { type: 'response', id, ok: false, error: `unknown request ${String(method)}` };
    else {
      try {
        msg = { type: 'response', id, ok: true, result: await handler(params) };
      } catch (e) {
        msg = { type: 'response', id, ok: false, error: e instanceof PanelRequestError ? e.message : `internal error: ${e instanceof Error ? e.message : String(e)}` };
      }
    }
    if (this.connections.has(c)) c.post(msg);
  }

  private sendSnapshot(c: ConnectionState): void {
    c.seq++;
    c.dirty.clear();
    c.stale = false;
    c.post({ type: 'snapshot', seq: c.seq, sections: this.sections() });
  }

  /** Marks sections changed and schedules a flush, at most `maxUpdatesPerSecond`. */
  private changed(...sections: Section[]): void {
    for (const c of this.connections) for (const s of sections) c.dirty.add(s);
    if (this.flushTimer !== undefined) return;
    const wait = Math.max(0, this.lastFlushAt + this.minIntervalMs - this.options.scheduler.now());
    this.flushTimer = this.options.scheduler.setTimeout(() => {
      this.flushTimer = undefined;
      this.flush();
    }, wait);
  }

  private flush(): void {
    this.lastFlushAt = this.options.scheduler.now();
    let all: PanelSections | undefined;
    for (const c of this.connections) {
      if (!c.ready || !c.visible || c.dirty.size === 0) continue;
      all ??= this.sections();
      const sections: Partial<Record<Section, unknown>> = {};
      for (const s of c.dirty) sections[s] = all[s];
      c.dirty.clear();
      c.seq++;
      this.updatesSent++;
      c.post({ type: 'update', seq: c.seq, sections: sections as Partial<PanelSections> });
    }
  }
}

/** A request that cannot be answered, with a message for the user. */
export class PanelRequestError extends Error {}
