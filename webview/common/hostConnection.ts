// The panel's end of the host↔panel protocol: says `ready`, applies the snapshot and sequenced
// updates (asking for a resync on a gap), and sends requests that time out. Browser only;
// imports protocol/ and nothing else of ours.
import {
  PANEL_REQUEST_TIMEOUT_MS,
  type HostToPanelMessage,
  type PanelKind,
  type PanelRequestMap,
  type PanelRequestMethod,
  type PanelSections,
  type PanelToHostMessage,
} from '../../protocol/index.js';

/** The VS Code webview API (`acquireVsCodeApi()`), as much as the panels use. */
export interface WebviewApi<S> {
  postMessage(message: PanelToHostMessage): void;
  getState(): S | undefined;
  setState(state: S): void;
}

declare function acquireVsCodeApi<S>(): WebviewApi<S>;

/** The panel's connection to its host. */
export class HostConnection<UiState> {
  private readonly api: WebviewApi<UiState>;
  private seq = 0;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void; timer: number }>();
  private current: PanelSections | null = null;
  /** Called with the whole picture and the names of the sections that changed. */
  onChange: (sections: PanelSections, changed: ReadonlySet<keyof PanelSections>) => void = () => {};

  constructor(private readonly panel: PanelKind) {
    this.api = acquireVsCodeApi<UiState>();
    window.addEventListener('message', (e: MessageEvent<HostToPanelMessage>) => this.receive(e.data));
    window.addEventListener('pagehide', () => this.rejectAll('the panel was closed'));
  }

  /** Tells the host the panel is ready; the host answers with a snapshot. */
  start(): void {
    this.api.postMessage({ type: 'ready', panel: this.panel });
  }

  /** UI state persisted by the webview (selection, inputs); never data. */
  get uiState(): UiState | undefined {
    return this.api.getState();
  }

  set uiState(s: UiState) {
    this.api.setState(s);
  }

  /** Sends a request; rejects after PANEL_REQUEST_TIMEOUT_MS or when the panel goes away. */
  request<M extends PanelRequestMethod>(method: M, params: PanelRequestMap[M]['params'], timeoutMs = PANEL_REQUEST_TIMEOUT_MS): Promise<PanelRequestMap[M]['result']> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = window.setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${method}: no answer from the host within ${timeoutMs / 1000} s`));
      }, timeoutMs);
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, timer });
      this.api.postMessage({ type: 'request', id, method, params } as PanelToHostMessage);
    });
  }

  private rejectAll(reason: string): void {
    for (const [id, p] of this.pending) {
      window.clearTimeout(p.timer);
      p.reject(new Error(reason));
      this.pending.delete(id);
    }
  }

  private receive(m: HostToPanelMessage): void {
    if (typeof m !== 'object' || m === null) return;
    switch (m.type) {
      case 'snapshot':
        if (!document.body.dataset.snapshotAt) document.body.dataset.snapshotAt = String(performance.now());
        this.seq = m.seq;
        this.current = m.sections;
        this.onChange(m.sections, new Set(Object.keys(m.sections) as (keyof PanelSections)[]));
        return;
      case 'update': {
        if (this.current === null || m.seq !== this.seq + 1) {
          // Missed one (hidden, reloaded): ask for the whole picture again.
          this.api.postMessage({ type: 'resync', expected: this.seq + 1 });
          return;
        }
        this.seq = m.seq;
        this.current = { ...this.current, ...m.sections };
        this.onChange(this.current, new Set(Object.keys(m.sections) as (keyof PanelSections)[]));
        return;
      }
      case 'response': {
        const p = this.pending.get(m.id);
        if (!p) return;
        this.pending.delete(m.id);
        window.clearTimeout(p.timer);
        if (m.ok) p.resolve(m.result);
        else p.reject(new Error(m.error));
        return;
      }
    }
  }
}
