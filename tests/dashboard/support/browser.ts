import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

// Background features off: a test browser must reach nothing but the server under test.
const quietArgs = [
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];

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
    return chromium.launch({
      executablePath: system,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', ...quietArgs],
    });
  }
  const packaged = (await import('@sparticuz/chromium')).default;
  // Its serverless flags turn web security off; the tests check the pages' CSP, so keep it on.
  const args = packaged.args.filter((a) => !loosened.has(a));
  return chromium.launch({
    executablePath: await packaged.executablePath(),
    headless: true,
    args: [...args, ...quietArgs],
  });
}

export const desktop = { viewport: { width: 1366, height: 900 } } as const;
export const phone = {
  viewport: { width: 390, height: 844 },
  isMobile: true,
  hasTouch: true,
  deviceScaleFactor: 2,
} as const;

/** Screenshots are kept as test artifacts (gitignored). */
export const screenshotDir = new URL('../../../test-results/screenshots/', import.meta.url);

export interface AxeFinding {
  rule: string;
  impact: string;
  targets: string[];
}

const axeSource = fs.readFileSync(new URL('../../../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');

/** axe-core's WCAG 2 A/AA findings of impact serious or critical on the page as it stands. */
export async function seriousAxeFindings(page: Page): Promise<AxeFinding[]> {
  // Evaluated through the devtools protocol, so the page's CSP (no inline script) does not block it.
  await page.evaluate(axeSource);
  const violations =
    (await page.evaluate(`axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] }, resultTypes: ['violations'] })
    .then((r) => r.violations.map((v) => ({ rule: v.id, impact: v.impact, targets: v.nodes.map((n) => String(n.target)) })))`)) as AxeFinding[];
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Collects the page's Content-Security-Policy violations as the browser reports them in its console. */
export function watchCspViolations(page: Page): string[] {
  const seen: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) seen.push(m.text());
  });
  return seen;
}
