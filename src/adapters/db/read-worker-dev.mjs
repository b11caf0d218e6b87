// The read worker's entry when running from src (tsx, vitest): Node 20 does not
// hand `--import` loaders to a worker's entry module, so register tsx here first.
import { register } from 'tsx/esm/api';

register();
await import('./read-worker.ts');
