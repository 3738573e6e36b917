# issue 14: redo-affects FILE lists the recorded targets that depend on FILE, directly or through others (-1: direct only), sorted, relative to the current directory, from the records under it; it only reads.
mkdir sub
do_file all.do <<'X'
redo-ifchange hello sub/tool
X
do_file hello.do <<'X'
redo-ifchange main.o greet.o
cat main.o greet.o
X
do_file default.o.do <<'X'
redo-ifchange "$2.c" greet.h
cat "$2.c"
X
do_file sub/tool.do <<'X'
redo-ifchange 'in put'
cat 'in put'
X
do_file other.do <<'X'
redo-ifchange greet.c
cat greet.c
X
echo m >main.c
echo g >greet.c
echo h >greet.h
echo i >'sub/in put'
ok redo all other 2>/dev/null
redo-affects greet.h >out || fail "redo-affects greet.h"
printf 'all\ngreet.o\nhello\nmain.o\n' >want
cmp -s out want || fail "greet.h affects: $(cat out)"
redo-affects -1 greet.h >out
printf 'greet.o\nmain.o\n' >want
cmp -s out want || fail "-1 greet.h: $(cat out)"
redo-affects greet.c >out
printf 'all\ngreet.o\nhello\nother\n' >want
cmp -s out want || fail "greet.c: $(cat out)"
# several files; a target as FILE; a .do is a dependency too
redo-affects main.c 'sub/in put' >out
printf 'all\nhello\nmain.o\nsub/tool\n' >want
cmp -s out want || fail "two files: $(cat out)"
redo-affects -1 hello >out
assert_eq "$(cat out)" all "a target's dependents"
redo-affects default.o.do >out
printf 'all\ngreet.o\nhello\nmain.o\n' >want
cmp -s out want || fail "the .do: $(cat out)"
# relative to the current directory, from the records under it
(cd sub && redo-affects 'in put') >out
assert_eq "$(cat out)" tool "from sub/"
(cd sub && redo-affects ../greet.h) >out
assert_eq "$(cat out)" "" "no target under sub/ depends on greet.h"
# nothing depends on it, or it does not exist: nothing, exit 0
redo-affects all >out || fail "all"
assert_eq "$(cat out)" "" "nothing depends on all"
redo-affects no-such-file >out || fail "a missing file"
assert_eq "$(cat out)" "" "a missing file"
# it only reads
ls -la .redo >before
cat .redo/* >>before
redo-affects greet.h >/dev/null
ls -la .redo >after
cat .redo/* >>after
cmp -s before after || fail "redo-affects changed the state"
# usage errors
exits 2 redo-affects 2>err
grep -q "^redo: redo-affects: no FILE given; try 'redo-affects --help'\$" err ||
	fail "no FILE: $(cat err)"
exits 2 redo-affects -2 greet.h 2>/dev/null
exits 2 redo-affects "" 2>/dev/null
exit 0
