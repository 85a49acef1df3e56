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
 * Front matter repeats across a set (種別: 対策基準 at the top of every standards file), and YAML
 * parsing is the slowest step of a small document: results are kept per front matter text, with
 * spans counted from the YAML text's start.
 */
const memo = new Memo<FrontMatterFacts>(64);

export function readFrontMatter(fm: FrontMatter): FrontMatterFacts {
  const base = fm.valueStart;
  const span = { start: fm.span.start - base, end: fm.span.end - base };
  const facts = memo.get(`${span.start},${span.end}\u0000${fm.value}`, () => parseFrontMatter({ value: fm.value, valueStart: 0, span }));
  const shift = (span: Span): Span => ({ start: span.start + base, end: span.end + base });
  return {
    tier: facts.tier,
    publicity: facts.publicity,
    title: facts.title,
    basis: facts.basis.map(shift),
    problems: facts.problems.map((p) => ({ span: shift(p.span), message: p.message, args: p.args })),
  };
}

function parseFrontMatter(fm: FrontMatter): FrontMatterFacts {
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
    if (KIND_KEYS.includes(key)) {
      const raw = isScalar(value) ? String(value.value ?? '') : '';
      const tier = tierFromWord(raw);
      if (tier) out.tier = tier;
      else out.problems.push({ span: at(value?.range ?? (pair.key as YamlNode).range), message: 'badTier', args: [raw] });
    } else if (PUBLICITY_KEYS.includes(key)) {
      const raw = isScalar(value) ? String(value.value ?? '').trim() : '';
      const publicity = PUBLICITY_WORDS[raw.toLowerCase()];
      if (publicity) out.publicity = publicity;
      else out.problems.push({ span: at(value?.range ?? (pair.key as YamlNode).range), message: 'badPublicity', args: [raw] });
    } else if (TITLE_KEYS.includes(key) && isScalar(value)) {
      out.title = String(value.value ?? '');
    } else if (BASIS_KEYS.includes(key)) {
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

/** Drops the quotes around a quoted scalar, so ranges point at the reference itself. */
function innerSpan(span: Span, text: string): Span {
  const first = text[span.start];
  if ((first === '"' || first === "'") && text[span.end - 1] === first && span.end - span.start >= 2) {
    return { start: span.start + 1, end: span.end - 1 };
  }
  return span;
}
