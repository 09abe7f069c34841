import type { UserRole } from "../../db/entities/User";

export type { UserRole };
export const ROLES: readonly UserRole[] = ["owner", "admin", "agent", "viewer"];

const RANK: Record<UserRole, number> = { owner: 4, admin: 3, agent: 2, viewer: 1 };

export const ROLE_LABELS: Record<UserRole, string> = {
  owner: "Owner",
  admin: "Admin",
  agent: "Agent",
  viewer: "Viewer",
};

export const ROLE_DESCRIPTIONS: Record<UserRole, string> = {
  owner: "Everything, including billing and deleting the workspace.",
  admin: "Manages knowledge, assistants, widgets and the team.",
  agent: "Answers escalated conversations in the inbox.",
  viewer: "Reads dashboards and conversations; changes nothing.",
};

export function hasRole(actual: UserRole, required: UserRole): boolean {
  return RANK[actual] >= RANK[required];
}

/** Admins manage agents and viewers; only owners grant or take away admin and owner. */
export function canAssignRole(actor: UserRole, role: UserRole): boolean {
  return actor === "owner" || (actor === "admin" && RANK[role] < RANK.admin);
}
