// The public API of the job configuration: key catalogue, value parsing and resolution.
// Re-exports only; imports nothing else.
export { allConfigKeys, lookupConfigKey, RESTART_STRATEGY_VALUES } from './configKeys.js';
export type { ConfigKey, ConfigKeyLookup, ConfigValueType } from './configKeys.js';
export { defaultConfigValue, parseConfigValue } from './configValue.js';
export type { ConfigValue, ParsedConfigValue } from './configValue.js';
export { formatDuration, parseDuration, parseMemorySize } from './duration.js';
export { closestMatch, editDistance } from './didYouMean.js';
export { MINIMAL_CHECKPOINT_TIME_MS, UPPER_BOUND_MAX_PARALLELISM, resolveJobConfig } from './resolveJobConfig.js';
export type { ConfigSet, ResolvedJobConfig } from './resolveJobConfig.js';
export type * from './jobConfig.js';
