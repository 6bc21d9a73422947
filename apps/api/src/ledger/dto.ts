import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { LEDGER_NATURES, type LedgerNature } from '@lookback/contracts';
import { PROBLEM_TYPES } from '@lookback/fieldwork';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsObject, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { IsCalendarDate } from '../common/is-calendar-date.js';

const TYPES = PROBLEM_TYPES as readonly string[];

export class GenerateLedgerDto {
  @ApiPropertyOptional({ description: 'Groups of finding keys ("stopClientId:itemId") to merge into one item each (共性问题)', type: 'array', items: { type: 'array', items: { type: 'string' } } })
  @IsOptional()
  @IsArray({ message: 'merge 应为“发现问题编号数组”的数组' })
  @ArrayMaxSize(2000)
  @IsArray({ each: true, message: 'merge 的每一组应为数组' })
  merge?: string[][];

  @ApiPropertyOptional({ description: '问题类型 → days from today to 完成时限 (null: 长期坚持); defaults per type' })
  @IsOptional()
  @IsObject({ message: 'deadlineDays 应为“问题类型 → 天数”的对象' })
  deadlineDays?: Record<string, number | null>;
}

export class CreateLedgerItemDto {
  @ApiPropertyOptional({ description: 'The plan the item belongs to (optional)' })
  @IsOptional()
  @IsUUID('all', { message: 'planId 应为方案编号' })
  planId?: string;

  @ApiProperty({ description: '乡镇代码 (12 digits)' })
  @Matches(/^\d{9}000$/, { message: '乡镇代码应为 12 位数字且以 000 结尾' })
  townCode!: string;

  @ApiPropertyOptional({ description: '村代码 (12 digits); omit for a town-level item' })
  @IsOptional()
  @Matches(/^\d{12}$/, { message: '村代码应为 12 位数字' })
  villageCode?: string;

  @ApiProperty({ enum: TYPES })
  @IsIn(TYPES, { message: `问题类型应为：${TYPES.join('、')}` })
  problemType!: string;

  @ApiProperty({ enum: LEDGER_NATURES })
  @IsIn(LEDGER_NATURES, { message: '问题性质应为“共性问题”或“个性问题”' })
  nature!: LedgerNature;

  @ApiProperty({ description: '问题表述' })
  @IsString()
  @MinLength(2, { message: '请填写问题表述（至少 2 个字）' })
  @MaxLength(2000, { message: '问题表述最多 2000 字' })
  description!: string;

  @ApiPropertyOptional({ description: '整改措施' })
  @IsOptional()
  @IsString()
  @MaxLength(2000, { message: '整改措施最多 2000 字' })
  measures?: string;

  @ApiPropertyOptional({ description: '完成时限 YYYY-MM-DD; null or omitted: 长期坚持' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsCalendarDate({ message: '完成时限应为有效日期（YYYY-MM-DD），长期坚持请留空' })
  deadline?: string | null;

  @ApiPropertyOptional({ description: '责任单位 (default: the town government)' })
  @IsOptional()
  @IsString()
  @MaxLength(100, { message: '责任单位最多 100 字' })
  responsibleUnit?: string;

  @ApiPropertyOptional({ description: '责任人' })
  @IsOptional()
  @IsString()
  @MaxLength(50, { message: '责任人最多 50 字' })
  responsiblePerson?: string;
}

export class UpdateLedgerItemDto {
  @ApiPropertyOptional({ enum: TYPES })
  @IsOptional()
  @IsIn(TYPES, { message: `问题类型应为：${TYPES.join('、')}` })
  problemType?: string;

  @ApiPropertyOptional({ enum: LEDGER_NATURES })
  @IsOptional()
  @IsIn(LEDGER_NATURES, { message: '问题性质应为“共性问题”或“个性问题”' })
  nature?: LedgerNature;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MinLength(2, { message: '问题表述至少 2 个字' })
  @MaxLength(2000, { message: '问题表述最多 2000 字' })
  description?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000, { message: '整改措施最多 2000 字' })
  measures?: string;

  @ApiPropertyOptional({ description: 'YYYY-MM-DD, or null for 长期坚持' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsCalendarDate({ message: '完成时限应为有效日期（YYYY-MM-DD），长期坚持请传 null' })
  deadline?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MinLength(2, { message: '责任单位至少 2 个字' })
  @MaxLength(100)
  responsibleUnit?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(50, { message: '责任人最多 50 字' })
  responsiblePerson?: string;

  @ApiPropertyOptional({ description: '整改情况' })
  @IsOptional()
  @IsString()
  @MaxLength(2000, { message: '整改情况最多 2000 字' })
  progressNote?: string;
}

export class IssueLedgerDto {
  @ApiProperty({ type: [String] })
  @IsArray({ message: 'ids 应为整改事项编号数组' })
  @ArrayMinSize(1, { message: '请至少选择一条整改事项' })
  @ArrayMaxSize(5000)
  @IsUUID('all', { each: true, message: 'ids 中的编号无效' })
  ids!: string[];
}

export class TransitionDto {
  @ApiPropertyOptional({ description: '整改情况 (submit) or the reason (send-back)' })
  @IsOptional()
  @IsString()
  @MaxLength(2000, { message: '说明最多 2000 字' })
  note?: string;
}
