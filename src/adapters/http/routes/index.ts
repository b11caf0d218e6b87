import type { Hono } from 'hono';
import type { Runtime } from '../../../app/runtime';
import type { AppEnv } from '../app';
import { registerFeedbackRoutes } from './feedback';
import { registerRotationRoutes } from './rotation';

export type RouteRegistrar = (app: Hono<AppEnv>, rt: Runtime) => void;

/** Each area's routes. An area adds its registrar to this list. */
const registrars: RouteRegistrar[] = [
  registerFeedbackRoutes,
  registerRotationRoutes,
  // areas register here
];

export function registerRoutes(app: Hono<AppEnv>, rt: Runtime): void {
  for (const r of registrars) r(app, rt);
}
