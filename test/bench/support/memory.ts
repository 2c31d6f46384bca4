import fs from "fs"

/** Resident memory (kB) of a process and its descendants, from /proc: [VmRSS sum, VmHWM of the root]. */
export function memoryKb(root: number): { rss: number; hwm: number } {
  const children = new Map<number, number[]>()
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8")
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1])
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)])
    } catch {
      /* gone */
    }
  }
  const field = (pid: number, name: string) => {
    try {
      const m = new RegExp(`^${name}:\\s+(\\d+) kB`, "m").exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))
      return m ? Number(m[1]) : 0
    } catch {
      return 0
    }
  }
  let rss = 0
  const todo = [root]
  while (todo.length) {
    const pid = todo.pop()!
    rss += field(pid, "VmRSS")
    todo.push(...(children.get(pid) ?? []))
  }
  return { rss, hwm: field(root, "VmHWM") }
}
