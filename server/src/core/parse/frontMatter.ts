// Reads the YAML front matter: 種別 / kind (the tier), 根拠 / basis (links for the whole document)
// and タイトル / title. Broken YAML or a bad value is a problem at its spot, never an exception.

import { parseDocument, isScalar, isSeq, isMap, type Node as YamlNode } from 'yaml';
import type { Span, Tier } from '../types';
import type { MessageId } from '../messages';
import type { FrontMatter } from './markdown';
import { tierFromWord } from './tier';
import { Memo } from '../memo';

export interface Problem { span: Span; message: MessageId; args: string[] }

/** 公開区分: whether a document may be shown outside the organisation. */
export type Publicity = 'public' | 'private';

export interface FrontMatterFacts {
  tier?: Tier;
  publicity?: Publicity;
  title?: string;
  /** Each basis string with its span in the document, quotes excluded. */
  basis: Span[];
  problems: Problem[];
}

const KIND_KEYS = ['種別', 'kind', 'tier'];
const BASIS_KEYS = ['根拠', 'basis'];
const TITLE_KEYS = ['タイトル', '表題', 'title'];
const PUBLICITY_KEYS = ['公開区分', 'visibility'];
const PUBLICITY_WORDS: Record<string, Publicity> = { 公開: 'public', public: 'public', 非公開: 'private', private: 'private' };

/**
 * Front matter the flat reading leaves to the YAML parser, the slowest step of a small document,
 * often repeats across a set: its facts are kept per front matter text, with spans counted from
 * the YAML text's start.
 */
const memo = new Memo<FrontMatterFacts>(64);

export function readFrontMatter(fm: FrontMatter): FrontMatterFacts {
  const flat = flatFrontMatter(fm);
  if (flat) return flat;
  const base = fm.valueStart;
  const span = { start: fm.span.start - base, end: fm.span.end - base };
  const facts = memo.get(`${span.start},${span.end}\u0000${fm.value}`, () => parseYaml({ value: fm.value, valueStart: 0, span }));
  const shift = (span: Span): Span => ({ start: span.start + base, end: span.end + base });
  return {
    tier: facts.tier,
    publicity: facts.publicity,
    title: facts.title,
    basis: facts.basis.map(shift),
    problems: facts.problems.map((p) => ({ span: shift(p.span), message: p.message, args: p.args })),
  };
}

/** A key YAML reads as the plain string it looks like: no indicator, space, quote or colon in it. */
const FLAT_KEY = /^[A-Za-z\u00a0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd][\w\u00a0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd]*$/;
/** Keys YAML reads as a boolean or null, so that True and true are the same key to it. */
const YAML_WORD = /^(?:null|true|false)$/i;
/** A value as above, that starts with a character beyond ASCII (YAML then reads it as a string). */
const FLAT_VALUE = /^[\u00a0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd][^\t\r\n#:\u0080-\u009f\u2028\u2029\ud800-\udfff\ufeff]*$/;

/** An item of a list of 根拠: as a value, but with none of the characters that end it in a [ ] list. */
const FLAT_ITEM = /^[\u00a0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd][^\t\r\n#:,[\]{}\u0080-\u009f\u2028\u2029\ud800-\udfff\ufeff]*$/;

/**
 * Front matter written as people write it, `key: value` lines such as 種別: 対策基準 or
 * 施行日: 令和6年4月1日, and 根拠 as one value, a [ ] list or a list of `- ` lines, read without
 * the YAML parser (its slowest step for most documents, and every file's front matter differs in
 * its dates and editions); undefined for anything else (a quote, a comment, a repeated key, an
 * ASCII value that might be a number), which the parser reads. test/unit/frontMatter.test.ts
 * holds the two to the same facts.
 */
export function flatFrontMatter(fm: FrontMatter): FrontMatterFacts | undefined {
  const text = fm.value;
  const out: FrontMatterFacts = { basis: [], problems: [] };
  const spanOf = (start: number, stop: number): Span => ({ start: fm.valueStart + start, end: fm.valueStart + stop });
  const keys = new Set<string>();
  for (let at = 0; at < text.length;) {
    const line = lineOf(text, at);
    const colon = text.indexOf(':', at);
    if (colon < 0 || colon >= line.end) return undefined;
    const key = text.slice(at, colon);
    if (keys.has(key) || !FLAT_KEY.test(key) || YAML_WORD.test(key)) return undefined;
    keys.add(key);
    const [start, stop] = trimmed(text, colon + 1, line.end);
    at = line.next;
    if (start === stop) {
      // 根拠: alone on its line, the list below it.
      if (!BASIS_KEYS.includes(key)) return undefined;
      const items = blockItems(text, at);
      if (!items?.spans.length) return undefined;
      for (const [from, to] of items.spans) out.basis.push(spanOf(from, to));
      at = items.next;
      continue;
    }
    if (text.charCodeAt(colon + 1) !== 0x20) return undefined;
    if (text.charCodeAt(start) === 0x5b /* [ */) {
      if (!BASIS_KEYS.includes(key) || text.charCodeAt(stop - 1) !== 0x5d /* ] */) return undefined;
      const items = flowItems(text, start + 1, stop - 1);
      if (!items) return undefined;
      for (const [from, to] of items) out.basis.push(spanOf(from, to));
      continue;
    }
    const raw = text.slice(start, stop);
    if (!FLAT_VALUE.test(raw)) return undefined;
    const span = spanOf(start, stop);
    if (!readField(out, key, raw, span) && BASIS_KEYS.includes(key)) out.basis.push(span);
  }
  return out;
}

/** The line from `at`: where its text ends (before \r\n or \n) and where the next line starts. */
function lineOf(text: string, at: number): { end: number; next: number } {
  let end = text.indexOf('\n', at);
  if (end < 0) end = text.length;
  return { end: text.charCodeAt(end - 1) === 0x0d ? end - 1 : end, next: end + 1 };
}

/** [start, stop) without the spaces at either end. */
function trimmed(text: string, start: number, stop: number): [number, number] {
  while (start < stop && text.charCodeAt(start) === 0x20) start++;
  while (stop > start && text.charCodeAt(stop - 1) === 0x20) stop--;
  return [start, stop];
}

/** The items of `- ` lines from `at`, all indented alike; undefined when one is not plain. */
function blockItems(text: string, at: number): { spans: [number, number][]; next: number } | undefined {
  const spans: [number, number][] = [];
  let indent = -1;
  while (at < text.length) {
    const line = lineOf(text, at);
    let dash = at;
    while (text.charCodeAt(dash) === 0x20) dash++;
    if (text.charCodeAt(dash) !== 0x2d /* - */ || text.charCodeAt(dash + 1) !== 0x20) break;
    if (indent < 0) indent = dash - at;
    else if (dash - at !== indent) return undefined;
    const [start, stop] = trimmed(text, dash + 2, line.end);
    if (!FLAT_VALUE.test(text.slice(start, stop))) return undefined;
    spans.push([start, stop]);
    at = line.next;
  }
  return { spans, next: at };
}

/** The items between [ and ], split at commas; undefined when one is empty or not plain. */
function flowItems(text: string, start: number, stop: number): [number, number][] | undefined {
  const [first, last] = trimmed(text, start, stop);
  if (first === last) return [];
  const spans: [number, number][] = [];
  for (let from = start; from <= stop;) {
    let comma = text.indexOf(',', from);
    if (comma < 0 || comma > stop) comma = stop;
    const item = trimmed(text, from, comma);
    if (!FLAT_ITEM.test(text.slice(item[0], item[1]))) return undefined;
    spans.push(item);
    from = comma + 1;
  }
  return spans;
}

export function parseYaml(fm: FrontMatter): FrontMatterFacts {
  const out: FrontMatterFacts = { basis: [], problems: [] };
  const doc = parseDocument(fm.value, { prettyErrors: false });
  const at = (r: [number, number, number] | undefined | null): Span =>
    r ? { start: fm.valueStart + r[0], end: fm.valueStart + r[1] } : fm.span;
  if (doc.errors.length) {
    const e = doc.errors[0];
    out.problems.push({ span: { start: fm.valueStart + e.pos[0], end: fm.valueStart + Math.max(e.pos[1], e.pos[0] + 1) }, message: 'badFrontMatter', args: [e.message.split('\n')[0]] });
    return out;
  }
  if (!isMap(doc.contents)) return out;
  for (const pair of doc.contents.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const value = pair.value as YamlNode | null;
    const raw = isScalar(value) ? String(value.value ?? '') : undefined;
    if (readField(out, key, raw, at(value?.range ?? (pair.key as YamlNode).range))) continue;
    if (BASIS_KEYS.includes(key)) {
      const items = isSeq(value) ? value.items : [value];
      for (const item of items) {
        if (isScalar(item) && typeof item.value === 'string' && item.range) {
          out.basis.push(innerSpan(at(item.range as [number, number, number]), fm.value));
        } else {
          out.problems.push({ span: at((item as YamlNode | null)?.range ?? (pair.key as YamlNode).range), message: 'badBasis', args: [] });
        }
      }
    }
  }
  return out;
}

/**
 * 種別, 公開区分 or タイトル: `raw` is the value as text (undefined when it is no scalar), `span`
 * where it is. False for any other key.
 */
function readField(out: FrontMatterFacts, key: string, raw: string | undefined, span: Span): boolean {
  if (KIND_KEYS.includes(key)) {
    const tier = tierFromWord(raw ?? '');
    if (tier) out.tier = tier;
    else out.problems.push({ span, message: 'badTier', args: [raw ?? ''] });
  } else if (PUBLICITY_KEYS.includes(key)) {
    const word = (raw ?? '').trim();
    const publicity = PUBLICITY_WORDS[word.toLowerCase()];
    if (publicity) out.publicity = publicity;
    else out.problems.push({ span, message: 'badPublicity', args: [word] });
  } else if (TITLE_KEYS.includes(key)) {
    if (raw !== undefined) out.title = raw;
  } else {
    return false;
  }
  return true;
}

/** Drops the quotes around a quoted scalar, so ranges point at the reference itself. */
function innerSpan(span: Span, text: string): Span {
  const first = text[span.start];
  if ((first === '"' || first === "'") && text[span.end - 1] === first && span.end - span.start >= 2) {
    return { start: span.start + 1, end: span.end - 1 };
  }
  return span;
}
