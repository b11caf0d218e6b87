import fs from 'node:fs';
import { LineCounter, parseDocument, isNode } from 'yaml';
import { fileSchema, type FileConfig } from '../../services/settings/file';

export type { FileConfig };

/** Parses and validates the YAML file; every problem names the file, line and reason. */
export function parseConfigFile(text: string, file: string): { config?: FileConfig; problems: string[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    return {
      problems: doc.errors.map((e) => {
        const { line } = lineCounter.linePos(e.pos[0]);
        return `${file}:${line}: ${e.message.split('\n')[0]}`;
      }),
    };
  }
  const result = fileSchema.safeParse(doc.toJS() ?? {});
  if (result.success) return { config: result.data, problems: [] };
  const problems = result.error.issues.map((issue) => {
    const where = locate(doc, issue.path as (string | number)[], lineCounter);
    const key = issue.path.join('.') || '(top level)';
    return `${file}:${where}: ${key} ${issue.message}`;
  });
  return { problems };
}

export function readConfigFile(file: string): { config?: FileConfig; problems: string[] } {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return {
      problems: [
        `${file}: cannot read the config file (${code === 'ENOENT' ? 'no such file; copy config/dutyloop.example.yaml' : code})`,
      ],
    };
  }
  return parseConfigFile(text, file);
}

/** The line of the deepest node on `path` that exists in the document. */
function locate(doc: ReturnType<typeof parseDocument>, path: (string | number)[], lc: LineCounter): number {
  for (let n = path.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
    if (isNode(node) && node.range) return lc.linePos(node.range[0]).line;
  }
  return 1;
}
