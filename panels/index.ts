// The panels' host-side model: the one public API of panels/ for the extension, tests and benchmarks.
// Re-exports only; knows no vscode and no DOM.
export { PanelModel, PanelRequestError, type PanelConnection, type PanelModelOptions, type PanelScheduler, type RuntimeEventSource } from './panelModel.js';
export { panelHtml, panelCsp, type PanelHtmlOptions } from './panelHtml.js';
export { rescalePreview, ConsistentHashRing, inferKeyType } from './rescalePreview.js';
export { CheckpointStateView, diffCheckpoints } from './checkpointState.js';
export { TimelineRecorder } from './timelineData.js';
