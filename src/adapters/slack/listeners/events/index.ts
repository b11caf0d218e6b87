import type { App } from '@slack/bolt';
import type { Runtime } from '../../../../app/runtime';
import { register as registerAppHome } from './app-home';

export function register(app: App, rt: Runtime): void {
  registerAppHome(app, rt);
  // areas register here
}
