# SPEC §5 (issue 13): no name under .redo/ ends with a target's name or suffix, so the project's globs never match redo's state: find -name '*.c' over a built tree finds only sources.
mkdir src
do_file default.o.do <<'X'
redo-ifchange $2.c
cat $2.c
X
do_file gen.c.do <<'X'
echo 'int gen;'
echo "gen.c's log" >&2
X
do_file tags.do <<'X'
find . -name '*.[ch]' | sort
X
do_file all.do <<'X'
redo-ifchange src/x.o gen.o
X
echo 'int x;' >src/x.c
echo 'int y;' >src/y.h
ok redo all 2>/dev/null
ls -a .redo src/.redo >/dev/null || fail "no state directories"
found=$(find . \( -name '*.c' -o -name '*.h' -o -name '*.o' -o -name '*.do' \) | grep '/\.redo/')
assert_eq "$found" "" "state files that match the project's globs"
# a .do that lists the tree's sources sees no state file
ok redo tags
assert_eq "$(cat tags)" "./gen.c
./src/x.c
./src/y.h" "tags"
[ -f "$(rec gen.c)" ] || fail "gen.c's record is not $(rec gen.c): $(ls -a .redo)"
[ -f "$(logf gen.c)" ] || fail "gen.c's log is not $(logf gen.c): $(ls -a .redo)"
