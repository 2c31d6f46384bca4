/**
 * What most integration specs set up the same way inside medusaIntegrationTestRunner's testSuite: a store seeded
 * once, and before each test a stand-in reset to empty, a shopper client, the core module with its audience cache
 * forgotten, and (when asked) an admin's headers. Plus the reads of the stand-in those specs repeat.
 */
import type { MedusaContainer } from "@medusajs/framework/types"
import { MAILCHIMP_MODULE } from "../../src/modules/mailchimp"
import type MailchimpModuleService from "../../src/modules/mailchimp/service"
import { adminHeaders } from "./admin-auth"
import type { PluginEnv } from "./plugin-env"
import { waitFor } from "./redis-server"
import { seedStore, type SeededStore } from "./seed-store"
import { StoreClient } from "./store-client"

/** Addresses no other test of the spec uses: `PREFIX1-<now>@example.com`, `PREFIX2-…`. */
export function addressMaker(prefix: string): () => string {
  let n = 0
  return () => `${prefix}${++n}-${Date.now()}@example.com`
}

type RunnerArgs = { api: { defaults: { baseURL?: string } }; getContainer: () => MedusaContainer }

export type SpecStore = {
  /** The seeded store (after the first beforeAll). */
  readonly store: SeededStore
  /** A fresh shopper client for each test. */
  readonly shop: StoreClient
  readonly service: MailchimpModuleService
  /** An admin's headers (only with `admin: true`). */
  readonly admin: Record<string, string>
  readonly baseUrl: string
}

/**
 * Registers the beforeAll (seed) and beforeEach (reset and clients) hooks; read the handles from the answer inside
 * tests (they change before each test).
 */
export function useSeededStore(
  { api, getContainer }: RunnerArgs,
  env: () => PluginEnv,
  opts: { products?: number; admin?: boolean } = {}
): SpecStore {
  const handles: Partial<Record<keyof SpecStore, any>> = {}
  beforeAll(async () => {
    handles.store = await seedStore(getContainer(), opts.products ? { products: opts.products } : {})
  })
  beforeEach(async () => {
    await env().control.reset()
    handles.baseUrl = api.defaults.baseURL
    handles.shop = new StoreClient(handles.baseUrl, handles.store.publishableKey)
    handles.service = getContainer().resolve(MAILCHIMP_MODULE)
    handles.service.forgetAudienceProfile()
    if (opts.admin) handles.admin = await adminHeaders(getContainer(), handles.baseUrl)
  })
  return handles as SpecStore
}

/** The stand-in's member at an address (undefined: none), and waiting for one (in a status). */
export function audienceReads(env: () => PluginEnv) {
  const memberOf = (address: string) => env().control.member(env().sandbox.audienceId, address)
  const waitForMember = async (address: string, status?: string, timeoutMs = 20_000) => {
    await waitFor(async () => {
      const m = await memberOf(address)
      return !!m && (!status || m.status === status)
    }, timeoutMs)
    return memberOf(address)
  }
  return { memberOf, waitForMember }
}
