import type { App } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Ctx } from '../../../services/context';
import { register as actions } from './actions';
import { register as commands } from './commands';
import { register as events } from './events';
import { register as shortcuts } from './shortcuts';
import { register as views } from './views';

/** Every listener; `slack` is the client the outbox writes with (what it learnt of channels is shown on App Home). */
export function registerListeners(app: App, ctx: Ctx, slack: WebClient): void {
  commands(app, ctx);
  events(app, ctx, slack);
  actions(app, ctx);
  shortcuts(app, ctx);
  views(app, ctx);
}
