import type { App } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Ctx } from '../../../../services/context';
import { homeView, type HomeSection } from '../../blocks/home';
import { channelFix, channelProblems, ensureInChannel } from '../../channel-access';
import { rotationHomeSection } from './rotation-home';
import { ticketsHomeSection } from './ticket-home';

/**
 * Sections of the App Home tab, in order. An area adds a provider here; a
 * provider that fails is left out (logged) so the tab still renders.
 */
export type HomeSectionProvider = (ctx: Ctx, userId: string) => Promise<HomeSection | null> | HomeSection | null;

export const homeSectionProviders: HomeSectionProvider[] = [
  rotationHomeSection,
  ticketsHomeSection,
  // areas register here
];

export async function buildHome(ctx: Ctx, userId: string, slack?: WebClient) {
  const sections: HomeSection[] = [];
  for (const provide of homeSectionProviders) {
    try {
      const s = await provide(ctx, userId);
      if (s) sections.push(s);
    } catch (err) {
      ctx.log.error({ err }, 'app home: a section failed to render');
    }
  }
  return homeView(sections, slack ? await adminNotices(ctx, slack, userId) : []);
}

/**
 * Admins (team leads and the escalation user) see what stops dutyloop from
 * working that only they can fix. Each known channel problem is checked again
 * first, so a notice goes away once the bot was invited.
 */
async function adminNotices(ctx: Ctx, slack: WebClient, userId: string): Promise<string[]> {
  const { log, config, repos, workspaceId } = ctx;
  const known = channelProblems(slack);
  if (known.length === 0) return [];
  const admins = new Set((await repos.teams.active(workspaceId)).map((t) => t.leadUserId));
  if (config.file.targets.escalationUser) admins.add(config.file.targets.escalationUser);
  if (!admins.has(userId)) return [];
  for (const p of known) await ensureInChannel(slack, log, p.channel);
  return channelProblems(slack).map((p) => channelFix(p).replace(p.channel, `<#${p.channel}>`));
}

export function register(app: App, ctx: Ctx, slack: WebClient): void {
  app.event('app_home_opened', async ({ event, client }) => {
    if (event.tab !== 'home') return;
    await client.views.publish({ user_id: event.user, view: await buildHome(ctx, event.user, slack) });
  });
}
