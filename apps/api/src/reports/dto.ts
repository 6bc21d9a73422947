import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';

export class SuggestionDto {
  @ApiPropertyOptional({ nullable: true, description: '问题类型 the suggestion answers; null for a general one' })
  @IsOptional()
  @IsString({ message: 'problemType 应为字符串' })
  @MaxLength(20, { message: 'problemType 最长 20 个字符' })
  problemType?: string | null;

  @ApiProperty({ description: 'The paragraph (意见建议), up to 1000 characters' })
  @IsString({ message: '每条意见建议应为文字' })
  @MaxLength(1000, { message: '每条意见建议最长 1000 个字' })
  text!: string;
}

export class SuggestionsBodyDto {
  @ApiProperty({ type: [SuggestionDto], description: 'Paragraphs in order; an empty list restores the generated 意见建议' })
  @IsArray({ message: 'suggestions 应为数组' })
  @ArrayMaxSize(30, { message: '意见建议最多 30 条' })
  @ValidateNested({ each: true })
  @Type(() => SuggestionDto)
  suggestions!: SuggestionDto[];
}
