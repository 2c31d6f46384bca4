import type { NextFunction, Request, RequestHandler, Response } from "express"
import type { BatchRunner } from "../batches"
import type { SandboxEvent } from "../events"
import type { MemberContext } from "../members"
import { flag } from "../query"
import type { SandboxState } from "../state"
import type { DeliveryRecord, ListRecord, WebhookSource } from "../types"
import type { WebhookDispatcher } from "../webhook-delivery"

export interface RouteDeps {
  state: SandboxState
  dispatcher: WebhookDispatcher
  batches: BatchRunner
}

/** Wraps a handler so that thrown errors (ApiError) and rejected promises reach the error handler. */
export function handle(fn: (req: Request, res: Response) => unknown): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    try {
      const out = fn(req, res)
      if (out && typeof (out as Promise<unknown>).then === "function") (out as Promise<unknown>).catch(next)
    } catch (e) {
      next(e)
    }
  }
}

export function query(req: Request): Record<string, unknown> {
  return req.query as Record<string, unknown>
}

export function body(req: Request): Record<string, unknown> {
  const b = req.body
  return b && typeof b === "object" && !Array.isArray(b) ? (b as Record<string, unknown>) : {}
}

/** Collects the first delivery attempts of the events one change causes. */
export class EventCollector {
  readonly deliveries: Array<Promise<DeliveryRecord[]>> = []
  constructor(
    private readonly deps: RouteDeps,
    private readonly list: ListRecord,
    readonly source: WebhookSource
  ) {}
  emit = (event: SandboxEvent): void => {
    this.deliveries.push(this.deps.dispatcher.dispatch(this.list, event, this.source))
  }
  async settled(): Promise<DeliveryRecord[]> {
    return (await Promise.all(this.deliveries)).flat()
  }
}

/** The context of a change made through the API (source "api"): webhooks are told in the background. */
export function apiContext(deps: RouteDeps, list: ListRecord, req: Request): MemberContext {
  const collector = new EventCollector(deps, list, "api")
  return {
    list,
    emit: collector.emit,
    skipMergeValidation: flag(query(req).skip_merge_validation),
  }
}
