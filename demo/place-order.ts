/**
 * Places one order in the running demo store with the newsletter box ticked, then waits for the
 * shopper to show up in the Mailchimp stand-in.
 *
 *   node -r @swc-node/register demo/place-order.ts [EMAIL] [--metadata] [--no-opt-in]
 *
 * Reads .demo.json (written by `npm run demo`). `--metadata` sends the choice in the cart update
 * instead of the plugin's route; `--no-opt-in` leaves the box unticked.
 */
import fs from "fs"
import path from "path"
import { checkout, StoreClient } from "../test/support/store-client"
import type { DemoInfo } from "./run-demo"

const DEMO_FILE = path.resolve(__dirname, "../.demo.json")

async function main(): Promise<void> {
  if (!fs.existsSync(DEMO_FILE)) {
    throw new Error(`${DEMO_FILE} not found: start the demo first (npm run demo) and wait for its summary.`)
  }
  const demo = JSON.parse(fs.readFileSync(DEMO_FILE, "utf8")) as DemoInfo
  const args = process.argv.slice(2)
  const email = args.find((a) => !a.startsWith("--")) ?? `shopper-${Date.now()}@example.com`
  const optIn = args.includes("--no-opt-in") ? false : args.includes("--metadata") ? "metadata" : "route"

  const client = new StoreClient(demo.storeUrl, demo.publishableKey)
  const started = Date.now()
  const order = await checkout(client, {
    regionId: demo.regionId,
    variantId: demo.variantId,
    email,
    firstName: "Demo",
    lastName: "Shopper",
    optIn,
    headers: { "user-agent": "medusa-mailchimp-demo/1.0" },
  })
  console.log(
    `Order ${order.id} (#${order.display_id}) placed for ${email} in ${Date.now() - started} ms, newsletter box ${optIn ? `ticked (${optIn})` : "not ticked"}`
  )

  if (!demo.sandboxControlUrl) {
    console.log("The demo talks to the real Mailchimp: look for the member in your audience.")
    return
  }
  if (!optIn) return
  // The order's e-commerce customer can reach Mailchimp before the consent does, and makes the address a
  // transactional contact first: wait for the opt-in itself (subscribed, or pending with double opt-in).
  const deadline = Date.now() + 60_000
  while (Date.now() < deadline) {
    const res = await fetch(`${demo.sandboxControlUrl}/state`)
    const state: any = await res.json()
    const list = (state.lists ?? []).find((l: any) => l.id === demo.audienceId)
    const member = list?.members?.find((m: any) => m.email_address === email.toLowerCase())
    if (member && member.status !== "transactional") {
      const name = [member.merge_fields?.FNAME, member.merge_fields?.LNAME].filter(Boolean).join(" ")
      console.log(
        `Member in the stand-in after ${Date.now() - started} ms: ${member.email_address} (${name}), status ${member.status}` +
          `${member.tags?.length ? `, tags ${member.tags.map((t: any) => t.name ?? t).join(", ")}` : ""}`
      )
      console.log(`See it: curl -s ${demo.sandboxControlUrl}/state`)
      return
    }
    await new Promise((r) => setTimeout(r, 250))
  }
  throw new Error(`No subscribed or pending member ${email} in the stand-in after 60 s: see ${demo.logFile}`)
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err)
  process.exit(1)
})
