import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from '../logger';
import { splitRunbook, type ParsedRunbook } from '../../domain/knowledge/runbook-sections';
import type { RunbookLibrary, RunbookSection } from '../../services/ports/knowledge';

/** A runbook is a page of steps; anything bigger is a mistake (a log, a dump) and is not read at all. */
export const maxRunbookBytes = 1024 * 1024;
/** How often the folder is looked at for changes. Polling mtimes is dull but reliable on every Linux filesystem, bind mounts included. */
const defaultPollMs = 2000;
/** A folder tree this deep or this full is not a runbooks folder; stop walking rather than stall. */
const maxDepth = 8;
const maxFiles = 2000;

interface FileStamp {
  rel: string;
  abs: string;
  size: number;
  mtimeMs: number;
  ino: number;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The `*.md` files under `root` (symlinked files followed, symlinked folders not: no loops), sorted by path. */
function listMarkdown(root: string): FileStamp[] {
  const found: FileStamp[] = [];
  const walk = (dir: string, depth: number) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (found.length >= maxFiles || e.name.startsWith('.')) continue;
      const abs = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (depth < maxDepth) walk(abs, depth + 1);
        continue;
      }
      if (!/\.md$/i.test(e.name) || !(e.isFile() || e.isSymbolicLink())) continue;
      try {
        const st = fs.statSync(abs);
        if (st.isFile())
          found.push({
            rel: path.relative(root, abs).split(path.sep).join('/'),
            abs,
            size: st.size,
            mtimeMs: st.mtimeMs,
            ino: st.ino,
          });
      } catch {
        // Gone between the listing and the stat: the next look sees it as it is.
      }
    }
  };
  walk(root, 0);
  return found.sort((a, b) => a.rel.localeCompare(b.rel));
}

const stampOf = (files: FileStamp[]) => files.map((f) => `${f.rel}\0${f.size}\0${f.mtimeMs}\0${f.ino}`).join('\n');

/** The page of a runbook section on the dashboard, when the server's public address is known. */
export function runbookUrl(publicUrl: string | undefined, file: string, slug?: string): string | null {
  if (!publicUrl) return null;
  const base = publicUrl.replace(/\/+$/, '');
  return `${base}/runbooks/${file.split('/').map(encodeURIComponent).join('/')}${slug ? `#${encodeURIComponent(slug)}` : ''}`;
}

export interface LoadedRunbook extends ParsedRunbook {
  /** The markdown as read (UTF-8, byte order mark removed), for the dashboard to render. */
  source: string;
}

export type RunbookLibraryHandle = RunbookLibrary & {
  close(): void;
  /** The runbook of a file (its path relative to the folder), as last read. */
  runbook(file: string): LoadedRunbook | undefined;
};

/**
 * Reads the markdown runbooks under `dir` (relative to the working directory)
 * and reads them again whenever a file is added, changed or removed. A file
 * that is not UTF-8 or is over 1 MB is skipped with one log line naming it
 * (again only if it changes); a missing folder means no runbooks.
 */
export function loadRunbookLibrary(opts: {
  dir: string;
  publicUrl?: string | null;
  log: Logger;
  pollMs?: number;
}): RunbookLibraryHandle {
  const root = path.resolve(opts.dir);
  const { log } = opts;
  const publicUrl = opts.publicUrl ?? undefined;
  let runbooks: LoadedRunbook[] = [];
  let sections: RunbookSection[] = [];
  let version = 0;
  let lastStamp: string | null = null;
  let folderMissingSaid = false;
  // Files already reported as skipped, by their stamp: a bad file is named once, not on every look.
  let skippedSaid = new Map<string, string>();
  // Runbooks already parsed, by their stamp: a change to one file re-reads that file only.
  let parsed = new Map<string, { stamp: string; runbook: LoadedRunbook }>();

  const readOne = (f: FileStamp, said: Map<string, string>, kept: typeof parsed): LoadedRunbook | null => {
    const stamp = `${f.size}:${f.mtimeMs}:${f.ino}`;
    const known = parsed.get(f.rel);
    if (known?.stamp === stamp) {
      kept.set(f.rel, known);
      return known.runbook;
    }
    const skip = (reason: string) => {
      said.set(f.rel, stamp);
      if (skippedSaid.get(f.rel) !== stamp)
        log.warn({ file: f.rel, bytes: f.size }, `runbooks: skipped ${f.rel}: ${reason}`);
      return null;
    };
    if (f.size > maxRunbookBytes) return skip(`larger than ${maxRunbookBytes / 1024 / 1024} MB`);
    let source: string;
    try {
      source = utf8.decode(fs.readFileSync(f.abs)).replace(/^\uFEFF/, '');
    } catch (err) {
      if (err instanceof TypeError) return skip('not valid UTF-8');
      return skip(`unreadable (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
    }
    const runbook = { ...splitRunbook(f.rel, source, (file, slug) => runbookUrl(publicUrl, file, slug)), source };
    kept.set(f.rel, { stamp, runbook });
    return runbook;
  };

  const refresh = () => {
    if (!fs.statSync(root, { throwIfNoEntry: false })?.isDirectory()) {
      if (!folderMissingSaid)
        log.info({ dir: opts.dir }, `runbooks: no folder ${opts.dir}; no runbooks until it exists`);
      folderMissingSaid = true;
      if (lastStamp !== '') {
        lastStamp = '';
        runbooks = [];
        sections = [];
        version++;
      }
      return;
    }
    folderMissingSaid = false;
    const files = listMarkdown(root);
    const stamp = stampOf(files);
    if (stamp === lastStamp) return;
    const said = new Map<string, string>();
    const kept: typeof parsed = new Map();
    const read = files.map((f) => readOne(f, said, kept)).filter((r): r is LoadedRunbook => r !== null);
    skippedSaid = said;
    parsed = kept;
    lastStamp = stamp;
    runbooks = read;
    sections = read.flatMap((r) => r.sections);
    version++;
    log.info({ dir: opts.dir, runbooks: runbooks.length, sections: sections.length, version }, 'runbooks: read');
  };

  const look = () => {
    try {
      refresh();
    } catch (err) {
      // A folder that vanishes mid-walk and the like: keep what was read, look again later.
      log.warn({ err }, 'runbooks: could not read the folder; keeping the runbooks read before');
    }
  };
  look();
  const timer = setInterval(look, opts.pollMs ?? defaultPollMs);
  timer.unref();

  return {
    sections: () => sections,
    runbooks: () =>
      runbooks.map((r) => ({
        file: r.file,
        title: r.title,
        url: runbookUrl(publicUrl, r.file),
        sections: r.sections.length,
      })),
    version: () => version,
    runbook: (file) => runbooks.find((r) => r.file === file),
    close: () => clearInterval(timer),
  };
}

/** The runbook of a file, when the library is the one this module loaded (the dashboard renders its markdown). */
export function runbookOf(lib: RunbookLibrary | undefined, file: string): LoadedRunbook | undefined {
  return lib && 'runbook' in lib ? (lib as RunbookLibraryHandle).runbook(file) : undefined;
}
