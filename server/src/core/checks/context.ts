// What every check receives besides the index: messages in the user's language and the options
// that shape findings. Passed explicitly, never global.

import type { Messages } from '../messages';
import { DEFAULT_SEVERITY, type Locale, type Finding, type RelatedInfo, type RuleCode, type Span, type FixData } from '../types';
import type { DocumentFacts } from '../facts';
import type { NodeRef, TraceIndex } from '../index/traceIndex';
import type { GuidelineProfile } from '../guideline/profile';
import type { Lock } from '../lock';

export interface CheckContext {
  msg: Messages;
  /** Section titles that need no link (総則, 目的, 定義 …), compared by loose title key. */
  orphanExemptTitles: string[];
  /** The title of the basic policy's measures section (configuration measuresSection; default 情報セキュリティ対策). */
  measuresSection?: string;
  /** Spellings and terms the term checks accept (configuration terms.allow). */
  allow?: string[];
  /**
   * Only this document's findings (the editor's fast answer to a keystroke): each rule then does
   * no more set-wide work than that document's findings need.
   */
  only?: DocumentFacts;
  /** The guideline profile the measures are compared with (configuration guideline), if any. */
  guideline?: GuidelineProfile;
  /** The language of the messages: a profile names its guideline in Japanese and in English. */
  locale?: Locale;
  /** policy-trace.lock, when the folder has one: the fingerprints trace/suspect compares with. */
  lock?: Lock;
  /** False: the findings are wanted without their fixes (workspace.ts, WorkspaceOptions). */
  fixes?: boolean;
  /**
   * The set is checked once and let go (the CLI's findingsOfSets): a rule keeps nothing for the
   * keystrokes that will not come.
   */
  once?: boolean;
}

/** The documents whose findings are asked for. */
export function checkedDocuments(index: TraceIndex, ctx: CheckContext): DocumentFacts[] {
  if (!ctx.only) return index.documents;
  return index.documents.includes(ctx.only) ? [ctx.only] : [];
}

/**
 * A finding at a span of a document, at its rule's default severity; a rule may lower it (a model
 * term undefined where the set defines none is information), the configuration overrides both.
 */
export function finding(code: RuleCode, doc: DocumentFacts, span: Span, message: string, related: RelatedInfo[] = [], fixes: FixData[] = []): Finding {
  return { uri: doc.uri, range: doc.lines.range(span), severity: DEFAULT_SEVERITY[code], code, message, related, fixes };
}

/** Where a node is shown: a section's opening line, or the document's title line. */
export function nodeSpan(n: NodeRef): Span {
  return n.section >= 0 ? n.doc.sections[n.section].headingSpan : n.doc.titleSpan;
}

export function relatedTo(n: NodeRef, message: string): RelatedInfo {
  return { uri: n.doc.uri, range: n.doc.lines.range(nodeSpan(n)), message };
}

/** A short human name of a node: 4.1 サーバ等の管理, or the document's title. */
export function nodeName(n: NodeRef): string {
  if (n.section < 0) return n.doc.title || n.doc.path;
  const s = n.doc.sections[n.section];
  const title = s.title || s.summary;
  return [s.id, title].filter(Boolean).join(' ');
}
