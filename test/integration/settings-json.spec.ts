import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import type { RunningSandbox } from "@medusa-mailchimp/sandbox"
import { MailchimpClient } from "../../src/mailchimp"
import { MAILCHIMP_MODULE } from "../../src/modules/mailchimp"
import type MailchimpModuleService from "../../src/modules/mailchimp/service"
import { adminCaller, adminHeaders } from "../support/admin-auth"
import { PluginEnv, startPluginEnv, stopPluginEnv } from "../support/plugin-env"
import { seedStore, SeededStore } from "../support/seed-store"
import { StoreClient } from "../support/store-client"
import { testDbName } from "../support/test-db"

/**
 * The settings' json columns (merge_fields, interest_categories) are replaced on save, never merged into the saved
 * ones: Medusa's ORM update merges a json object into the row's (mergeObjectProperties), so a key the merchant took
 * out used to stay. Each case goes through the admin route and reads the result back through the routes.
 */
jest.setTimeout(180_000)

let env: PluginEnv
let sandbox: RunningSandbox

beforeAll(async () => {
  env = await startPluginEnv({ env: { MAILCHIMP_RECONCILE_AFTER_S: "3600" } })
  ;({ sandbox } = env)
})

afterAll(() => stopPluginEnv(env))

medusaIntegrationTestRunner({
  dbName: testDbName("settingsjson"),
  testSuite: ({ api, getContainer }) => {
    let store: SeededStore
    let admin: Record<string, string>
    let mailchimp: MailchimpClient

    beforeAll(async () => {
      store = await seedStore(getContainer())
      admin = await adminHeaders(getContainer(), api.defaults.baseURL!)
      mailchimp = new MailchimpClient({ apiKey: sandbox.apiKey, apiUrl: sandbox.apiBase })
    })

    afterAll(() => mailchimp.close())

    const adminCall = adminCaller(() => api.defaults.baseURL!, () => admin)
    const save = async (change: object) => {
      const res = await adminCall("POST", "/admin/mailchimp/settings", change)
      expect(res.status).toBe(200)
      return res.body.mailchimp
    }
    const offered = async () => {
      const shop = new StoreClient(api.defaults.baseURL!, store.publishableKey)
      const { body } = await shop.call("GET", "/store/newsletter/settings")
      return (body.newsletter.interest_categories as Array<{ id: string }>).map((c) => c.id)
    }
    const service = () => getContainer().resolve<MailchimpModuleService>(MAILCHIMP_MODULE)

    it("a merge field left out of a change goes back to its option (an object's key is removed)", async () => {
      const swapped = await save({ merge_fields: { first_name: "LNAME", last_name: "FNAME" } })
      expect(swapped.settings.merge_fields).toEqual(expect.objectContaining({ first_name: "LNAME", last_name: "FNAME" }))
      const after = await save({ merge_fields: { last_name: "FNAME", first_name: "LNAME" } })
      expect(after.settings.merge_fields.first_name).toBe("LNAME")

      const back = await save({ merge_fields: { phone: "PHONE" } })
      expect(back.settings.merge_fields).toEqual(back.defaults.merge_fields)
      expect(service().getSavedSettings()?.merge_fields).toEqual({ phone: "PHONE" })
      const read = (await adminCall("GET", "/admin/mailchimp/settings")).body.mailchimp
      expect(read.settings.merge_fields.first_name).toBe("FNAME")
      await save({ merge_fields: null })
    })

    it("a category taken out of the offer is no longer offered (an array's entry is removed)", async () => {
      const audience = sandbox.audienceId
      const topics = await mailchimp.interests.createCategory(audience, { title: "Topics", type: "checkboxes" })
      await mailchimp.interests.createInterest(audience, topics.id, { name: "Shoes" })
      const colours = await mailchimp.interests.createCategory(audience, { title: "Colours", type: "dropdown" })
      await mailchimp.interests.createInterest(audience, colours.id, { name: "Red" })
      service().forgetAudienceProfile()

      await save({ interest_categories: [topics.id, colours.id] })
      expect((await offered()).sort()).toEqual([topics.id, colours.id].sort())
      await save({ interest_categories: [colours.id] })
      service().forgetAudienceProfile()
      expect(await offered()).toEqual([colours.id])
      await save({ interest_categories: [] })
      service().forgetAudienceProfile()
      expect(await offered()).toEqual([])
    })

    it("an audience's categories put back to the option are gone even while another audience keeps its own", async () => {
      const audience = sandbox.audienceId
      const topics = await mailchimp.interests.createCategory(audience, { title: "Sizes", type: "checkboxes" })
      await mailchimp.interests.createInterest(audience, topics.id, { name: "Large" })
      // Another audience's choice, saved while it was the one in force.
      await service().saveSettings({ interest_categories: { "other-audience": ["cat-elsewhere"] } })
      await service().refreshSettings()
      await save({ interest_categories: [topics.id] })
      expect(service().getSavedSettings()?.interest_categories).toEqual({ "other-audience": ["cat-elsewhere"], [audience]: [topics.id] })

      const reset = await save({ interest_categories: null })
      expect(service().getSavedSettings()?.interest_categories).toEqual({ "other-audience": ["cat-elsewhere"] })
      expect(reset.settings.interest_categories).toEqual(reset.defaults.interest_categories)
      service().forgetAudienceProfile()
      expect(await offered()).toEqual([])
    })
  },
})
