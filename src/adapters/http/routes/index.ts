import type { Hono } from 'hono';
import type { Ctx } from '../../../services/context';
import type { AppEnv, WebDeps } from '../web-deps';
import { registerAuthRoutes } from './auth';
import { registerDashboardRoutes } from './dashboard';
import { registerFeedbackRoutes } from './feedback';
import { registerRotationRoutes } from './rotation';
import { registerTicketRoutes } from './tickets';
import { registerTopicRoutes } from './topics';
import { registerKnowledgeRoutes } from './knowledge';

/** Adds an area's routes: its use cases reach the ports through `ctx`, its pages read through `web.reads`. */
export type RouteRegistrar = (app: Hono<AppEnv>, ctx: Ctx, web: WebDeps) => void;

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

export function registerRoutes(app: Hono<AppEnv>, ctx: Ctx, web: WebDeps): void {
  for (const r of registrars) r(app, ctx, web);
}
