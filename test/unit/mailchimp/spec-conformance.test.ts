import express, { type NextFunction, type Request, type Response } from "express"
import * as OpenApiValidator from "express-openapi-validator"
import fs from "node:fs"
import type { Server } from "node:http"
import type { AddressInfo } from "node:net"
import { createRequire } from "node:module"
import { MailchimpClient, MailchimpError } from "../../../src/mailchimp"
import { mailchimpOpenApiPath } from "@medusa-mailchimp/sandbox"
import { RESOURCE_CALLS } from "./resource-calls"
import { TEST_KEY } from "./test-server"

type Schema = Record<string, any>

/** js-yaml comes with express-openapi-validator; it is no dependency of this package. */
function loadSpec(): Schema {
  const fromValidator = createRequire(require.resolve("express-openapi-validator"))
  const refParser = fromValidator.resolve("@apidevtools/json-schema-ref-parser")
  const yaml = createRequire(refParser)("js-yaml") as { load(text: string): unknown }
  const doc = yaml.load(fs.readFileSync(mailchimpOpenApiPath(), "utf8")) as Schema
  doc.servers = [{ url: "/3.0" }]
  return doc
}

function deref(doc: Schema, schema: Schema | undefined): Schema | undefined {
  let s = schema
  while (s && typeof s.$ref === "string") {
    s = s.$ref
      .replace(/^#\//, "")
      .split("/")
      .reduce((node: any, part: string) => node?.[decodeURIComponent(part)], doc)
  }
  return s
}

/** Body fields the description does not name: Mailchimp would silently drop a misspelt one. */
function unknownFields(doc: Schema, schema: Schema | undefined, value: unknown, at: string): string[] {
  const s = deref(doc, schema)
  if (!s || value === null || typeof value !== "object") return []
  if (Array.isArray(value)) return s.items ? value.flatMap((v, i) => unknownFields(doc, s.items, v, `${at}[${i}]`)) : []
  // `properties: {}` (batch operation params) is a free-form object, like merge_fields.
  if (s.allOf || s.anyOf || s.oneOf || !s.properties || !Object.keys(s.properties).length) return []
  if (s.additionalProperties !== undefined && s.additionalProperties !== false) return []
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) =>
    s.properties[k] ? unknownFields(doc, s.properties[k], v, `${at}.${k}`) : [`${at}.${k}`]
  )
}

describe("requests conform to Mailchimp's API description (3.0.76 validator copy)", () => {
  let server: Server
  let client: MailchimpClient

  beforeAll(async () => {
    const doc = loadSpec()
    const app = express()
    app.use(express.json())
    app.use(
      OpenApiValidator.middleware({
        apiSpec: doc as any,
        validateRequests: { allowUnknownQueryParameters: false, coerceTypes: false },
        validateResponses: false,
        validateSecurity: false,
        validateApiSpec: false,
        ignoreUndocumented: false,
        fileUploader: false,
      }) as any
    )
    app.use((req: Request, res: Response) => {
      const operation = (req as Request & { openapi?: { schema?: Schema } }).openapi?.schema
      const bodySchema = deref(doc, operation?.requestBody)?.content?.["application/json"]?.schema
      const unknown = bodySchema && req.body !== undefined ? unknownFields(doc, bodySchema, req.body, "body") : []
      if (unknown.length) {
        res.status(400).json({ title: "Unknown fields", status: 400, detail: unknown.join(", ") })
        return
      }
      res.status(200).json({})
    })
    app.use((err: any, _req: Request, res: Response, _next: NextFunction) => {
      const detail = [err.message, ...(err.errors ?? []).map((e: any) => `${e.path}: ${e.message}`)].join("; ")
      res.status(err.status ?? 500).json({ title: "Invalid Request", status: err.status ?? 500, detail })
    })
    server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, "127.0.0.1", () => resolve(s))
    })
    const { port } = server.address() as AddressInfo
    client = new MailchimpClient({ apiKey: TEST_KEY, apiUrl: `http://127.0.0.1:${port}/3.0` })
    await client.ping() // compiles the schemas once
  }, 60_000)

  afterAll(async () => {
    await client.close()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  })

  it.each(RESOURCE_CALLS.map((c) => [c.name, c] as const))("%s", async (_name, c) => {
    try {
      await c.call(client)
    } catch (err) {
      throw err instanceof MailchimpError ? new Error(`${c.name}: ${err.message}`) : err
    }
  })

  it("the validator does reject a malformed request", async () => {
    await expect(
      client.members.add("l1", { email_address: "a@b.c", status: "maybe" as "subscribed" })
    ).rejects.toMatchObject({ status: 400 })
    await expect(
      client.members.update("l1", "a@b.c", { stauts: "subscribed" } as unknown as { status: "subscribed" })
    ).rejects.toMatchObject({ status: 400, title: "Unknown fields" })
  })
})
