export * from "./store-targets"
export * from "./mapping-change"
