export const ROLES = ["user", "analyst", "admin"] as const;
export type Role = (typeof ROLES)[number];

export type AuthContext = { userId: string; role: Role; sessionId: string };

export const ACCESS_COOKIE = "boon_at";
export const REFRESH_COOKIE = "boon_rt";
