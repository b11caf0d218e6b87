import type { Ctx } from '../context';
import { inSavepoint, inTransaction } from '../transaction';
import { createTicket, type CreateTicketInput } from './create-ticket';

type Result = Awaited<ReturnType<typeof createTicket>>;
interface Waiting {
  input: CreateTicketInput;
  resolve(r: Result): void;
  reject(err: unknown): void;
}

/**
 * `createTicket` for many concurrent callers (the helpdesk API): tickets that
 * arrive in the same turn of the event loop are written in one transaction,
 * each in its own savepoint, so one ticket's failure is its caller's alone.
 * Every caller's answer waits for the commit, so a ticket is still committed,
 * with its card's outbox row, before anyone hears of it or Slack is called;
 * only the commit (most of an insert's cost) is shared. One caller alone waits
 * no longer than until the end of the current turn.
 */
export function createTicketsWithGroupCommit(ctx: Ctx): (input: CreateTicketInput) => Promise<Result> {
  let waiting: Waiting[] = [];

  const flush = async () => {
    const batch = waiting;
    waiting = [];
    const settled: (() => void)[] = [];
    try {
      await inTransaction(ctx, async (tx) => {
        for (const w of batch) {
          try {
            const r = await inSavepoint(tx, (sp) => createTicket({ ctx: sp, input: w.input }));
            settled.push(() => w.resolve(r));
          } catch (err) {
            settled.push(() => w.reject(err));
          }
        }
      });
    } catch (err) {
      for (const w of batch) w.reject(err);
      return;
    }
    for (const s of settled) s();
  };

  return (input) =>
    new Promise<Result>((resolve, reject) => {
      if (waiting.push({ input, resolve, reject }) === 1) setImmediate(() => void flush());
    });
}
