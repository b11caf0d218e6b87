import { describe, expect, it } from 'vitest';
import { parseConfigFile } from '../../src/app/config/file';

const yaml = (teams: string, tz = 'Europe/Berlin') => `timezone: ${tz}
teams:
${teams}
`;

describe('teams in config/dutyloop.yaml', () => {
  it('an empty team stops start-up naming the file, line and reason', () => {
    const { problems } = parseConfigFile(yaml('  - name: Payments\n    members: []'), 'config/dutyloop.yaml');
    expect(problems.join('\n')).toMatch(/config\/dutyloop\.yaml:\d+.*a team needs at least one member/);
  });

  it('a bad time zone stops start-up with a clear message', () => {
    const { problems } = parseConfigFile(
      yaml('  - name: Payments\n    members: [U0PAYLEAD01]', 'Europe/Berlinn'),
      'config/dutyloop.yaml',
    );
    expect(problems.join('\n')).toMatch(/config\/dutyloop\.yaml:1.*not an IANA time zone/);
  });

  it('a member that is neither a Slack id nor an e-mail is refused', () => {
    const { problems } = parseConfigFile(yaml('  - name: Payments\n    members: [bob]'), 'config/dutyloop.yaml');
    expect(problems.join('\n')).toMatch(/must be a Slack user id \(U…\) or an e-mail address/);
  });
});
