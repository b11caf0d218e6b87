import type { Hono } from 'hono';
import type { Runtime } from '../../../app/runtime';
import type { AppEnv } from '../app';
import { registerAuthRoutes } from './auth';
import { registerDashboardRoutes } from './dashboard';
import { registerFeedbackRoutes } from './feedback';
import { registerRotationRoutes } from './rotation';
import { registerTicketRoutes } from './tickets';
import { registerTopicRoutes } from './topics';
import { registerKnowledgeRoutes } from './knowledge';

export type RouteRegistrar = (app: Hono<AppEnv>, rt: Runtime) => void;

/** Each area's routes. An area adds its registrar to this list. */
const registrars: RouteRegistrar[] = [
  registerAuthRoutes, // first: its sign-in guard must run before every page and /api/* read
  registerFeedbackRoutes,
  registerRotationRoutes,
  registerDashboardRoutes,
  registerTicketRoutes,
  registerTopicRoutes,
  registerKnowledgeRoutes,
  // areas register here
];

export function registerRoutes(app: Hono<AppEnv>, rt: Runtime): void {
  for (const r of registrars) r(app, rt);
}
