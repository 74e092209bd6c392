// A config file, as most vitest projects have: vitest bundles it into node_modules/.vite-temp
// before the tests run, which a sandbox's read-only environment must allow.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.js"],
  },
});
