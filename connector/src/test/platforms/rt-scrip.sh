#!/usr/bin/env bash
# rt-scrip.sh QUEUE DESCRIPTION < CODE — add a "User Defined" scrip (On Transaction, Template Blank) with the commit
# code read from stdin to one queue of the RT started by start-rt.sh; prints the scrip's id. Used by RtWebhookIT to
# install Deskpilot's scrip (src/main/resources/rt/deskpilot-scrip.pl) the way an admin pastes it under Admin → Scrips.
# Environment: RT_STATE_DIR (as given to start-rt.sh). Must run as root (RT runs as www-data).
set -euo pipefail
STATE="${RT_STATE_DIR:?set RT_STATE_DIR to the state directory given to start-rt.sh}"
[ $# -eq 2 ] || { echo "usage: $0 QUEUE DESCRIPTION < CODE" >&2; exit 2; }
[ "$(id -u)" = 0 ] || { echo "rt-scrip.sh: must run as root" >&2; exit 1; }
setpriv --reuid=www-data --regid=www-data --init-groups \
  env RT_SITE_CONFIG="$STATE/RT_SiteConfig.pm" RT_SITE_CONFIG_DIR="$STATE/RT_SiteConfig.d" \
  perl -I/usr/share/request-tracker5/lib -e '
    use RT; RT::LoadConfig(); RT::Init();
    my ($queue, $desc) = @ARGV; local $/; my $code = <STDIN>;
    my $q = RT::Queue->new(RT->SystemUser); $q->Load($queue) or die "no queue $queue\n";
    my ($id, $m) = RT::Scrip->new(RT->SystemUser)->Create(Queue => $q->id, Description => $desc,
      ScripCondition => "On Transaction", ScripAction => "User Defined", Template => "Blank",
      Stage => "TransactionCreate", CustomPrepareCode => "return 1;", CustomCommitCode => $code);
    die "scrip: $m\n" unless $id; print "$id\n";' -- "$1" "$2" 2> >(grep -v "internal HTML converter" >&2)
