import type { NextFunction, Request, Response } from 'express';
import { ErrorCode } from '../common/domain-error.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Whether a write request came from another site's page (cross-site request forgery). The web
 * app's session cookie is SameSite=Strict already; this is the second lock, for browsers and
 * set-ups where that is not enough (a sibling subdomain is "same-site"). Browsers send `Origin`
 * (and `Sec-Fetch-Site`) on every cross-origin write, so a write carrying a foreign origin is
 * refused; API clients with a bearer token carry no ambient credential and are not affected, nor
 * are clients that send no `Origin` at all (scripts, the phone's own same-origin requests in old
 * browsers).
 */
export function crossSiteWrite(req: Pick<Request, 'method' | 'headers'>, host: string | undefined, allowedOrigins: readonly string[]): boolean {
  if (SAFE_METHODS.has(req.method)) return false;
  if (req.headers.authorization?.startsWith('Bearer ')) return false;
  const fetchSite = req.headers['sec-fetch-site'];
  if (fetchSite === 'cross-site' || fetchSite === 'same-site') return !originAllowed(req.headers.origin, allowedOrigins);
  const origin = req.headers.origin;
  if (!origin || origin === 'null') return origin === 'null';
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return true;
  }
  return originHost !== host && !originAllowed(origin, allowedOrigins);
}

function originAllowed(origin: string | undefined, allowedOrigins: readonly string[]): boolean {
  return origin !== undefined && allowedOrigins.includes(origin);
}

/** Express middleware: a cross-site write is answered 403 before any route runs. */
export function refuseCrossSiteWrites(allowedOrigins: readonly string[]) {
  return (req: Request, res: Response, next: NextFunction): void => {
    // req.host: the host the browser addressed (behind a trusted proxy, the one it forwarded).
    if (!crossSiteWrite(req, req.host, allowedOrigins)) return next();
    res.status(403).json({ statusCode: 403, code: ErrorCode.Forbidden, message: '跨站请求被拒绝：请在 Lookback 自己的页面上操作' });
  };
}
