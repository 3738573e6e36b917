# SPEC §5, §6: a target rebuilt after its record was lost or unreadable gets a build sequence it never had, so a parent that recorded the old one notices the rebuild even when the stamp cannot tell (a virtual target).
do_file all.do <<'X'
redo-ifchange v
echo all >>runs.log
X
do_file v.do <<'X'
echo v >>runs.log
X
ok redo all 2>/dev/null
rm .redo/v,r           # or garbage in it: the same
ok redo v 2>/dev/null  # v's .do runs again (seq 1 again, stamp "-" again)
assert_eq "$(ran v)" 2 "v rebuilt"
ok redo-ifchange all 2>/dev/null
assert_eq "$(ran all)" 2 "all rebuilt after its dependency was"
