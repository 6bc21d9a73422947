import { QueryRunnerAlreadyReleasedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';
import { describe, expect, it } from 'vitest';
import { databaseUnavailable } from './error.filter.js';

describe('the database being away is told apart from a bug', () => {
  it('counts TypeORM’s released query runners (PostgreSQL dropped the connection mid-transaction)', () => {
    expect(databaseUnavailable(new QueryRunnerAlreadyReleasedError())).toBe(true);
    expect(databaseUnavailable(new QueryRunnerProviderAlreadyReleasedError())).toBe(true);
  });

  it('counts connection errors and PostgreSQL shutdown codes, also when wrapped', () => {
    expect(databaseUnavailable(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(databaseUnavailable({ name: 'QueryFailedError', message: 'x', driverError: { code: '57P01' } })).toBe(true);
  });

  it('does not count a query that is simply wrong', () => {
    expect(databaseUnavailable({ name: 'QueryFailedError', message: 'syntax error', driverError: { code: '42601' } })).toBe(false);
    expect(databaseUnavailable(new TypeError('x is undefined'))).toBe(false);
  });
});
