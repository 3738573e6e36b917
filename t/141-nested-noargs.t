# SPEC §1 (issue 2): nested redo / redo-ifchange / redo-ifcreate with no arguments do nothing and succeed (they never build "all").
do_file all.do <<'X'
echo all >>runs.log
X
do_file t.do <<'X'
redo
redo-ifchange
redo-ifcreate
echo t >>runs.log
X
ok redo t
assert_eq "$(ran t)" 1 "t ran to the end"
assert_eq "$(ran all)" 0 "all never built"
ok redo-ifchange t
assert_eq "$(ran t)" 1 "no dependency recorded: clean"
