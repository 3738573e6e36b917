# issue 14 fix 13: the README's idiom for a generated header (its own redo-ifchange ahead of the objects) builds with -j4, and a change to what the header is made from recompiles what includes it.
command -v cc >/dev/null 2>&1 || skip "no C compiler (cc)"
grep -q '^        redo-ifchange version.h$' "$T_TOP/README" || fail "the README does not show the idiom"
do_file app.do <<'X'
objs="main.o other.o"
redo-ifchange version.h
redo-ifchange $objs
cc -o "$3" $objs
X
do_file default.o.do <<'X'
redo-ifchange "$2.c"
cc -MD -MF "$3.deps" -c -o "$3" "$2.c"
redo-ifchange $(sed -e 's/^[^:]*://' -e 's/\\$//' "$3.deps")
rm -f "$3.deps"
X
do_file version.h.do <<'X'
redo-ifchange VERSION
echo "#define VERSION \"$(cat VERSION)\""
X
printf '#include <stdio.h>\n#include "version.h"\nint other(void);\nint main(void) { printf("%%s\\n", VERSION); return other(); }\n' >main.c
printf 'int other(void) { return 0; }\n' >other.c
echo 1.0 >VERSION
ok redo -j4 app
assert_eq "$(./app)" 1.0 "the program"
echo 2.0 >VERSION
ok redo -j4 app
assert_eq "$(./app)" 2.0 "rebuilt after the header's source changed"
