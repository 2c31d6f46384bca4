/**
 * `npx medusa exec test/support/seed-once.ts`: seeds a store the first time (seedStore), and on later
 * runs only reads back what the first run made, so a demo or a benchmark can re-use its database.
 * Optionally makes sure an admin user exists with the given password (created, or its password reset).
 *
 * Input (env): SEED_OUTPUT (where to write the JSON result, required), SEED_ADMIN_EMAIL and
 * SEED_ADMIN_PASSWORD (optional). Output: { seeded: boolean, ...SeededStore, adminEmail? }.
 */
import fs from "fs"
import type { ExecArgs } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { createUsersWorkflow } from "@medusajs/medusa/core-flows"
import { seedStore, SeededStore } from "./seed-store"

export type SeedOnceResult = SeededStore & { seeded: boolean; adminEmail?: string }

const KEY_TITLE = "Storefront"

export async function readSeededStore(container: ExecArgs["container"]): Promise<SeededStore | undefined> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: keys } = await query.graph({
    entity: "api_key",
    fields: ["id", "token", "type", "title", "revoked_at", "sales_channels.id"],
    filters: { title: KEY_TITLE, type: "publishable" },
  })
  const key = keys.find((k: any) => !k.revoked_at)
  if (!key) return undefined
  const { data: regions } = await query.graph({ entity: "region", fields: ["id", "name"], filters: { name: "United States" } })
  const { data: products } = await query.graph({
    entity: "product",
    fields: ["id", "handle", "variants.id"],
    filters: { handle: { $like: "t-shirt-%" } },
  })
  const { data: options } = await query.graph({ entity: "shipping_option", fields: ["id", "name"], filters: { name: "Standard Shipping" } })
  if (!regions.length || !products.length || !options.length) {
    throw new Error(
      "The database holds a publishable key but not the rest of the seeded store (region, product, shipping option): " +
        "it was seeded only in part. Drop the database and run again."
    )
  }
  products.sort((a: any, b: any) => a.handle.localeCompare(b.handle, undefined, { numeric: true }))
  return {
    publishableKey: key.token,
    regionId: regions[0].id,
    salesChannelId: (key as any).sales_channels?.[0]?.id,
    productIds: products.map((p: any) => p.id),
    variantIds: products.flatMap((p: any) => p.variants.map((v: any) => v.id)),
    shippingOptionId: options[0].id,
  }
}

/** Creates the admin user, or sets its password when it exists already. */
export async function ensureAdminUser(container: ExecArgs["container"], email: string, password: string): Promise<"created" | "updated"> {
  const userModule = container.resolve(Modules.USER)
  const authModule = container.resolve(Modules.AUTH)
  const [existing] = await userModule.listUsers({ email })
  const identities = await authModule.listProviderIdentities({ entity_id: email, provider: "emailpass" })
  if (existing && identities.length) {
    const res = await authModule.updateProvider("emailpass", { entity_id: email, password })
    if (!res.success) throw new Error(`Could not set the admin password: ${res.error}`)
    return "updated"
  }
  const user = existing ?? (await createUsersWorkflow(container).run({ input: { users: [{ email }] } })).result[0]
  const { authIdentity, error } = await authModule.register("emailpass", { body: { email, password } } as any)
  if (error || !authIdentity) throw new Error(`Could not register the admin user: ${error}`)
  await authModule.updateAuthIdentities({ id: authIdentity.id, app_metadata: { user_id: user.id } })
  return "created"
}

export default async function seedOnce({ container }: ExecArgs): Promise<void> {
  const out = process.env.SEED_OUTPUT
  if (!out) throw new Error("SEED_OUTPUT (the file to write the result to) is not set")
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  let store = await readSeededStore(container)
  const seeded = !store
  if (!store) {
    logger.info("Seeding the store: region, stock location, shipping option, product, publishable key")
    store = await seedStore(container, { products: Number(process.env.SEED_PRODUCTS || 1) })
  } else {
    logger.info("The store is seeded already: re-using it")
  }
  const result: SeedOnceResult = { seeded, ...store }
  const email = process.env.SEED_ADMIN_EMAIL
  const password = process.env.SEED_ADMIN_PASSWORD
  if (email && password) {
    const how = await ensureAdminUser(container, email, password)
    logger.info(`Admin user ${email}: ${how}`)
    result.adminEmail = email
  }
  fs.writeFileSync(out, JSON.stringify(result, null, 2))
}
