// The test database's defaults, the ones the README states, in the one place every jest project reads them:
// jest.config.js applies them before any project starts, and scripts that build a database URL read them here.
// A value already in the environment (or in .env.test) wins; an empty DB_HOST, DB_PORT or DB_USERNAME counts as
// unset, since no server takes an empty host or user name. An empty DB_PASSWORD is a real value (trust auth).

const TEST_DB_DEFAULTS = Object.freeze({
  DB_HOST: "localhost",
  DB_PORT: "5432",
  DB_USERNAME: "postgres",
  DB_PASSWORD: "",
})

/** The DB_* values the tests use: `env`'s where set, the defaults otherwise. */
function testDbSettings(env = process.env) {
  const pick = (name) => (env[name] === undefined || (env[name] === "" && name !== "DB_PASSWORD") ? TEST_DB_DEFAULTS[name] : env[name])
  return {
    DB_HOST: pick("DB_HOST"),
    DB_PORT: pick("DB_PORT"),
    DB_USERNAME: pick("DB_USERNAME"),
    DB_PASSWORD: pick("DB_PASSWORD"),
  }
}

/** Writes the defaults into `env` where it lacks them (Medusa's test runner reads process.env itself). */
function applyTestDbDefaults(env = process.env) {
  Object.assign(env, testDbSettings(env))
  return env
}

module.exports = { TEST_DB_DEFAULTS, testDbSettings, applyTestDbDefaults }
