// Process entry of the language server (dist/server.js): the transport comes from argv (--stdio, --node-ipc).

import { tuneHeap } from '../host/heap';
import { startServer } from './server';

tuneHeap();
startServer();
