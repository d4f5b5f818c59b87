import type { Actor } from "../timeline/actor.js";
import type { Role } from "../pack/pack-schema.js";

/** The audit identity of a signed-in person: the name for people, the email to tell two apart. */
export function actorFromUser(user: { id: string; email: string; name: string; role: Role }): Actor {
  return { type: "user", id: user.id, label: `${user.name} <${user.email}>`, role: user.role };
}

/** The audit identity of a request authenticated by an API token. */
export function actorFromToken(token: { tokenId: string; name: string; role: Role }): Actor {
  return { type: "api_token", id: token.tokenId, label: `API token "${token.name}"`, role: token.role };
}
