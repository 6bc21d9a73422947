import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AccessLogRepository } from '../access-log/access-log.repository.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { AuthService } from './auth.service.js';
import { ChangePasswordDto, LoginDto } from './dto.js';
import { ClientAddress, SESSION_COOKIE, Token, User } from './request-user.js';
import { type CurrentUser, ROLE_LABELS } from './roles.js';

const publicUser = (user: CurrentUser) => ({ ...user, roleLabel: ROLE_LABELS[user.role] });

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly accessLog: AccessLogRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in: answers a bearer token and sets the HTTP-only session cookie' })
  async login(@Body() body: LoginDto, @ClientAddress() address: string, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const result = await this.auth.login(body.username, body.password, address, req.headers['user-agent'] ?? null);
    await this.accessLog.append(result.user, 'login', 'session', null, address);
    res.cookie(SESSION_COOKIE, result.token, { httpOnly: true, sameSite: 'strict', secure: this.config.secureCookies, expires: result.expiresAt, path: '/' });
    return { token: result.token, expiresAt: result.expiresAt.toISOString(), user: publicUser(result.user) };
  }

  @Post('logout')
  @HttpCode(204)
  @ApiOperation({ summary: 'Sign out (ends this session)' })
  async logout(@Token() token: string, @Res({ passthrough: true }) res: Response): Promise<void> {
    await this.auth.logout(token);
    res.clearCookie(SESSION_COOKIE, { path: '/' });
  }

  @Get('me')
  @ApiOperation({ summary: 'The signed-in user' })
  me(@User() user: CurrentUser) {
    return publicUser(user);
  }

  @Post('password')
  @HttpCode(204)
  @ApiOperation({ summary: 'Change my password (other sessions of the account end)' })
  async password(@User() user: CurrentUser, @Token() token: string, @Body() body: ChangePasswordDto): Promise<void> {
    await this.auth.changePassword(user, token, body.currentPassword, body.newPassword);
  }
}
