import { RunningSandbox, startSandbox, SandboxOptions } from "@medusa-mailchimp/sandbox"
import { freePort, TestRedis } from "./redis-server"
import { SandboxControl } from "./sandbox-control"

export type PluginEnv = {
  sandbox: RunningSandbox
  control: SandboxControl
  redis: TestRedis
  port: number
}

/**
 * What a spec needs before the runner boots the store: the stand-in (strict when
 * MAILCHIMP_OPENAPI is set), a private Redis for the plugin's queue, and the store's port, all
 * handed to medusa-config.ts through the environment. Call from a top-level beforeAll declared
 * before medusaIntegrationTestRunner, so it runs first.
 */
export async function startPluginEnv(
  opts: { sandbox?: SandboxOptions; env?: Record<string, string> } = {}
): Promise<PluginEnv> {
  // Mailchimp retries a delivery over 75 minutes: 4.5 s here.
  const sandbox = await startSandbox({ openapiPath: process.env.MAILCHIMP_OPENAPI, webhookClockScale: 0.001, ...opts.sandbox })
  const redis = new TestRedis(await freePort())
  await redis.start()
  const port = await freePort()
  Object.assign(process.env, {
    PORT: String(port),
    MAILCHIMP_API_KEY: sandbox.apiKey,
    MAILCHIMP_API_URL: sandbox.apiBase,
    MAILCHIMP_AUDIENCE_ID: sandbox.audienceId,
    MAILCHIMP_REDIS_URL: redis.url,
    MAILCHIMP_RETRY_BASE_MS: "50",
    ...opts.env,
  })
  return { sandbox, control: new SandboxControl(sandbox.url), redis, port }
}

export async function stopPluginEnv(env?: PluginEnv): Promise<void> {
  await env?.redis.stop()
  await env?.sandbox.close()
}
