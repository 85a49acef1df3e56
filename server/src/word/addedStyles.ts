// The paragraph styles of what `export` adds to a policy's text (the cover page, the appendices),
// by which `import` knows to leave it out.

export const COVER_STYLE = 'PolicyTraceCover';
export const APPENDIX_STYLE = 'PolicyTraceAppendix';
/** A document's front matter, one hidden paragraph per line: import writes it back as it was. */
export const FRONT_MATTER_STYLE = 'PolicyTraceFrontMatter';
