import { LinearWebhookClient } from '@linear/sdk/webhooks';
import { z } from 'zod';
import type { DeliveryHeaders } from '../http/webhook-deliveries';

/** Linear's webhook headers, for the check made before a delivery's body is read. */
export const linearDeliveries: DeliveryHeaders = {
  vendor: 'Linear',
  secretVariable: 'LINEAR_WEBHOOK_SECRET',
  signatureHeader: 'linear-signature',
  signatureForm: /^[0-9a-f]+$/i,
  deliveryHeader: 'Linear-Delivery',
};

export const linearEnvelope = z.object({
  action: z.string(),
  type: z.string(),
  webhookTimestamp: z.number(),
  data: z.record(z.string(), z.unknown()),
});
export type LinearEnvelope = z.infer<typeof linearEnvelope>;

/** Linear signs `webhookTimestamp` into the body; a delivery further than this from now is a replay. */
const maxSkewMs = 60_000;

export type LinearDelivery = { ok: true; envelope: LinearEnvelope } | { ok: false; message: string };

/**
 * Checks a delivery's `Linear-Signature` with Linear's own `LinearWebhookClient`,
 * then its signed `webhookTimestamp` against the injected clock: the SDK measures
 * the age against the machine's clock, so its verdict on time alone is not ours.
 */
export function verifyLinearDelivery(
  secret: string,
  rawBody: string,
  signature: string | undefined,
  nowMs: number,
): LinearDelivery {
  if (!signature || !/^[0-9a-f]+$/i.test(signature)) return { ok: false, message: 'Missing or invalid signature' };
  try {
    new LinearWebhookClient(secret).verify(Buffer.from(rawBody), signature.toLowerCase());
  } catch (err) {
    // The SDK compares the signature first; any later complaint is about a body we did sign-check.
    if (/signature/i.test(String((err as Error).message)))
      return { ok: false, message: 'Missing or invalid signature' };
  }
  let body: unknown;
  try {
    body = JSON.parse(rawBody);
  } catch {
    return { ok: false, message: 'Missing or invalid signature' };
  }
  const envelope = linearEnvelope.safeParse(body);
  if (!envelope.success) return { ok: false, message: 'Missing webhookTimestamp' };
  if (Math.abs(nowMs - envelope.data.webhookTimestamp) > maxSkewMs)
    return { ok: false, message: 'webhookTimestamp is more than 60 s away' };
  return { ok: true, envelope: envelope.data };
}

export const linearRelationData = z.object({
  type: z.string(),
  issueId: z.string(),
  relatedIssueId: z.string(),
});
