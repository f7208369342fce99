#!/usr/bin/env bash
# start-rt.sh — install (if missing) and start Best Practical Request Tracker 5 (Debian 12
# package request-tracker5, SQLite backend) on loopback, idempotently, for adapter e2e tests.
# Adapted from ../shared/docs/platforms/start-rt.sh: Everyone may create and answer tickets by e-mail
# (the tests deliver customers' mail through RT's mail gateway).
#
#   ./start-rt.sh            install if needed, start if not running, print connection info
#   ./start-rt.sh stop       stop the server this script started (by PID from the pid file)
#   ./start-rt.sh reset      stop, restore the pristine database, start again (clean slate)
#   ./start-rt.sh env        only print connection info (server must be running)
#
# Environment (all optional):
#   RT_PORT=8080                 loopback port
#   RT_STATE_DIR=<dir>           runtime state: config, SQLite DB, pid, token, logs
#                                (default: .state/rt next to this script)
#   RT_ROOT_PASSWORD=password    password set for RT's "root" superuser
#   RT_WEBHOOK_URL=<url>         if set, add a global scrip that POSTs JSON for every ticket txn
#   RT_SKIP_APT_UPDATE=1         do not run "apt-get update" before installing
#   RT_READY_TIMEOUT=120         seconds to wait for the HTTP server
#
# Output (stdout, shell-sourceable KEY=VALUE lines): RT_URL, RT_REST2_URL, RT_USER,
# RT_PASSWORD, RT_TOKEN, RT_PID. Progress messages go to stderr.
# Nothing in /etc is edited by this script: RT is pointed at the state dir through the
# RT_SITE_CONFIG / RT_SITE_CONFIG_DIR environment variables RT 5 honours.
set -euo pipefail

RT_PORT="${RT_PORT:-8080}"
RT_HOST=127.0.0.1
SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
STATE="${RT_STATE_DIR:-$SCRIPT_DIR/.state/rt}"
RT_ROOT_PASSWORD="${RT_ROOT_PASSWORD:-password}"
READY_TIMEOUT="${RT_READY_TIMEOUT:-120}"
RT_SERVER=/usr/share/request-tracker5/libexec/rt-server
RT_LIB=/usr/share/request-tracker5/lib
ETC_D=/etc/request-tracker5/RT_SiteConfig.d
PIDFILE="$STATE/rt-server.pid"
TOKENFILE="$STATE/root.token"
DB="$STATE/db/rtdb"
PRISTINE="$STATE/pristine.rtdb"
BASE="http://$RT_HOST:$RT_PORT"

log() { echo "[start-rt] $*" >&2; }
die() { echo "[start-rt] ERROR: $*" >&2; exit 1; }
[ "$(id -u)" = 0 ] || die "must run as root (apt-get install, and the server runs as www-data)"

export RT_SITE_CONFIG="$STATE/RT_SiteConfig.pm"
export RT_SITE_CONFIG_DIR="$STATE/RT_SiteConfig.d"
as_www() { setpriv --reuid=www-data --regid=www-data --init-groups \
             env RT_SITE_CONFIG="$RT_SITE_CONFIG" RT_SITE_CONFIG_DIR="$RT_SITE_CONFIG_DIR" "$@"; }
rt_perl() { as_www perl -I"$RT_LIB" -e "$1" -- "${@:2}" 2> >(grep -v 'internal HTML converter' >&2); }

running_pid() {  # prints the PID if our server is alive
  [ -s "$PIDFILE" ] || return 1
  local pid; pid="$(cat "$PIDFILE")"
  [ -d "/proc/$pid" ] && grep -q rt-server "/proc/$pid/cmdline" 2>/dev/null && echo "$pid"
}

do_stop() {
  local pid
  if pid="$(running_pid)"; then
    log "stopping rt-server pid $pid"
    kill "$pid"
    for _ in $(seq 1 50); do [ -d "/proc/$pid" ] || break; sleep 0.1; done
    [ -d "/proc/$pid" ] && { log "pid $pid still alive, sending KILL"; kill -9 "$pid"; }
  else
    log "not running"
  fi
  rm -f "$PIDFILE"
}

install_rt() {
  local n; n=$(dpkg-query -W -f='${Status}\n' request-tracker5 rt5-db-sqlite rt5-standalone 2>/dev/null | grep -c 'install ok installed' || true)
  if [ "$n" != 3 ]; then
    local t0=$SECONDS
    log "installing request-tracker5 + rt5-db-sqlite + rt5-standalone (non-interactive)"
    debconf-set-selections <<EOF
request-tracker5 request-tracker5/dbconfig-install boolean true
request-tracker5 request-tracker5/database-type select sqlite3
request-tracker5 request-tracker5/initial-root-password password $RT_ROOT_PASSWORD
request-tracker5 request-tracker5/rtname string rt.local
request-tracker5 request-tracker5/organization string localtest
request-tracker5 request-tracker5/webbaseurl string $BASE
request-tracker5 request-tracker5/webpath string /rt
request-tracker5 request-tracker5/correspondaddress string rt@localhost
request-tracker5 request-tracker5/commentaddress string rt-comment@localhost
request-tracker5 request-tracker5/handle-siteconfig-permissions boolean true
request-tracker5 request-tracker5/install-cronjobs boolean false
EOF
    [ "${RT_SKIP_APT_UPDATE:-0}" = 1 ] || DEBIAN_FRONTEND=noninteractive apt-get update -q >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
      -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold \
      request-tracker5 rt5-db-sqlite rt5-standalone w3m sqlite3 curl jq >"$STATE/apt-install.log" 2>&1 \
      || { tail -30 "$STATE/apt-install.log" >&2; die "apt-get install failed (log: $STATE/apt-install.log)"; }
    log "installed in $((SECONDS - t0))s"
  fi
}

write_config() {
  mkdir -p "$STATE/db" "$RT_SITE_CONFIG_DIR"
  chown www-data:www-data "$STATE/db"; chmod 0770 "$STATE/db"   # SQLite needs a writable dir (journal)
  printf '# intentionally empty; see RT_SiteConfig.d next to this file\n1;\n' > "$RT_SITE_CONFIG"
  # reuse Debian's snippets (timezone, logging) but not the debconf/dbconfig ones
  for f in 40-timezone.pm 60-logging.pm; do [ -e "$ETC_D/$f" ] && ln -sfn "$ETC_D/$f" "$RT_SITE_CONFIG_DIR/$f"; done
  cat > "$RT_SITE_CONFIG_DIR/99-loopback-ci.pm" <<EOF
# Generated by start-rt.sh — test-only settings
Set(\$rtname, 'rt.local');
Set(\$Organization, 'localtest');
Set(\$DatabaseType, 'SQLite');
Set(\$DatabaseName, '$DB');
Set(\$WebPath, '');
Set(\$WebDomain, '$RT_HOST');
Set(\$WebPort, $RT_PORT);
Set(\$WebBaseURL, '$BASE');
Set(\$CorrespondAddress, 'rt@localhost');
Set(\$CommentAddress, 'rt-comment@localhost');
Set(\$LogToSyslog, undef);
Set(\$LogToSTDERR, 'warning');
Set(\$MailCommand, 'mbox');      # never hand mail to an MTA; mbox files go to /var/lib/request-tracker5
Set(\$BcryptCost, 4);            # default 12 costs ~300 ms on EVERY basic/token-authenticated request
Set(\$Timezone, 'UTC');          # TicketSQL date literals are read in this zone
1;
EOF
  chmod 0755 "$STATE" "$RT_SITE_CONFIG_DIR"; chmod 0644 "$RT_SITE_CONFIG" "$RT_SITE_CONFIG_DIR/99-loopback-ci.pm"
}

init_db() {
  if [ ! -s "$PRISTINE" ]; then
    local t0=$SECONDS
    log "creating pristine SQLite database (rt-setup-database --action init)"
    rm -f "$DB" "$DB"-journal
    local pwfile; pwfile="$(mktemp)"; echo "$RT_ROOT_PASSWORD" > "$pwfile"; chmod 0644 "$pwfile"
    as_www /usr/sbin/rt-setup-database-5 --action init --skip-create --root-password-file "$pwfile" \
      >"$STATE/setup-database.log" 2>&1 || { rm -f "$pwfile"; cat "$STATE/setup-database.log" >&2; die "rt-setup-database failed"; }
    rm -f "$pwfile"
    # grant typical agent rights to all privileged users (so non-root agents can own/reply/comment)
    rt_perl 'use RT; RT::LoadConfig(); RT::Init();
      my $g = RT::Group->new(RT->SystemUser); $g->LoadSystemInternalGroup("Privileged") or die;
      for my $r (qw(SeeQueue ShowTicket CreateTicket ReplyToTicket CommentOnTicket ShowTicketComments
                    OwnTicket TakeTicket StealTicket ModifyTicket Watch SeeCustomField ModifyCustomField)) {
        my ($ok, $m) = $g->PrincipalObj->GrantRight(Right => $r, Object => $RT::System); }'
    cp "$DB" "$PRISTINE"
    log "pristine database ready in $((SECONDS - t0))s"
    rm -f "$TOKENFILE"
  fi
  if [ ! -s "$DB" ]; then
    install -o www-data -g www-data -m 0660 "$PRISTINE" "$DB"; rm -f "$TOKENFILE"
  fi
}

make_token() {
  # keep exactly one CI token for root: RT bcrypt-checks EVERY token of the user on each request
  rt_perl 'use RT; RT::LoadConfig(); RT::Init();
    my $u = RT::User->new(RT->SystemUser); $u->Load("root") or die "no root\n";
    my $ts = RT::AuthTokens->new(RT->SystemUser); $ts->LimitOwner(VALUE => $u->id);
    while (my $t = $ts->Next) { $t->Delete }
    my ($id, $msg, $auth) = RT::AuthToken->new(RT::CurrentUser->new($u))->Create(Owner => $u->id, Description => "start-rt.sh");
    die "token: $msg\n" unless $id; print "$auth\n";' > "$TOKENFILE.tmp"
  mv "$TOKENFILE.tmp" "$TOKENFILE"; chmod 0600 "$TOKENFILE"
}

add_webhook() {
  [ -n "${RT_WEBHOOK_URL:-}" ] || return 0
  rt_perl 'use RT; RT::LoadConfig(); RT::Init(); my $url = shift;
    my $desc = "CI webhook -> $url";
    my $s = RT::Scrips->new(RT->SystemUser); $s->Limit(FIELD => "Description", VALUE => $desc);
    exit 0 if $s->First;
    (my $q = $url) =~ s/\x27/\\\x27/g;
    my $code = q{require LWP::UserAgent; require JSON;
      my $t = $self->TicketObj; my $x = $self->TransactionObj;
      my $r = LWP::UserAgent->new(timeout => 3)->post(URL, "Content-Type" => "application/json",
        Content => JSON::encode_json({ ticket => $t->id, transaction => $x->id, type => $x->Type,
          field => $x->Field, old => $x->OldValue, new => $x->NewValue, queue => $t->QueueObj->Name,
          status => $t->Status, subject => $t->Subject, created => $x->CreatedObj->W3CDTF }));
      RT->Logger->warning("webhook POST failed: " . $r->status_line) unless $r->is_success; return 1;};
    $code =~ s/URL/\x27$q\x27/;
    my ($id, $m) = RT::Scrip->new(RT->SystemUser)->Create(Queue => 0, Description => $desc,
      ScripCondition => "On Transaction", ScripAction => "User Defined", Template => "Blank",
      CustomPrepareCode => "return 1;", CustomCommitCode => $code);
    die "scrip: $m\n" unless $id;' "$RT_WEBHOOK_URL"
  log "webhook scrip present for $RT_WEBHOOK_URL"
}

grant_public_intake() {
  # customers write e-mail: RT's mail gateway creates and answers tickets as the sender, who needs these rights
  # (the usual setup of a public help desk); idempotent, so every start makes sure of it
  rt_perl 'use RT; RT::LoadConfig(); RT::Init();
    my $g = RT::Group->new(RT->SystemUser); $g->LoadSystemInternalGroup("Everyone") or die;
    for my $r (qw(CreateTicket ReplyToTicket)) {
      $g->PrincipalObj->HasRight(Right => $r, Object => $RT::System)
        or $g->PrincipalObj->GrantRight(Right => $r, Object => $RT::System); }'
}

api_ok() {  # authenticated REST2 probe
  [ -s "$TOKENFILE" ] || return 1
  [ "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: token $(cat "$TOKENFILE")" "$BASE/REST/2.0/rt")" = 200 ]
}

start_server() {
  local pid
  if pid="$(running_pid)"; then log "already running (pid $pid)"; return 0; fi
  if curl -s -o /dev/null "$BASE/"; then die "port $RT_PORT is already in use by another process"; fi
  log "starting rt-server (Standalone, single process) on $BASE"
  local t0; t0=$(date +%s%N)
  # setpriv and env exec in place, so $! is the perl server itself
  setsid setpriv --reuid=www-data --regid=www-data --init-groups \
    env RT_SITE_CONFIG="$RT_SITE_CONFIG" RT_SITE_CONFIG_DIR="$RT_SITE_CONFIG_DIR" \
    "$RT_SERVER" --server Standalone --host "$RT_HOST" --port "$RT_PORT" \
    >>"$STATE/rt-server.log" 2>&1 </dev/null &
  echo $! > "$PIDFILE"
  local deadline=$((SECONDS + READY_TIMEOUT))
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/REST/2.0/rt")" = 401 ]; do
    running_pid >/dev/null || { tail -20 "$STATE/rt-server.log" >&2; die "rt-server exited during startup"; }
    [ $SECONDS -lt $deadline ] || die "rt-server not ready after ${READY_TIMEOUT}s"
    sleep 0.2
  done
  log "rt-server up in $(( ($(date +%s%N) - t0) / 1000000 )) ms (pid $(cat "$PIDFILE"))"
}

print_env() {
  cat <<EOF
RT_URL=$BASE
RT_REST2_URL=$BASE/REST/2.0
RT_USER=root
RT_PASSWORD=$RT_ROOT_PASSWORD
RT_TOKEN=$(cat "$TOKENFILE")
RT_PID=$(cat "$PIDFILE")
EOF
}

check_www_access() {  # the server runs as www-data: every parent of the state dir must be traversable
  setpriv --reuid=www-data --regid=www-data --init-groups test -r "$RT_SITE_CONFIG" \
    || die "www-data cannot read "$RT_SITE_CONFIG" (a parent dir is not world-traversable?); set RT_STATE_DIR to e.g. /var/tmp/<name>"
}

mkdir -p "$STATE"
case "${1:-start}" in
  stop)  do_stop; exit 0 ;;
  env)   running_pid >/dev/null || die "not running"; print_env; exit 0 ;;
  reset) do_stop; rm -f "$DB" "$DB"-journal "$TOKENFILE" ;;
  start) ;;
  *) die "usage: $0 [start|stop|reset|env]" ;;
esac

# fast path: already running and token works
if running_pid >/dev/null && api_ok; then
  grant_public_intake
  [ -z "${RT_WEBHOOK_URL:-}" ] || add_webhook
  log "already running and healthy"; print_env; exit 0
fi

install_rt
write_config
check_www_access
init_db
grant_public_intake
[ -s "$TOKENFILE" ] || make_token
add_webhook
start_server
api_ok || { make_token; api_ok || die "REST2 token check failed"; }
print_env
