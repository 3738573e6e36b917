# SPEC §5 (issue 2): directories that hold only sources get no .redo/ (they may be read-only).
mkdir src out
echo data >src/input
do_file out/result.do <<'X'
redo-ifchange ../src/input
cat ../src/input
X
chmod a-w src
ok redo out/result
chmod u+w src
[ -e src/.redo ] && fail "src/.redo created"
[ -e out/.redo ] || fail "no out/.redo"
assert_eq "$(cat out/result)" data "built"
# and the no-op and a change work with src read-only
chmod a-w src
ok redo-ifchange out/result
chmod u+w src/input
echo data2 >src/input
ok redo-ifchange out/result
chmod u+w src
assert_eq "$(cat out/result)" data2 "rebuilt"
[ -e src/.redo ] && fail "src/.redo created later"
true
