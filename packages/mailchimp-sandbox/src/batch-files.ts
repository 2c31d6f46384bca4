/**
 * Where finished batches keep what they no longer need in memory: the results archive that `response_body_url`
 * serves, and the operations as submitted (shown by GET /_sandbox/batches), each a file in a folder of its own
 * under the system's temporary folder. A backfill of a million objects sends thousands of batches: held in the heap,
 * their bodies and answers were gigabytes. The folder goes on reset, on close and when the process exits.
 */
import fs from "fs"
import os from "os"
import path from "path"
import zlib from "zlib"
import type { BatchOperationInput } from "./types"

/** Every folder made here and not yet removed, removed at exit (a bench child is often just stopped). */
const live = new Set<string>()
let exitHook = false

function removeDir(dir: string): void {
  live.delete(dir)
  fs.rmSync(dir, { recursive: true, force: true })
}

export class BatchFiles {
  private dir: string | undefined

  private folder(): string {
    if (!this.dir) {
      this.dir = fs.mkdtempSync(path.join(os.tmpdir(), "mailchimp-sandbox-batches-"))
      live.add(this.dir)
      if (!exitHook) {
        exitHook = true
        process.once("exit", () => [...live].forEach(removeDir))
      }
    }
    return this.dir
  }

  private file(batchId: string, suffix: string): string {
    return path.join(this.folder(), `${batchId}.${suffix}`)
  }

  /** Keeps a finished batch's results archive and its operations (gzipped JSON); answers the archive's path. */
  async keep(batchId: string, archive: Buffer, operations: BatchOperationInput[]): Promise<string> {
    const archivePath = this.file(batchId, "tar.gz")
    const gzipped = await new Promise<Buffer>((resolve, reject) =>
      zlib.gzip(JSON.stringify(operations), { level: 1 }, (err, out) => (err ? reject(err) : resolve(out)))
    )
    await fs.promises.writeFile(archivePath, archive)
    await fs.promises.writeFile(this.file(batchId, "operations.json.gz"), gzipped)
    return archivePath
  }

  archive(batchId: string): Buffer {
    return fs.readFileSync(this.file(batchId, "tar.gz"))
  }

  operations(batchId: string): BatchOperationInput[] {
    return JSON.parse(zlib.gunzipSync(fs.readFileSync(this.file(batchId, "operations.json.gz"))).toString("utf8"))
  }

  /** A deleted batch's files go with it. */
  remove(batchId: string): void {
    if (!this.dir) return
    for (const suffix of ["tar.gz", "operations.json.gz"]) fs.rmSync(this.file(batchId, suffix), { force: true })
  }

  /** Every file goes (reset, close). */
  clear(): void {
    if (this.dir) removeDir(this.dir)
    this.dir = undefined
  }
}
