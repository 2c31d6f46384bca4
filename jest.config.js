const { loadEnv } = require("@medusajs/framework/utils")
loadEnv("test", process.cwd())
// The README's database defaults for every project, before any of them starts (environment values win).
require("./test/support/test-env").applyTestDbDefaults()

const transform = {
  "^.+\\.[jt]sx?$": [
    "@swc/jest",
    { jsc: { parser: { syntax: "typescript", decorators: true, tsx: true }, transform: { react: { runtime: "automatic" } } } },
  ],
}

const common = {
  transform,
  testEnvironment: "node",
  moduleFileExtensions: ["js", "ts", "tsx", "json"],
  modulePathIgnorePatterns: ["dist/", "<rootDir>/.medusa/"],
  // The stand-in's workspace package by its path: `npm install` links it into node_modules, but a checkout whose
  // node_modules predates the package (e.g. copied from another worktree) has no link, and its tests must still run.
  moduleNameMapper: { "^@medusa-mailchimp/sandbox$": "<rootDir>/packages/mailchimp-sandbox/src/index.ts" },
  setupFiles: ["<rootDir>/test/support/jest-setup.js"],
}

module.exports = {
  // A global option (jest ignores it inside a project): timing is not what these tests check, and a loaded
  // 2-core machine must not fail them. Every suite runs in one process (--runInBand), so a unit suite that compiles
  // Mailchimp's API description late in the run shares the CPU with what earlier suites left behind: a strict
  // stand-in that starts in 4 s on a quiet machine once took over 30 s there. Integration specs set their own.
  testTimeout: 120_000,
  // PostgreSQL and Redis checked once, before any test: one clear line when either is missing.
  globalSetup: "<rootDir>/test/support/check-services.js",
  projects: [
    {
      ...common,
      displayName: "unit",
      // The stand-in's own tests live in its package (packages/mailchimp-sandbox/test) and run with the plugin's.
      testMatch: ["<rootDir>/test/unit/**/*.test.ts", "<rootDir>/packages/*/test/**/*.test.ts"],
    },
    { ...common, displayName: "integration", testMatch: ["<rootDir>/test/integration/**/*.spec.ts"] },
    // Debian's Chromium against a seeded store in development mode (the admin compiled by Vite).
    { ...common, displayName: "browser", testMatch: ["<rootDir>/test/browser/**/*.spec.ts"] },
  ],
}
