/** The slice of the store's shared Postgres connection (Knex, PG_CONNECTION) the table readers use. */
export type SqlConnection = { raw(sql: string, bindings?: readonly unknown[]): Promise<{ rows: any[] }> }
