export * from './api.js';
export * from './masking.js';
export * from './master-data.js';
