// Process entry of the language server (dist/server.js): the transport comes from argv (--stdio, --node-ipc).

import { setFlagsFromString } from 'node:v8';
import { startServer } from './server';

// V8 learns from the first indexing, where every fact lives on, that the analysis allocates
// long-lived objects, and from then on allocates them straight in the old generation. A keystroke
// then leaves its short-lived intermediates there too, and the heap grows by megabytes a keystroke
// until a full collection (the 10 MB set: 350 MB promoted over 200 keystrokes, 87 MB without).
setFlagsFromString('--no-allocation-site-pretenuring');

startServer();
