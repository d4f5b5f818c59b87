import http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A loopback stand-in for the Slack Web API: enough of conversations.create/list/join/invite,
 * users.lookupByEmail and chat.postMessage to drive the mirror for real over HTTP. It keeps a
 * small workspace (channels, users), records every call, and can be scripted to fail a method
 * (a Slack error, an HTTP status, a 429 with Retry-After).
 */
export interface SlackCallRecord {
  method: string;
  httpMethod: string;
  /** Query string and body fields merged (JSON or form). */
  args: Record<string, unknown>;
  authorization: string;
  contentType: string;
  status: number;
  /** Slack's error code when ok was false. */
  error: string | null;
}

export interface SlackChannelState {
  id: string;
  name: string;
  isPrivate: boolean;
  archived: boolean;
  /** The bot (the token's app) is in the channel. */
  botMember: boolean;
  members: Set<string>;
  messages: { text: string; ts: string }[];
}

/** A scripted answer for the next call of a method: a Slack error, or an HTTP status (429 + Retry-After). */
export type SlackStep = { error: string } | { status: number; retryAfter?: number | string };

export interface SlackReceiver {
  /** The API base URL (what TRELLIS_SLACK_API_URL / SLACK_API_URL would be). */
  url: string;
  token: string;
  calls: SlackCallRecord[];
  channels: Map<string, SlackChannelState>;
  /** A workspace user the app can look up by email; returns the Slack user id. */
  addUser(email: string): string;
  /** A channel that exists already (name without #). */
  addChannel(name: string, o?: { botMember?: boolean; isPrivate?: boolean; archived?: boolean }): SlackChannelState;
  channelByName(name: string): SlackChannelState | undefined;
  /** The next calls of `method` answer these steps, in order, then normally again. */
  script(method: string, steps: SlackStep[]): void;
  callsOf(method: string): SlackCallRecord[];
  /** Page size of conversations.list (small to exercise the cursor). */
  listPageSize: number;
  waitFor(predicate: (calls: SlackCallRecord[]) => boolean, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

type Args = Record<string, unknown>;
type Answer = { status: number; body: Record<string, unknown>; headers?: Record<string, string> };

export async function startSlackReceiver(options: { token?: string } = {}): Promise<SlackReceiver> {
  const token = options.token ?? "xoxb-test-token";
  const channels = new Map<string, SlackChannelState>();
  const users = new Map<string, string>();
  const scripts = new Map<string, SlackStep[]>();
  const calls: SlackCallRecord[] = [];
  const waiters = new Set<() => void>();
  let seq = 0;
  const nextId = (prefix: string) => `${prefix}${String(++seq).padStart(8, "0")}`;
  const byName = (name: string) => [...channels.values()].find((c) => c.name === name);

  const receiver: SlackReceiver = {
    url: "",
    token,
    calls,
    channels,
    listPageSize: 2,
    addUser(email) {
      const id = nextId("U");
      users.set(email.toLowerCase(), id);
      return id;
    },
    addChannel(name, o = {}) {
      const c: SlackChannelState = {
        id: nextId("C"),
        name,
        isPrivate: o.isPrivate ?? false,
        archived: o.archived ?? false,
        botMember: o.botMember ?? false,
        members: new Set(),
        messages: [],
      };
      channels.set(c.id, c);
      return c;
    },
    channelByName: byName,
    script(method, steps) {
      scripts.set(method, [...(scripts.get(method) ?? []), ...steps]);
    },
    callsOf: (method) => calls.filter((c) => c.method === method),
    async waitFor(predicate, timeoutMs = 5000) {
      if (predicate(calls)) return;
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`slack receiver: condition not met within ${timeoutMs} ms (${calls.length} calls)`));
        }, timeoutMs);
        const check = (): void => {
          if (!predicate(calls)) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve();
        };
        waiters.add(check);
      });
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  const fail = (error: string): Answer => ({ status: 200, body: { ok: false, error } });
  const ok = (body: Args = {}): Answer => ({ status: 200, body: { ok: true, ...body } });
  const str = (v: unknown): string => (typeof v === "string" ? v : typeof v === "number" ? String(v) : "");
  const channelJson = (c: SlackChannelState) => ({ id: c.id, name: c.name, is_private: c.isPrivate, is_archived: c.archived, is_member: c.botMember });

  const methods: Record<string, (a: Args) => Answer> = {
    "conversations.create": (a) => {
      const name = str(a.name);
      if (!/^[a-z0-9_-]{1,80}$/.test(name)) return fail("invalid_name_specials");
      if (byName(name)) return fail("name_taken");
      const c = receiver.addChannel(name, { botMember: true, isPrivate: a.is_private === true || a.is_private === "true" });
      return ok({ channel: channelJson(c) });
    },
    "conversations.list": (a) => {
      const types = str(a.types || "public_channel").split(",");
      const visible = [...channels.values()].filter(
        (c) => (c.isPrivate ? types.includes("private_channel") && c.botMember : types.includes("public_channel")) && !(a.exclude_archived === "true" && c.archived),
      );
      const start = Number(str(a.cursor) || "0");
      const page = visible.slice(start, start + receiver.listPageSize);
      const next = start + receiver.listPageSize < visible.length ? String(start + receiver.listPageSize) : "";
      return ok({ channels: page.map(channelJson), response_metadata: { next_cursor: next } });
    },
    "conversations.join": (a) => {
      const c = channels.get(str(a.channel));
      if (!c || c.isPrivate) return fail("channel_not_found");
      if (c.archived) return fail("is_archived");
      c.botMember = true;
      return ok({ channel: channelJson(c) });
    },
    "users.lookupByEmail": (a) => {
      const id = users.get(str(a.email).toLowerCase());
      return id ? ok({ user: { id, profile: { email: str(a.email) } } }) : fail("users_not_found");
    },
    "conversations.invite": (a) => {
      const c = channels.get(str(a.channel));
      if (!c) return fail("channel_not_found");
      if (!c.botMember) return fail("not_in_channel");
      const ids = str(a.users).split(",").filter(Boolean);
      if (ids.length === 0) return fail("no_user");
      // Like Slack without force: one already-in member fails the whole batch.
      if (ids.some((id) => c.members.has(id))) return fail("already_in_channel");
      for (const id of ids) c.members.add(id);
      return ok({ channel: channelJson(c) });
    },
    "chat.postMessage": (a) => {
      const c = channels.get(str(a.channel));
      if (!c) return fail("channel_not_found");
      if (c.archived) return fail("is_archived");
      if (!c.botMember) return fail("not_in_channel");
      const text = str(a.text);
      if (!text) return fail("no_text");
      const ts = `${1700000000 + ++seq}.000100`;
      c.messages.push({ text, ts });
      return ok({ channel: c.id, ts, message: { text } });
    },
  };

  function answer(method: string, auth: string, args: Args): Answer {
    const step = scripts.get(method)?.shift();
    if (step && "status" in step) {
      const headers: Record<string, string> = step.retryAfter === undefined ? {} : { "retry-after": String(step.retryAfter) };
      return { status: step.status, body: { ok: false, error: step.status === 429 ? "ratelimited" : "internal_error" }, headers };
    }
    if (step) return fail(step.error);
    if (auth !== `Bearer ${token}`) return fail(auth ? "invalid_auth" : "not_authed");
    const handler = methods[method];
    return handler ? handler(args) : { status: 404, body: { ok: false, error: "unknown_method" } };
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://slack.local");
      const method = url.pathname.replace(/^\/api\//, "");
      const raw = Buffer.concat(chunks).toString("utf8");
      const contentType = String(req.headers["content-type"] ?? "");
      const args: Args = Object.fromEntries(url.searchParams);
      if (raw) {
        if (contentType.includes("json")) Object.assign(args, JSON.parse(raw) as Args);
        else Object.assign(args, Object.fromEntries(new URLSearchParams(raw)));
      }
      const auth = String(req.headers.authorization ?? "");
      const out = answer(method, auth, args);
      calls.push({
        method,
        httpMethod: req.method ?? "",
        args,
        authorization: auth,
        contentType,
        status: out.status,
        error: out.body.ok === false ? str(out.body.error) : null,
      });
      res.writeHead(out.status, { "content-type": "application/json; charset=utf-8", ...out.headers }).end(JSON.stringify(out.body));
      for (const w of [...waiters]) w();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  receiver.url = `http://127.0.0.1:${port}/api/`;
  return receiver;
}
