import type { App } from '@slack/bolt';
import type { Runtime } from '../../../../app/runtime';

export function register(app: App, rt: Runtime): void {
  void app;
  void rt;
  // areas register here
}
