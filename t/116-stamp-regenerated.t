# SPEC §9, issue 3: a stamped target deleted and regenerated with identical content does not rebuild its dependents.
do_file gen.do <<'X'
echo gen >>runs.log
echo constant
echo constant | redo-stamp
X
do_file user.do <<'X'
echo user >>runs.log
redo-ifchange gen
cat gen
X
ok redo user
rm gen
ok redo-ifchange user
assert_eq "$(ran gen)" 2 "gen regenerated"
assert_eq "$(cat gen)" constant "gen is back"
assert_eq "$(ran user)" 1 "user not rebuilt: identical content"
# without redo-stamp the same deletion does rebuild the dependent
do_file plain.do <<'X'
echo plain >>runs.log
echo constant
X
do_file user2.do <<'X'
echo user2 >>runs.log
redo-ifchange plain
cat plain
X
ok redo user2
rm plain
ok redo-ifchange user2
assert_eq "$(ran user2)" 2 "an unstamped regenerated dependency rebuilds its dependent"
