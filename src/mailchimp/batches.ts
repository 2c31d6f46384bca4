import type { FieldsQuery, HttpMethod, PageQuery, Requester } from "./request-types"
import { apiPath } from "./url"

export type BatchOperation = {
  method: HttpMethod
  /** Relative to the API root and without `/3.0`, e.g. `/lists/abc/members`. */
  path: string
  /** Query string parameters. */
  params?: Record<string, string>
  /** The JSON body as a string; an object is serialised here. */
  body?: string | Record<string, unknown> | unknown[]
  /** Echoed in the results so they can be matched: operations do not run in order. */
  operation_id?: string
}

export type BatchStatusValue = "pending" | "preprocessing" | "started" | "finalizing" | "finished"

export type BatchStatus = {
  id: string
  status: BatchStatusValue
  total_operations: number
  /** Counts failed operations too: check `errored_operations`. */
  finished_operations: number
  errored_operations: number
  submitted_at?: string
  completed_at?: string
  /** A gzipped tar of JSON result arrays, valid for 10 minutes once finished; empty before. */
  response_body_url: string
}

export type BatchesPage = { batches: BatchStatus[]; total_items: number }

/** Asynchronous batch operations. Mailchimp allows 500 pending batches per user. */
export class BatchesApi {
  constructor(private readonly http: Requester) {}

  create(operations: BatchOperation[]): Promise<BatchStatus> {
    const body = {
      operations: operations.map((op) =>
        op.body === undefined || typeof op.body === "string" ? op : { ...op, body: JSON.stringify(op.body) }
      ),
    }
    return this.http.request("POST", "/batches", { body })
  }

  get(batchId: string, query?: FieldsQuery): Promise<BatchStatus> {
    return this.http.request("GET", apiPath`/batches/${batchId}`, { query })
  }

  list(query?: PageQuery): Promise<BatchesPage> {
    return this.http.request("GET", "/batches", { query })
  }

  /** Stops the batch; results of operations already run are no longer available. */
  delete(batchId: string): Promise<void> {
    return this.http.request("DELETE", apiPath`/batches/${batchId}`)
  }
}
