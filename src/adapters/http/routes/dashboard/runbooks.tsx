import type { Context } from 'hono';
import { NotFoundError } from '../../../../domain/errors';
import { parseInline, parseMarkdown, slugOf, type MdBlock } from '../../../../domain/knowledge/markdown';
import { runbookOf } from '../../../knowledge/runbooks';
import { Layout, type Viewer } from '../../../web/layout';
import type { PageDeps } from './page-deps';

/** /runbooks: every runbook with its sections. */
export function runbooksPage(c: Context, { ctx }: PageDeps, viewer: Viewer | null) {
  const lib = ctx.runbooks;
  const list = lib?.runbooks() ?? [];
  const sections = lib?.sections() ?? [];
  const folder = ctx.config.file.knowledge.runbooks;
  return c.html(
    <Layout title="Runbooks" viewer={viewer}>
      <h1>Runbooks</h1>
      <p class="sub">
        What to do when… — markdown files in <code>{folder}</code>, read again when they change.
      </p>
      {list.length === 0 ? (
        <div class="card">
          <p>
            No runbooks yet. Put markdown files in <code>{folder}</code>, one heading per step.
          </p>
        </div>
      ) : (
        list.map((r) => (
          <div class="card" data-runbook={r.file}>
            <h2>
              <a href={pagePath(r.file)}>{r.title}</a>
            </h2>
            <p class="key">
              {r.file} · {r.sections} section{r.sections === 1 ? '' : 's'}
            </p>
            <ul class="prose">
              {sections
                .filter((s) => s.file === r.file)
                .map((s) => (
                  <li>
                    <a href={`${pagePath(r.file)}#${encodeURIComponent(s.key.slice(s.key.indexOf('#') + 1))}`}>
                      {s.heading}
                    </a>
                  </li>
                ))}
            </ul>
          </div>
        ))
      )}
    </Layout>,
  );
}

/** /runbooks/:file: one runbook, rendered from its markdown with an anchor per heading. */
export function runbookPage(c: Context, { ctx }: PageDeps, viewer: Viewer | null) {
  const file = fileOf(new URL(c.req.url).pathname);
  // Looked up among the files the library read, never opened from the path: no way out of the folder.
  const runbook = runbookOf(ctx.runbooks, file);
  if (!runbook) throw new NotFoundError(`No runbook ${file}`);
  const blocks = parseMarkdown(runbook.source);
  const titleIndex = blocks.findIndex((b) => b.type === 'heading');
  return c.html(
    <Layout title={runbook.title} viewer={viewer}>
      <p class="small">
        <a href="/runbooks">← Runbooks</a>
      </p>
      <article class="card prose" data-runbook={runbook.file}>
        {titleIndex === -1 ? <h1 id={slugOf(runbook.title)}>{runbook.title}</h1> : null}
        {blocks.map((b, i) => (
          <Block block={b} isTitle={i === titleIndex} />
        ))}
      </article>
      <p class="key">{runbook.file}</p>
    </Layout>,
  );
}

/** The runbook's file named by the path, decoded once; a malformed escape names no file. */
function fileOf(pathname: string): string {
  const raw = pathname.replace(/^\/runbooks\//, '');
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new NotFoundError(`No runbook ${raw}`);
  }
}

const pagePath = (file: string) => `/runbooks/${file.split('/').map(encodeURIComponent).join('/')}`;

/** The page's one h1 is the title; every other heading sits below it (h2…h6) so the outline reads in order. */
function Block({ block: b, isTitle }: { block: MdBlock; isTitle: boolean }) {
  switch (b.type) {
    case 'heading': {
      const level = isTitle ? 1 : Math.min(6, Math.max(2, b.level));
      const H = `h${level}` as 'h1';
      return <H id={b.slug}>{b.text}</H>;
    }
    case 'paragraph':
      return (
        <p>
          <Inline text={b.text} />
        </p>
      );
    case 'quote':
      return (
        <blockquote>
          {b.text.split('\n').map((line, i) => (
            <>
              {i ? <br /> : null}
              <Inline text={line} />
            </>
          ))}
        </blockquote>
      );
    case 'list': {
      const items = b.items.map((item) => (
        <li>
          <Inline text={item} />
        </li>
      ));
      return b.ordered ? <ol>{items}</ol> : <ul>{items}</ul>;
    }
    case 'code':
      // A long line scrolls inside its box (reachable by keyboard) instead of widening the page on a phone.
      return (
        <section class="scroll" tabindex={0} aria-label="Code">
          <pre>
            <code>{b.text}</code>
          </pre>
        </section>
      );
    case 'rule':
      return <hr />;
  }
}

/** Text, code, emphasis and http(s) links; every string goes through JSX, which escapes it. */
function Inline({ text }: { text: string }) {
  return (
    <>
      {parseInline(text).map((p) => {
        switch (p.type) {
          case 'code':
            return <code>{p.text}</code>;
          case 'strong':
            return <strong>{p.text}</strong>;
          case 'em':
            return <em>{p.text}</em>;
          case 'link':
            return p.href ? (
              <a href={p.href} rel="noopener noreferrer">
                {p.label}
              </a>
            ) : (
              p.label
            );
          default:
            return <>{p.text}</>;
        }
      })}
    </>
  );
}
