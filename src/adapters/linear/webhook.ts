import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { deliveryIdPattern } from '../github/webhook';
import type { Refusal } from '../http/doors';

/** As for GitHub: no secret, no signature or no `Linear-Delivery` id is refused before the body is read. */
export function linearDeliveryProblem(secret: string | undefined, header: (name: string) => string | undefined): Refusal | undefined {
  if (!secret) return { status: 401, error: 'unauthorized', message: 'Linear webhooks are off on this server (LINEAR_WEBHOOK_SECRET is not set)' };
  if (!/^[0-9a-f]+$/i.test(header('linear-signature') ?? '')) return { status: 401, error: 'unauthorized', message: 'Missing or invalid signature' };
  if (!deliveryIdPattern.test(header('linear-delivery') ?? '')) return { status: 400, error: 'missing_delivery_id', message: 'Linear-Delivery is required' };
  return undefined;
}

/** Linear-Signature: hex HMAC-SHA256(secret, raw body). */
export function verifyLinearSignature(secret: string, rawBody: string, header: string | undefined): boolean {
  if (!header || !/^[0-9a-f]+$/i.test(header)) return false;
  const expected = Buffer.from(createHmac('sha256', secret).update(rawBody).digest('hex'));
  const given = Buffer.from(header.toLowerCase());
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export const linearEnvelope = z.object({
  action: z.string(),
  type: z.string(),
  webhookTimestamp: z.number(),
  data: z.record(z.string(), z.unknown()),
});

export const linearIssueData = z.object({
  id: z.string(),
  identifier: z.string(),
  title: z.string(),
  url: z.string(),
  state: z.object({ type: z.string(), name: z.string().optional() }),
  team: z.object({ key: z.string() }).nullish(),
});

export const linearRelationData = z.object({
  type: z.string(),
  issueId: z.string(),
  relatedIssueId: z.string(),
});
