import express from "express"
import http from "http"
import type { AddressInfo } from "net"
import { authMiddleware } from "./auth"
import { BatchRunner } from "./batches"
import { API_BODY_LIMIT_BYTES } from "./constants"
import { errorHandler, notFound } from "./error-handler"
import { concurrencyLimit, faultsMiddleware, triggerErrorMiddleware } from "./faults"
import { captureBody, requestLog } from "./request-log"
import { actingRouter } from "./routes/acting"
import { batchesRouter } from "./routes/batches"
import { campaignsRouter } from "./routes/campaigns"
import { connectedSitesRouter, originOf, siteScriptRouter } from "./routes/connected-sites"
import { controlRouter } from "./routes/control"
import { controlBatchesRouter } from "./routes/control-batches"
import { controlCampaignsRouter } from "./routes/control-campaigns"
import type { RouteDeps } from "./routes/deps"
import { ecommerceCartsRouter } from "./routes/ecommerce-carts"
import { ecommerceCustomersRouter } from "./routes/ecommerce-customers"
import { ecommerceOrdersRouter } from "./routes/ecommerce-orders"
import { ecommerceProductsRouter } from "./routes/ecommerce-products"
import { ecommercePromoRulesRouter } from "./routes/ecommerce-promo-rules"
import { ecommerceStoresRouter } from "./routes/ecommerce-stores"
import { interestsRouter } from "./routes/interests"
import { listsRouter } from "./routes/lists"
import { membersRouter } from "./routes/members"
import { memberEventsRouter } from "./routes/member-events"
import { mergeFieldsRouter } from "./routes/merge-fields"
import { pingRouter } from "./routes/ping"
import { reportsRouter } from "./routes/reports"
import { segmentsRouter } from "./routes/segments"
import { tagsRouter } from "./routes/tags"
import { webhooksRouter } from "./routes/webhooks"
import { SandboxState } from "./state"
import { strictValidator, type StrictValidator } from "./strict"
import type { SandboxOptions } from "./types"
import { WebhookDispatcher } from "./webhook-delivery"

export interface SandboxApp {
  app: express.Express
  state: SandboxState
  dispatcher: WebhookDispatcher
  /** Requests and responses under /3.0 are validated against Mailchimp's API description. */
  strict: boolean
  /** Strict mode: compiles the validator now (about 2 s, once per process) instead of on the first request. */
  warmUp(): Promise<void>
  /** Waits for webhook delivery attempts in flight. */
  idle(options?: { retries?: boolean }): Promise<void>
  /** Cancels scheduled webhook retries, campaign schedules and batches. */
  close(): void
}

const warmed = new WeakSet<StrictValidator>()

/** The Mailchimp Marketing API stand-in, as an express app: /3.0 (the API) and /_sandbox (test controls). */
export function createSandboxApp(options: SandboxOptions = {}): SandboxApp {
  const state = new SandboxState(options)
  const dispatcher = new WebhookDispatcher(state)
  const app = express()
  const batches = new BatchRunner(state, () => app)
  const deps: RouteDeps = { state, dispatcher, batches }
  const strict = state.openapiPath ? strictValidator(state.openapiPath) : undefined

  app.disable("x-powered-by")
  app.set("etag", false)

  const api = express.Router()
  api.use(requestLog(state))
  api.use((req, _res, next) => {
    state.origin = originOf(req)
    next()
  })
  api.use(concurrencyLimit(state))
  api.use(express.json({ limit: API_BODY_LIMIT_BYTES, type: () => true }))
  api.use(captureBody)
  if (strict) api.use(...strict.early)
  api.use(faultsMiddleware(state))
  api.use(triggerErrorMiddleware())
  api.use(authMiddleware(state))
  if (strict) api.use(...strict.request)
  api.use(pingRouter(deps))
  api.use(listsRouter(deps))
  api.use("/lists/:list_id/members/:subscriber_hash/tags", tagsRouter(deps))
  api.use("/lists/:list_id/members/:subscriber_hash/events", memberEventsRouter(deps))
  api.use("/lists/:list_id/members", membersRouter(deps))
  api.use("/lists/:list_id/merge-fields", mergeFieldsRouter(deps))
  api.use("/lists/:list_id/interest-categories", interestsRouter(deps))
  api.use("/lists/:list_id/webhooks", webhooksRouter(deps))
  api.use("/lists/:list_id/segments", segmentsRouter(deps))
  api.use("/ecommerce/stores/:store_id/customers", ecommerceCustomersRouter(deps))
  api.use("/ecommerce/stores/:store_id/products", ecommerceProductsRouter(deps))
  api.use("/ecommerce/stores/:store_id/promo-rules", ecommercePromoRulesRouter(deps))
  api.use(ecommerceOrdersRouter(deps))
  api.use("/ecommerce/stores/:store_id/carts", ecommerceCartsRouter(deps))
  api.use("/ecommerce/stores", ecommerceStoresRouter(deps))
  api.use("/connected-sites", connectedSitesRouter(deps))
  api.use("/campaigns", campaignsRouter(deps))
  api.use("/reports", reportsRouter(deps))
  api.use("/batches", batchesRouter(deps))
  api.use(notFound)
  api.use(errorHandler(state))
  app.use("/3.0", api)

  const control = express.Router()
  control.use(express.json({ limit: "1mb" }))
  control.use(controlRouter(deps))
  control.use(actingRouter(deps))
  control.use(controlBatchesRouter(deps))
  control.use(controlCampaignsRouter(deps))
  control.use(notFound)
  control.use(errorHandler(state))
  app.use("/_sandbox", control)
  app.use(siteScriptRouter(state))

  app.use(notFound)
  app.use(errorHandler(state))

  return {
    app,
    state,
    dispatcher,
    strict: !!strict,
    async warmUp() {
      if (!strict || warmed.has(strict)) return
      const logged = state.requests.length
      const server = http.createServer(app)
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
      try {
        const { port } = server.address() as AddressInfo
        const res = await fetch(`http://127.0.0.1:${port}/3.0/ping`, {
          headers: { authorization: `Bearer ${state.apiKey}` },
        })
        await res.arrayBuffer()
        warmed.add(strict)
      } finally {
        server.closeAllConnections?.()
        await new Promise<void>((resolve) => server.close(() => resolve()))
        state.requests.splice(logged)
      }
    },
    idle: (opts) => state.idle(opts),
    close: () => state.dispose(),
  }
}
