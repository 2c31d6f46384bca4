import fs from "fs"
import os from "os"
import path from "path"
import * as tar from "tar"
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
