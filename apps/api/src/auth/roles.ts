/** Roles (角色). Each user has exactly one. */
export const ROLES = ['admin', 'planner', 'inspector', 'leader', 'rectifier'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: '系统管理员',
  planner: '督查组长',
  inspector: '督查员',
  leader: '领导',
  rectifier: '责任单位',
};

/** The caller, as the guard resolved it from the session. */
export interface CurrentUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  /** null: the whole county; otherwise the 12-digit codes of the user's towns. */
  scopeTowns: string[] | null;
  fullExport: boolean;
}

/** Whether a village or town (by code) lies within the user's scope. */
export function inScope(user: Pick<CurrentUser, 'scopeTowns'>, code: string): boolean {
  if (user.scopeTowns === null) return true;
  const town = code.slice(0, 9) + '000';
  return user.scopeTowns.includes(town);
}
