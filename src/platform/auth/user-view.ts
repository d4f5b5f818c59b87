import type { User } from "../db/database.js";
import type { Role } from "../pack/pack-schema.js";
import { AppError } from "../errors/app-error.js";
import { isRole } from "./user-fields.js";

/** A user as the rest of the app sees it: never the password hash, only whether one is set. */
export interface UserView {
  id: string;
  email: string;
  name: string;
  role: Role;
  bookingUrl: string | null;
  active: boolean;
  /** False until a password is set: such a user cannot sign in. */
  hasPassword: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export function toUserView(row: User): UserView {
  if (!isRole(row.role)) {
    throw new AppError("internal", `User ${row.id} has the unknown role "${row.role}".`);
  }
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    bookingUrl: row.booking_url,
    active: row.active,
    hasPassword: row.password_hash !== null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
