// Generates PAPI's typed descriptors of the Kith runtime from the wasm this workspace builds
// (KITH_RUNTIME_WASM), so the client's types never drift from the runtime. Output: .papi/ (not
// committed). Vite and tsconfig map `@polkadot-api/descriptors` to .papi/descriptors/dist.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const wasm =
  process.env.KITH_RUNTIME_WASM ??
  "/root/.cache/kith/target/debug/wbuild/kith-runtime/kith_runtime.wasm";
if (!existsSync(wasm)) {
  console.error(`descriptors: no runtime wasm at ${wasm} (set KITH_RUNTIME_WASM)`);
  process.exit(1);
}
const papi = join(root, "node_modules", "polkadot-api", "bin", "cli.js");
const run = (...args) => execFileSync(process.execPath, [papi, ...args], { cwd: root, stdio: "inherit" });

rmSync(join(root, ".papi"), { recursive: true, force: true });
run("add", "kith", "--wasm", wasm, "--skip-codegen");
// No `@polkadot-api/descriptors` package in package.json (and no `npm install` from the CLI): the
// descriptors stay a build output, resolved by an alias.
const config = join(root, ".papi", "polkadot-api.json");
const json = JSON.parse(readFileSync(config, "utf8"));
json.options = { ...(json.options ?? {}), noDescriptorsPackage: true };
writeFileSync(config, JSON.stringify(json, null, 2) + "\n");
run("generate");
if (!existsSync(join(root, ".papi", "descriptors", "dist", "index.js"))) {
  console.error("descriptors: papi generate produced no .papi/descriptors/dist/index.js");
  process.exit(1);
}
console.log(`descriptors: generated from ${wasm}`);
