// The fault model's public surface: types, scenario parsing and writing, random schedules.
// Re-exports only.
export * from './faultModel.js';
export { parseFaultDuration, formatFaultDuration } from './faultDuration.js';
export { faultTargetsOf, formatFaultTarget, resolveFaultTarget, vertexHasSink } from './faultTargets.js';
export type { FaultTargetVertex, FaultTargets, TargetResolution } from './faultTargets.js';
export { parseFaultScenario, FAULT_TRIGGER_HELP } from './parseFaultScenario.js';
export type { ParseFaultScenarioResult } from './parseFaultScenario.js';
export { serializeFaultScenario } from './serializeFaultScenario.js';
export { randomFaultSchedule } from './randomFaultSchedule.js';
export type { IntRange, RandomFaultScheduleOptions } from './randomFaultSchedule.js';
