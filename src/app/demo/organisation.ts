/** The sample organisation of the demo: four cross-functional product teams. */
export const demoWorkspaceId = 'T0DEMO0001';

export interface DemoPerson {
  id: string;
  name: string;
  role: 'developer' | 'designer' | 'tester' | 'product manager';
}

const team = (key: string, people: [string, DemoPerson['role']][]) =>
  people.map(([name, role], i) => ({ id: `U0${key}${String(i + 1).padStart(2, '0')}`, name, role }));

export const demoTeams: { name: string; people: DemoPerson[] }[] = [
  {
    name: 'Payments',
    people: team('PAY0', [
      ['Amara Okafor', 'product manager'],
      ['Jonas Weber', 'developer'],
      ['Lena Fischer', 'developer'],
      ['Priya Nair', 'designer'],
      ['Tomás Ruiz', 'tester'],
    ]),
  },
  {
    name: 'Onboarding',
    people: team('ONB0', [
      ['Sofia Rossi', 'product manager'],
      ['Mateo Silva', 'developer'],
      ['Hana Sato', 'designer'],
      ['Noah Becker', 'tester'],
    ]),
  },
  {
    name: 'Search',
    people: team('SRC0', [
      ['Elif Yilmaz', 'product manager'],
      ['Lucas Martin', 'developer'],
      ['Mia Schneider', 'developer'],
      ['Omar Haddad', 'designer'],
      ['Zoe Clarke', 'tester'],
      ['Ivan Petrov', 'developer'],
    ]),
  },
  {
    name: 'Mobile',
    people: team('MOB0', [
      ['Grace Kim', 'product manager'],
      ['Felix Wagner', 'developer'],
      ['Aisha Bello', 'designer'],
      ['Ben Carter', 'tester'],
      ['Nora Lind', 'developer'],
    ]),
  },
];

export const demoCompanies = [
  'Northwind Traders',
  'Globex',
  'Initech',
  'Umbrella Health',
  'Stark Logistics',
  'Wayne Foods',
  'Acme Retail',
  'Hooli',
  'Vandelay Imports',
  'Soylent Labs',
  'Tyrell Systems',
  'Cyberdyne',
  'Oscorp',
  'Wonka Sweets',
  'Gringotts Bank',
  'Monarch Solutions',
  'Pied Piper',
  'Aperture Science',
  'Massive Dynamic',
  'Blue Sun',
  'Dunder Mifflin',
  'Prestige Worldwide',
  'Sterling Cooper',
  'Bluth Company',
  'Krusty Krab',
  'Los Pollos Hermanos',
  'Virtucon',
  'Nakatomi Trading',
  'Gekko & Co',
  'Rich Industries',
  'Duff Brewing',
  'Spacely Sprockets',
  'Cogswell Cogs',
  'Buy n Large',
  "Mooby's",
  'Sirius Cybernetics',
  'InGen',
  'Weyland Corp',
  'Zorg Industries',
  'Octan',
  'Input Inc',
  'Plexus',
  'Altair Water',
  'Kiwi Travel',
  'Fjord Analytics',
];

/** The demo's topics (the example config's, in English): the Health page counts tickets per topic. */
export const demoTopics: Record<string, string[]> = {
  billing: ['invoice', 'refund', 'charge', 'billing', 'payment', 'VAT', 'currency', 'price', 'plan'],
  login: ['log in', 'login', 'password', '2FA', 'two-factor', 'SSO', 'session', 'logout'],
  performance: ['slow', 'timeout', 'times out', 'down', 'load forever', 'outage', 'blank'],
  integrations: ['API', 'webhook', 'integration', 'sync', 'Okta'],
  notifications: ['notification', 'e-mail', 'email', 'reminder', 'push'],
  'import-export': ['export', 'import', 'CSV', 'report', 'rows', 'PDF', 'upload', 'attachment'],
  mobile: ['mobile', 'iOS', 'Android', 'app update'],
  'team-access': ['invite', 'admin', 'permission', 'member', 'team'],
};

/** Problems customers report, each tied to an issue; the first ones hit most customers (long tail). */
export const demoProblems: { title: string; provider: 'github' | 'linear'; words: string }[] = [
  ['CSV export times out for large workspaces', 'github', 'export csv timeout large report download'],
  ['Invoice PDF shows the wrong VAT rate for Austria', 'linear', 'invoice vat pdf austria tax'],
  ['Password reset e-mail arrives after 20 minutes', 'github', 'password reset email slow login'],
  ['Search ignores accents (é, ü) in product names', 'linear', 'search accents umlaut results missing'],
  ['Mobile app logs out after every update', 'github', 'mobile logout update session ios android'],
  ['Card payment fails with 3-D Secure on Safari', 'linear', 'payment card 3ds safari declined checkout'],
  ['Onboarding checklist does not save progress', 'github', 'onboarding checklist progress lost'],
  ['Dashboard charts blank in Firefox', 'github', 'dashboard chart blank firefox'],
  ['Bulk import stops at 1,000 rows', 'linear', 'import bulk rows limit spreadsheet'],
  ['Two-factor codes rejected after clock change', 'github', '2fa code rejected authenticator'],
  ['Push notifications arrive twice on Android', 'linear', 'push notification duplicate android'],
  ['Refund button greyed out for partial refunds', 'github', 'refund partial button disabled'],
  ['Search results slow for workspaces over 10k items', 'linear', 'search slow large workspace'],
  ['Invite link expires too early', 'github', 'invite link expired team member'],
  ['Dark mode unreadable in settings page', 'github', 'dark mode contrast settings unreadable'],
  ['Webhook retries flood our endpoint', 'linear', 'webhook retries flood endpoint'],
  ['Timezone wrong in scheduled reports', 'github', 'timezone scheduled report wrong hour'],
  ['SSO login loops with Okta', 'linear', 'sso okta login loop saml'],
  ['Attachment upload fails over 25 MB', 'github', 'upload attachment large file fails'],
  ['Currency shown as USD for EUR accounts', 'linear', 'currency usd eur wrong display'],
].map(([title, provider, words]) => ({ title: title!, provider: provider as 'github' | 'linear', words: words! }));
