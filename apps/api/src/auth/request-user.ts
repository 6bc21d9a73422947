import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { CurrentUser } from './roles.js';

export const SESSION_COOKIE = 'lookback_session';

export interface AuthedRequest extends Request {
  user?: CurrentUser | null;
  sessionToken?: string | null;
}

/** The session token: the HTTP-only cookie of the web app, or a bearer token of an API client. */
export function tokenOf(req: Request): string | null {
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7).trim() || null;
  const cookies = req.headers.cookie;
  if (!cookies) return null;
  for (const part of cookies.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name !== SESSION_COOKIE) continue;
    // A malformed value (set by another site of the domain, say) is no session, not a server error.
    try {
      return decodeURIComponent(rest.join('=')) || null;
    } catch {
      return null;
    }
  }
  return null;
}

/** The caller resolved by the guard (signed-in routes only). */
export const User = createParamDecorator((_: unknown, ctx: ExecutionContext): CurrentUser => {
  const user = ctx.switchToHttp().getRequest<AuthedRequest>().user;
  if (!user) throw new Error('User() used on a route that does not require sign-in');
  return user;
});

export const Token = createParamDecorator((_: unknown, ctx: ExecutionContext): string | null => ctx.switchToHttp().getRequest<AuthedRequest>().sessionToken ?? null);

export const ClientAddress = createParamDecorator((_: unknown, ctx: ExecutionContext): string => {
  const req = ctx.switchToHttp().getRequest<Request>();
  return req.ip ?? req.socket.remoteAddress ?? 'unknown';
});
