import type { App } from '@slack/bolt';
import type { Ctx } from '../../../services/context';
import { register as actions } from './actions';
import { register as commands } from './commands';
import { register as events } from './events';
import { register as shortcuts } from './shortcuts';
import { register as views } from './views';

export function registerListeners(app: App, ctx: Ctx): void {
  commands(app, ctx);
  events(app, ctx);
  actions(app, ctx);
  shortcuts(app, ctx);
  views(app, ctx);
}
