import { afterEach, describe, expect, it } from 'vitest';
import { GitHubTracker } from '../../src/adapters/github/github-client';
import { LinearTracker } from '../../src/adapters/linear/linear-client';
import { classifyError } from '../../src/adapters/outbox/errors';
import { createSlackClient } from '../../src/adapters/slack/web-client';
import { startBrokenNetwork, type BrokenNetwork } from '../harness/reset-server';

describe('a vendor that accepts the connection and never answers', () => {
  let silent: BrokenNetwork | undefined;
  afterEach(async () => {
    await silent?.close();
  });

  it('fails a GitHub call at its deadline, as a failure the outbox retries', async () => {
    silent = await startBrokenNetwork({ mode: 'hang' });
    const github = new GitHubTracker({
      token: 'ghp_timeout',
      apiUrl: silent.origin,
      repos: ['acme/app'],
      label: 'customer-feedback',
      timeoutMs: 300,
    });
    const err = await github.get('acme/app#1').then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeTruthy();
    expect(silent.connections).toBeGreaterThan(0);
    expect(classifyError(err).retry).toBe(true);
  });

  it('fails a Linear call at its deadline, naming the wait', async () => {
    silent = await startBrokenNetwork({ mode: 'hang' });
    const linear = new LinearTracker({
      apiKey: 'lin_api_timeout',
      apiUrl: `${silent.origin}/graphql`,
      teams: ['ENG'],
      timeoutMs: 300,
    });
    const err = await linear.get('ENG-1').then(
      () => null,
      (e: unknown) => e,
    );
    expect(String((err as Error).message)).toMatch(/did not answer within 300 ms/);
    expect(classifyError(err).retry).toBe(true);
  });

  it('fails a Slack call at its deadline, as a failure the outbox retries', async () => {
    silent = await startBrokenNetwork({ mode: 'hang' });
    const slack = createSlackClient({ token: 'xoxb-timeout', apiUrl: `${silent.origin}/api/`, timeoutMs: 300 });
    const err = await slack.chat.postMessage({ channel: 'C1', text: 'hello' }).then(
      () => null,
      (e: unknown) => e,
    );
    expect((err as { code?: string }).code).toBe('slack_webapi_request_error');
    expect(classifyError(err).retry).toBe(true);
  });
});
