/**
 * Debian's Chromium driven by playwright-core (never a downloaded browser), with a fresh profile
 * per run, and screenshots kept under test-artifacts/.
 */
import fs from "fs"
import os from "os"
import path from "path"
import { chromium, type BrowserContext, type Page } from "playwright-core"
import { REPO_ROOT } from "../../support/medusa-process"

export const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium"
export const ARTIFACTS = path.join(REPO_ROOT, "test-artifacts", "browser")

const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
]

export type Browser = {
  context: BrowserContext
  page: Page
  /** Prints the page's console errors since the last call (call after each test), and forgets them. */
  flushConsoleErrors(): void
  close(): Promise<void>
}

export async function openBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`No Chromium at ${CHROMIUM}: install Debian's package (apt-get install chromium) or set CHROMIUM_PATH`)
  }
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "medusa-mailchimp-chromium-"))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    // playwright passes the fresh profile as --user-data-dir itself
    args: ARGS,
    viewport: { width: 1440, height: 1000 },
    locale: "en-US",
    timezoneId: "UTC",
  })
  context.setDefaultTimeout(30_000)
  const page = context.pages()[0] ?? (await context.newPage())
  let consoleErrors: string[] = []
  page.on("console", (m) => {
    if (m.type() === "error") consoleErrors.push(m.text().slice(0, 500))
  })
  page.on("pageerror", (e) => consoleErrors.push(`pageerror: ${e.message.slice(0, 500)}`))
  return {
    context,
    page,
    flushConsoleErrors: () => {
      if (consoleErrors.length) console.log("browser console errors:\n" + consoleErrors.join("\n"))
      consoleErrors = []
    },
    close: async () => {
      await context.close().catch(() => undefined)
      fs.rmSync(profile, { recursive: true, force: true })
    },
  }
}

/** Keeps a full-page screenshot as test-artifacts/browser/<name>.png; answers its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(ARTIFACTS, { recursive: true })
  const file = path.join(ARTIFACTS, `${name}.png`)
  await page.screenshot({ path: file, fullPage: true })
  return file
}

/** Logs in through the admin's own login form. */
export async function adminLogin(page: Page, adminUrl: string, email: string, password: string): Promise<void> {
  await page.goto(`${adminUrl}/login`, { waitUntil: "domcontentloaded", timeout: 180_000 })
  // The first load compiles the admin (Vite): give it time.
  await page.locator('input[name="email"]').fill(email, { timeout: 180_000 })
  await page.locator('input[name="password"]').fill(password)
  await page.locator('button[type="submit"]').click()
  await page.waitForURL((url) => !url.pathname.endsWith("/login"), { timeout: 60_000 })
}
