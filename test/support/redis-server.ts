import { ChildProcess, spawn } from "child_process"
import net from "net"

/** A private redis-server on its own port, so a test can stop and start it under the plugin's feet. */
export class TestRedis {
  protected process_?: ChildProcess

  constructor(readonly port: number) {}

  get url() {
    return `redis://127.0.0.1:${this.port}`
  }

  async start(): Promise<void> {
    this.process_ = spawn(
      process.env.REDIS_SERVER_BIN || "redis-server",
      ["--port", String(this.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
      { stdio: "ignore" }
    )
    await waitFor(() => canConnect(this.port), 10_000)
  }

  async stop(): Promise<void> {
    const proc = this.process_
    if (!proc || proc.exitCode !== null) return
    const exited = new Promise((resolve) => proc.once("exit", resolve))
    proc.kill("SIGKILL")
    await exited
    this.process_ = undefined
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
    server.on("error", reject)
  })
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1")
    socket.once("connect", () => (socket.destroy(), resolve(true)))
    socket.once("error", () => resolve(false))
  })
}

/**
 * Waits until `check` holds. The bound is at least WAIT_FLOOR_MS: these waits check that something happens, never
 * how fast (speed is the benchmarks' business), and the whole suite shares one process on a 2-core machine, where a
 * job that takes 2 s alone can take 20 s late in a run.
 */
const WAIT_FLOOR_MS = 60_000

export async function waitFor(check: () => Promise<boolean> | boolean, timeoutMs: number, everyMs = 50): Promise<void> {
  timeoutMs = Math.max(timeoutMs, WAIT_FLOOR_MS)
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (await check()) return
    await new Promise((r) => setTimeout(r, everyMs))
  }
  throw new Error(`Condition not met within ${timeoutMs} ms`)
}
