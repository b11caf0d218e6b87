import type { TicketRow } from '../../adapters/db/tickets.repo';
import type { Ctx } from '../context';

/** Hook run in the resolving transaction; the rating request is added here. */
export function onResolved(ctx: Ctx, t: TicketRow): void {
  void ctx;
  void t;
}
