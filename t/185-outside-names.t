# issue 14 fix 8: files outside the project (a system header) are shown by absolute path in redo-sources and redo-dot, files inside relative to the current directory; redo-dot --project-only leaves the outside ones out.
out=$(cd .. && pwd -P)/outside.h
echo '#define O 1' >"$out"
mkdir sub
do_file all.do <<'X'
redo-ifchange sub/prog
X
do_file sub/prog.do <<X
redo-ifchange prog.c ../top.h "$out"
cat prog.c
X
echo 'int main;' >sub/prog.c
echo '#define T 1' >top.h
ok redo all
# the project: the highest directory above that holds a .redo
(cd sub && redo-sources ../all) >src1 || fail "redo-sources from sub"
grep -qx '\.\./top\.h' src1 || fail "a file of the project not relative: $(cat src1)"
grep -qx 'prog\.c' src1 || fail "prog.c: $(cat src1)"
# ... or ends at a .redo/top marker: .. is outside
: >.redo/top
redo-sources >src2 || fail "redo-sources"
grep -qx "$out" src2 || fail "the file outside not absolute: $(cat src2)"
grep -q '\.\./' src2 && fail "a name climbing out of the project: $(cat src2)"
grep -qx 'top\.h' src2 || fail "top.h: $(cat src2)"
redo-dot >g1.dot || fail "redo-dot"
grep -q "\"sub/prog\" -> \"$out\";" g1.dot || fail "redo-dot: the edge to the file outside: $(cat g1.dot)"
grep -q "^  \"$out\" \\[shape=ellipse\\];" g1.dot || fail "redo-dot: the file outside: $(cat g1.dot)"
redo-dot --project-only >g2.dot || fail "redo-dot --project-only"
grep -q 'outside\.h' g2.dot && fail "--project-only kept the file outside: $(cat g2.dot)"
grep -q '"sub/prog" -> "top.h";' g2.dot || fail "--project-only lost an edge inside: $(cat g2.dot)"
# REDO_TOP_DIR names the project too
rm .redo/top
REDO_TOP_DIR=$PWD redo-sources >src3 || fail "redo-sources with REDO_TOP_DIR"
grep -qx "$out" src3 || fail "REDO_TOP_DIR: $(cat src3)"
# the option is redo-dot's alone
redo-sources --project-only >out 2>err
assert_eq "$?" 2 "redo-sources --project-only: a usage error"
grep -q "unknown option --project-only" err || fail "no message: $(cat err)"
