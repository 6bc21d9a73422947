import type { DataSource } from 'typeorm';

/** Injection tokens for things created before Nest starts (see main.ts). */
export const DATABASE = Symbol('DATABASE');
export type Database = DataSource;

/** Whether the database is the embedded one started by this process. */
export const EMBEDDED = Symbol('EMBEDDED');
