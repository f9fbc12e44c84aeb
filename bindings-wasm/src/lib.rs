//! WebAssembly bindings (filled in by the WebAssembly issue).
