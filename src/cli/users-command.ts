import { COMMON_USAGE, commonOptions, configFrom, stringOpt, UsageError, type Command } from "./command.js";
import { withContext } from "./with-context.js";
import { createUser } from "../platform/auth/create-user.js";
import { listUsers } from "../platform/auth/list-users.js";
import { setPassword } from "../platform/auth/set-password.js";
import { systemActor } from "../platform/timeline/actor.js";
import { randomToken } from "../platform/auth/secrets.js";
import { ROLES } from "../platform/pack/pack-schema.js";

const cliActor = systemActor("cli");

export const usersCommand: Command = {
  name: "users",
  summary: "Team members: create, list, set-password",
  usage: `trellis users create --email E --name N --role R [--password P | --generate-password]
       trellis users list
       trellis users set-password --email E [--password P | --generate-password]
  roles: ${ROLES.join(", ")}
${COMMON_USAGE}`,
  options: {
    ...commonOptions,
    email: { type: "string" },
    name: { type: "string" },
    role: { type: "string" },
    password: { type: "string" },
    "generate-password": { type: "boolean" },
  },
  positionals: true,
  async run({ values, positionals }) {
    const [sub, ...extra] = positionals;
    if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}" (see trellis users --help)`);
    const config = configFrom(values);
    const generated = values["generate-password"] ? randomToken(18) : undefined;
    const password = stringOpt(values, "password") ?? generated;
    switch (sub) {
      case "create": {
        const email = required(values, "email");
        const name = required(values, "name");
        const role = required(values, "role");
        const user = await withContext(config, (ctx) => createUser(ctx, { email, name, role, password, actor: cliActor }));
        console.log(`Created ${user.name} <${user.email}> (${user.role}).`);
        if (generated) console.log(`Password (shown once): ${generated}`);
        if (!password) console.log("No password set: run `trellis users set-password` before they can sign in.");
        return 0;
      }
      case "list": {
        const users = await withContext(config, (ctx) => listUsers(ctx, { includeInactive: true }));
        if (users.length === 0) console.log("No team members yet: `trellis users create` adds one.");
        for (const u of users) {
          console.log(`${u.email.padEnd(36)} ${u.role.padEnd(11)} ${u.active ? "active  " : "inactive"} ${u.name}`);
        }
        return 0;
      }
      case "set-password": {
        const email = required(values, "email").trim().toLowerCase();
        if (!password) throw new UsageError("give --password P or --generate-password");
        await withContext(config, async (ctx) => {
          const user = await ctx.db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirst();
          if (!user) throw new UsageError(`no team member has the email ${email}`);
          await setPassword(ctx, { userId: user.id, password, actor: cliActor });
        });
        console.log(`Password set for ${email}; their other sessions were signed out.`);
        if (generated) console.log(`Password (shown once): ${generated}`);
        return 0;
      }
      default:
        throw new UsageError(`users needs create, list or set-password (see trellis users --help)`);
    }
  },
};

function required(values: Record<string, unknown>, name: string): string {
  const v = values[name];
  if (typeof v !== "string" || v.trim() === "") throw new UsageError(`--${name} is required (see trellis users --help)`);
  return v;
}
