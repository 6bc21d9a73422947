import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

const CODE = /^\d{12}$/;
const CODE_MESSAGE = '代码应为 12 位数字';

export class VillagesQuery {
  @ApiPropertyOptional({ description: '乡镇代码 (12 位)' })
  @IsOptional()
  @Matches(CODE, { message: `town ${CODE_MESSAGE}` })
  town?: string;
}

export class HouseholdsQuery {
  @ApiPropertyOptional({ default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'page 应为整数' })
  @Min(1, { message: 'page 最小为 1' })
  page = 1;

  @ApiPropertyOptional({ default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'pageSize 应为整数' })
  @Min(1, { message: 'pageSize 最小为 1' })
  @Max(500, { message: 'pageSize 最大为 500' })
  pageSize = 50;

  @ApiPropertyOptional({ description: '户编号或户主姓名的一部分' })
  @IsOptional()
  @IsString()
  @MaxLength(50, { message: 'q 最长 50 个字符' })
  q?: string;
}

export class ProjectsQuery {
  @ApiPropertyOptional({ description: '年度, e.g. 2023' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'year 应为整数' })
  @Min(2000)
  @Max(2100)
  year?: number;

  @ApiPropertyOptional({ description: '乡镇代码' })
  @IsOptional()
  @Matches(CODE, { message: `town ${CODE_MESSAGE}` })
  town?: string;

  @ApiPropertyOptional({ description: '村代码' })
  @IsOptional()
  @Matches(CODE, { message: `village ${CODE_MESSAGE}` })
  village?: string;
}

export class VillageFilterQuery {
  @ApiPropertyOptional({ description: '村代码' })
  @IsOptional()
  @Matches(CODE, { message: `village ${CODE_MESSAGE}` })
  village?: string;
}
