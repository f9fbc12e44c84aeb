// Bundles the checklist app into web/dist: app.js (with the wasm-bindgen glue from ../pkg),
// app.css (the NL Design System packages and the app's layout), the HTML pages, the wasm module
// and static files. Everything is local: nothing is fetched from another origin at run time.
import { build } from "esbuild";
import { copyFile, cp, mkdir, rm, stat } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const web = dirname(fileURLToPath(import.meta.url));
const pkg = join(web, "..", "pkg");
const dist = join(web, "dist");

try {
  await stat(join(pkg, "sociale_bril_wasm_bg.wasm"));
} catch {
  console.error("error: bindings-wasm/pkg is missing; run bindings-wasm/scripts/build.sh");
  process.exit(1);
}

await rm(dist, { recursive: true, force: true });
await mkdir(dist, { recursive: true });
await build({
  entryPoints: [
    { in: join(web, "src", "main.ts"), out: "app" },
    { in: join(web, "src", "styles.css"), out: "app" },
    { in: join(web, "src", "bench.ts"), out: "bench" },
  ],
  outdir: dist,
  bundle: true,
  format: "esm",
  target: ["chrome110", "firefox115", "safari16"],
  minify: true,
  sourcemap: true,
  legalComments: "linked",
  logLevel: "warning",
});
await copyFile(join(web, "index.html"), join(dist, "index.html"));
await copyFile(join(web, "bench.html"), join(dist, "bench.html"));
await copyFile(join(pkg, "sociale_bril_wasm_bg.wasm"), join(dist, "sociale_bril_wasm_bg.wasm"));
await cp(join(web, "public"), dist, { recursive: true });
console.log(`built ${dist}`);
