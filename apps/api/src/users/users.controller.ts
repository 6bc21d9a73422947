import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CreateUserDto, UpdateUserDto } from '../auth/dto.js';
import { User } from '../auth/request-user.js';
import type { CurrentUser } from '../auth/roles.js';
import { type UserDto, UsersService } from './users.service.js';

@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOperation({ summary: 'All accounts' })
  list(): Promise<UserDto[]> {
    return this.users.list();
  }

  @Post()
  @ApiOperation({ summary: 'Create an account' })
  create(@Body() body: CreateUserDto): Promise<UserDto> {
    return this.users.create(body);
  }

  @Patch(':username')
  @ApiOperation({ summary: 'Change, disable/enable or reset the password of an account' })
  update(@User() actor: CurrentUser, @Param('username') username: string, @Body() body: UpdateUserDto): Promise<UserDto> {
    return this.users.update(actor, username, body);
  }
}
