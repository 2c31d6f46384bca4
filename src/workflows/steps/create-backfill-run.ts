import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { randomBytes } from "node:crypto"
import { MAILCHIMP_COMMERCE_MODULE } from "../../modules/mailchimp-commerce"
import type { IMailchimpCommerceService } from "../../types/mailchimp-commerce-module"
import type { BackfillKind } from "../../types/mailchimp-commerce-module"
import { countRecords, GraphQuery, PLACED_ORDERS } from "../../modules/mailchimp-commerce/store-data"

export const BACKFILL_KINDS: BackfillKind[] = ["products", "customers", "orders", "merge_fields"]

export type CreateBackfillRunInput = {
  objects?: BackfillKind[]
  since?: string | Date | null
  /** Continue the run already running (the command does) instead of refusing to start a second. */
  resume?: boolean
}

export type BackfillRunStarted = {
  run_id: string
  created: boolean
  token: string
  tasks: { kind: BackfillKind; page: number; status: string }[]
}

/**
 * Creates a backfill run with one task per kind and the store's counts as totals; or, with
 * `resume`, hands the running run a new poller token. Two runs never run at once.
 */
export const createBackfillRunStep = createStep(
  "create-mailchimp-backfill-run",
  async (input: CreateBackfillRunInput, { container }) => {
    const commerce = container.resolve<IMailchimpCommerceService>(MAILCHIMP_COMMERCE_MODULE)
    const token = randomBytes(6).toString("hex")
    const [running] = await commerce.listBackfillRuns({ status: "running" }, { take: 1 })
    if (running) {
      if (!input.resume) {
        throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `A backfill is running already (${running.id}); wait for it, or resume it`)
      }
      await commerce.updateBackfillRuns({ id: running.id, poller: token })
      const tasks = await commerce.listBackfillTasks({ run_id: running.id })
      return new StepResponse<BackfillRunStarted, string | null>(
        { run_id: running.id, created: false, token, tasks: tasks.map((t) => ({ kind: t.kind as BackfillKind, page: t.page, status: t.status })) },
        null
      )
    }
    const kinds = BACKFILL_KINDS.filter((k) => (input.objects?.length ? input.objects.includes(k) : true))
    const since = input.since ? new Date(input.since) : null
    const query = container.resolve<GraphQuery>(ContainerRegistrationKeys.QUERY)
    const totals: Record<BackfillKind, () => Promise<number>> = {
      products: () => countRecords(query, "product", { since }),
      customers: () => countRecords(query, "customer", { since }),
      orders: () => countRecords(query, "order", { since, filters: PLACED_ORDERS }),
      // Known once the orders are in: the profiles are refreshed then.
      merge_fields: async () => (await commerce.listAndCountPurchaseProfiles({}, { take: 1, select: ["id"] }))[1],
    }
    const [run] = await commerce.createBackfillRuns([{ objects: kinds, since, started_at: new Date(), status: "running", poller: token }])
    await commerce.createBackfillTasks(
      await Promise.all(kinds.map(async (kind) => ({ run_id: run.id, kind, status: "waiting" as const, page: 0, total: await totals[kind]() })))
    )
    return new StepResponse<BackfillRunStarted, string | null>(
      { run_id: run.id, created: true, token, tasks: kinds.map((kind) => ({ kind, page: 0, status: "waiting" })) },
      run.id
    )
  },
  async (runId, { container }) => {
    if (!runId) return
    const commerce = container.resolve<IMailchimpCommerceService>(MAILCHIMP_COMMERCE_MODULE)
    const tasks = await commerce.listBackfillTasks({ run_id: runId }, { select: ["id"] })
    await commerce.deleteBackfillTasks(tasks.map((t) => t.id))
    await commerce.deleteBackfillRuns(runId)
  }
)
