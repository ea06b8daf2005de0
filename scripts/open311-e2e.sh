#!/usr/bin/env bash
# End-to-end check of /open311/v2 with FixMyStreet's own Open311 client (perllib/Open311.pm of
# mysociety/fixmystreet, loaded unchanged from a checkout you name), over HTTP against a running
# service: the way a FixMyStreet site files reports, relays comments and polls for updates.
#
#   FMS_PERLLIB=/path/to/fixmystreet/perllib scripts/open311-e2e.sh [BASE_URL]
#
# BASE_URL defaults to http://localhost:8080 (dev mode: ./mvnw quarkus:dev). The service must
# trust the dev signing key (dev or test profile): the script mints an admin token to issue an
# api key and a branch head's token to decide the request (scripts/mint-token.sh).
# Also jq and openssl (for the tokens). Perl modules (Debian): libmoo-perl libmoox-types-mooselike-perl libxml-simple-perl libwww-perl
# libdatetime-format-w3cdtf-perl libpath-tiny-perl libtry-tiny-perl. Open311.pm also names a few
# FixMyStreet modules (configuration, cobrands, database, photos) that a site provides; this
# script stands in for them with small stubs of its own, which do only what the calls below need.
#
# It checks, printing one "ok" line per check (any failure stops it with exit 1):
#   services and the area definition as Open311.pm parses them, keywords split on ",";
#   send_service_request: 3800 Kazakh characters (title + detail + URL as FixMyStreet builds the
#   description), no e-mail and no phone, a district from the area list, a photo link;
#   an address_id=#NOTPINPOINTED# report; a description over 4000 characters refused with 400;
#   post_service_request_update: the comment becomes the citizen's follow-up;
#   get_service_request_updates after staff register, start and reject the request: the
#   decision arrives as "unable to fix" with the answer, never as fixed.
set -euo pipefail
cd "$(dirname "$0")/.."

BASE_URL=${1:-${BASE_URL:-http://localhost:8080}}
: "${FMS_PERLLIB:?set FMS_PERLLIB to the perllib folder of a FixMyStreet checkout}"
[[ -f "$FMS_PERLLIB/Open311.pm" ]] || { echo "no Open311.pm in $FMS_PERLLIB" >&2; exit 2; }

admin=$(scripts/mint-token.sh admin)
key=$(curl -sf -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' \
  -d "{\"client\":\"FixMyStreet e2e $(date +%s)\"}" "$BASE_URL/api/v1/admin/open311-keys" | jq -r .apiKey)
[[ "$key" == o311_* ]] || { echo "could not issue an api key" >&2; exit 1; }
echo "ok - issued an api key through /api/v1/admin/open311-keys"

stubs=$(mktemp -d)
trap 'rm -rf "$stubs"' EXIT
mkdir -p "$stubs/FixMyStreet/DB/Result" "$stubs/FixMyStreet/App/Model"
# Stand-ins for the parts of a FixMyStreet site that Open311.pm names (ours, not FixMyStreet's code).
cat > "$stubs/FixMyStreet.pm" <<'PERL'
package FixMyStreet; sub config { undef } sub test_mode { 1 } sub path_to { '/tmp' } 1;
PERL
cat > "$stubs/FixMyStreet/Cobrand.pm" <<'PERL'
package FixMyStreet::Cobrand; sub new { bless {}, shift } sub call_hook { undef } 1;
PERL
cat > "$stubs/FixMyStreet/DB.pm" <<'PERL'
package FixMyStreet::DB; 1;
PERL
cat > "$stubs/FixMyStreet/DB/Result/Problem.pm" <<'PERL'
package FixMyStreet::DB::Result::Problem;
sub open_states { return +{ map { $_ => 1 } 'confirmed', 'investigating', 'in progress', 'action scheduled' } }
sub fixed_states { return +{ 'fixed' => 1, 'fixed - council' => 1, 'fixed - user' => 1 } }
1;
PERL
cat > "$stubs/FixMyStreet/DB/Result/Body.pm" <<'PERL'
package FixMyStreet::DB::Result::Body; sub new { bless {}, shift } sub get_cobrand_handler { FixMyStreet::Cobrand->new } 1;
PERL
cat > "$stubs/FixMyStreet/App/Model/PhotoSet.pm" <<'PERL'
package FixMyStreet::App::Model::PhotoSet; 1;
PERL
cat > "$stubs/FixMyStreet/ImageMagick.pm" <<'PERL'
package FixMyStreet::ImageMagick; 1;
PERL
cat > "$stubs/Utils.pm" <<'PERL'
package Utils; sub truncate_coordinate { my $out = sprintf('%0.6f', shift); $out =~ s{\.?0+\z}{}; $out } 1;
PERL

export BASE_URL OPEN311_KEY="$key" ADMIN_TOKEN="$admin"
perl -I"$stubs" -I"$FMS_PERLLIB" - <<'PERL'
use strict; use warnings; use utf8;
use open qw(:std :encoding(UTF-8));
use Open311;
use FixMyStreet::Cobrand; use FixMyStreet::DB::Result::Body; use FixMyStreet::DB::Result::Problem;
use DateTime; use DateTime::Format::W3CDTF; use JSON::PP; use LWP::UserAgent; use Encode;

my $base = $ENV{BASE_URL};
sub ok { my ($cond, $what) = @_; die "not ok - $what\n" unless $cond; print "ok - $what\n"; }

# A FixMyStreet problem, comment and user, as far as Open311.pm reads them.
package Mock { sub new { my ($c, %f) = @_; bless {%f}, $c } our $AUTOLOAD;
  sub AUTOLOAD { my $s = shift; (my $n = $AUTOLOAD) =~ s/.*:://; return if $n eq 'DESTROY'; $s->{$n} } }
package main;

my $body = FixMyStreet::DB::Result::Body->new;
my %settings = (endpoint => "$base/open311/v2/", jurisdiction => 'citizenrequests.kz',
    api_key => $ENV{OPEN311_KEY}, fixmystreet_body => $body);
my $o = Open311->new(%settings);

my $services = $o->get_service_list;
ok($o->success && @{ $services->{service} } >= 10, 'get_service_list: ' . scalar(@{ $services->{service} }) . ' services');
my ($housing) = grep { $_->{service_code} eq 'housing_utilities' } @{ $services->{service} };
my @keywords = split /,/, $housing->{keywords};
ok(!grep(/^\s/, @keywords) && grep($_ eq 'housing_utilities', @keywords), "keywords split on ',' without leading spaces: @keywords[0..1]");

my $meta = $o->get_service_meta_info('housing_utilities');
my %attributes = map { $_->{code} => $_ } @{ $meta->{attributes} };
my @areas = @{ $attributes{area}{values} };
ok(@areas == 79, 'get_service_meta_info: one area list of ' . scalar(@areas) . ' regions and "region / district" values');
my ($district) = grep { $_->{key} eq 'KZ-71-02' } @areas;
ok($district && $district->{name} =~ m{ / }, "district value named '$district->{name}'");
ok($attributes{description_limit} && $attributes{description_limit}{variable} eq 'false'
    && $attributes{description_limit}{description} =~ /4000/, 'the definition states the 4000-character limit');

my $kazakh = ('әғқңөұүһі' x 420);    # 3780 characters
my $user = Mock->new(email => undef, phone => undef, name => 'Айгерим Сәрсенова');
my $problem = Mock->new(id => 1, title => 'Ыстық су жоқ', detail => $kazakh, name => 'Айгерим Сәрсенова',
    user => $user, phone_waste => undef, latitude => 51.128, longitude => 71.43, used_map => 1, postcode => '',
    cobrand => 'fixmystreet', cobrand_data => '', bodies => {}, send_fail_count => 0, uprn => undef, service => undef, non_public => 0,
    get_extra_fields => [ { name => 'area', value => 'KZ-71-02' }, { name => 'type', value => 'complaint' } ]);
my $id = $o->send_service_request($problem,
    { url => 'https://fixmystreet.example.kz/report/1', image_url => 'https://fixmystreet.example.kz/photo/1.full.jpeg' },
    'housing_utilities');
ok($id && $id =~ /^AST-\d{4}-\d+$/, "send_service_request: no e-mail, no phone, " . length($kazakh)
    . " Kazakh characters, district KZ-71-02 -> service_request_id $id");

my $ua = LWP::UserAgent->new;
sub api { my ($method, $path, $token, $body, %headers) = @_;
    my $req = HTTP::Request->new($method => "$base$path", [Authorization => "Bearer $token", %headers]);
    if ($body) { $req->header('Content-Type' => 'application/json'); $req->content(encode_json($body)); }
    my $res = $ua->request($req); return ($res->code, length($res->content) ? eval { decode_json($res->content) } : undef); }
my $head = `scripts/mint-token.sh branch_head AST-D02`; chomp $head;
my ($code, $staff) = api(GET => "/api/v1/requests/$id", $head);
ok($code == 200 && $staff->{description} eq "Ыстық су жоқ\n\n$kazakh\n\nhttps://fixmystreet.example.kz/report/1",
    'staff see the description exactly as sent, line ends as \n');
ok($staff->{citizen}{contactThrough} =~ /^FixMyStreet e2e/ && !defined $staff->{citizen}{email},
    "staff see that the integrator answers for the contact: '$staff->{citizen}{contactThrough}'");
ok($staff->{mediaUrls}[0] eq 'https://fixmystreet.example.kz/photo/1.full.jpeg', 'staff see the photo link');
ok($staff->{district} eq 'KZ-71-02' && $staff->{branch}{code} eq 'AST-D02', 'routed to the district branch of the chosen area');

my $np = Open311->new(%settings, send_notpinpointed => 1, always_send_latlong => 0);
my $pin = Mock->new(%$problem, used_map => 0, detail => 'Без метки на карте',
    get_extra_fields => [ { name => 'area', value => 'KZ-75' } ]);
my $np_id = $np->send_service_request($pin, { url => 'https://fixmystreet.example.kz/report/2' }, 'roads_transport');
ok($np_id && $np_id =~ /^ALA-/, "address_id=#NOTPINPOINTED# with area KZ-75 -> $np_id");

my $long = Mock->new(%$problem, detail => ('ә' x 4001));
my $refused = $o->send_service_request($long, { url => 'https://fixmystreet.example.kz/report/3' }, 'housing_utilities');
ok(!$refused && $o->error =~ /400.*description: at most 4000 characters/s, 'a description over 4000 characters: 400 naming description');

my $comment = Mock->new(id => 77, name => 'Айгерим Сәрсенова', user => Mock->new(email => 'a@example.kz', phone => undef, name => 'A'),
    problem => Mock->new(external_id => $id, state => 'confirmed', cobrand => 'fixmystreet', bodies => {}), problem_state => 'confirmed', text => "Су әлі жоқ.\r\nПодъезд 3.",
    confirmed => DateTime->now, photo => undef, extra => undef, mark_open => 0, get_extra_metadata => {},
    get_cobrand_logged => FixMyStreet::Cobrand->new, cobrand_data => '');
my $update_id = $o->post_service_request_update($comment);
ok($update_id && $update_id =~ /^\d+$/, "post_service_request_update -> update_id $update_id");
my $again = $o->post_service_request_update($comment);
ok($again eq $update_id, 'posting the same update again stores nothing new');
($code, my $history) = api(GET => "/api/v1/requests/$id/history", $head);
my @follow = grep { $_->{action} eq 'follow_up' } @$history;
ok(@follow == 1 && $follow[0]{note} eq "Су әлі жоқ.\nПодъезд 3.", "the update is the citizen's follow-up comment, stored once");

my $start = DateTime->now->subtract(minutes => 5);
for my $act ({ action => 'register', note => 'Тіркелді' }, { action => 'start_work' },
             { action => 'resolve', outcome => 'rejected', answer => 'Үй коммуналдық балансқа жатпайды.' }) {
    my (undef, $now) = api(GET => "/api/v1/requests/$id", $head);
    ($code) = api(POST => "/api/v1/requests/$id/transitions", $head, $act, 'If-Match' => qq("$now->{version}"));
    die "not ok - staff act $act->{action}: $code\n" unless $code == 200;
}
print "ok - staff registered, started and rejected the request\n";
my $end = DateTime->now->add(minutes => 1);
my $updates = $o->get_service_request_updates(DateTime::Format::W3CDTF->format_datetime($start),
                                              DateTime::Format::W3CDTF->format_datetime($end));
my @mine = grep { $_->{service_request_id} eq $id } @{ $updates || [] };
ok($o->success && @mine == 3, 'get_service_request_updates: ' . scalar(@mine) . ' updates of this request');
my @states = map { $o->map_state($_->{status}) } @mine;
ok("@states" eq 'investigating in progress unable to fix', "FixMyStreet states: @states");
ok(!grep(/fixed/, @states), 'the rejection never reads as fixed');
ok($mine[2]{external_status_code} eq 'rejected' && $mine[2]{description} eq 'Үй коммуналдық балансқа жатпайды.',
    "the decision carries external_status_code 'rejected' and the answer as description");
my $other = Open311->new(%settings, api_key => 'o311_not-this-integrators-key');
$other->get_service_request_updates(DateTime::Format::W3CDTF->format_datetime($start), DateTime::Format::W3CDTF->format_datetime($end));
ok(!$other->success && $other->error =~ /403/, 'another (unknown) key is refused with 403');
my $requests = $o->get_service_requests({ report_ids => [ $id ] });
ok($requests->[0]{status} eq 'closed' && $requests->[0]{status_notes} =~ /^rejected/, 'get_service_requests: closed, status_notes "rejected"');
PERL
echo "all checks passed against $BASE_URL"
