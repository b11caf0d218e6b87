import http from 'node:http';

/** The whole request body as text. */
export function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (raw += c));
    req.on('end', () => resolve(raw));
    req.on('error', reject);
  });
}

/** Closes a fake's server, dropping kept-alive client connections first. */
export async function closeServer(server: http.Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

/**
 * An HTTP server for a fake API. A client that goes away mid-request (a
 * replica killed, a test that closes early) drops its request, as a real API
 * sees it; any other failure in the fake answers 500 naming the error, so the
 * test fails through the client rather than as an unhandled rejection.
 */
export function fakeServer(
  handle: (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>,
): http.Server {
  return http.createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (req.destroyed || res.destroyed || res.headersSent) return void res.destroy();
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`fake server failed: ${err instanceof Error ? err.message : String(err)}`);
    });
  });
}
