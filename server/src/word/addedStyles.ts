// The paragraph styles of what `export` adds to a policy's text (the cover page, the appendices),
// by which `import` knows to leave it out.

export const COVER_STYLE = 'PolicyTraceCover';
export const APPENDIX_STYLE = 'PolicyTraceAppendix';
/** A document's front matter, one hidden paragraph per line: import writes it back as it was. */
export const FRONT_MATTER_STYLE = 'PolicyTraceFrontMatter';
/**
 * A Markdown list item, by kind and depth (1–3): its marker (・, 1.) is a run of its own, which
 * import takes off again, the item becoming a Markdown list item.
 */
export function listItemStyle(ordered: boolean, depth: number): string {
  return `PolicyTrace${ordered ? 'Ordered' : 'Bullet'}${Math.min(Math.max(depth, 1), 3)}`;
}

export const LIST_ITEM_STYLES: readonly { id: string; name: string; ordered: boolean; depth: number }[] = [false, true].flatMap((ordered) =>
  [1, 2, 3].map((depth) => ({ id: listItemStyle(ordered, depth), name: `Policy Trace ${ordered ? 'Ordered' : 'Bullet'} ${depth}`, ordered, depth })));
