import type { Child } from 'hono/jsx';

export interface Viewer {
  name: string;
  csrf: string;
}

const pages = [
  ['/', 'Demand'],
  ['/leaderboard', 'Leaderboard'],
  ['/rotation', 'Rotation'],
  ['/health', 'Health'],
] as const;

/** The page frame: navigation, the one stylesheet, the one script. */
export function Layout(props: { title: string; active?: string; viewer?: Viewer | null; children?: Child }) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{props.title} · dutyloop</title>
        <link rel="stylesheet" href="/assets/dashboard.css" />
      </head>
      <body>
        <header class="top">
          <a class="brand" href="/">
            dutyloop
          </a>
          <nav aria-label="Dashboard">
            {pages.map(([href, label]) => (
              <a
                href={href}
                class={props.active === href ? 'on' : ''}
                aria-current={props.active === href ? 'page' : undefined}
              >
                {label}
              </a>
            ))}
          </nav>
          {props.viewer ? (
            <form class="who" method="post" action="/auth/logout">
              <span>{props.viewer.name}</span>
              <input type="hidden" name="csrf" value={props.viewer.csrf} />
              <button type="submit">Sign out</button>
            </form>
          ) : null}
        </header>
        <main>{props.children}</main>
        <script src="/assets/dashboard.js" defer></script>
      </body>
    </html>
  );
}

export function ErrorPage(props: { status: number; title: string; message: string; allowed?: readonly string[] }) {
  return (
    <Layout title={props.title}>
      <div class="error card">
        <div class="code">{props.status}</div>
        <h1>{props.title}</h1>
        <p class="muted">{props.message}</p>
        {props.allowed ? (
          <p>
            Allowed values:{' '}
            {props.allowed.map((v, i) => (
              <>
                {i ? ', ' : ''}
                <code>{v}</code>
              </>
            ))}
          </p>
        ) : null}
        <p>
          <a class="btn" href="/">
            Back to the demand board
          </a>
        </p>
      </div>
    </Layout>
  );
}
