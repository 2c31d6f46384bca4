type Waiter = { resolve: () => void; reject: (e: unknown) => void }

/**
 * Hands ids to `run` in groups: an id that comes while a run is under way waits for the next run,
 * which takes every id that came meanwhile (up to `max`). An id that comes to an idle runner runs at
 * once, alone. So nothing waits for a window when the runner keeps up, and under a burst the cost
 * of a run (a workflow, its statements) is shared by the ids it carries. Each caller's promise
 * settles with its own id's outcome: when a group fails, its ids are run again one by one, so one
 * bad id fails only its own caller.
 */
export function runTogether(run: (ids: string[]) => Promise<unknown>, max = 50): (id: string) => Promise<void> {
  const waiting = new Map<string, Waiter[]>()
  let running = false
  let scheduled = false

  const settle = (waiters: Waiter[] | undefined, error?: unknown) => {
    for (const w of waiters ?? []) error === undefined ? w.resolve() : w.reject(error)
  }

  const runGroup = async (group: Map<string, Waiter[]>) => {
    const ids = [...group.keys()]
    try {
      await run(ids)
      for (const id of ids) settle(group.get(id))
    } catch (e) {
      if (ids.length === 1) return settle(group.get(ids[0]), e ?? new Error("run failed"))
      for (const id of ids) {
        await run([id]).then(
          () => settle(group.get(id)),
          (e) => settle(group.get(id), e ?? new Error("run failed"))
        )
      }
    }
  }

  const next = async () => {
    scheduled = false
    if (running || !waiting.size) return
    running = true
    const group = new Map<string, Waiter[]>()
    for (const [id, waiters] of waiting) {
      if (group.size >= max) break
      group.set(id, waiters)
    }
    for (const id of group.keys()) waiting.delete(id)
    try {
      await runGroup(group)
    } finally {
      running = false
      if (waiting.size) schedule()
    }
  }

  // The ids handed in during one turn of the event loop (the event bus hands several events at once) go together.
  const schedule = () => {
    if (scheduled) return
    scheduled = true
    setImmediate(next)
  }

  return (id: string) =>
    new Promise<void>((resolve, reject) => {
      const list = waiting.get(id) ?? []
      list.push({ resolve, reject })
      waiting.set(id, list)
      schedule()
    })
}

/** runTogether for each store container (one in a store process; tests may boot several). */
export function runTogetherIn<C extends object>(run: (container: C, ids: string[]) => Promise<unknown>): (container: C, id: string) => Promise<void> {
  const runners = new WeakMap<C, (id: string) => Promise<void>>()
  return (container, id) => {
    let runner = runners.get(container)
    if (!runner) {
      runner = runTogether((ids) => run(container, ids))
      runners.set(container, runner)
    }
    return runner(id)
  }
}
