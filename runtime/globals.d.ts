// The few host globals the runtime may use. The runtime compiles with no @types: everything else
// from the host (files, time, randomness) comes in through injected interfaces.
declare class TextEncoder {
  encode(input?: string): Uint8Array;
  encodeInto(source: string, destination: Uint8Array): { read: number; written: number };
}
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean });
  decode(input?: Uint8Array): string;
}
