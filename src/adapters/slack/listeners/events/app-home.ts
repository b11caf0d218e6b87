import type { App } from '@slack/bolt';
import type { Runtime } from '../../../../app/runtime';
import { homeView, type HomeSection } from '../../blocks/home';
import { rotationHomeSection } from './rotation-home';
import { ticketsHomeSection } from './ticket-home';

/**
 * Sections of the App Home tab, in order. An area adds a provider here; a
 * provider that fails is left out (logged) so the tab still renders.
 */
export type HomeSectionProvider = (rt: Runtime, userId: string) => Promise<HomeSection | null> | HomeSection | null;

export const homeSectionProviders: HomeSectionProvider[] = [
  rotationHomeSection,
  ticketsHomeSection,
  // areas register here
];

export async function buildHome(rt: Runtime, userId: string) {
  const sections: HomeSection[] = [];
  for (const provide of homeSectionProviders) {
    try {
      const s = await provide(rt, userId);
      if (s) sections.push(s);
    } catch (err) {
      rt.ctx.log.error({ err }, 'app home: a section failed to render');
    }
  }
  return homeView(sections);
}

export function register(app: App, rt: Runtime): void {
  app.event('app_home_opened', async ({ event, client }) => {
    if (event.tab !== 'home') return;
    await client.views.publish({ user_id: event.user, view: await buildHome(rt, event.user) });
  });
}
