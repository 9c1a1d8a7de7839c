import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

// Preact through Vite's own JSX transform (no preset plugin). The PAPI descriptors are a build output
// (scripts/descriptors.mjs), resolved by an alias instead of a package in package.json.
export default defineConfig({
  base: "./",
  resolve: {
    alias: {
      "@polkadot-api/descriptors": fileURLToPath(
        new URL("./.papi/descriptors/dist/index.js", import.meta.url),
      ),
      react: "preact/compat",
    },
  },
  oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
  build: { target: "es2022", outDir: "dist", chunkSizeWarningLimit: 2000 },
  server: { host: "127.0.0.1" },
  preview: { host: "127.0.0.1" },
  test: { include: ["test/unit/**/*.test.ts"], environment: "node" },
} as any);
