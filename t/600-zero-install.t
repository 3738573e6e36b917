# SPEC §1 zero install, issue 8: only redo.c and redo.h in an empty project, `cc -o redo redo.c`, `./redo` with no redo on PATH: the .do scripts find every command first on PATH, pointing at that binary.
command -v cc >/dev/null 2>&1 || skip "no cc on PATH"
. "$T_TOP/t/path-without-redo.sh"
names=$redo_names
clean=$clean_path
PATH=$clean
export PATH
for n in $names; do
	if command -v "$n" >/dev/null 2>&1; then
		fail "$n is still on PATH: $(command -v "$n")"
	fi
done
mkdir tmp
TMPDIR=$PWD/tmp
export TMPDIR

mkdir proj proj/sub
cp "$T_TOP/redo.c" "$T_TOP/redo.h" proj/ || fail "copy"
cd proj || fail "cd"
ok cc -o redo redo.c
cat >all.do <<'X'
redo-ifchange greeting.txt sub/shout.txt
cat greeting.txt sub/shout.txt
X
cat >greeting.txt.do <<'X'
redo-ifchange name.src
echo "hello, $(cat name.src)"
X
cat >default.txt.do <<'X'
redo-ifchange "$2.in"
tr a-z A-Z <"$2.in"
X
# where each command name leads, seen from inside a .do
cat >which.do <<X
for n in $(echo $names); do
X
cat >>which.do <<'X'
	p=$(command -v "$n") || { echo "$n: not found on PATH" >&2; exit 1; }
	echo "$n $p"
done
echo "first ${PATH%%:*}"
redo-always
X
echo world >name.src
echo quiet >sub/shout.in

ok ./redo
assert_eq "$(cat all)" "hello, world
QUIET" "first build"
echo loud >sub/shout.in
ok ./redo
assert_eq "$(cat all)" "hello, world
LOUD" "rebuilt after an edit"

self=$(ls -i redo | awk '{print $1}')
# check_which: every name is found, first on PATH, and is ./redo
check_which() {
	first=$(sed -n 's/^first //p' which)
	[ -n "$first" ] || fail "no PATH recorded"
	for n in $names; do
		p=$(sed -n "s/^$n //p" which)
		[ -n "$p" ] || fail "$n was not found by the .do"
		assert_eq "${p%/*}" "$first" "$n's directory (first on PATH)"
		assert_eq "$(ls -iL "$p" | awk '{print $1}')" "$self" "$n is ./redo"
	done
}
ok ./redo which
check_which
[ ! -e redo-ifchange ] || fail "redo made links in the project directory"
ls -A sub | sort >sub.ls
assert_eq "$(cat sub.ls)" ".redo
shout.in
shout.txt" "files in sub/"

# another redo installed on PATH does not get in the way
mkdir ../decoy
for n in $names; do
	printf '#!/bin/sh\necho "decoy %s ran" >&2\nexit 99\n' "$n" >"../decoy/$n"
	chmod +x "../decoy/$n"
done
rm -f which
PATH=$PWD/../decoy:$clean ok ./redo which
check_which
case $first in */decoy) fail "the decoy directory came first" ;; esac
echo there >name.src
PATH=$PWD/../decoy:$clean ok ./redo
assert_eq "$(cat all)" "hello, there
LOUD" "rebuilt with a decoy redo on PATH"
