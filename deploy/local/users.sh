#!/usr/bin/env bash
# Creates the Unix accounts jobs run as, for the per-user identity modes (ssh, setuid), on this
# machine. Idempotent; run as root. Accounts are never created by the services themselves: on a
# real cluster they come from the site's directory (LDAP, SSSD...).
#
#   deploy/local/users.sh add alice bob     # user accounts: home /home/<name>, mode 700, login shell bash
#   deploy/local/users.sh service [hpcgw]   # the services' own unprivileged account (system uid)
#
# The accounts get no password ('*' in the shadow file): they log in over SSH with the front
# end's certificates only. sshd without PAM refuses locked ('!') accounts, which useradd makes.
set -euo pipefail
[ "$(id -u)" -eq 0 ] || { echo "users.sh: run as root" >&2; exit 1; }

valid() { [[ "$1" =~ ^[a-z_][a-z0-9_-]{0,31}$ ]] || { echo "users.sh: '$1' is not a usable account name" >&2; exit 1; }; }

add_user() {
  valid "$1"
  if ! id -u "$1" >/dev/null 2>&1; then
    useradd --create-home --user-group --shell /bin/bash "$1"
    echo "users.sh: created $1 (uid $(id -u "$1"))"
  fi
  usermod -p '*' "$1"
  chmod 700 "$(getent passwd "$1" | cut -d: -f6)"
}

add_service() {
  valid "$1"
  if ! id -u "$1" >/dev/null 2>&1; then
    useradd --system --user-group --create-home --home-dir "/var/lib/$1" --shell /bin/bash "$1"
    echo "users.sh: created service account $1 (uid $(id -u "$1"))"
  fi
  usermod -p '*' "$1"
  chmod 700 "$(getent passwd "$1" | cut -d: -f6)"
}

case "${1:-}" in
  add) shift; [ $# -gt 0 ] || { echo "usage: users.sh add NAME..." >&2; exit 1; }; for n in "$@"; do add_user "$n"; done ;;
  service) add_service "${2:-hpcgw}" ;;
  *) echo "usage: users.sh add NAME... | users.sh service [NAME]" >&2; exit 1 ;;
esac
