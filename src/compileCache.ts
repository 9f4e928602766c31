import * as nodeModule from 'node:module';

// Imported first by the entry point: Node ≥ 22.1 then keeps compiled modules on disk, so a restart skips compiling them.
(nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache?.();
