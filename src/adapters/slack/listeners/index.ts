import type { App } from '@slack/bolt';
import type { Runtime } from '../../../app/runtime';
import { register as actions } from './actions';
import { register as commands } from './commands';
import { register as events } from './events';
import { register as shortcuts } from './shortcuts';
import { register as views } from './views';

export function registerListeners(app: App, rt: Runtime): void {
  commands(app, rt);
  events(app, rt);
  actions(app, rt);
  shortcuts(app, rt);
  views(app, rt);
}
