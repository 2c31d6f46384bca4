import { MailchimpError } from "../../src/mailchimp"
import { waitFor } from "./redis-server"

/**
 * Medusa's runner (2.21) restores the database to its state after beforeAll before every test. Specs whose tests
 * tell one story call this in afterEach: once the plugin's queue is idle, the database as it is now becomes the state
 * the next test starts from.
 */
export async function snapshotWhenIdle(
  queue: { figures(): Promise<{ waiting: number; active: number }> },
  dbUtils: { snapshot(): Promise<void> }
): Promise<void> {
  await waitFor(async () => {
    const f = await queue.figures().catch(() => ({ waiting: 1, active: 1 }))
    return f.waiting === 0 && f.active === 0
  }, 20_000, 100).catch(() => undefined)
  await dbUtils.snapshot()
}

/** For `.catch`: Mailchimp's 404 as null (the object is not there), anything else thrown on. */
export function notFoundAsNull(e: unknown): null {
  if (e instanceof MailchimpError && e.status === 404) return null
  throw e
}
