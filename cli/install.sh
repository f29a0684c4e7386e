#!/usr/bin/env bash
# Installs hpcgw: builds the module when it is not built yet, then copies it to <prefix>/lib/hpcgw
# with the launcher in <prefix>/bin and bash completion in <prefix>/share/bash-completion.
#   cli/install.sh [prefix=~/.local]
set -euo pipefail
cd "$(dirname "$0")/.."
prefix=${1:-$HOME/.local}
if [ ! -f cli/target/hpcgw.jar ]; then
  mvn -B -q -pl cli -am package -DskipTests
fi
rm -rf "$prefix/lib/hpcgw"
mkdir -p "$prefix/lib/hpcgw" "$prefix/bin" "$prefix/share/bash-completion/completions"
cp cli/target/hpcgw.jar "$prefix/lib/hpcgw/"
cp -r cli/target/lib "$prefix/lib/hpcgw/lib"
install -m 0755 cli/bin/hpcgw "$prefix/lib/hpcgw/hpcgw"
ln -sf "$prefix/lib/hpcgw/hpcgw" "$prefix/bin/hpcgw"
"$prefix/bin/hpcgw" completion bash > "$prefix/share/bash-completion/completions/hpcgw"
echo "installed: $prefix/bin/hpcgw ($("$prefix/bin/hpcgw" --version))"
case ":$PATH:" in *":$prefix/bin:"*) ;; *) echo "add $prefix/bin to PATH" ;; esac
