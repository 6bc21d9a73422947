import { ApiProperty } from '@nestjs/swagger';
import { IsObject, IsUUID } from 'class-validator';

export class SubmitQuizDto {
  @ApiProperty({ description: 'Generated on the phone for this submission; a resend with the same id is recognised' })
  @IsUUID('all', { message: 'clientId 应为设备生成的 UUID' })
  clientId!: string;

  @ApiProperty({ description: 'question id → answer: "B", ["A","C"], true, 7500 or "7500"', example: { Q001: 'B' } })
  @IsObject({ message: 'answers 应为“题号 → 答案”的对象' })
  answers!: Record<string, string | number | boolean | string[]>;
}
