# SPEC §2, §3 (issue 2): a hand-written file is a source: default.c.do never overwrites it; redo F prints the source message and exits 0.
do_file default.c.do <<'X'
echo "generated $2"
echo "$2" >>runs.log
X
do_file prog.do <<'X'
redo-ifchange hello.c gen.c
cat hello.c gen.c
X
echo 'int main(void) { return 0; }' >hello.c
ok redo prog
assert_eq "$(cat hello.c)" 'int main(void) { return 0; }' "hand-written hello.c untouched"
assert_eq "$(ran hello)" 0 "default.c.do never ran for hello.c"
assert_eq "$(ran gen)" 1 "but it built gen.c"
redo hello.c 2>err
assert_eq "$?" 0 "redo on a source exits 0"
assert_eq "$(cat err)" "redo: hello.c: exists and not marked as generated; not redoing." "message"
assert_eq "$(ran hello)" 0 "still never ran"
assert_eq "$(cat hello.c)" 'int main(void) { return 0; }' "still untouched"
ok redo-ifchange hello.c
assert_eq "$(ran hello)" 0 "redo-ifchange on a source builds nothing"
[ -d .redo ] && [ -e .redo/hello.c,r ] && fail "a record was made for a source"
# a source that disappears and has a .do becomes a target
rm hello.c
ok redo-ifchange prog
assert_eq "$(cat hello.c)" "generated hello" "now generated"
assert_eq "$(ran hello)" 1 "by its .do"
