import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { type Role, ROLES } from './roles.js';

export class LoginDto {
  @ApiProperty({ example: 'planner' })
  @IsString({ message: 'username 应为字符串' })
  @MinLength(1, { message: '请输入用户名' })
  @MaxLength(64, { message: 'username 最长 64 个字符' })
  username!: string;

  @ApiProperty({ example: 'lookback-demo' })
  @IsString({ message: 'password 应为字符串' })
  @MinLength(1, { message: '请输入密码' })
  @MaxLength(200, { message: 'password 最长 200 个字符' })
  password!: string;
}

export class ChangePasswordDto {
  @ApiProperty()
  @IsString({ message: 'currentPassword 应为字符串' })
  @MaxLength(200)
  currentPassword!: string;

  @ApiProperty({ minLength: 10 })
  @IsString({ message: 'newPassword 应为字符串' })
  @MinLength(10, { message: '新密码至少 10 个字符' })
  @MaxLength(200, { message: '新密码最长 200 个字符' })
  newPassword!: string;
}

const TOWN_CODE = /^\d{9}000$/;

export class CreateUserDto {
  @ApiProperty({ example: 'inspector3' })
  @Matches(/^[a-z0-9][a-z0-9_.-]{1,31}$/, { message: 'username 只能包含小写字母、数字和 _ . -，2–32 个字符' })
  username!: string;

  @ApiProperty({ example: '张督查' })
  @IsString()
  @MinLength(1, { message: '请填写姓名' })
  @MaxLength(50)
  displayName!: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES, { message: `role 应为 ${ROLES.join('、')} 之一` })
  role!: Role;

  @ApiPropertyOptional({ type: [String], nullable: true, description: 'null: the whole county; else 12-digit town codes' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsArray({ message: 'scopeTowns 应为乡镇代码数组或 null' })
  @ArrayMaxSize(100)
  @Matches(TOWN_CODE, { each: true, message: 'scopeTowns 中的乡镇代码应为 12 位且以 000 结尾' })
  scopeTowns?: string[] | null;

  @ApiProperty({ minLength: 10 })
  @IsString()
  @MinLength(10, { message: '密码至少 10 个字符' })
  @MaxLength(200)
  password!: string;
}

export class UpdateUserDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  displayName?: string;

  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES, { message: `role 应为 ${ROLES.join('、')} 之一` })
  role?: Role;

  @ApiPropertyOptional({ type: [String], nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsArray({ message: 'scopeTowns 应为乡镇代码数组或 null' })
  @ArrayMaxSize(100)
  @Matches(TOWN_CODE, { each: true, message: 'scopeTowns 中的乡镇代码应为 12 位且以 000 结尾' })
  scopeTowns?: string[] | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean({ message: 'disabled 应为 true 或 false' })
  disabled?: boolean;

  @ApiPropertyOptional({ description: 'May export personal data unmasked' })
  @IsOptional()
  @IsBoolean({ message: 'fullExport 应为 true 或 false' })
  fullExport?: boolean;

  @ApiPropertyOptional({ minLength: 10, description: 'Reset the password' })
  @IsOptional()
  @IsString()
  @MinLength(10, { message: '密码至少 10 个字符' })
  @MaxLength(200)
  password?: string;
}
