import type { Ctx } from '../context';
import { type Created, type CreateTicketInput, createTicket, createTickets } from './create-ticket';

interface Waiting {
  input: CreateTicketInput;
  resolve(r: Created): void;
  reject(err: unknown): void;
}

/**
 * Batches at most this many at once. While they are being written, new
 * tickets gather into the next batch: the busier the intake, the larger the
 * batches, and the fewer statements per ticket.
 */
const batchesInFlight = 2;

/**
 * `createTicket` for many concurrent callers (the helpdesk API): tickets that
 * arrive while earlier ones are being written (or in the same turn of the
 * event loop) are written together by `createTickets`, in one transaction and
 * a few set-wise statements. Every caller's answer waits for the commit, so a
 * ticket is still committed, with its card's outbox row, before anyone hears
 * of it or Slack is called. If a batch fails as a whole, its tickets are
 * written again one by one, so one bad ticket's failure is its caller's
 * alone. While fewer than `batchesInFlight` are being written, a caller
 * waits no longer than until the end of the current turn.
 */
export function createTicketsWithGroupCommit(ctx: Ctx): (input: CreateTicketInput) => Promise<Created> {
  let waiting: Waiting[] = [];
  let inFlight = 0;
  let scheduled = false;

  const schedule = () => {
    if (scheduled || inFlight >= batchesInFlight || waiting.length === 0) return;
    scheduled = true;
    setImmediate(() => {
      scheduled = false;
      void flush();
    });
  };

  const flush = async () => {
    const batch = waiting;
    waiting = [];
    inFlight++;
    try {
      const outcomes = await createTickets({ ctx, inputs: batch.map((w) => w.input) });
      for (const [i, o] of outcomes.entries()) {
        if (o.ok) batch[i]!.resolve(o.value);
        else batch[i]!.reject(o.error);
      }
    } catch {
      for (const w of batch) await createTicket({ ctx, input: w.input }).then(w.resolve, w.reject);
    } finally {
      inFlight--;
      schedule();
    }
  };

  return (input) =>
    new Promise<Created>((resolve, reject) => {
      waiting.push({ input, resolve, reject });
      schedule();
    });
}
