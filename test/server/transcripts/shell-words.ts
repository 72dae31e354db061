/**
 * Splits a recorded shell command line into words: 'single', "double", $'ANSI-C' quoting and
 * backslash escapes, which is all the transcripts use.
 */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let i = 0;
  const ansi: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"' };
  while (i < line.length) {
    const c = line[i] as string;
    if (c === ' ' || c === '\t') {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
      i++;
      continue;
    }
    inWord = true;
    if (c === '\\') {
      word += line[i + 1] ?? '';
      i += 2;
    } else if (c === "'") {
      const end = line.indexOf("'", i + 1);
      word += line.slice(i + 1, end);
      i = end + 1;
    } else if (c === '$' && line[i + 1] === "'") {
      i += 2;
      while (i < line.length && line[i] !== "'") {
        if (line[i] === '\\') {
          const next = line[i + 1] as string;
          word += ansi[next] ?? next;
          i += 2;
        } else {
          word += line[i];
          i++;
        }
      }
      i++;
    } else if (c === '"') {
      i++;
      while (i < line.length && line[i] !== '"') {
        if (line[i] === '\\' && ['"', '\\', '$', '`'].includes(line[i + 1] ?? '')) {
          word += line[i + 1];
          i += 2;
        } else {
          word += line[i];
          i++;
        }
      }
      i++;
    } else {
      word += c;
      i++;
    }
  }
  if (inWord) words.push(word);
  return words;
}
