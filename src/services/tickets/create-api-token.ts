import { createHash, randomBytes } from 'node:crypto';
import { apiTokens } from '../../adapters/db/schema';
import { ValidationError } from '../../domain/errors';
import type { Ctx } from '../context';

/** Makes an API token; returns it once. Only its SHA-256 is stored, so a database leak reveals no token. */
export function createApiToken({
  ctx,
  input,
}: {
  ctx: Pick<Ctx, 'db' | 'clock' | 'workspaceId'>;
  input: { name: string };
}): { id: number; token: string } {
  const name = input.name.trim();
  if (!name || name.length > 100)
    throw new ValidationError('name must be 1–100 characters', { name: 'must be 1–100 characters' });
  const token = `dlp_${randomBytes(24).toString('base64url')}`;
  const tokenHash = createHash('sha256').update(token).digest('hex');
  const row = ctx.db
    .insert(apiTokens)
    .values({ workspaceId: ctx.workspaceId, name, tokenHash, createdAt: ctx.clock.now().getTime() })
    .returning({ id: apiTokens.id })
    .get();
  return { id: row.id, token };
}
