# SPEC §3 (issue 2): an existing target whose .do has disappeared becomes a source (its record replaced by a source marker); a missing one is an error.
do_file gen.do <<'X'
echo generated
X
do_file user.do <<'X'
redo-ifchange gen
cat gen
echo user >>runs.log
X
ok redo user
rm gen.do
ok redo-ifchange user 2>err
assert_eq "$(cat gen)" generated "the file stays"
assert_eq "$(cat err)" "redo  user" "no error, no warning; user rebuilt (gen.do was its dependency's rule)"
grep -qx 'type s' .redo/gen,r || fail "no source marker: $(cat .redo/gen,r)"
# it is a source now: editing it is not an override
echo edited >gen
ok redo-ifchange user 2>err
grep -q modified err && fail "warned about a source: $(cat err)"
assert_eq "$(cat user)" edited "dependents follow it"
redo gen 2>err
assert_eq "$?" 0 "redo on it"
assert_eq "$(cat err)" "redo: gen: no .do builds it (a source); not redoing." "a source now"
# missing, no .do: an error
rm gen
redo-ifchange user 2>err
assert_eq "$?" 1 "no rule"
grep -qx 'redo: gen: no rule to build it' err || fail "message: $(cat err)"
# a .do appears again: it is a target again
do_file gen.do <<'X'
echo again
X
ok redo-ifchange user
assert_eq "$(cat gen)" again "built again"
