# Deskpilot: tell Deskpilot that something happened to a ticket. Deskpilot reads the ticket back through REST2,
# so the body only points at the transaction. Signed with the installation's webhook secret (HMAC-SHA256).
# Scrip: Condition "On Transaction", Action "User Defined", Template "Blank", Stage "TransactionCreate".
require LWP::UserAgent; require JSON; require Digest::SHA;
my $url = '__DESKPILOT_WEBHOOK_URL__';
my $secret = '__DESKPILOT_WEBHOOK_SECRET__';
my $t = $self->TicketObj; my $x = $self->TransactionObj;
return 1 if $x->Type eq 'EmailRecord';
my $body = JSON::encode_json({ ticket => $t->id, transaction => $x->id, type => $x->Type, field => $x->Field,
  queue => $t->QueueObj->Name, created => $x->CreatedObj->W3CDTF });
my $r = LWP::UserAgent->new(timeout => 3)->post($url, 'Content-Type' => 'application/json',
  'X-Deskpilot-Signature' => 'sha256=' . Digest::SHA::hmac_sha256_hex($body, $secret), Content => $body);
RT->Logger->warning('Deskpilot webhook failed: ' . $r->status_line) unless $r->is_success;
return 1;
