// Process entry of the language server (dist/server.js): the transport comes from argv (--stdio, --node-ipc).

import { startServer } from './server';

startServer();
