/** SIGTERM and SIGINT finish in-flight work (HTTP, outbox, jobs) before the process exits. */
export function stopOnSignals(stop: () => Promise<void>): void {
  const onSignal = (signal: string) => {
    console.error(`${signal} received: finishing in-flight work…`);
    stop()
      .then(() => process.exit(0))
      .catch((err: unknown) => {
        console.error('error while stopping:', err instanceof Error ? err.message : err);
        process.exit(1);
      });
  };
  process.once('SIGTERM', () => onSignal('SIGTERM'));
  process.once('SIGINT', () => onSignal('SIGINT'));
}
