/**
 * The FTS5 MATCH expressions the services build (src/services/knowledge,
 * ftsQuery in feedback.repo) as to_tsquery text, so the same expression finds
 * the same documents on PostgreSQL:
 *
 *   "term" or term     'term'      (a quoted phrase "a b" becomes 'a b', which
 *                                    to_tsquery reads as 'a' <-> 'b', a phrase)
 *   "term"* / term*    'term':*    (prefix)
 *   a OR b             a | b
 *   a AND b, a b       a & b       (FTS5's implicit AND)
 *   a NOT b            a & !b
 *   ( … )              ( … )
 *
 * Every term is quoted, so nothing in it is read as an operator. Returns null
 * when the expression holds no term.
 */
export function tsqueryFromMatch(match: string): string | null {
  const out: string[] = [];
  let operandLast = false;
  const operand = (text: string) => {
    if (operandLast) out.push('&');
    out.push(text);
    operandLast = true;
  };
  for (const token of tokens(match)) {
    if (token.kind === 'term') operand(quoteLexeme(token.text) + (token.prefix ? ':*' : ''));
    else if (token.text === '(') {
      if (operandLast) out.push('&');
      out.push('(');
      operandLast = false;
    } else if (token.text === ')') {
      out.push(')');
      operandLast = true;
    } else {
      out.push(token.text === 'OR' ? '|' : token.text === 'NOT' ? '& !' : '&');
      operandLast = false;
    }
  }
  return out.some((t) => t.startsWith("'")) ? out.join(' ') : null;
}

type Token = { kind: 'term'; text: string; prefix: boolean } | { kind: 'op'; text: string };

function* tokens(match: string): Generator<Token> {
  let i = 0;
  while (i < match.length) {
    const c = match[i]!;
    if (/\s/.test(c)) i++;
    else if (c === '(' || c === ')') {
      yield { kind: 'op', text: c };
      i++;
    } else if (c === '"') {
      let text = '';
      for (i++; i < match.length; i++) {
        if (match[i] !== '"') text += match[i];
        else if (match[i + 1] === '"') text += match[++i];
        else break;
      }
      i++;
      const prefix = match[i] === '*';
      if (prefix) i++;
      yield { kind: 'term', text, prefix };
    } else {
      const word = /^[^\s"()]+/.exec(match.slice(i))![0];
      i += word.length;
      if (word === 'OR' || word === 'AND' || word === 'NOT') yield { kind: 'op', text: word };
      else yield { kind: 'term', text: word.replace(/\*$/, ''), prefix: word.endsWith('*') };
    }
  }
}

/** A lexeme between single quotes, its quotes and backslashes escaped as tsquery wants. */
function quoteLexeme(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}
