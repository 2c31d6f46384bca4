/** Parent side of sandbox-child.ts: the stand-in in its own process, with first-seen times of members. */
import { ChildProcess, fork } from "child_process"
import path from "path"
import { SandboxControl } from "../../support/sandbox-control"

export interface SandboxProcess {
  url: string
  apiBase: string
  apiKey: string
  audienceId: string
  control: SandboxControl
  /** email (lower case) → epoch ms when the member first appeared, while watching. */
  seen: Map<string, number>
  /** e-commerce order id → epoch ms when the order first appeared in a store of the stand-in, while watching. */
  ordersSeen: Map<string, number>
  watch(on: boolean): void
  /** Resolves when every email has been seen, or when the time is up (then some are missing). */
  waitForMembers(emails: string[], timeoutMs: number): Promise<void>
  /** The same for e-commerce orders, by id. */
  waitForOrders(ids: string[], timeoutMs: number): Promise<void>
  /** The stand-in's counters (batches, campaigns and segments made so far). */
  counters(): Promise<Record<string, number>>
  /** Latency and connection limit of every client call through `apiBase` (wire.ts); 0, 0: a pass-through. */
  wire(latencyMs: number, maxConnections: number): Promise<void>
  close(): Promise<void>
}

export async function startSandboxProcess(): Promise<SandboxProcess> {
  const child: ChildProcess = fork(path.join(__dirname, "sandbox-child.ts"), [], {
    execArgv: ["-r", "@swc-node/register"],
    env: { ...process.env, MAILCHIMP_OPENAPI: "" },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  })
  const killOnExit = () => child.kill("SIGKILL")
  process.once("exit", killOnExit)
  const seen = new Map<string, number>()
  const ordersSeen = new Map<string, number>()
  const listeners = new Set<() => void>()
  const ready = await new Promise<any>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`The stand-in process exited (${code})`)))
    child.on("message", (msg: any) => {
      if (msg?.type === "ready") resolve(msg)
      if (msg?.type === "members") {
        for (const [email, , at] of msg.seen as [string, string, number][]) if (!seen.has(email)) seen.set(email, at)
        for (const l of listeners) l()
      }
      if (msg?.type === "orders") {
        for (const [id, at] of msg.seen as [string, number][]) if (!ordersSeen.has(id)) ordersSeen.set(id, at)
        for (const l of listeners) l()
      }
    })
  })
  function waitFor(map: Map<string, number>, wanted: string[], timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const check = () => {
        if (wanted.every((k) => map.has(k))) done()
      }
      const timer = setTimeout(() => done(), timeoutMs)
      const done = () => {
        clearTimeout(timer)
        listeners.delete(check)
        resolve()
      }
      listeners.add(check)
      check()
    })
  }
  /** Sends a message to the child and resolves with its first answer of type `reply`. */
  function ask(msg: Record<string, unknown>, reply: string): Promise<any> {
    return new Promise((resolve) => {
      const onMessage = (answer: any) => {
        if (answer?.type !== reply) return
        child.off("message", onMessage)
        resolve(answer)
      }
      child.on("message", onMessage)
      child.send(msg)
    })
  }
  return {
    url: ready.url,
    apiBase: ready.apiBase,
    apiKey: ready.apiKey,
    audienceId: ready.audienceId,
    control: new SandboxControl(ready.url),
    seen,
    ordersSeen,
    watch(on) {
      child.send({ type: "watch", on })
    },
    waitForMembers(emails, timeoutMs) {
      return waitFor(seen, emails.map((e) => e.toLowerCase()), timeoutMs)
    },
    waitForOrders(ids, timeoutMs) {
      return waitFor(ordersSeen, ids, timeoutMs)
    },
    async counters() {
      return (await ask({ type: "counters" }, "counters")).counters
    },
    async wire(latencyMs, maxConnections) {
      await ask({ type: "wire", latency_ms: latencyMs, max_connections: maxConnections }, "wire-set")
    },
    async close() {
      process.off("exit", killOnExit)
      if (child.exitCode !== null) return
      const exited = new Promise((r) => child.once("exit", r))
      child.send({ type: "close" })
      const t = setTimeout(() => child.kill("SIGKILL"), 5_000)
      await exited
      clearTimeout(t)
    },
  }
}
