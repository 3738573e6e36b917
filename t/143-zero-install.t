# SPEC §1 (issue 2): zero install: "cc -o redo redo.c" with no flags works, and ./redo builds a project whose PATH holds no redo commands.
command -v cc >/dev/null 2>&1 || skip "no cc"
cp "$T_TOP/redo.c" "$T_TOP/redo.h" . || fail "copy sources"
cc -o redo redo.c 2>cc.err || fail "cc -o redo redo.c: $(cat cc.err)"
# a PATH with the system tools but none of the redo commands
path=
IFS=:
for d in $PATH; do
	[ -n "$d" ] && [ ! -e "$d/redo-ifchange" ] && [ ! -e "$d/redo" ] && path="$path${path:+:}$d"
done
unset IFS
mkdir proj
cd proj || fail "cd"
do_file all.do <<'X'
redo-ifchange hello.txt sub/part
cat hello.txt sub/part
command -v redo-ifchange >where
X
do_file hello.txt.do <<'X'
redo-ifchange name
echo "hello $(cat name)"
redo-always
X
mkdir sub
do_file sub/part.do <<'X'
redo-ifcreate flag
echo part | redo-stamp
echo part
X
echo world >name
PATH=$path ../redo >../out 2>../err || fail "./redo: $(cat ../err)"
assert_eq "$(cat all)" "hello world
part" "built"
# the commands it found are this binary, first on PATH
w=$(cat where)
[ "$(cd "$(dirname "$w")" && pwd -P)/$(basename "$w")" -ef ../redo ] ||
	{ [ -L "$w" ] && [ "$(readlink "$w")" -ef ../redo ]; } ||
	fail "redo-ifchange found at $w is not ../redo"
# another redo installed on the machine comes after ours on the .do's PATH
mkdir ../fake
for n in redo redo-ifchange redo-ifcreate redo-always redo-stamp; do
	printf '#!/bin/sh\necho "fake $0" >>%s/fake.log\nexit 1\n' "$PWD/.." >../fake/$n
	chmod +x ../fake/$n
done
rm hello.txt
PATH=$PWD/../fake:$path ../redo all >/dev/null 2>&1 || fail "run with another redo on PATH"
[ -e ../fake.log ] && fail "the other redo was used: $(cat ../fake.log)"
assert_eq "$(cat hello.txt)" "hello world" "rebuilt with our commands"
# also without a slash in argv[0]: found on PATH as "redo"
mkdir ../only
cp ../redo ../only/redo
(PATH="$PWD/../only:$path" redo all >/dev/null 2>&1) || fail "redo found on PATH"
