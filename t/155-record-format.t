# SPEC §5 (issue 2): one plain-text record per target in DIR/.redo/: version line, stamp, seq, run id and ok/fail, checksum, dependency entries (kind, stamp, seq, sum, relative path).
mkdir sub
echo s >sub/src
do_file sub/t.do <<'X'
redo-ifchange src ../other
[ -e nothere ] || redo-ifcreate nothere
redo-always
echo t
echo t | redo-stamp
X
do_file other.do <<'X'
echo other
X
ok redo sub/t
r=sub/.redo/t,r
[ -f "$r" ] || fail "no record $r: $(ls -a sub/.redo)"
assert_eq "$(head -n 1 $r)" "redo-record 2" "version line"
assert_eq "$(tail -n 1 $r)" "end" "last line"
grep -qx 'name t' $r || fail "name"
grep -qx 'type t' $r || fail "type"
grep -Eqx 'seq [0-9]+' $r || fail "seq"
grep -Eqx 'run [^ ]+ ok' $r || fail "run ok"
grep -Eqx 'stamp f:[0-9]+\.[0-9]{9}:2:[0-9]+:[0-9]+:[0-7]+:[0-9]+:[0-9]+' $r || fail "stamp"
sum=$(echo t | sha1sum 2>/dev/null | cut -d' ' -f1)
[ -z "$sum" ] || grep -qx "sum $sum" $r || fail "sum"
grep -Eqx 'dep d f:[^ ]+ - - ~?[0-9a-f]{40} t\.do' $r || fail "dep d"
grep -Eqx 'dep c f:[^ ]+ - - ~?[0-9a-f]{40} src' $r || fail "dep c source"
grep -Eqx 'dep c f:[^ ]+ [0-9]+ - - \.\./other' $r || fail "dep c target (relative, with seq)"
grep -Eqx 'dep n - - - - nothere' $r || fail "dep n"
grep -Eq '^dep a ' $r || fail "dep a"
# seq changes on every successful build
s1=$(sed -n 's/^seq //p' $r)
ok redo sub/t
s2=$(sed -n 's/^seq //p' $r)
[ "$s1" != "$s2" ] || fail "seq unchanged after a build"
# no temp files stay beside the records
assert_eq "$(ls -a sub/.redo | grep -v '^\.\.\?$' | grep -v ',[rl]$' | grep -v '^lock$')" "" "only records, logs and the lock"
# the more specific candidates that did not exist are ifcreate entries
grep -Eqx 'dep n - - - - x\.y\.do' .redo/x.y,r 2>/dev/null && fail "unexpected"
do_file default.y.do <<'X'
echo y
X
ok redo x.y
grep -Eqx 'dep n - - - - x\.y\.do' .redo/x.y,r || fail "x.y.do not an ifcreate dependency: $(cat .redo/x.y,r)"
grep -Eqx 'dep d f:[^ ]+ - - ~?[0-9a-f]{40} default\.y\.do' .redo/x.y,r || fail "default.y.do not the .do dependency"
