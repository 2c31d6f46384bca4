export * from "./store-targets"
