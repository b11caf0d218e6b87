import type { Context, Hono } from 'hono';
import { DomainError } from '../../../../domain/errors';
import type { Ctx } from '../../../../services/context';
import { script, stylesheet } from '../../../web/assets';
import { ErrorPage, type Viewer } from '../../../web/layout';
import { viewerOf } from '../auth';
import { demandPage } from './demand';
import { BadParam } from './errors';
import { healthPage } from './health';
import { issuePage } from './issue';
import { leaderboardPage } from './leaderboard';
import { rotationPage } from './rotation';
import { runbookPage, runbooksPage } from './runbooks';
import type { AppEnv, WebDeps } from '../../web-deps';
import type { PageDeps } from './page-deps';

type Page = (c: Context, deps: PageDeps, viewer: Viewer | null) => Response | Promise<Response>;

/** The dashboard: server-rendered pages, their stylesheet and script. */
export function registerDashboardRoutes(app: Hono<AppEnv>, ctx: Ctx, web: WebDeps): void {
  app.get('/assets/dashboard.css', (c) =>
    c.body(stylesheet, 200, { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'public, max-age=300' }),
  );
  app.get('/assets/dashboard.js', (c) =>
    c.body(script, 200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'public, max-age=300' }),
  );
  const page = (fn: Page) => async (c: Context) => {
    const viewer = viewerOf(c);
    try {
      return await fn(c, { ctx, web }, viewer);
    } catch (err) {
      if (err instanceof BadParam) {
        return c.html(
          <ErrorPage
            status={400}
            title="Bad request"
            message={`“${err.value}” is not a valid ${err.param}.`}
            allowed={err.allowed}
          />,
          400,
        );
      }
      if (err instanceof DomainError && err.code === 'not_found') {
        return c.html(<ErrorPage status={404} title="Not found" message={err.message} />, 404);
      }
      throw err;
    }
  };
  app.get('/', page(demandPage));
  app.get('/issues/:id', page(issuePage));
  app.get('/leaderboard', page(leaderboardPage));
  app.get('/rotation', page(rotationPage));
  app.get('/health', page(healthPage));
  app.get('/runbooks', page(runbooksPage));
  app.get('/runbooks/*', page(runbookPage));
}
