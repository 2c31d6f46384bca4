/**
 * Assertions on what the page shows, retried until they hold (the screens refresh themselves and
 * the machine may be slow): playwright-core has no `expect` of its own, jest's is used inside.
 */
import type { Locator } from "playwright-core"

/** Runs `assertion` until it stops throwing, or rethrows its last error after `timeoutMs`. */
export async function eventually(assertion: () => Promise<unknown> | unknown, timeoutMs = 60_000, intervalMs = 250): Promise<void> {
  const end = Date.now() + timeoutMs
  for (;;) {
    try {
      await assertion()
      return
    } catch (e) {
      if (Date.now() >= end) throw e
      await new Promise((r) => setTimeout(r, intervalMs))
    }
  }
}

/** Waits until the locator is visible. */
export function visible(locator: Locator, timeoutMs = 60_000): Promise<void> {
  return locator.first().waitFor({ state: "visible", timeout: timeoutMs })
}

/** Waits until the locator's visible text contains `text` (a string or a pattern). */
export async function shows(locator: Locator, text: string | RegExp, timeoutMs = 30_000): Promise<string> {
  let seen = ""
  await eventually(async () => {
    seen = await locator.first().innerText({ timeout: 2_000 })
    if (typeof text === "string") expect(seen).toContain(text)
    else expect(seen).toMatch(text)
  }, timeoutMs)
  return seen
}

/** Waits until the locator matches `n` elements. */
export async function countIs(locator: Locator, n: number, timeoutMs = 30_000): Promise<void> {
  await eventually(async () => expect(await locator.count()).toBe(n), timeoutMs)
}
