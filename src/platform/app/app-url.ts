import type { Config } from "../config/config.js";

/**
 * An absolute link into the web app for emails and chat messages. Uses TRELLIS_PUBLIC_URL when
 * set (what people can reach), else the address this process listens on.
 */
export function appUrl(config: Pick<Config, "publicUrl" | "host" | "port">, path: string): string {
  const base = config.publicUrl ?? `http://${config.host}:${config.port}`;
  return `${base.replace(/\/+$/, "")}/${path.replace(/^\/+/, "")}`;
}
