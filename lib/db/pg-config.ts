import type { ClientConfig } from "pg";

// node-postgres connection options from the portal's settings, for the app's pool and the migrator.

export type ConnectionSettings = {
  /** PEM text of the CA that signed the server's certificate (DATABASE_CA_CERT). */
  caCert?: string;
  connectTimeoutMs?: number;
};

// Connection-string TLS parameters: node-postgres lets them override the `ssl` option, so with our own CA
// they are removed and the `ssl` object below decides (verified TLS against that CA).
const urlTlsParameters = ["ssl", "sslmode", "sslrootcert", "sslcert", "sslkey", "sslcrl", "uselibpqcompat"];

export function pgConnectionConfig(url: string, settings: ConnectionSettings = {}): ClientConfig {
  const config: ClientConfig = { connectionString: url };
  if (settings.connectTimeoutMs !== undefined) config.connectionTimeoutMillis = settings.connectTimeoutMs;
  if (settings.caCert) {
    const parsed = new URL(url);
    for (const parameter of urlTlsParameters) parsed.searchParams.delete(parameter);
    config.connectionString = parsed.toString();
    config.ssl = { ca: settings.caCert, rejectUnauthorized: true };
  }
  return config;
}
