import type { Refusal } from './refusal';

/** How a tracker signs and names its webhook deliveries. */
export interface DeliveryHeaders {
  vendor: string;
  secretVariable: string;
  signatureHeader: string;
  /** The signature's form, checked before the body is read (its value is checked after). */
  signatureForm: RegExp;
  deliveryHeader: string;
}

/** Delivery ids are GUIDs or the like; anything printable and short is kept, nothing else. */
const deliveryIdPattern = /^[\x21-\x7e]{1,200}$/;

/**
 * What makes a delivery fail before its body is worth reading: no secret to check
 * it with, no signature, or no delivery id (without one a captured delivery could
 * be replayed past the dedupe).
 */
export function deliveryProblem(
  headers: DeliveryHeaders,
  secret: string | undefined,
  header: (name: string) => string | undefined,
): Refusal | undefined {
  if (!secret)
    return {
      status: 401,
      error: 'unauthorized',
      message: `${headers.vendor} webhooks are off on this server (${headers.secretVariable} is not set)`,
    };
  if (!headers.signatureForm.test(header(headers.signatureHeader) ?? ''))
    return { status: 401, error: 'unauthorized', message: 'Missing or invalid signature' };
  if (!deliveryIdPattern.test(header(headers.deliveryHeader) ?? ''))
    return { status: 400, error: 'missing_delivery_id', message: `${headers.deliveryHeader} is required` };
  return undefined;
}
