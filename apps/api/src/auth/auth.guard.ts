import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { DomainError, ErrorCode } from '../common/domain-error.js';
import { ACCESS_MATRIX, allows } from './access-matrix.js';
import { AuthService } from './auth.service.js';
import { type AuthedRequest, tokenOf } from './request-user.js';

/** Every route passes here: resolve the session, then apply the matrix. No rule: denied. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(private readonly auth: AuthService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<AuthedRequest>();
    const token = tokenOf(req);
    req.sessionToken = token;
    req.user = token ? await this.auth.userForToken(token) : null;
    const route = (req.route as { path?: string } | undefined)?.path;
    const rule = route ? ACCESS_MATRIX[`${req.method} ${route}`]?.rule : undefined;
    if (rule === undefined) throw new DomainError(ErrorCode.Forbidden, '没有权限（此接口未配置访问规则）');
    if (allows(rule, req.user?.role ?? null)) return true;
    if (!req.user) throw new DomainError(ErrorCode.Unauthenticated, token ? '登录已过期，请重新登录' : '请先登录');
    throw new DomainError(ErrorCode.Forbidden, '没有权限执行此操作');
  }
}
