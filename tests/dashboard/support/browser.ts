import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';

// Background features off: a test browser must reach nothing but the server under test.
const quietArgs = ['--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'];

const loosened = new Set(['--disable-web-security', '--allow-running-insecure-content', '--single-process']);

/** A Chromium already on this machine: CHROMIUM_PATH, else /usr/bin/chromium or one on PATH. */
function findSystemChromium(env = process.env): string | null {
  if (env.CHROMIUM_PATH) return env.CHROMIUM_PATH;
  const dirs = ['/usr/bin', ...(env.PATH ?? '').split(path.delimiter).filter(Boolean)];
  for (const dir of dirs) {
    for (const name of ['chromium', 'chromium-browser']) {
      const file = path.join(dir, name);
      try {
        fs.accessSync(file, fs.constants.X_OK);
        return file;
      } catch {
        // not here; keep looking
      }
    }
  }
  return null;
}

/**
 * Headless Chromium: a system one when present, else the build that ships inside the
 * @sparticuz/chromium npm package, so `npm ci && npm test` needs no browser install.
 */
export async function launchChromium(): Promise<Browser> {
  const system = findSystemChromium();
  if (system) {
    return chromium.launch({ executablePath: system, headless: true, args: ['--headless', '--no-sandbox', '--disable-gpu', ...quietArgs] });
  }
  const packaged = (await import('@sparticuz/chromium')).default;
  // Its serverless flags turn web security off; the tests check the pages' CSP, so keep it on.
  const args = packaged.args.filter((a) => !loosened.has(a));
  return chromium.launch({ executablePath: await packaged.executablePath(), headless: true, args: [...args, ...quietArgs] });
}
