export * from './api.js';
export * from './china-time.js';
export * from './masking.js';
export * from './master-data.js';
export * from './rankings.js';
export * from './ledger.js';
export * from './report.js';
