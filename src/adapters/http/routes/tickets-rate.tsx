import type { Hono } from 'hono';
import { ConflictError } from '../../../domain/errors';
import { ratingChoices } from '../../../domain/tickets/rating';
import type { Ctx } from '../../../services/context';
import { rateTicket } from '../../../services/tickets/rate-ticket';
import { verifyRatingToken } from '../../signed-values';
import { rateStylesheet } from '../../web/assets';
import type { AppEnv, WebDeps } from '../web-deps';

function Page(props: { title: string; children: unknown }) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{props.title}</title>
        <style>{rateStylesheet}</style>
      </head>
      <body>{props.children}</body>
    </html>
  );
}

/** The single-use rating page for tickets that came from a helpdesk (no Slack requester to DM). */
export function registerRatingPage(app: Hono<AppEnv>, ctx: Ctx, web: WebDeps): void {
  app.get('/rate/:token', async (c) => {
    const id = verifyRatingToken(web.secret, c.req.param('token'));
    const t = id === null ? undefined : await ctx.repos.tickets.byId(ctx.workspaceId, id);
    if (!t)
      return c.html(
        <Page title="Link not valid">
          <h1>This link is not valid</h1>
          <p>Check that you copied the whole link.</p>
        </Page>,
        404,
      );
    if (t.ratedAt !== null)
      return c.html(
        <Page title="Thank you">
          <h1>Thank you!</h1>
          <p>This request was already rated.</p>
        </Page>,
        410,
      );
    return c.html(
      <Page title="How did we do?">
        <h1>How did we do?</h1>
        <p>
          Your request{t.subject ? ` “${t.subject}”` : ''} was resolved{t.resolution ? `: ${t.resolution}` : ''}.
        </p>
        <form method="post">
          <label for="comment">Comment (optional)</label>
          <textarea id="comment" name="comment" maxlength={2000}></textarea>
          {ratingChoices.map((r) => (
            <button type="submit" name="rating" value={String(r.value)}>
              {r.label}
            </button>
          ))}
        </form>
      </Page>,
    );
  });

  app.post('/rate/:token', async (c) => {
    const id = verifyRatingToken(web.secret, c.req.param('token'));
    if (id === null)
      return c.html(
        <Page title="Link not valid">
          <h1>This link is not valid</h1>
        </Page>,
        404,
      );
    const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
    const rating = Number(form.rating);
    if (!Number.isInteger(rating) || rating < 1 || rating > 5)
      return c.html(
        <Page title="Pick a rating">
          <h1>Please pick one of the five choices</h1>
          <p>
            <a href={c.req.path}>Back</a>
          </p>
        </Page>,
        400,
      );
    try {
      await rateTicket({
        ctx,
        input: { ticketId: id, rating, comment: typeof form.comment === 'string' ? form.comment : null },
      });
    } catch (err) {
      if (err instanceof ConflictError)
        return c.html(
          <Page title="Thank you">
            <h1>Thank you!</h1>
            <p>This request was already rated.</p>
          </Page>,
          410,
        );
      throw err;
    }
    return c.html(
      <Page title="Thank you">
        <h1>Thank you!</h1>
        <p>Your rating was saved.</p>
      </Page>,
    );
  });
}
