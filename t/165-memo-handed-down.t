# SPEC §2 (session memo), issue 6: what the top-level redo found up to date before it started a .do is in the session memo, so a nested redo-ifchange in that .do does not examine it again, unless its file changed since; a no-op writes no memo.
do_file a.do <<'X'
echo a >>runs.log
redo-ifchange a.in
cat a.in
X
do_file b.do <<'X'
echo b >>runs.log
redo-ifchange b.in
cat b.in
X
do_file all.do <<'X'
echo all >>runs.log
[ ! -e edit-b ] || echo changed >b.in
[ ! -e rm-b ] || rm -f b
redo-ifchange b a
cat b a
X
echo a1 >a.in
echo b1 >b.in
ok redo all
rm -rf memo && mkdir memo
TMPDIR=$PWD/memo redo-ifchange all || fail "no-op failed"
assert_eq "$(find memo -type f | wc -l | tr -d ' ')" 0 "a no-op wrote a memo file"

# a.in edited: the top level finds b up to date (it comes first in all's
# dependencies) and a out of date, then runs all.do, which edits b.in
# before it asks for b: b is not examined again in this session
echo a2 >a.in
touch edit-b
ok redo-ifchange all
assert_eq "$(ran b)" 1 "b was examined again in the same session"
assert_eq "$(cat all)" "b1
a2" "all has the old b and the new a"
rm edit-b
# the next session sees b.in's change
ok redo-ifchange all
assert_eq "$(ran b)" 2 "b rebuilt in the next session"
assert_eq "$(cat all)" "changed
a2" "all has the new b"

# noted up to date, then removed by all.do before it asks for b: the
# memo no longer holds for b, which is examined and rebuilt
echo a3 >a.in
touch rm-b
ok redo-ifchange all
rm rm-b
assert_eq "$(ran b)" 3 "b, removed after it was noted, rebuilt"
assert_eq "$(cat all)" "changed
a3" "all has b and the new a"
