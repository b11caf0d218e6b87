import net from 'node:net';

/**
 * How a broken network answers: `reset` accepts and resets at once (ECONNRESET);
 * `forward` passes bytes through to a real (fake) server, so an app can start
 * normally and then lose its network; `hang` accepts and never answers.
 */
export type NetworkMode = 'reset' | 'forward' | 'hang';

export interface BrokenNetwork {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  port: number;
  /** How many connections were accepted (a test checks the clients really got here). */
  connections: number;
  setMode(mode: NetworkMode): void;
  close(): Promise<void>;
}

/**
 * A TCP server for network failures. `forwardTo` (host:port of another local
 * server) is used in `forward` mode.
 */
export async function startBrokenNetwork(
  opts: { mode?: NetworkMode; forwardTo?: { host: string; port: number } } = {},
): Promise<BrokenNetwork> {
  let mode: NetworkMode = opts.mode ?? 'reset';
  const open = new Set<net.Socket>();
  const track = (s: net.Socket) => {
    open.add(s);
    s.on('close', () => open.delete(s));
    s.on('error', () => undefined);
  };
  const server = net.createServer((socket) => {
    track(socket);
    broken.connections++;
    if (mode === 'hang') return;
    if (mode === 'reset' || !opts.forwardTo) return void socket.resetAndDestroy();
    const upstream = net.connect(opts.forwardTo.port, opts.forwardTo.host);
    track(upstream);
    socket.pipe(upstream).pipe(socket);
    socket.on('close', () => upstream.destroy());
    upstream.on('close', () => socket.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  const broken: BrokenNetwork = {
    origin: `http://127.0.0.1:${port}`,
    port,
    connections: 0,
    setMode: (m) => {
      mode = m;
      // Kept-alive connections would otherwise carry on as before.
      if (m !== 'forward') for (const s of open) s.destroy();
    },
    close: async () => {
      for (const s of open) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return broken;
}

/** A port on 127.0.0.1 that nothing listens on: connecting is refused (ECONNREFUSED). */
export async function refusedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
