/**
 * What pasted text must be for the lab to train on it, checked on the page
 * (before anything is sent) and again in the worker. No engine here.
 */
import { MAX_TEXT } from './schema';

/** A reader-facing reason the text cannot be used, or null when it can. */
export function textProblem(text: string): string | null {
  if (text.trim() === '') return 'The text is empty: paste some text first.';
  if (text.length > MAX_TEXT) return `The text has ${text.length.toLocaleString('en')} characters; the lab takes at most ${MAX_TEXT.toLocaleString('en')} (100 KB).`;
  let control = 0;
  for (const c of text) {
    const code = c.codePointAt(0)!;
    if (code === 0 || code === 0xfffd) return 'This looks like a binary file, not text (it holds bytes that are not characters).';
    if (code < 32 && c !== '\n' && c !== '\r' && c !== '\t') control++;
  }
  if (control > text.length / 100) return 'This looks like a binary file, not text (too many control characters).';
  const distinct = new Set(text.replace(/\s/g, ''));
  if (distinct.size < 2) return 'The text has only one distinct character: there is nothing for the model to predict.';
  return null;
}

/** The lines of a text, trimmed, without empty ones; long lines cut into pieces of at most `piece` characters. */
export function textLines(text: string, piece: number): string[] {
  const lines: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/\t/g, ' ').trim();
    for (let at = 0; at < line.length; at += piece) lines.push(line.slice(at, at + piece));
  }
  return lines;
}
