import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"

/**
 * An admin user with a password, logged in through the real auth route: returns the headers
 * an admin request carries.
 */
export async function adminHeaders(
  container: MedusaContainer,
  baseUrl: string,
  email = "admin@medusa-mailchimp.test",
  password = "supersecret-admin"
): Promise<Record<string, string>> {
  const userModule = container.resolve(Modules.USER)
  const authModule = container.resolve(Modules.AUTH)
  let [user] = await userModule.listUsers({ email })
  if (!user) {
    user = await userModule.createUsers({ email, first_name: "Admin", last_name: "Mailchimp" })
    const { authIdentity, error } = await authModule.register("emailpass", {
      body: { email, password },
    } as never)
    if (error || !authIdentity) throw new Error(`Could not register the admin: ${error}`)
    await authModule.updateAuthIdentities({ id: authIdentity.id, app_metadata: { user_id: user.id } })
  }
  const res = await fetch(`${baseUrl}/auth/user/emailpass`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password }),
  })
  const body = await res.json()
  if (!body.token) throw new Error(`Admin login failed: ${res.status} ${JSON.stringify(body)}`)
  return { authorization: `Bearer ${body.token}` }
}
