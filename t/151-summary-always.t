# issue 6 / SPEC §6: a top-level summary never hides a redo-always or a changed source deep below.
do_file all.do <<'X'
redo-ifchange mid
echo all >>runs.log
X
do_file mid.do <<'X'
redo-ifchange leaf src.txt
echo mid >>runs.log
X
do_file leaf.do <<'X'
redo-always
echo leaf >>runs.log
echo same | redo-stamp
echo same
X
echo a >src.txt
ok redo all
! grep -q '^deep ' .redo/all,r || fail "no summary over redo-always"
ok redo-ifchange all
assert_eq "$(ran leaf)" 2 "redo-always leaf runs again in a new session"
assert_eq "$(ran mid)" 1 "stamped leaf with the same content: mid not rebuilt"
rm -rf .redo runs.log leaf mid all
do_file leaf.do <<'X'
echo leaf >>runs.log
X
age *.do src.txt
ok redo all
grep -q '^deep ' .redo/all,r || fail "a summary when nothing is always"
echo b >src.txt
ok redo-ifchange all
assert_eq "$(ran mid)" 2 "a changed source deep below rebuilds mid"
assert_eq "$(ran all)" 2 "and all"
