// Types for msgpackr's build without runtime code generation (package export
// 'msgpackr/index-no-eval', which ships no .d.ts of its own): the same API as 'msgpackr'.
declare module 'msgpackr/index-no-eval' {
  export * from 'msgpackr';
}
