import { execSync } from "child_process"
import fs from "fs"

let ticksPerSecond: number | undefined

/** CPU time (user + system, ms) a process has used so far, from /proc (Linux); NaN elsewhere. */
export function cpuMs(pid: number): number {
  try {
    ticksPerSecond ??= Number(execSync("getconf CLK_TCK", { encoding: "utf8" }).trim()) || 100
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8")
    // Fields after the command name (which may hold spaces) start at ") ".
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ")
    const utime = Number(fields[11])
    const stime = Number(fields[12])
    return ((utime + stime) * 1000) / ticksPerSecond
  } catch {
    return NaN
  }
}
