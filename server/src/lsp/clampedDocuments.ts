// The open documents' texts, kept as the client has them. vscode-languageserver-textdocument
// applies a change whose range lies past the last line to its text but splices its line table at
// the raw line numbers: the table goes wrong, and the next change lands in the wrong place or
// repeats text (an empty document, "\n" inserted at line 2, then a heading at line 1, held the
// heading twice). Every fix is then computed on a text the user does not have. VS Code clamps such
// positions before it sends them; other clients may not, so they are clamped here the same way,
// one change at a time, as each is taken against the text the changes before it left.

import type { TextDocumentContentChangeEvent } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';

export const ClampedTextDocument = {
  create: TextDocument.create,
  update(document: TextDocument, changes: TextDocumentContentChangeEvent[], version: number): TextDocument {
    let doc = document;
    for (const change of changes) {
      const clamped = 'range' in change
        ? { text: change.text, range: { start: clamp(doc, change.range.start), end: clamp(doc, change.range.end) } }
        : change;
      doc = TextDocument.update(doc, [clamped], version);
    }
    if (!changes.length) doc = TextDocument.update(doc, [], version);
    return doc;
  },
};

function clamp(doc: TextDocument, p: { line: number; character: number }): { line: number; character: number } {
  return doc.positionAt(doc.offsetAt(p));
}
