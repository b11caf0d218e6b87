import type { Hono } from 'hono';
import ical from 'ical-generator';
import { DateTime } from 'luxon';
import { ValidationError } from '../../../domain/errors';
import type { Ctx } from '../../../services/context';
import { listPeriods } from '../../../services/rotation/get-duty';
import type { AppEnv, WebDeps } from '../web-deps';

const day = 86_400_000;

/** A date or time without an offset is read in the organisation's zone, never the server's. */
function parseDate(value: string | undefined, name: string, fallback: Date, zone: string): Date {
  if (!value) return fallback;
  const d = DateTime.fromISO(value, { zone }).toJSDate();
  if (Number.isNaN(d.getTime()))
    throw new ValidationError(`${name} must be a date (e.g. 2026-12-01)`, { [name]: 'not a date' });
  return d;
}

export function registerRotationRoutes(app: Hono<AppEnv>, ctx: Ctx, web: WebDeps): void {
  app.get('/api/schedule', async (c) => {
    const now = ctx.clock.now();
    const zone = ctx.config.file.timezone;
    const from = parseDate(c.req.query('from'), 'from', now, zone);
    const to = parseDate(c.req.query('to'), 'to', new Date(from.getTime() + 90 * day), zone);
    if (to <= from) throw new ValidationError('to must be after from', { to: 'before from' });
    if (to.getTime() - from.getTime() > 3 * 366 * day)
      throw new ValidationError('ask for at most three years at a time', { to: 'too far' });
    const periods = (await listPeriods({ ctx, input: { from, to } })).map((p) => ({
      index: p.index,
      start: p.start.toISOString(),
      end: p.end.toISOString(),
      team: { id: p.team.id, name: p.team.name, lead: p.team.leadUserId, members: p.team.memberIds },
      onDuty: p.onDuty,
      swapped: p.swapped,
      replaced: p.replaced,
      timeOff: p.timeOff.map((t) => ({
        userId: t.userId,
        standIn: t.standIn ?? null,
        from: t.from.toISOString(),
        to: t.to.toISOString(),
      })),
    }));
    return c.json({ timezone: ctx.config.file.timezone, periods });
  });

  app.get('/calendar.ics', async (c) => {
    if (!(await web.reads.calendarTokenMatches(ctx.workspaceId, c.req.query('token') ?? '')))
      return c.text('unknown calendar token', 401);
    const member = c.req.query('member');
    const now = ctx.clock.now();
    const periods = await listPeriods({
      ctx,
      input: { from: new Date(now.getTime() - 180 * day), to: new Date(now.getTime() + 366 * day) },
    });
    const list = periods.filter((p) => !member || p.onDuty.includes(member));
    // No calendar time zone: ical-generator would then write floating times in the
    // server's own zone. Instants in UTC (`Z`) mean the same in every reader's zone.
    const cal = ical({
      name: member ? 'My support duty' : 'Support duty',
      prodId: { company: 'dutyloop', product: 'dutyloop', language: 'EN' },
    });
    for (const p of list) {
      cal.createEvent({
        // One UID per period slot: a swap changes the event, it never adds one.
        id: `period-${p.index}@${ctx.workspaceId}.dutyloop`,
        start: p.start,
        end: p.end,
        stamp: now,
        summary: `Support duty: ${p.team.name}${p.swapped ? ' (swapped)' : ''}${p.replaced ? ' (replaced)' : ''}`,
        description: `On duty: ${p.onDuty.join(', ')}`,
      });
    }
    c.header('content-type', 'text/calendar; charset=utf-8');
    return c.body(cal.toString());
  });
}
