/** The parts of the WebAssembly JavaScript API the tests use (the project's types have no DOM). */
export interface WebAssemblyApi {
  readonly Module: {
    new (bytes: Uint8Array): object;
    exports(module: object): { name: string; kind: string }[];
    imports(module: object): { module: string; name: string; kind: string }[];
  };
  readonly Memory: new (descriptor: { initial: number }) => { readonly buffer: ArrayBuffer };
  readonly Instance: new (module: object, imports: object) => { readonly exports: object };
}

/** The runtime's `WebAssembly` global. */
export const webAssembly = (globalThis as unknown as { WebAssembly: WebAssemblyApi }).WebAssembly;
