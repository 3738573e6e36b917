# SPEC §1, §8 (issue 2): -x and -v pass -x/-v to the shell running the .do, for nested builds too.
do_file out.do <<'X'
redo-ifchange sub
MARKER=ok
echo built
X
do_file sub.do <<'X'
SUBMARK=yes
echo sub
X
ok redo -x out 2>err
grep -q '^+ MARKER=ok' err || fail "-x: no trace: $(cat err)"
grep -q '^+ SUBMARK=yes' err || fail "-x: nested .do not traced: $(cat err)"
ok redo --xtrace out 2>err
grep -q '^+ MARKER=ok' err || fail "--xtrace: no trace: $(cat err)"
ok redo -v out 2>err
grep -qx 'MARKER=ok' err || fail "-v: no echo: $(cat err)"
grep -q '^+ MARKER' err && fail "-v traced like -x: $(cat err)"
ok redo --verbose out 2>err
grep -qx 'MARKER=ok' err || fail "--verbose: no echo: $(cat err)"
ok redo out 2>err
grep -q 'MARKER' err && fail "traced without -x/-v: $(cat err)"
assert_eq "$(cat out)" built "the trace does not go to the target"
