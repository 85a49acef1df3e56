// policy-trace.json: parsed with positions (jsonc-parser) and validated against the same JSON
// schema the extension contributes to VS Code (ajv), so the editor and the checker agree.

import type { ErrorObject } from 'ajv';
import validate from './configValidator';
import { parseTree, findNodeAtLocation, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import schema from '../../../schemas/policy-trace.schema.json';
import type { RuleCode, SeveritySetting, Span, Tier } from './types';
import { leavesFolder } from './folderPaths';
import type { MessageId } from './messages';
import { BUILT_IN, DEFAULT_GUIDELINE, type GuidelineProfile } from './guideline/profile';

export interface TierGlobs { policy?: string[]; standard?: string[]; procedure?: string[] }

export interface SetConfig {
  name: string;
  include: string[];
  exclude: string[];
  tiers: TierGlobs;
}

export interface Config {
  sets: SetConfig[];
  severity: Partial<Record<RuleCode, SeveritySetting>>;
  measuresSection: string;
  orphanExemptTitles: string[];
  terms: TermsConfig;
  /** The guideline the measures are compared with (guideline/missing-measure), or none. */
  guideline: GuidelineProfile | undefined;
}

export interface TermsConfig {
  /** Terms that need a definition, besides the model policy's vocabulary. */
  vocabulary: string[];
  /** Spellings and terms the term checks accept as they are. */
  allow: string[];
  /** prh dictionaries to read as extra variant rules, relative to the folder. */
  prh: string[];
}

export interface ConfigProblem { span: Span; message: MessageId; args: string[] }

const props = schema.properties;
export const DEFAULT_INCLUDE: string[] = props.include.default;
export const DEFAULT_EXCLUDE: string[] = props.exclude.default;

export function defaultConfig(): Config {
  return {
    sets: [{ name: '', include: DEFAULT_INCLUDE, exclude: DEFAULT_EXCLUDE, tiers: {} }],
    severity: {},
    measuresSection: props.measuresSection.default,
    orphanExemptTitles: props.orphanExemptTitles.default,
    terms: { vocabulary: [], allow: [], prh: [] },
    guideline: BUILT_IN[DEFAULT_GUIDELINE],
  };
}

interface RawConfig {
  include?: string[];
  exclude?: string[];
  tiers?: TierGlobs;
  sets?: { name: string; include: string[]; exclude?: string[]; tiers?: TierGlobs }[];
  severity?: Partial<Record<RuleCode, SeveritySetting>>;
  measuresSection?: string;
  orphanExemptTitles?: string[];
  terms?: Partial<TermsConfig>;
  guideline?: string | GuidelineProfile;
}

/**
 * Never throws: a broken file gives problems at the offending spots and the defaults for what is
 * broken (all of it when the JSON itself is), so the checker keeps working while the user fixes it.
 */
export function parseConfig(text: string): { config: Config; problems: ConfigProblem[] } {
  const errors: ParseError[] = [];
  const source = text.charCodeAt(0) === 0xfeff ? ' ' + text.slice(1) : text;
  const tree = parseTree(source, errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length || !tree) {
    const e = errors[0];
    const span = e ? { start: e.offset, end: e.offset + Math.max(1, e.length) } : { start: 0, end: 0 };
    return { config: defaultConfig(), problems: [{ span, message: 'configSyntax', args: [e ? printParseErrorCode(e.error) : 'empty'] }] };
  }
  const raw = toValue(tree) as RawConfig;
  const invalid: ConfigProblem[] = [];
  if (!validate(raw)) {
    // ajv explains a failed "if"/"anyOf" with its branches; the branches are the useful part.
    const errors = (validate.errors ?? []).filter((err) => err.keyword !== 'if');
    invalid.push(...errors.map((err) => problemOf(tree, err)));
    // A typo in one rule code must not throw away the user's sets and tiers: only what is wrong
    // falls back to its default, unless the file as a whole is not a settings object. Array items
    // are marked first and taken out together, as the errors' indices are those of the file.
    // Dropping a wrong value may leave its object incomplete; that object goes next, unreported.
    let wrong = errors;
    for (let round = 0; wrong.length; round++) {
      const dropped = round < 8 && wrong.every((err) => dropOffending(raw, err));
      pruneDropped(raw);
      if (!dropped) return { config: defaultConfig(), problems: invalid };
      wrong = validate(raw) ? [] : (validate.errors ?? []).filter((err) => err.keyword !== 'if');
    }
  }
  const problems = [...invalid, ...outsidePaths(tree, raw)];
  const base = defaultConfig();
  const sets = raw.sets?.length
    ? raw.sets.map((s) => ({ name: s.name, include: s.include, exclude: [...DEFAULT_EXCLUDE, ...(s.exclude ?? [])], tiers: s.tiers ?? {} }))
    : [{ name: '', include: raw.include ?? DEFAULT_INCLUDE, exclude: [...DEFAULT_EXCLUDE, ...(raw.exclude ?? [])], tiers: raw.tiers ?? {} }];
  return {
    config: {
      sets,
      severity: raw.severity ?? {},
      measuresSection: raw.measuresSection ?? base.measuresSection,
      orphanExemptTitles: raw.orphanExemptTitles ?? base.orphanExemptTitles,
      terms: { vocabulary: raw.terms?.vocabulary ?? [], allow: raw.terms?.allow ?? [], prh: raw.terms?.prh ?? [] },
      guideline: raw.guideline === undefined ? base.guideline : typeof raw.guideline === 'string' ? BUILT_IN[raw.guideline] : raw.guideline,
    },
    problems,
  };
}

/**
 * Paths and globs that would reach outside the folder (`../`, `/etc/…`, `C:\…`, `/**`): each is
 * reported at its spot and taken out of `raw`, so nothing outside the workspace is read.
 */
function outsidePaths(tree: JsonNode, raw: RawConfig): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const check = (list: string[] | undefined, path: (string | number)[]): string[] | undefined => {
    if (!list) return list;
    return list.filter((value, i) => {
      if (!leavesFolder(value)) return true;
      const node = findNodeAtLocation(tree, [...path, i]);
      problems.push({ span: node ? { start: node.offset, end: node.offset + node.length } : { start: 0, end: 0 }, message: 'configOutside', args: [value] });
      return false;
    });
  };
  const tiers = (t: TierGlobs | undefined, path: (string | number)[]): void => {
    if (!t) return;
    for (const key of TIER_KEYS) if (t[key]) t[key] = check(t[key], [...path, key]);
  };
  raw.include = check(raw.include, ['include']);
  raw.exclude = check(raw.exclude, ['exclude']);
  tiers(raw.tiers, ['tiers']);
  raw.sets?.forEach((set, i) => {
    set.include = check(set.include, ['sets', i, 'include']) ?? [];
    set.exclude = check(set.exclude, ['sets', i, 'exclude']);
    tiers(set.tiers, ['sets', i, 'tiers']);
  });
  if (raw.terms?.prh) raw.terms.prh = check(raw.terms.prh, ['terms', 'prh']);
  return problems;
}

/**
 * Removes the value an ajv error is about (the unknown key, the value of the wrong type or not
 * allowed, the object missing a property); array items are removed, not left as holes. False when
 * the error is about the whole file.
 */
function dropOffending(raw: RawConfig, err: ErrorObject): boolean {
  const path = jsonPath(err);
  if (err.keyword === 'additionalProperties') path.push(String(err.params.additionalProperty));
  if (!path.length) return false;
  let parent: unknown = raw;
  for (const step of path.slice(0, -1)) {
    parent = (parent as Record<string | number, unknown> | undefined)?.[step];
    if (parent === null || typeof parent !== 'object') return true;
  }
  const last = path[path.length - 1];
  if (Array.isArray(parent) && typeof last === 'number') parent[last] = DROPPED;
  else delete (parent as Record<string | number, unknown>)[last];
  return true;
}

const DROPPED = Symbol('dropped');

function pruneDropped(value: unknown): void {
  if (Array.isArray(value)) {
    for (let i = value.length - 1; i >= 0; i--) if (value[i] === DROPPED) value.splice(i, 1); else pruneDropped(value[i]);
  } else if (value && typeof value === 'object') {
    for (const child of Object.values(value)) pruneDropped(child);
  }
}

function jsonPath(err: ErrorObject): (string | number)[] {
  return err.instancePath.split('/').slice(1).map((p) => (/^\d+$/.test(p) ? Number(p) : p.replace(/~1/g, '/').replace(/~0/g, '~')));
}

/** An ajv error as a sentence at the spot it is about: the key for an unknown key, else the value. */
function problemOf(tree: JsonNode, err: ErrorObject): ConfigProblem {
  const path = jsonPath(err);
  const node = findNodeAtLocation(tree, path) ?? tree;
  const where = path.length ? path.join('.') : '(root)';
  const at = (n: JsonNode): Span => ({ start: n.offset, end: n.offset + n.length });
  switch (err.keyword) {
    case 'additionalProperties': {
      const key = String(err.params.additionalProperty);
      return { span: at(propertyKey(node, key) ?? node), message: 'configUnknownKey', args: [key] };
    }
    case 'enum':
      return { span: at(node), message: 'configEnum', args: [String(node.value), (err.params.allowedValues as string[]).join(', ')] };
    case 'type':
      return { span: at(node), message: 'configType', args: [where, String(err.params.type)] };
    case 'required':
      return { span: at(node), message: 'configRequired', args: [where, String(err.params.missingProperty)] };
    default:
      return { span: at(node), message: 'configOther', args: [where, err.message ?? err.keyword] };
  }
}

function propertyKey(objectNode: JsonNode, key: string): JsonNode | undefined {
  return objectNode.children?.find((p) => p.children?.[0]?.value === key)?.children?.[0];
}

function toValue(node: JsonNode): unknown {
  switch (node.type) {
    case 'object':
      return Object.fromEntries((node.children ?? []).map((p) => [p.children![0].value, p.children![1] ? toValue(p.children![1]) : null]));
    case 'array':
      return (node.children ?? []).map(toValue);
    default:
      return node.value;
  }
}

export const TIER_KEYS: Tier[] = ['policy', 'standard', 'procedure'];
