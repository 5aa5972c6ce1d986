import { z } from 'zod';
import { plainText } from '../text.js';
import { Email, Password, Role, User } from '../user.js';

// POST /api/session — sign in
export const LoginBody = z.strictObject({ email: Email, password: z.string().min(1, 'Enter your password').max(200) });
export type LoginBody = z.infer<typeof LoginBody>;

// GET /api/me
export const MeResponse = z.object({ user: User, csrfToken: z.string() });
export type MeResponse = z.infer<typeof MeResponse>;

// GET /api/setup — is there any user yet? (the first visit asks to create the first admin)
export const SetupStatus = z.object({ needsSetup: z.boolean() });
export type SetupStatus = z.infer<typeof SetupStatus>;

// POST /api/setup — create the first admin (only while no user exists)
export const SetupBody = z.strictObject({
  email: Email,
  name: plainText().trim().min(1, 'Enter your name').max(120),
  password: Password,
});
export type SetupBody = z.infer<typeof SetupBody>;

// POST /api/users (admin)
export const CreateUserBody = z.strictObject({
  email: Email,
  name: plainText().trim().min(1, 'Enter a name').max(120),
  role: Role,
  password: Password,
});
export type CreateUserBody = z.infer<typeof CreateUserBody>;

// GET /api/users (admin)
export const UserList = z.object({ items: z.array(User) });

// POST /api/users/:id/password (admin) — set a new password for someone else: ends their sessions, clears their lockout
export const SetPasswordBody = z.strictObject({ password: Password });
export type SetPasswordBody = z.infer<typeof SetPasswordBody>;
export const SetPasswordResponse = z.object({ user: User, sessionsEnded: z.number().int() });
export type SetPasswordResponse = z.infer<typeof SetPasswordResponse>;

// POST /api/me/password — change your own password (the current one is required); your other sessions end
export const ChangePasswordBody = z
  .strictObject({
    currentPassword: z.string().min(1, 'Enter your current password').max(200),
    newPassword: Password,
  })
  .refine((b) => b.newPassword !== b.currentPassword, { path: ['newPassword'], message: 'Choose a password other than your current one' });
export type ChangePasswordBody = z.infer<typeof ChangePasswordBody>;
export const ChangePasswordResponse = z.object({ sessionsEnded: z.number().int() });
export type ChangePasswordResponse = z.infer<typeof ChangePasswordResponse>;

// POST /api/tokens — personal API token, shown once
export const CreateTokenBody = z.strictObject({ name: plainText().trim().min(1, 'Name the token').max(80) });
export const CreateTokenResponse = z.object({ id: z.string(), name: z.string(), token: z.string() });
export type CreateTokenResponse = z.infer<typeof CreateTokenResponse>;

// GET /api/tokens — the caller's own tokens, with when each was last used
export const TokenSummary = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type TokenSummary = z.infer<typeof TokenSummary>;
export const TokenList = z.object({ items: z.array(TokenSummary) });
export type TokenList = z.infer<typeof TokenList>;

/** Every 4xx/5xx body. `issues` lists field-level problems for 400s. */
export const ApiError = z.object({
  error: z.string(),
  message: z.string(),
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type ApiError = z.infer<typeof ApiError>;
