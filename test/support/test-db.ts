/** A database name of its own per spec file and process, so parallel runs never share one. */
export function testDbName(spec: string): string {
  return `mc_${spec}_${process.pid}`.replace(/[^a-z0-9_]/gi, "_").toLowerCase()
}
