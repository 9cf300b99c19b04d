#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the SQL export tests (Debian's postgresql package):
#   pg.sh has                exit 0 when PostgreSQL's server binaries are installed
#   pg.sh install            apt-get install postgresql when initdb is missing
#   pg.sh start DIR PORT     initdb + pg_ctl start in DIR, listening on a socket in DIR, port PORT
#   pg.sh stop DIR           pg_ctl stop
# As root, the server runs as the postgres user (PostgreSQL refuses to run as root).
set -euo pipefail
bindir() {
  local b
  b=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
  if [[ -n "$b" && -x "$b/initdb" ]]; then echo "$b"; return; fi
  command -v initdb >/dev/null 2>&1 && dirname "$(command -v initdb)" && return
  return 1
}
as_pg() { if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
case "${1:-}" in
  has) bindir >/dev/null ;;
  install)
    bindir >/dev/null && exit 0
    SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO="sudo"
    $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >/dev/null
    ;;
  start)
    dir=$2; port=$3; b=$(bindir)
    [[ $(id -u) -eq 0 ]] && chown postgres "$dir"
    as_pg "$b/initdb" -D "$dir/data" -A trust -U postgres >/dev/null
    as_pg "$b/pg_ctl" -D "$dir/data" -l "$dir/log" -w -o "-p $port -k $dir -c listen_addresses='' -c fsync=off -c max_parallel_workers_per_gather=0 -c jit=off" start >/dev/null
    ;;
  stop)
    dir=$2; b=$(bindir)
    as_pg "$b/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null || true
    ;;
  *) echo "usage: pg.sh has | install | start DIR PORT | stop DIR" >&2; exit 2 ;;
esac
