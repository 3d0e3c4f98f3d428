# peer.sh is sourced by the bench scripts that race perflab against a peer
# tool: the peers are Debian packages, and a script installs the one it
# needs when it is missing, the same way in every script.

# install_peer PACKAGE installs a Debian package, as root (after an
# apt-get update when the package lists are stale), or says how and fails.
install_peer() {
  if [ "$(id -u)" != 0 ]; then
    echo "needs $1: apt-get install -y $1" >&2
    return 1
  fi
  apt-get install -y "$1" >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y "$1" >/dev/null; }
}

# need_peer TOOL makes sure the command TOOL, of the package of the same
# name, is there, or ends the script with exit code 2.
need_peer() {
  command -v "$1" >/dev/null || install_peer "$1" || exit 2
}
