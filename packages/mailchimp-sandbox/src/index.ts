export { SANDBOX_API_KEY, SANDBOX_AUDIENCE_ID } from "./constants"
export { createSandboxApp, type SandboxApp } from "./app"
export { startSandbox, type RunningSandbox } from "./server"
export { SandboxState } from "./state"
export { memberHash as sandboxSubscriberHash } from "./hash"
export { resultsArchive } from "./batch-archive"
export { mailchimpOpenApiPath } from "./openapi-path"
export type {
  ActivityRates,
  BatchRecord,
  CampaignData,
  CampaignRecord,
  DeliveryRecord,
  FaultSettings,
  ListRecord,
  MemberRecord,
  MemberStatus,
  MergeFieldRecord,
  RequestLogEntry,
  SandboxOptions,
  StartSandboxOptions,
  WebhookRecord,
} from "./types"
