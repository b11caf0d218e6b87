import type { Ctx } from '../context';
import { getDutyNow } from '../rotation/get-duty';

export interface DutyTeam {
  teamId: number;
  name: string;
  leadUserId: string | null;
  onDuty: string[];
  start: number;
  end: number;
}

/** The team on duty at `at`, or null when no rotation is configured (tickets still work without one). */
export function dutyTeamAt(ctx: Ctx, at?: Date): DutyTeam | null {
  try {
    const duty = getDutyNow({ ctx, input: { at } });
    if (!duty) return null;
    const p = duty.current;
    return { teamId: Number(p.team.id), name: p.team.name, leadUserId: p.team.leadUserId ?? null, onDuty: p.onDuty, start: p.start.getTime(), end: p.end.getTime() };
  } catch (err) {
    ctx.log.warn({ err }, 'tickets: could not tell who is on duty');
    return null;
  }
}
