/**
 * Serves the demo's checkout page (demo/storefront) on its own port, as a storefront would be:
 * built once with Vite, the plugin's storefront export resolved to its source in src/storefront.
 */
import express from "express"
import fs from "fs"
import http from "http"
import os from "os"
import path from "path"

export type StorefrontConfig = { storeUrl: string; publishableKey: string; regionId: string; variantId: string }

export type RunningStorefront = { url: string; close(): Promise<void> }

const ROOT = __dirname
const SOURCE = path.resolve(__dirname, "../../src/storefront")

export async function buildStorefront(outDir: string): Promise<void> {
  process.env.VITE_CJS_IGNORE_WARNING ??= "true"
  const { build } = await import("vite")
  await build({
    root: ROOT,
    // Absolute asset paths: the same page answers / and the recovery page /cart/recover.
    base: "/",
    logLevel: "warn",
    configFile: false,
    // Vite picks the JSX dev runtime unless NODE_ENV is "production" (under jest it is "test"), while
    // the define below selects React's production build, which has no jsxDEV: always the plain runtime.
    esbuild: { jsx: "automatic", jsxDev: false },
    resolve: {
      alias: [
        { find: "medusa-mailchimp/storefront/react", replacement: path.join(SOURCE, "react.tsx") },
        { find: "medusa-mailchimp/storefront", replacement: path.join(SOURCE, "index.ts") },
      ],
    },
    define: { "process.env.NODE_ENV": JSON.stringify("production") },
    build: {
      outDir,
      emptyOutDir: true,
      sourcemap: false,
      rollupOptions: {
        input: path.join(ROOT, "index.html"),
        // "use client" is for Next.js; a plain bundle does not need it.
        onwarn: (warning, warn) => {
          if (warning.code !== "MODULE_LEVEL_DIRECTIVE" && warning.code !== "SOURCEMAP_ERROR") warn(warning)
        },
      },
    },
  })
}

/** Builds the page and serves it, with /config.js telling it where the store is. */
export async function startStorefront(
  config: StorefrontConfig,
  opts: { port: number; host?: string }
): Promise<RunningStorefront> {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), "medusa-mailchimp-storefront-"))
  await buildStorefront(outDir)
  const app = express()
  app.disable("x-powered-by")
  app.get("/config.js", (_req, res) => {
    res.type("application/javascript").send(`window.DEMO_STOREFRONT = ${JSON.stringify(config)};\n`)
  })
  app.use(express.static(outDir))
  // Where Mailchimp's cart reminders link to (the plugin's default recovery URL): the same page, which shows the cart.
  app.get("/cart/recover", (_req, res) => res.sendFile(path.join(outDir, "index.html")))
  const server = http.createServer(app)
  const host = opts.host ?? "127.0.0.1"
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject)
    server.listen(opts.port, host, resolve)
  }).catch((e) => {
    fs.rmSync(outDir, { recursive: true, force: true })
    throw e
  })
  return {
    url: `http://localhost:${opts.port}`,
    close: async () => {
      server.closeAllConnections?.()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      fs.rmSync(outDir, { recursive: true, force: true })
    },
  }
}
