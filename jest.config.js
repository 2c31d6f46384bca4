const { loadEnv } = require("@medusajs/framework/utils")
loadEnv("test", process.cwd())

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
  setupFiles: ["<rootDir>/test/support/jest-setup.js"],
}

module.exports = {
  // A global option (jest ignores it inside a project): timing is not what these tests check, and a loaded
  // 2-core machine must not fail them. Integration specs set their own, longer.
  testTimeout: 30_000,
  projects: [
    { ...common, displayName: "unit", testMatch: ["<rootDir>/test/unit/**/*.test.ts"] },
    { ...common, displayName: "integration", testMatch: ["<rootDir>/test/integration/**/*.spec.ts"] },
    // Debian's Chromium against a seeded store in development mode (the admin compiled by Vite).
    { ...common, displayName: "browser", testMatch: ["<rootDir>/test/browser/**/*.spec.ts"] },
  ],
}
