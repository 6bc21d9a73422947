import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsNumber, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class CreateTeamDto {
  @ApiProperty({ example: '第一督查组' })
  @IsString()
  @MinLength(1, { message: '请填写组名' })
  @MaxLength(40, { message: '组名最长 40 个字符' })
  name!: string;

  @ApiProperty({ example: '县政府' })
  @IsString()
  @MinLength(1, { message: '请填写出发地点' })
  @MaxLength(60)
  startLabel!: string;

  @ApiProperty({ example: 33.2544 })
  @IsNumber({}, { message: 'startLat 应为数字' })
  @Min(-90)
  @Max(90)
  startLat!: number;

  @ApiProperty({ example: 113.0125 })
  @IsNumber({}, { message: 'startLng 应为数字' })
  @Min(-180)
  @Max(180)
  startLng!: number;

  @ApiProperty({ type: [String], description: 'usernames of inspector accounts' })
  @IsArray({ message: 'members 应为用户名数组' })
  @ArrayMinSize(1, { message: '每组至少 1 名督查员' })
  @ArrayMaxSize(20)
  @IsString({ each: true })
  members!: string[];

  @ApiPropertyOptional({ description: '本组组长 (team leader, signs the days off): username of one of the members (default: the first listed)' })
  @IsOptional()
  @IsString({ message: 'leader 应为用户名' })
  @MaxLength(64)
  leader?: string;

  @ApiPropertyOptional({ type: [String], description: 'towns the members come from (never inspected by this team)' })
  @IsOptional()
  @IsArray()
  @Matches(/^\d{9}000$/, { each: true, message: 'homeTowns 中的乡镇代码应为 12 位且以 000 结尾' })
  homeTowns?: string[];
}

export class VisitInputDto {
  @ApiProperty()
  @Matches(/^\d{12}$/, { message: 'villageCode 应为 12 位村代码' })
  villageCode!: string;

  @ApiProperty()
  @IsUUID('all', { message: 'teamId 应为督查组编号' })
  teamId!: string;

  @ApiProperty({ example: '2026-11-24' })
  @Matches(DATE, { message: 'visitDate 应为 YYYY-MM-DD 格式的日期' })
  visitDate!: string;
}

export class ScheduleDto {
  @ApiProperty({ type: [VisitInputDto] })
  @IsArray({ message: 'visits 应为数组' })
  @ArrayMaxSize(5000)
  @ValidateNested({ each: true })
  @Type(() => VisitInputDto)
  visits!: VisitInputDto[];
}

export class AutoScheduleDto {
  @ApiProperty({ type: [String], example: ['2026-11-24', '2026-11-25'] })
  @IsArray({ message: 'dates 应为日期数组' })
  @ArrayMinSize(1, { message: '至少选择 1 个走访日' })
  @ArrayMaxSize(31)
  @Matches(DATE, { each: true, message: 'dates 中的日期应为 YYYY-MM-DD 格式' })
  dates!: string[];
}
