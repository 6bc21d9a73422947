import { cpus, loadavg, totalmem } from 'node:os';
export const os = () => `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`;
/** 1-minute load average: on a shared machine the figures mean little without it. */
export const load = () => loadavg()[0].toFixed(1);
