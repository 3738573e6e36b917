# SPEC §7 (issue 2): creating a more specific .do (foo.o.do after default.o.do; a nearer default.do) rebuilds the target.
do_file default.o.do <<'X'
echo "default $2"
echo default >>runs.log
X
ok redo-ifchange foo.o
assert_eq "$(cat foo.o)" "default foo" "built by default.o.do"
ok redo-ifchange foo.o
assert_eq "$(ran default)" 1 "no-op"
do_file foo.o.do <<'X'
echo "specific"
echo specific >>runs.log
X
ok redo-ifchange foo.o
assert_eq "$(ran specific)" 1 "foo.o.do now used"
assert_eq "$(cat foo.o)" specific "built by foo.o.do"
# and when foo.o.do goes away, default.o.do takes over again
rm foo.o.do
ok redo-ifchange foo.o
assert_eq "$(cat foo.o)" "default foo" "back to default.o.do"
# a parent directory's default.do, then a nearer one appears
mkdir -p a/b
do_file default.do <<'X'
echo "top $1"
echo top >>runs.log
X
ok redo-ifchange a/b/x.y
assert_eq "$(cat a/b/x.y)" "top a/b/x.y" "built by ../../default.do"
do_file a/default.y.do <<'X'
echo "mid $1 $2"
echo mid >>../runs.log
X
ok redo-ifchange a/b/x.y
assert_eq "$(cat a/b/x.y)" "mid b/x.y b/x" "a nearer default.y.do took over"
do_file a/b/default.do <<'X'
echo "near $1"
echo near >>../../runs.log
X
ok redo-ifchange a/b/x.y
assert_eq "$(cat a/b/x.y)" "near x.y" "the nearest default.do took over"
ok redo-ifchange a/b/x.y
assert_eq "$(ran near)" 1 "then clean"
