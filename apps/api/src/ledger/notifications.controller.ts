import { Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { NotificationListDto } from '@lookback/contracts';
import { User } from '../auth/request-user.js';
import type { CurrentUser } from '../auth/roles.js';
import { Clock } from '../common/clock.js';
import { DATABASE, type Database } from '../common/database.js';
import { DomainError, ErrorCode } from '../common/domain-error.js';

/** In-app notifications (站内通知): each user reads and marks only their own. */
@ApiTags('notifications')
@Controller('notifications')
export class NotificationsController {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  @Get()
  @ApiOperation({ summary: 'My latest notifications (50) and how many are unread' })
  async mine(@User() user: CurrentUser): Promise<NotificationListDto> {
    const notifications = await this.db.query(
      `SELECT id::int AS id, kind, text, item_id AS "itemId", to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "createdAt",
              to_char(read_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "readAt"
       FROM notification WHERE user_id = $1 ORDER BY created_at DESC, id DESC LIMIT 50`,
      [user.id],
    );
    const [{ unread }] = await this.db.query(`SELECT count(*)::int AS unread FROM notification WHERE user_id = $1 AND read_at IS NULL`, [user.id]);
    return { unread, notifications };
  }

  @Post(':id/read')
  @HttpCode(204)
  @ApiOperation({ summary: 'Mark one of my notifications read' })
  async read(@User() user: CurrentUser, @Param('id') id: string): Promise<void> {
    if (!/^\d{1,18}$/.test(id)) throw new DomainError(ErrorCode.NotFound, '通知不存在');
    // An UPDATE answers [rows, count] through TypeORM's PostgreSQL driver.
    const [rows] = (await this.db.query(`UPDATE notification SET read_at = COALESCE(read_at, $3) WHERE id = $1 AND user_id = $2 RETURNING id`, [id, user.id, this.clock.now()])) as [unknown[], number];
    if (!rows.length) throw new DomainError(ErrorCode.NotFound, '通知不存在');
  }

  @Post('read-all')
  @HttpCode(204)
  @ApiOperation({ summary: 'Mark all my notifications read' })
  async readAll(@User() user: CurrentUser): Promise<void> {
    await this.db.query(`UPDATE notification SET read_at = $2 WHERE user_id = $1 AND read_at IS NULL`, [user.id, this.clock.now()]);
  }
}
