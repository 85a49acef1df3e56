// The server's connection on stdin and stdout (`--stdio`, `policy-trace lsp`), with the messages
// made into bytes piece by piece (jsonBytes.ts). Stdout then carries nothing but the protocol:
// console output goes to stderr, which editors show as the server's log.

import { format } from 'node:util';
import { createConnection, ProposedFeatures, StreamMessageWriter, type Connection, type MessageReader } from 'vscode-languageserver/node';
import { jsonBytes } from './jsonBytes';

export function stdioConnection(): Connection {
  const toStderr = (...args: unknown[]): void => { process.stderr.write(`${format(...args)}\n`); };
  console.log = toStderr;
  console.info = toStderr;
  console.debug = toStderr;
  const writer = new StreamMessageWriter(process.stdout, {
    contentTypeEncoder: { name: 'application/json', encode: (message) => Promise.resolve(jsonBytes(message)) },
  });
  // The input stays a stream, as the library's `--stdio` gives it: the library then ends the
  // process when stdin closes. Its types offer two streams or a reader and a writer; it reads a
  // stream and a writer alike (vscode-jsonrpc's createMessageConnection).
  return createConnection(ProposedFeatures.all, process.stdin as unknown as MessageReader, writer);
}
