import { Readable } from "node:stream"
import { pipeline } from "node:stream/promises"
import { Parser, ReadEntry } from "tar"
import { request } from "undici"

export type BatchOperationResult = { status_code: number; operation_id: string | null; response: string }

/**
 * Reads a finished batch's results: `response_body_url` points at a gzipped tar of JSON files, each
 * an array of {status_code, operation_id, response}. Streamed through tar's parser (it un-gzips);
 * each file is parsed on its own and handed to `onResults`, so memory holds one file at a time.
 * The link needs no credentials (Mailchimp's is a signed storage URL), so none are sent.
 * Over https only (and redirects too), unless `allowHttp` (a development store or a custom apiUrl, see options.ts).
 */
export async function readBatchResults(
  url: string,
  onResults: (results: BatchOperationResult[]) => void,
  { timeoutMs = 120_000, allowHttp = false }: { timeoutMs?: number; allowHttp?: boolean } = {}
): Promise<number> {
  const res = await fetchResults(url, timeoutMs, allowHttp)
  if (res.statusCode !== 200) {
    await res.body.dump()
    throw new Error(`Batch results answered ${res.statusCode}`)
  }
  let count = 0
  const reads: Promise<void>[] = []
  const parser = new Parser({
    onReadEntry: (entry: ReadEntry) => {
      if (entry.type !== "File" || !entry.path.endsWith(".json")) {
        entry.resume()
        return
      }
      reads.push(
        entry.concat().then((data: Buffer | string) => {
          const parsed = JSON.parse(data.toString())
          if (Array.isArray(parsed)) {
            count += parsed.length
            onResults(parsed as BatchOperationResult[])
          }
        })
      )
    },
  })
  await pipeline(res.body as unknown as Readable, parser as unknown as NodeJS.WritableStream)
  await Promise.all(reads)
  return count
}

const MAX_REDIRECTS = 3

async function fetchResults(url: string, timeoutMs: number, allowHttp: boolean) {
  let target = new URL(url)
  for (let hop = 0; ; hop++) {
    if (target.protocol !== "https:" && !(allowHttp && target.protocol === "http:")) {
      throw new Error(`Batch results must be fetched over https, not ${target.protocol}`)
    }
    const res = await request(target, { method: "GET", headersTimeout: timeoutMs, bodyTimeout: timeoutMs })
    const location = res.headers.location
    if (res.statusCode < 300 || res.statusCode >= 400 || typeof location !== "string" || hop === MAX_REDIRECTS) return res
    await res.body.dump()
    target = new URL(location, target)
  }
}
