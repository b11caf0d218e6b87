import type { Message } from '../../../services/ports/notify';
import type { SlackCall } from '../outbox';

/** One renderer per message kind: the Slack call (method and arguments) that says it. */
export type Renderers<M extends { kind: string }> = {
  [K in M['kind']]: (message: Extract<M, { kind: K }>) => SlackCall;
};

export type RenderMessage = (message: Message) => SlackCall;
