# SPEC §2, §8: redo builds a target from its .do; redo-ifchange rebuilds only what changed.
do_file all.do <<'X'
redo-ifchange a.out
echo "all: $(cat a.out)"
echo all >>runs.log
X
do_file a.out.do <<'X'
redo-ifchange a.in
tr a-z A-Z <a.in
echo a.out >>runs.log
X
echo hello >a.in
ok redo
assert_eq "$(cat all)" "all: HELLO" "first build"
assert_eq "$(ran all)" 1 "all ran once"
ok redo-ifchange all
assert_eq "$(ran a.out)" 1 "no-op rebuilt nothing"
echo world >a.in
ok redo-ifchange all
assert_eq "$(cat all)" "all: WORLD" "rebuilt after edit"
assert_eq "$(ran a.out)" 2 "a.out rebuilt once"
ok redo all
assert_eq "$(ran all)" 3 "redo always runs the .do"
assert_eq "$(ran a.out)" 2 "but not its clean dependencies"
