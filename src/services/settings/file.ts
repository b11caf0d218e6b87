import { IANAZone } from 'luxon';
import { z } from 'zod';
import { topicPattern } from '../../domain/knowledge/topics';

/** True unless the entry is a `/…/` pattern that does not compile. */
function compilesIfPattern(entry: string): boolean {
  try {
    topicPattern(entry);
    return true;
  } catch {
    return false;
  }
}

const slackUserId = z.string().regex(/^[UW][A-Z0-9]{2,}$/, 'must be a Slack user id (U…)');
// One message for both shapes: a union would only say "Invalid input".
const slackUserRef = z.string().refine((v) => /^[UW][A-Z0-9]{2,}$/.test(v) || z.string().email().safeParse(v).success, {
  message: 'must be a Slack user id (U…) or an e-mail address',
});
const channelId = z.string().regex(/^[CGD][A-Z0-9]{2,}$/, 'must be a Slack channel id (C…)');
const timeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time like 09:30');
const weekday = z.enum(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']);
const timeZone = z.string().refine((tz) => IANAZone.isValidZone(tz), {
  message: 'is not an IANA time zone (e.g. Europe/Berlin)',
});
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-01-05');

export const teamSchema = z.object({
  name: z.string().min(1, 'a team needs a name'),
  lead: slackUserRef.optional(),
  members: z.array(slackUserRef).min(1, 'a team needs at least one member'),
});

/** config/dutyloop.yaml — see config/dutyloop.example.yaml for every key, annotated. */
export const fileSchema = z
  .object({
    workspace: z
      .object({ id: z.string().regex(/^T[A-Z0-9]+$/, 'must be a Slack team id (T…)'), name: z.string().optional() })
      .strict()
      .optional(),
    timezone: timeZone.default('UTC'),
    dutyChannel: channelId.optional(),
    userGroup: z
      .string()
      .regex(/^S[A-Z0-9]+$/, 'must be a Slack user group id (S…)')
      .optional(),
    rotation: z
      .object({
        periodDays: z.number().int().min(1).max(91).default(14),
        handoff: z
          .object({ weekday: weekday.default('monday'), time: timeOfDay.default('10:00') })
          .strict()
          .default({ weekday: 'monday', time: '10:00' }),
        anchor: isoDate.optional(),
        headsUp: z.boolean().default(true),
      })
      .strict()
      .default({ periodDays: 14, handoff: { weekday: 'monday', time: '10:00' }, headsUp: true }),
    teams: z.array(teamSchema).default([]),
    intake: z
      .object({
        channels: z.array(channelId).default([]),
        reaction: z
          .string()
          .regex(/^[a-z0-9_+\-']+$/, 'must be an emoji name without colons')
          .default('ticket'),
        acceptBots: z
          .array(z.string().regex(/^[AB][A-Z0-9]{2,}$/, 'must be a Slack bot id (B…) or app id (A…)'))
          .default([]),
      })
      .strict()
      .default({ channels: [], reaction: 'ticket', acceptBots: [] }),
    targets: z
      .object({
        firstResponseMinutes: z.number().positive().default(10),
        resolutionWorkingHours: z.number().positive().default(8),
        nudgeAtFraction: z.number().gt(0).lt(1).default(0.8),
        escalationUser: slackUserId.optional(),
        workingHours: z
          .object({
            days: z
              .array(weekday)
              .min(1)
              .default(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']),
            start: timeOfDay.default('00:00'),
            end: z.union([timeOfDay, z.literal('24:00')]).default('24:00'),
          })
          .strict()
          .optional(),
      })
      .strict()
      .default({ firstResponseMinutes: 10, resolutionWorkingHours: 8, nudgeAtFraction: 0.8 }),
    feedback: z
      .object({
        productChannel: channelId.optional(),
        digestCron: z.string().default('0 9 * * 1'),
        allowCustomerData: z.boolean().default(false),
        github: z
          .object({
            repos: z.array(z.string().regex(/^[\w.-]+\/[\w.-]+$/, 'must be owner/repo')).default([]),
            label: z.string().default('customer-feedback'),
            demandLabel: z.string().optional(),
          })
          .strict()
          .optional(),
        linear: z
          .object({ teams: z.array(z.string().min(1)).default([]) })
          .strict()
          .optional(),
      })
      .strict()
      .default({ digestCron: '0 9 * * 1', allowCustomerData: false }),
    knowledge: z
      .object({
        /** Markdown runbooks, indexed section by section (relative to the working directory). */
        runbooks: z.string().min(1).default('config/runbooks/'),
      })
      .strict()
      .default({ runbooks: 'config/runbooks/' }),
    /**
     * Topic name → the words or patterns that signal it (`billing: [invoice, refund, VAT]`).
     * A word matches its other forms; `/…/` is a regular expression on the folded text.
     */
    topics: z
      .record(
        z.string(),
        z
          .array(
            z
              .string()
              .min(1)
              .refine(compilesIfPattern, { message: 'is not a valid regular expression (a /…/ entry is one)' }),
          )
          .min(1, 'a topic needs at least one word or pattern'),
      )
      // Names are checked here rather than as record keys, whose failures zod reports only as "Invalid key in record".
      .superRefine((topics, ctx) => {
        for (const name of Object.keys(topics)) {
          if (name === 'other')
            ctx.addIssue({
              code: 'custom',
              path: [name],
              message: '"other" is the topic of tickets that match none; it cannot be configured',
            });
          else if (!/^[a-z][a-z0-9-]{0,39}$/.test(name))
            ctx.addIssue({
              code: 'custom',
              path: [name],
              message: 'a topic name is lower-case letters, digits and dashes (e.g. billing)',
            });
        }
      })
      .default({}),
  })
  .strict();

export type FileConfig = z.output<typeof fileSchema>;
