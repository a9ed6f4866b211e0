#!/usr/bin/perl
# Seeds Request Tracker 5 for Keel's e2e tests through RT's own Perl API, idempotently: a queue
# "Support", a privileged agent (agent / keel-agent-pass, "Sam Rivera") with reply rights on it, a
# customer "María García <maria@example.com>", and two tickets made from MIME messages as if they
# had been mailed in. Running it again finds what exists and creates nothing new.
# Prints {"queue":…,"agent":…,"tickets":{"refund":ID,"bug":ID}} as one line of JSON on stdout.
#
# Usage (as a user that can write RT's SQLite database, e.g. root): perl tests/rt/seed.pl
use strict;
use warnings;
use utf8;
use lib '/usr/share/request-tracker5/lib';
use Encode qw(encode);
use MIME::Entity;
use JSON::PP;
use RT;

RT::LoadConfig();
RT::Init();

my $system = RT->SystemUser;

sub fail { die "seed.pl: $_[0]\n" }

my $queue = RT::Queue->new($system);
$queue->Load('Support');
unless ( $queue->id ) {
    my ( $ok, $msg ) = $queue->Create(
        Name              => 'Support',
        Description       => 'Customer support (Keel e2e)',
        CorrespondAddress => 'support@keel-test.example',
        CommentAddress    => 'support-comment@keel-test.example',
    );
    $ok or fail("queue: $msg");
}

my $agent = RT::User->new($system);
$agent->Load('agent');
unless ( $agent->id ) {
    my ( $ok, $msg ) = $agent->Create(
        Name         => 'agent',
        RealName     => 'Sam Rivera',
        EmailAddress => 'sam.rivera@keel-test.example',
        Privileged   => 1,
    );
    $ok or fail("agent: $msg");
}
# Password and privilege set every time, so a hand-changed agent is put back as the tests expect.
$agent->SetPrivileged(1) unless $agent->Privileged;
unless ( $agent->IsPassword('keel-agent-pass') ) {
    my ( $ok, $msg ) = $agent->SetPassword('keel-agent-pass');
    $ok or fail("agent password: $msg");
}
for my $right (qw(SeeQueue ShowTicket ReplyToTicket CommentOnTicket OwnTicket ModifyTicket)) {
    next if $agent->PrincipalObj->HasRight( Right => $right, Object => $queue );
    my ( $ok, $msg ) = $agent->PrincipalObj->GrantRight( Right => $right, Object => $queue );
    $ok or fail("right $right: $msg");
}
# As RT's stock General queue: anyone may open a ticket by mail. The tickets below are created
# as the customer, so the history says "María García - Ticket created", as for a mailed-in ticket.
my $everyone = RT::Group->new($system);
$everyone->LoadSystemInternalGroup('Everyone');
for my $right (qw(CreateTicket ReplyToTicket)) {
    next if $everyone->PrincipalObj->HasRight( Right => $right, Object => $queue );
    my ( $ok, $msg ) = $everyone->PrincipalObj->GrantRight( Right => $right, Object => $queue );
    $ok or fail("Everyone right $right: $msg");
}

my $customer = RT::User->new($system);
$customer->LoadByEmail('maria@example.com');
unless ( $customer->id ) {
    my ( $ok, $msg ) = $customer->Create(
        Name         => 'maria@example.com',
        RealName     => 'María García',
        EmailAddress => 'maria@example.com',
        Privileged   => 0,
    );
    $ok or fail("customer: $msg");
}

my @tickets = (
    {
        key     => 'refund',
        subject => 'Refund for order #A10234',
        body    => <<'BODY',
Hello,

I ordered the Aurora stand mixer (order #A10234) two weeks ago, but I no longer need it: it is
still unopened in its box. I would like my money back rather than store credit.

Can you tell me how long the refund will take?

Thanks,
María
BODY
    },
    {
        key     => 'bug',
        subject => 'Export to CSV crashes the app',
        body    => <<'BODY',
Hi,

Since yesterday's update, the app crashes every time I click "Export to CSV" on the reports page.
It shows a blank screen and then an error: "Something went wrong". I am on Windows 11, Chrome.

Steps: open Reports, pick last month, click Export to CSV.

Regards,
María
BODY
    },
);

my %ids;
for my $spec (@tickets) {
    my $existing = RT::Tickets->new($system);
    $existing->FromSQL( sprintf( "Queue = 'Support' AND Subject = '%s'", $spec->{subject} ) );
    $existing->OrderBy( FIELD => 'id', ORDER => 'ASC' );
    if ( my $found = $existing->First ) {
        $ids{ $spec->{key} } = $found->id;
        next;
    }
    # A message as it would arrive by mail: UTF-8 body, MIME-encoded From and Subject.
    my $mime = MIME::Entity->build(
        From     => encode( 'MIME-Header', 'María García' ) . ' <maria@example.com>',
        To       => 'support@keel-test.example',
        Subject  => $spec->{subject},
        Type     => 'text/plain',
        Charset  => 'UTF-8',
        Encoding => 'quoted-printable',
        Data     => [ encode( 'UTF-8', $spec->{body} ) ],
    );
    # What RT's mail gateway does to every incoming message: decode headers and body to UTF-8.
    RT::I18N::SetMIMEEntityToUTF8($mime);
    my $ticket = RT::Ticket->new( RT::CurrentUser->new($customer) );
    my ( $id, undef, $msg ) = $ticket->Create(
        Queue     => $queue->id,
        Subject   => $spec->{subject},
        Requestor => ['maria@example.com'],
        MIMEObj   => $mime,
    );
    $id or fail("ticket $spec->{key}: $msg");
    $ids{ $spec->{key} } = $id;
}

print JSON::PP->new->canonical->encode(
    {
        queue   => $queue->Name,
        agent   => { name => $agent->Name, realName => $agent->RealName, password => 'keel-agent-pass' },
        tickets => \%ids,
    }
), "\n";
