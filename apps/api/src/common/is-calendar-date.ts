import { isCalendarDate } from '@lookback/contracts';
import { ValidateBy, type ValidationOptions } from 'class-validator';

/** YYYY-MM-DD naming a day that exists (2026-02-30 does not): checked here, not left to PostgreSQL's error. */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy({ name: 'isCalendarDate', validator: { validate: (value) => typeof value === 'string' && isCalendarDate(value) } }, options);
}
