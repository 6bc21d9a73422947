import { Controller, Get, NotFoundException, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { JobRunner, type JobRunRow, type RunOutcome } from './job-runner.service.js';

@ApiTags('system')
@Controller('jobs')
export class JobsController {
  constructor(private readonly runner: JobRunner) {}

  @Get()
  @ApiOperation({ summary: 'Scheduled jobs and their latest runs (admin)' })
  async list(): Promise<{ jobs: { name: string; description: string }[]; runs: JobRunRow[] }> {
    return { jobs: this.runner.list().map(({ name, description }) => ({ name, description })), runs: await this.runner.runs() };
  }

  @Post(':name/run')
  @ApiOperation({ summary: 'Run a job for its due period now, unless that period is done (admin)' })
  async run(@Param('name') name: string): Promise<{ outcome: RunOutcome }> {
    if (!this.runner.list().some((job) => job.name === name)) throw new NotFoundException(`没有名为 ${name} 的定时任务`);
    return { outcome: await this.runner.runDue(name) };
  }
}
