// Shrinks WebAssembly modules in place with binaryen, as `wasm-opt -Oz
// --enable-bulk-memory --enable-nontrapping-float-to-int` does, byte for byte.
//
// Usage: node xtask/shrink-wasm.mjs FILE.wasm...
//
// Why not the `wasm-opt` command: npm's binaryen is binaryen compiled to WebAssembly,
// and every `wasm-opt` process compiles that 10 MB module again before it starts. The
// app has about 400 modules after splitting; one process per module took 9 to 35
// minutes on 2 cores, one process for all of them takes under a minute. The stack IR
// settings are the ones the command line uses at -O2 and above (without them the code
// differs by a few bytes); `cargo xtask build` checks nothing else, so keep them.
import binaryen from 'binaryen';
import { readFileSync, writeFileSync } from 'node:fs';

binaryen.setOptimizeLevel(2);
binaryen.setShrinkLevel(2);
binaryen.setDebugInfo(false);
binaryen.setGenerateStackIR(true);
binaryen.setOptimizeStackIR(true);

const extra = binaryen.Features.BulkMemory | binaryen.Features.NontrappingFPToInt;
for (const file of process.argv.slice(2)) {
  const module = binaryen.readBinary(readFileSync(file));
  module.setFeatures(module.getFeatures() | extra);
  if (!module.validate()) {
    console.error(`${file}: not a valid module`);
    process.exit(1);
  }
  module.optimize();
  writeFileSync(file, module.emitBinary());
  module.dispose();
}
