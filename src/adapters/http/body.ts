import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';

/** A body is declared when its length is: Node's parser then delivers exactly that many bytes, never more. */
export const declaredLength = (c: Context): string | undefined =>
  c.req.header('transfer-encoding') === undefined ? c.req.header('content-length') : undefined;

const utf8 = new TextDecoder();

/**
 * The body as text (UTF-8, as `c.req.text()` decodes it). Through the node
 * server, a body whose length was declared, and so passed its door's limit
 * unwrapped, is read straight from Node's request: hono would first build a
 * web Request around it (streams, an abort signal), which was a tenth of an
 * API ticket's time. Anything else goes through hono.
 */
export async function bodyText(c: Context): Promise<string> {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  if (!incoming || incoming.readableDidRead || declaredLength(c) === undefined) return c.req.text();
  const chunks: Buffer[] = [];
  for await (const chunk of incoming) chunks.push(chunk as Buffer);
  return utf8.decode(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks));
}
