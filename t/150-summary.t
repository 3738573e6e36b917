# issue 6 / SPEC §6: the top-level summary shortcut honours failures, redo-always, ifcreate, overrides and rebuilt virtual targets below.
do_file all.do <<'X'
redo-ifchange mid
echo all >>runs.log
cat mid
X
do_file mid.do <<'X'
redo-ifchange leaf virt
echo mid >>runs.log
cat leaf
X
do_file leaf.do <<'X'
redo-ifchange leaf.in
[ ! -e leaf.fail ] || exit 1
echo leaf >>runs.log
cat leaf.in
X
do_file virt.do <<'X'
echo virt >>runs.log
X
echo one >leaf.in
age *.do leaf.in
ok redo all
grep -q '^deep ' .redo/all,r || fail "a top-level build writes a summary"
ok redo-ifchange all
assert_eq "$(ran all)" 1 "no-op through the summary"

# a target rebuilt below with no file (virtual): all must rebuild
ok redo virt
ok redo-ifchange all
assert_eq "$(ran mid)" 2 "mid rebuilt after virt was rebuilt"
assert_eq "$(ran all)" 2 "all rebuilt after virt was rebuilt"

# a failure below: leaf failed in a separate run, its file unchanged
ok redo all
touch leaf.fail
fails redo leaf
fails redo-ifchange all
rm leaf.fail
ok redo-ifchange all
n=$(ran all)

# a more specific .do created below (ifcreate)
echo 'echo new leaf >>runs.log; echo NEW' >leaf.do.new
ok redo all
n=$(ran all)
ok redo-ifchange all
assert_eq "$(ran all)" "$n" "no-op again"
cat >default.do <<'X'
echo default >>runs.log
X
# default.do is less specific than leaf.do: nothing changes
ok redo-ifchange all
assert_eq "$(ran all)" "$n" "a less specific .do changes nothing"

# an override below: warned, dependents rebuilt
echo edited >leaf
redo-ifchange all 2>err || fail "override build failed"
grep -q 'leaf - you modified it' err || fail "override warning missing"
assert_eq "$(cat all)" "edited" "all rebuilt against the user's leaf"
