export * from "./counts"
export * from "./diff"
export * from "./mappings"
