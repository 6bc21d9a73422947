import { ApiProperty } from '@nestjs/swagger';
import type { StopRecord, Substitution } from '@lookback/fieldwork';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsObject, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';

/** Checked field by field by @lookback/fieldwork (validateStopRecord, validateSubstitution). */
type StopRecordInput = StopRecord;
type SubstitutionInput = Substitution;

export class SubmitQuizDto {
  @ApiProperty({ description: 'Generated on the phone for this submission; a resend with the same id is recognised' })
  @IsUUID('all', { message: 'clientId 应为设备生成的 UUID' })
  clientId!: string;

  @ApiProperty({ description: 'question id → answer: "B", ["A","C"], true, 7500 or "7500"', example: { Q001: 'B' } })
  @IsObject({ message: 'answers 应为“题号 → 答案”的对象' })
  answers!: Record<string, string | number | boolean | string[]>;
}

export class SyncDto {
  @ApiProperty({ description: 'The phone: a stable id it generated once' })
  @IsString({ message: 'deviceId 应为字符串' })
  @MinLength(8, { message: 'deviceId 至少 8 个字符' })
  @MaxLength(64)
  deviceId!: string;

  @ApiProperty({ description: 'StopRecord[] (@lookback/fieldwork), each with its clientId', type: 'array', items: { type: 'object' } })
  @IsArray({ message: 'records 应为数组' })
  @ArrayMaxSize(500, { message: '一次最多同步 500 条记录' })
  @IsObject({ each: true, message: 'records 中的每一项应为对象' })
  records!: StopRecordInput[];

  @ApiProperty({ description: 'Substitution[] (@lookback/fieldwork)', type: 'array', items: { type: 'object' } })
  @IsArray({ message: 'substitutions 应为数组' })
  @ArrayMaxSize(500)
  @IsObject({ each: true, message: 'substitutions 中的每一项应为对象' })
  substitutions!: SubstitutionInput[];
}

export class SignOffDto {
  @ApiProperty({ type: [String], description: 'Names of the team members, typed by the team leader' })
  @IsArray({ message: 'names 应为姓名数组' })
  @ArrayMinSize(1, { message: '请输入督查组成员的姓名' })
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MinLength(2, { each: true, message: '每个姓名至少 2 个字' })
  @MaxLength(20, { each: true })
  names!: string[];
}

export class ReopenDto {
  @ApiProperty({ description: 'Why the signed-off day is opened again (logged)' })
  @IsString()
  @MinLength(4, { message: '请说明重新开放的原因（至少 4 个字）' })
  @MaxLength(200)
  reason!: string;
}
