import { execFileSync } from 'node:child_process';

/** Tests that spawn `bin/dutyloop.js` run the compiled CLI: build it from the sources under test first. */
export default function buildCli(): void {
  execFileSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' });
}
