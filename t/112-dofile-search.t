# SPEC §7, §8 (issue 2): .do search order (exact, then default.a.b.do, default.b.do, default.do per directory, up to /) and $1 $2 $3 relative to the .do's directory.
mkdir -p top/sub/deep
cd top || exit 1
do_file default.do <<'X'
echo "top-default [$1] [$2] [$3] $(pwd -P)"
X
do_file sub/default.b.do <<'X'
echo "sub-b [$1] [$2] [$3]"
X
do_file sub/default.a.b.do <<'X'
echo "sub-ab [$1] [$2] [$3]"
X
do_file sub/x.a.b.do <<'X'
echo "exact [$1] [$2] [$3]"
X
top=$(pwd -P)
ok redo sub/x.a.b sub/y.a.b sub/y.b sub/y.c sub/deep/z.a.b sub/deep/noext
assert_eq "$(cat sub/x.a.b)" "exact [x.a.b] [x.a.b] [x.a.b.redo.tmp]" "exact .do: \$2 = \$1"
assert_eq "$(cat sub/y.a.b)" "sub-ab [y.a.b] [y] [y.a.b.redo.tmp]" "default.a.b.do before default.b.do"
assert_eq "$(cat sub/y.b)" "sub-b [y.b] [y] [y.b.redo.tmp]" "default.b.do"
assert_eq "$(cat sub/y.c)" "top-default [sub/y.c] [sub/y.c] [sub/y.c.redo.tmp] $top" "parent's default.do, run in its own dir"
assert_eq "$(cat sub/deep/z.a.b)" "sub-ab [deep/z.a.b] [deep/z] [deep/z.a.b.redo.tmp]" "all of a directory's candidates before its parent's"
assert_eq "$(cat sub/deep/noext)" "top-default [sub/deep/noext] [sub/deep/noext] [sub/deep/noext.redo.tmp] $top" "no extension"
# a name with several dots: the longest extension first
do_file sub/default.c.d.e.do <<'X'
echo "cde [$1] [$2]"
X
do_file sub/default.e.do <<'X'
echo "e [$1] [$2]"
X
ok redo sub/v.w.c.d.e sub/v.d.e
assert_eq "$(cat sub/v.w.c.d.e)" "cde [v.w.c.d.e] [v.w]" "longest matching extension"
assert_eq "$(cat sub/v.d.e)" "e [v.d.e] [v.d]" "shorter one"
# redo-whichdo agrees on the order (exits non-zero only if none exists)
cd sub/deep || exit 1
redo-whichdo z.a.b >which
assert_eq "$?" 0 "redo-whichdo found one"
assert_eq "$(cat which)" "z.a.b.do
default.a.b.do
default.b.do
default.do
../default.a.b.do" "redo-whichdo order"
