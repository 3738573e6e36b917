# SPEC §13, redo.h enum redo_exit: 0 ok, 1 target failed, 2 usage, 3 outside a .do, 5 redo-whichdo found nothing, 206/207 exit codes of the process that ran the .do, 208 cycle; callers exit 1.
do_file ok.do <<'X'
echo fine
X
do_file bad.do <<'X'
exit 42
X
exits 0 redo ok
exits 1 redo bad 2>/dev/null
exits 1 redo-ifchange ok bad 2>/dev/null
exits 1 redo nosuchrule 2>/dev/null
exits 2 redo --bogus 2>/dev/null
exits 3 redo-always 2>/dev/null
exits 5 redo-whichdo nothing/here.x 2>/dev/null >/dev/null
# 206 and 207: the process that ran the .do (and so detected it) exits with
# the code; every caller above it exits 1
do_file both.do <<'X'
echo out; echo file >$3
X
do_file direct.do <<'X'
echo x >$1
X
redo both 2>err
assert_eq "$?" 207 "redo both"
redo direct 2>>err
assert_eq "$?" 206 "redo direct"
grep -qx 'redo: both: failed (code 207; the .do exited 0)' err || fail "207: $(cat err)"
grep -qx 'redo: direct: failed (code 206; the .do exited 0)' err || fail "206: $(cat err)"
# inside a .do, the nested redo-ifchange that ran it detected it: 207
do_file wrap.do <<'X'
redo-ifchange both || echo "rc=$?" >wrap.rc
X
ok redo wrap 2>/dev/null
assert_eq "$(cat wrap.rc)" rc=207 "nested redo-ifchange that ran the 207 target"
do_file top.do <<'X'
redo-ifchange both
X
exits 1 redo top 2>/dev/null
# a cycle: the nested command that finds it exits 208; everyone above exits 1
do_file a.do <<'X'
redo-ifchange b
X
do_file b.do <<'X'
redo-ifchange a || { echo "rc=$?" >cycle.rc; exit 1; }
X
redo a 2>err
assert_eq "$?" 1 "top-level redo of a cycle"
assert_eq "$(cat cycle.rc)" rc=208 "the process that found the cycle"
grep -qx 'redo: cycle: a -> b -> a' err || fail "cycle message: $(cat err)"
# the table is documented where the code defines it
grep -q 'EXIT_BOTH_OUTPUTS = 207' "$T_TOP/redo.h" || fail "redo.h exit table"
