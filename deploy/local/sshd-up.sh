#!/usr/bin/env bash
# Brings up the login node's side of the ssh identity mode on this machine: an OpenSSH sshd on
# 127.0.0.1:${HPCGW_SSHD_PORT:-2222} that accepts only certificates signed by the front end's user
# CA (TrustedUserCAKeys; the principal must be the account name). Idempotent; run as root.
#
# It writes into ${HPCGW_SSH_DIR:-/etc/hpc-gateway/ssh}:
#   user_ca, user_ca.pub     the CA key pair (Ed25519); the private key is readable by the service account alone
#   ssh_host_ecdsa_key(.pub) this sshd's host key
#   known_hosts              the host key line the front end verifies (frontend.ssh.known-hosts)
#   sshd_config              this sshd's own configuration (the system's sshd is left alone)
# A site points the front end at its own login node and CA instead (README, "Identity modes").
set -euo pipefail
[ "$(id -u)" -eq 0 ] || { echo "sshd-up.sh: run as root" >&2; exit 1; }
dir=${HPCGW_SSH_DIR:-/etc/hpc-gateway/ssh}
port=${HPCGW_SSHD_PORT:-2222}
owner=${HPCGW_SERVICE_USER:-hpcgw}
pidfile=/run/hpcgw-sshd.pid

if [ ! -x /usr/sbin/sshd ]; then
  echo "sshd-up: installing openssh-server"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends openssh-server >/dev/null
fi
install -d -m 0755 "$dir" /run/sshd
[ -s "$dir/user_ca" ] || ssh-keygen -q -t ed25519 -N '' -C hpc-gateway-user-ca -f "$dir/user_ca"
[ -s "$dir/ssh_host_ecdsa_key" ] || ssh-keygen -q -t ecdsa -b 256 -N '' -C hpc-gateway-login-node -f "$dir/ssh_host_ecdsa_key"
chmod 600 "$dir/user_ca" "$dir/ssh_host_ecdsa_key"
if id -u "$owner" >/dev/null 2>&1; then chown "$owner" "$dir/user_ca"; fi
printf '[127.0.0.1]:%s %s\n' "$port" "$(cut -d' ' -f1,2 "$dir/ssh_host_ecdsa_key.pub")" > "$dir/known_hosts"

config=$(cat <<CONF
# Written by deploy/local/sshd-up.sh: certificate-only logins for the HPC Gateway front end.
Port $port
ListenAddress 127.0.0.1
HostKey $dir/ssh_host_ecdsa_key
PidFile $pidfile
TrustedUserCAKeys $dir/user_ca.pub
AuthorizedKeysFile none
AuthenticationMethods publickey
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
PermitRootLogin no
AllowTcpForwarding no
AllowAgentForwarding no
X11Forwarding no
PermitTunnel no
PrintMotd no
# The front end runs up to 8 commands per session and opens sessions in bursts.
MaxSessions 16
MaxStartups 64:30:128
Subsystem sftp internal-sftp
CONF
)
changed=no
if [ "$(cat "$dir/sshd_config" 2>/dev/null)" != "$config" ]; then
  printf '%s\n' "$config" > "$dir/sshd_config"
  changed=yes
fi
/usr/sbin/sshd -t -f "$dir/sshd_config"

if [ -s "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
  [ "$changed" = no ] || { echo "sshd-up: reloading"; kill -HUP "$(cat "$pidfile")"; }
else
  echo "sshd-up: starting sshd on 127.0.0.1:$port"
  /usr/sbin/sshd -f "$dir/sshd_config" -E /var/log/hpcgw-sshd.log
fi
for _ in $(seq 100); do
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && { echo "sshd-up: ready on 127.0.0.1:$port (CA $dir/user_ca.pub)"; exit 0; }
  sleep 0.1
done
echo "sshd-up: sshd did not open 127.0.0.1:$port; see /var/log/hpcgw-sshd.log" >&2
exit 1
