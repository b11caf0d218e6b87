import { randomBytes } from 'node:crypto';
import { ValidationError } from '../../domain/errors';
import type { Ctx } from '../context';

/** Makes an API token; returns it once. Only its SHA-256 is stored, so a database leak reveals no token. */
export async function createApiToken({
  ctx,
  input,
}: {
  ctx: Pick<Ctx, 'repos' | 'clock' | 'workspaceId'>;
  input: { name: string };
}): Promise<{ id: number; token: string }> {
  const name = input.name.trim();
  if (!name || name.length > 100)
    throw new ValidationError('name must be 1–100 characters', { name: 'must be 1–100 characters' });
  const token = `dlp_${randomBytes(24).toString('base64url')}`;
  const id = await ctx.repos.tokens.create(ctx.workspaceId, name, token, ctx.clock.now().getTime());
  return { id, token };
}
