# SPEC §11 (issue 2): on a non-terminal stderr, "redo  TARGET" per .do run, indented two spaces per level, named relative to where the user started; .do stderr passes through.
mkdir sub
do_file all.do <<'X'
redo-ifchange sub/mid
echo "all says hi" >&2
X
do_file sub/mid.do <<'X'
redo-ifchange leaf
X
do_file sub/leaf.do <<'X'
echo leaf
X
redo all 2>err
assert_eq "$?" 0 "built"
assert_eq "$(cat err)" "redo  all
redo    sub/mid
redo      sub/leaf
all says hi" "progress lines"
# from a subdirectory: names relative to it
rm sub/leaf
(cd sub && redo-ifchange mid 2>../err2)
assert_eq "$(cat err2)" "redo  mid
redo    leaf" "relative to the start dir"
# a no-op prints nothing
redo-ifchange all 2>/dev/null   # all is out of date: sub/mid was rebuilt
redo-ifchange all 2>err3
assert_eq "$(cat err3)" "" "no-op is silent"
# no terminal, no escape sequences
grep -q "$(printf '\033')" err && fail "escape sequences on a non-terminal"
true
