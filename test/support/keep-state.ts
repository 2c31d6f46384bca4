import { MailchimpError } from "../../src/mailchimp"

/**
 * Medusa's runner (2.21) restores the database to its state after beforeAll before every test. Specs whose tests
 * tell one story call this in afterEach: once the plugin's queue is idle, the database as it is now becomes the state
 * the next test starts from.
 */
export async function snapshotWhenIdle(
  queue: { figures(): Promise<{ waiting: number; active: number }> },
  dbUtils: { snapshot(): Promise<void> }
): Promise<void> {
  // At most 20 s, and a queue still busy then is not an error: its own loop, since waitFor waits at least 60 s.
  const deadline = Date.now() + 20_000
  while (Date.now() < deadline) {
    const f = await queue.figures().catch(() => ({ waiting: 1, active: 1 }))
    if (f.waiting === 0 && f.active === 0) break
    await new Promise((r) => setTimeout(r, 100))
  }
  await dbUtils.snapshot()
}

/** For `.catch`: Mailchimp's 404 as null (the object is not there), anything else thrown on. */
export function notFoundAsNull(e: unknown): null {
  if (e instanceof MailchimpError && e.status === 404) return null
  throw e
}
