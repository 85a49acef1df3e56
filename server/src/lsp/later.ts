// Work put off for a while, and undone if asked before it runs. A wait of 0 runs the work once the
// messages already read are handled: node gives a 0 ms timer at least 1 ms, which a server whose
// debounce is 0 (a setting people may choose; the bench and the tests use it) added to every
// keystroke it answered.

/** Cancels work `later` put off; nothing once it has run. */
export type Cancel = () => void;

export function later(run: () => void, ms: number): Cancel {
  if (ms > 0) {
    const timer = setTimeout(run, ms);
    return () => clearTimeout(timer);
  }
  // vscode-jsonrpc handles one message per turn of the event loop, queued with setImmediate after
  // the one that asked for this work: a second turn lets the next message read (another keystroke
  // of a burst) come first and put the work off again, so a burst is checked once.
  let immediate = setImmediate(() => {
    immediate = setImmediate(run);
  });
  return () => clearImmediate(immediate);
}
