# SPEC §8 (issue 2): a .do that writes neither stdout nor $3 makes a virtual target: no file (a stale one is removed), still built, dependents work.
do_file v.do <<'X'
echo v >>runs.log
redo-ifchange in
X
do_file user.do <<'X'
redo-ifchange v
echo user >>runs.log
X
echo 1 >in
# a file never built by redo is a source: redo leaves it alone
echo mine >v
ok redo v 2>/dev/null
assert_eq "$(cat v)" mine "a source named like a virtual target is kept"
assert_eq "$(ran v)" 0 "and not built"
rm v
ok redo v
[ -e v ] && fail "a virtual target left a file"
ok redo-ifchange user
assert_eq "$(ran v)" 1 "virtual target clean"
assert_eq "$(ran user)" 1 "user built"
ok redo-ifchange user
assert_eq "$(ran user)" 1 "no-op: a missing virtual target is not out of date"
assert_eq "$(ran v)" 1 "v not rerun"
echo 2 >in
ok redo-ifchange user
assert_eq "$(ran v)" 2 "v rebuilt when its input changed"
assert_eq "$(ran user)" 2 "user rebuilt"
# empty output is not output: a .do running "true" still gives a virtual target
do_file e.do <<'X'
printf ''
X
ok redo e
[ -e e ] && fail "empty stdout created a file"
# a regular target that turns virtual loses its file
do_file w.do <<'X'
[ -e mkfile ] && echo content
true
X
touch mkfile
ok redo w
assert_eq "$(cat w)" content "regular first"
rm mkfile
ok redo w
[ -e w ] && fail "old file kept after the target became virtual"
true
