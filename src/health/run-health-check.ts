import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { MailchimpClient, MailchimpError, type BatchStatus, type MergeField, type Query, type Store, type Webhook } from "../mailchimp"
import { maskApiKey } from "../api/admin/mailchimp/mailchimp-reads"
import { MAILCHIMP_MODULE } from "../modules/mailchimp"
import type { IMailchimpModuleService } from "../types/mailchimp-module"
import { webhookUrl } from "../modules/mailchimp/webhooks/webhook-url"
import { MAILCHIMP_COMMERCE_MODULE } from "../modules/mailchimp-commerce"
import type { IMailchimpCommerceService } from "../types/mailchimp-commerce-module"
import { purchaseMergeFieldDefinitions } from "../modules/mailchimp-commerce/mapping"
import { GraphQuery, readStoreFacts } from "../modules/mailchimp-commerce/store-data"
import { storeTargets } from "../modules/mailchimp-commerce/channels"
import { RECREATED } from "../queue/processors/commerce/ensure-store"
import { WEBHOOK_EVENTS, WEBHOOK_SOURCES } from "../queue/processors/register-webhook"
import { audienceLines, AudienceFacts, mergeFieldLines } from "./audience-checks"
import { batchLine } from "./batch-check"
import { error, HealthLine, HealthReport, ok, report } from "./lines"
import { storeLines } from "./store-checks"
import { webhookLine } from "./webhook-check"
import { consentAudiences } from "../modules/mailchimp/audience/channel-audience"

// The check waits this long for each of Mailchimp's answers, not the client's 120 s.
const READ_TIMEOUT_MS = 10_000
// Mailchimp keeps batches (and their results) for 7 days.
const BATCHES_KEPT_MS = 7 * 24 * 3600 * 1000

type Read<T> = { value: T } | { failed: MailchimpError | Error }

/**
 * The account health check: reads (never writes) what the store depends on in Mailchimp and says, line by line,
 * what is wrong and how to fix it. The API key and the webhook secret are never part of it.
 */
export async function runHealthCheck(container: MedusaContainer): Promise<HealthReport> {
  const core = container.resolve<IMailchimpModuleService>(MAILCHIMP_MODULE)
  const commerce = container.resolve<IMailchimpCommerceService>(MAILCHIMP_COMMERCE_MODULE)
  await core.refreshSettings()
  const options = core.getOptions()
  const client = core.getClient()
  const connection = await connectionLine(client, options.apiKey)
  if (connection.status === "error") return report([connection])

  const { audienceId } = options
  // Every Mailchimp store the options name (salesChannels: one per mapped store), each checked on its own lines.
  const targets = storeTargets(commerce.getOptions())
  const get = <T>(path: string, query: Query = {}) =>
    read(client.request<T>("GET", path, { query, timeoutMs: READ_TIMEOUT_MS }))
  const list = `/lists/${encodeURIComponent(audienceId)}`
  const [audience, fields, webhooks, stores, batches] = await Promise.all([
    get<AudienceFacts & { stats?: { member_count?: number } }>(list, { fields: ["id", "name", "double_optin", "stats.member_count"] }),
    get<{ merge_fields: MergeField[] }>(`${list}/merge-fields`, { count: 1000 }),
    get<{ webhooks: Webhook[] }>(`${list}/webhooks`),
    Promise.all(targets.map((t) => get<Store>(`/ecommerce/stores/${encodeURIComponent(t.storeId)}`))),
    get<{ batches: BatchStatus[] }>("/batches", { count: 1000 }),
  ])

  const lines: HealthLine[] = [connection]
  if ("failed" in audience && !isNotFound(audience.failed)) {
    lines.push(unreadable("audience", "Audience", audience.failed))
  } else if ("failed" in audience) {
    const all = await get<{ lists: { id: string; name: string }[] }>("/lists", { count: 100, fields: ["lists.id", "lists.name"] })
    lines.push(...audienceLines(audienceId, null, "value" in all ? all.value.lists.map((l) => `"${l.name}" (${l.id})`) : [], options.doubleOptIn))
    // Nothing else of the audience can be read.
    return report(lines)
  } else {
    const a = audience.value
    lines.push(...audienceLines(audienceId, { ...a, member_count: a.stats?.member_count ?? 0 }, [], options.doubleOptIn))
  }

  if ("failed" in fields) lines.push(unreadable("merge_fields", "Merge fields", fields.failed))
  else {
    const purchase = purchaseMergeFieldDefinitions(commerce.getOptions().purchaseMergeFields).map((f) => f.tag!)
    const names = options.mergeFields
    lines.push(...mergeFieldLines(fields.value.merge_fields, { filled: Object.values(names), purchase, phone: names.phone }))
  }

  if ("failed" in webhooks) lines.push(unreadable("webhook", "Webhook", webhooks.failed))
  else lines.push(webhookLine(webhookUrl(options), webhooks.value.webhooks, WEBHOOK_EVENTS, WEBHOOK_SOURCES))
  // With salesChannels, each other audience a store names has a webhook of its own, on a line named for it.
  for (const other of consentAudiences(options).slice(1)) {
    const found = await get<{ webhooks: Webhook[] }>(`/lists/${encodeURIComponent(other)}/webhooks`)
    const line = "failed" in found
      ? unreadable("webhook", "Webhook", found.failed)
      : webhookLine(webhookUrl(options, other), found.value.webhooks, WEBHOOK_EVENTS, WEBHOOK_SOURCES)
    lines.push({ ...line, check: `webhook:${other}`, title: `Webhook (audience ${other})` })
  }

  for (const [i, target] of targets.entries()) {
    const store = stores[i]
    const { storeId } = target
    // Several stores: each one's lines say which store they are about.
    const named = (line: HealthLine): HealthLine => (target.channelIds ? { ...line, check: `${line.check}:${storeId}`, title: `${line.title} ${storeId}` } : line)
    if ("failed" in store && !isNotFound(store.failed)) lines.push(named(unreadable("store", "E-commerce store", store.failed)))
    else {
      const [row, [running], facts] = await Promise.all([
        commerce.getSync("store", storeId),
        commerce.listBackfillRuns({ status: "running" }, { take: 1, select: ["id"] }),
        readStoreFacts(container.resolve<GraphQuery>(ContainerRegistrationKeys.QUERY)),
      ])
      const found = storeLines("value" in store ? store.value : null, {
        storeId,
        audienceId: target.audienceId,
        currencyCode: target.currency ?? facts.currencyCode,
        connectedBefore: !!row?.payload_hash,
        recreatedNote: row?.note === RECREATED ? RECREATED : null,
        backfillRunning: !!running,
      })
      lines.push(...found.map(named))
    }
  }

  if ("failed" in batches) lines.push(unreadable("batches", "Batches", batches.failed))
  else {
    const recent = await commerce.listBackfillBatches({ submitted_at: { $gte: new Date(Date.now() - BATCHES_KEPT_MS) } }, { select: ["mailchimp_batch_id"], take: 10_000 })
    lines.push(batchLine(batches.value.batches, new Set(recent.map((b) => b.mailchimp_batch_id).filter((id): id is string => !!id))))
  }
  return report(lines)
}

/** Key and data centre: Mailchimp's ping, and whose account the key opens. */
async function connectionLine(client: MailchimpClient, apiKey: string): Promise<HealthLine> {
  const key = maskApiKey(apiKey)
  const dc = /-([a-z]+[0-9]+)$/i.exec(apiKey.trim())?.[1].toLowerCase()
  try {
    await client.ping({ timeoutMs: READ_TIMEOUT_MS })
    const account = await client.account.get({ fields: ["account_name"] }, { timeoutMs: READ_TIMEOUT_MS })
    return ok("connection", "API key and data centre", `Key ${key} accepted${dc ? ` by data centre ${dc}` : ""}: account "${account.account_name}".`)
  } catch (e) {
    if (e instanceof MailchimpError && (e.status === 401 || e.status === 403)) {
      return error(
        "connection",
        "API key and data centre",
        `Mailchimp refused the key ${key}: ${e.title}. ${e.detail}`.trim(),
        "Create an API key in Mailchimp (Profile → Extras → API keys) and set MAILCHIMP_API_KEY to it; its -usN suffix names the account's data centre and must be kept."
      )
    }
    return error(
      "connection",
      "API key and data centre",
      `Mailchimp could not be reached${dc ? ` at data centre ${dc}` : ""}: ${(e as Error).message}`,
      "Check the key's -usN suffix (the data centre), MAILCHIMP_API_URL if a proxy is set, and that the server may reach https://<dc>.api.mailchimp.com."
    )
  }
}

async function read<T>(p: Promise<T>): Promise<Read<T>> {
  try {
    return { value: await p }
  } catch (e) {
    return { failed: e as Error }
  }
}

const isNotFound = (e: unknown) => e instanceof MailchimpError && e.status === 404

function unreadable(check: string, title: string, e: Error): HealthLine {
  const words = e instanceof MailchimpError ? `${e.status} ${e.title}: ${e.detail}` : e.message
  return error(check, title, `Mailchimp did not answer this check (${words}).`, "Run the check again; if it stays, Mailchimp's status page (status.mailchimp.com) says whether the API is down.")
}
