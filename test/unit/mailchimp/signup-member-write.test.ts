import { MailchimpClient, subscriberHash } from "../../../src/mailchimp"
import { writeSignupMember } from "../../../src/queue/processors/write-signup-member"
import type { ProcessorContext } from "../../../src/queue/processors/context"
import { mailchimpOpenApiPath, RunningSandbox, startSandbox } from "@medusa-mailchimp/sandbox"

describe("an anonymous signup's member write", () => {
  let sandbox: RunningSandbox
  let client: MailchimpClient
  beforeAll(async () => {
    sandbox = await startSandbox({ openapiPath: mailchimpOpenApiPath() })
    client = new MailchimpClient({ apiKey: sandbox.apiKey, apiUrl: sandbox.apiBase })
  })
  afterAll(async () => {
    await client.close()
    await sandbox.close()
  })

  const write = (email: string, c: MailchimpClient = client) =>
    writeSignupMember(
      {
        audienceId: sandbox.audienceId,
        hash: subscriberHash(email),
        full: { email_address: email, merge_fields: { FNAME: "Mallory" }, ip_signup: "203.0.113.66", status_if_new: "pending" },
        storeFields: {},
        status: "pending",
      },
      { client: c } as unknown as ProcessorContext
    )

  it("a member that arrives between the read and the add (Member Exists) keeps its name", async () => {
    const email = `race-${Date.now()}@example.com`
    // The read answers "not held"; before the POST, a checkout's write adds the member as Ada.
    const racing = Object.create(client) as MailchimpClient
    const members = Object.create(client.members)
    members.get = async (...args: Parameters<typeof client.members.get>) => {
      const answer = client.members.get(...args)
      await answer.catch(() => undefined)
      await client.members.upsert(sandbox.audienceId, subscriberHash(email), { email_address: email, status_if_new: "subscribed", merge_fields: { FNAME: "Ada" } })
      return answer
    }
    Object.defineProperty(racing, "members", { value: members })
    const { member, created } = await write(email, racing)
    expect(created).toBe(false)
    expect(member.status).toBe("subscribed")
    expect(member.merge_fields.FNAME).toBe("Ada")
    expect(member.ip_signup).not.toBe("203.0.113.66")
  })

  it("an archived member is held too: restored through the status alone, its name kept", async () => {
    const email = `archived-${Date.now()}@example.com`
    await client.members.upsert(sandbox.audienceId, subscriberHash(email), { email_address: email, status_if_new: "subscribed", merge_fields: { FNAME: "Grace" } })
    await client.members.archive(sandbox.audienceId, subscriberHash(email))
    const { member, created } = await write(email)
    expect(created).toBe(false)
    expect(member.status).toBe("pending")
    expect(member.merge_fields.FNAME).toBe("Grace")
  })

  it("a new address is added with everything the signup came with", async () => {
    const email = `new-${Date.now()}@example.com`
    const { member, created } = await write(email)
    expect(created).toBe(true)
    expect(member).toEqual(expect.objectContaining({ status: "pending", ip_signup: "203.0.113.66" }))
    expect(member.merge_fields.FNAME).toBe("Mallory")
  })
})
