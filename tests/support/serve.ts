import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';

export interface ServedProcess {
  child: ChildProcess;
  /** Everything it has printed so far, on stdout and stderr. */
  output(): string;
  /** Its exit code, once it exits. */
  exited: Promise<number | null>;
  /** Whether /healthz answered 200 within ten seconds of the start. */
  healthy: boolean;
}

/**
 * `dutyloop serve` from the compiled CLI, as an operator starts it, with only
 * `env` (and PATH) in its environment, on `port`; resolves once /healthz
 * answers or ten seconds have passed.
 */
export async function serveCompiled(env: Record<string, string>, port: number): Promise<ServedProcess> {
  const child = spawn(process.execPath, [path.resolve('bin/dutyloop.js'), 'serve'], {
    env: { PATH: process.env.PATH ?? '', PORT: String(port), LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d) => (out += d));
  child.stderr?.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  let healthy = false;
  for (let i = 0; i < 100 && !healthy; i++) {
    await new Promise((r) => setTimeout(r, 100));
    healthy = await fetch(`http://127.0.0.1:${port}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
  }
  return { child, output: () => out, exited, healthy };
}
