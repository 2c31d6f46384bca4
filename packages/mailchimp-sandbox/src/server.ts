import http from "http"
import type { AddressInfo } from "net"
import { createSandboxApp } from "./app"
import { DEFAULT_HOST, SANDBOX_AUDIENCE_ID } from "./constants"
import type { SandboxState } from "./state"
import type { StartSandboxOptions } from "./types"

export interface RunningSandbox {
  /** http://127.0.0.1:PORT */
  url: string
  /** url + "/3.0": what the plugin uses instead of https://usX.api.mailchimp.com/3.0 */
  apiBase: string
  apiKey: string
  audienceId: string
  state: SandboxState
  strict: boolean
  /** Waits for webhook delivery attempts in flight (with `retries`, for scheduled retries too). */
  idle(options?: { retries?: boolean }): Promise<void>
  close(): Promise<void>
}

/** Starts the sandbox on a port (default: any free one) and, in strict mode, compiles the validator first. */
export async function startSandbox(options: StartSandboxOptions = {}): Promise<RunningSandbox> {
  const sandbox = createSandboxApp(options)
  const host = options.host ?? DEFAULT_HOST
  const server = http.createServer(sandbox.app)
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject)
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject)
      resolve()
    })
  })
  const { port } = server.address() as AddressInfo
  const urlHost = host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host.includes(":") ? `[${host}]` : host
  const url = `http://${urlHost}:${port}`
  await sandbox.warmUp()
  let closed: Promise<void> | undefined
  return {
    url,
    apiBase: `${url}/3.0`,
    apiKey: sandbox.state.apiKey,
    audienceId: SANDBOX_AUDIENCE_ID,
    state: sandbox.state,
    strict: sandbox.strict,
    idle: (opts) => sandbox.idle(opts),
    close() {
      closed ??= new Promise<void>((resolve) => {
        sandbox.close()
        server.close(() => resolve())
        server.closeAllConnections?.()
      })
      return closed
    },
  }
}
