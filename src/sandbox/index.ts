export { SANDBOX_API_KEY, SANDBOX_AUDIENCE_ID } from "./constants"
export { createSandboxApp, type SandboxApp } from "./app"
export { startSandbox, type RunningSandbox } from "./server"
export { SandboxState } from "./state"
export { memberHash as sandboxSubscriberHash } from "./hash"
export { signatureHeader as sandboxSignatureHeader } from "./webhook-format"
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
