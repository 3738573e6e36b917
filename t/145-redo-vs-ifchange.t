# SPEC §2 (issue 2): redo T runs T's .do even when up to date, once per invocation, and records no dependency in its caller; redo-ifchange records one.
do_file t.do <<'X'
echo t >>runs.log
echo t
X
ok redo t
ok redo t
assert_eq "$(ran t)" 2 "redo always runs the .do"
ok redo t t t
assert_eq "$(ran t)" 3 "once per invocation"
do_file forced.do <<'X'
redo t
echo forced >>runs.log
X
ok redo forced
assert_eq "$(ran t)" 4 "nested redo ran t"
ok redo-ifchange forced
assert_eq "$(ran forced)" 1 "forced clean"
rm t
ok redo-ifchange forced
assert_eq "$(ran forced)" 1 "redo t recorded no dependency: losing t does not rebuild forced"
do_file dep.do <<'X'
redo-ifchange t
echo dep >>runs.log
X
ok redo dep
rm t
ok redo-ifchange dep
assert_eq "$(ran dep)" 2 "redo-ifchange t recorded a dependency"
