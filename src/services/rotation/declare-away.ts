import { DateTime } from 'luxon';
import { ValidationError } from '../../domain/errors';
import type { Ctx } from '../context';

/**
 * A member's time off, whole local days in the organisation's zone (the end day
 * included). The schedule, /duty and the handoff briefings respect it.
 */
export async function declareAway({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { userId: string; from: string; to: string; standIn?: string | null };
}): Promise<{ from: Date; to: Date }> {
  const zone = ctx.config.file.timezone;
  const from = DateTime.fromISO(input.from, { zone });
  const to = DateTime.fromISO(input.to, { zone });
  const fields: Record<string, string> = {};
  if (!from.isValid) fields.from = 'Pick the first day you are away.';
  if (!to.isValid) fields.to = 'Pick the last day you are away.';
  if (from.isValid && to.isValid && to < from) fields.to = 'The last day must be on or after the first day.';
  if (input.standIn && input.standIn === input.userId) fields.stand_in = 'Pick someone other than yourself, or nobody.';
  if (Object.keys(fields).length) throw new ValidationError('Please fix the dates.', fields);
  const start = from.startOf('day');
  const end = to.plus({ days: 1 }).startOf('day');
  await ctx.repos.rotation.add(
    ctx.workspaceId,
    {
      kind: 'time_off',
      userId: input.userId,
      from: start.toMillis(),
      to: end.toMillis(),
      standIn: input.standIn ?? null,
    },
    input.userId,
    ctx.clock.now().getTime(),
  );
  return { from: start.toJSDate(), to: end.toJSDate() };
}
