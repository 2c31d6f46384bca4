import fs from "fs"
import os from "os"
import path from "path"
import * as tar from "tar"
import zlib from "zlib"
import type { BatchOperationResult } from "./types"

/** Results per JSON file of the archive: a large batch gives several files, as Mailchimp's do. */
export const RESULTS_PER_FILE = 200

/**
 * The batch's results as Mailchimp publishes them at `response_body_url`: a gzipped tar of a folder named after
 * the batch, holding JSON files, each an array of `{status_code, operation_id, response}`.
 */
export async function resultsArchive(batchId: string, results: BatchOperationResult[]): Promise<Buffer> {
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), "mailchimp-sandbox-batch-"))
  try {
    await fs.promises.mkdir(path.join(dir, batchId))
    for (let i = 0; i * RESULTS_PER_FILE < results.length || i === 0; i++) {
      const name = path.posix.join(batchId, `${String(i + 1).padStart(3, "0")}.json`)
      const chunk = results.slice(i * RESULTS_PER_FILE, (i + 1) * RESULTS_PER_FILE)
      await fs.promises.writeFile(path.join(dir, name), JSON.stringify(chunk))
    }
    return await tar.c({ gzip: true, cwd: dir, portable: true }, [batchId]).concat()
  } finally {
    await fs.promises.rm(dir, { recursive: true, force: true })
  }
}

/** The results in an archive made by `resultsArchive`, in file order (a ustar reader: 512-byte headers, then data). */
export function readResultsArchive(archive: Buffer): BatchOperationResult[] {
  const tarball = zlib.gunzipSync(archive)
  const files: [string, BatchOperationResult[]][] = []
  for (let at = 0; at + 512 <= tarball.length; ) {
    const header = tarball.subarray(at, at + 512)
    if (header.every((b) => b === 0)) break
    const name = header.subarray(0, 100).toString("utf8").replace(/\0.*$/s, "")
    const size = parseInt(header.subarray(124, 136).toString("ascii").replace(/\0.*$/s, "").trim() || "0", 8)
    const type = String.fromCharCode(header[156] || 48)
    at += 512
    if (type === "0" && name.endsWith(".json")) files.push([name, JSON.parse(tarball.subarray(at, at + size).toString("utf8"))])
    at += Math.ceil(size / 512) * 512
  }
  return files.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).flatMap(([, results]) => results)
}
