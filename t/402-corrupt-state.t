# SPEC §5, issue 7: a garbage, truncated, empty, binary or future-version record gets a one-line warning and a correct rebuild, never a crash; so do odd but well-formed records (recorded cycles, huge numbers, a hashed name).
unit=${UNIT:-$T_TOP/t/unit}
case $unit in /*) ;; *) unit=$T_TOP/$unit ;; esac

do_file all.do <<'X'
redo-ifchange t
echo "all: $(cat t)"
X
do_file t.do <<'X'
redo-ifchange src
echo t >>runs.log
cat src
X
echo one >src
ok redo all 2>/dev/null
cp .redo/t,r good.rec

# no_crash CMD...: CMD ends by itself with an exit code below 128
no_crash() {
	"$@" 2>>err.log
	_rc=$?
	[ $_rc -lt 128 ] || fail "'$*' crashed (exit $_rc)"
	return $_rc
}

# corrupt WHAT: .redo/t,r now holds something bad; the next build of t
# says so in one line, rebuilds it, and writes a good record
n=1
corrupt() {
	n=$((n + 1))
	echo "$n" >src      # t must really be rebuilt, with the new content
	: >err.log
	no_crash redo-ifchange t || { cat err.log; fail "$1: build failed"; }
	assert_eq "$(ran t)" $n "$1: t.do ran"
	assert_eq "$(cat t)" $n "$1: t rebuilt"
	w=$(grep -c 'unreadable state record' err.log)
	assert_eq "$w" 1 "$1: warnings"
	grep -q '^redo: t: unreadable state record (.*)' err.log ||
		fail "$1: warning is not a 'redo: t: ...' line: $(cat err.log)"
	grep -v '^redo  ' err.log | grep -v 'unreadable state record' | grep -q . &&
		fail "$1: other messages: $(cat err.log)"
	if [ -x "$unit" ]; then
		"$unit" parse .redo/t,r >/dev/null || fail "$1: new record bad"
	fi
	# and the repaired state is a plain no-op
	: >err.log
	no_crash redo-ifchange t || fail "$1: second run failed"
	assert_eq "$(ran t)" $n "$1: no-op after repair"
	[ -s err.log ] && fail "$1: second run talked: $(cat err.log)"
	cp .redo/t,r good.rec
}

printf 'just garbage' >.redo/t,r
corrupt "garbage"
head -c 60 good.rec >.redo/t,r
corrupt "truncated mid-line"
sed '/^end$/d' good.rec >.redo/t,r
corrupt "truncated before end"
: >.redo/t,r
corrupt "empty"
printf 'redo-record 2\n\000\001\002\377\376name t\n' >.redo/t,r
corrupt "binary with NULs"
head -c 3000 /dev/urandom >.redo/t,r
corrupt "random bytes"
sed 's/^redo-record 2$/redo-record 9/' good.rec >.redo/t,r
grep -q '^redo-record 9$' .redo/t,r || fail "could not make a future record"
corrupt "future version 9"
sed 's/^redo-record 2$/redo-record 99999999999999999999999/' good.rec >.redo/t,r
corrupt "version overflow"
{ cat good.rec; echo "end"; } >.redo/t,r
corrupt "data after end"
sed 's/^seq .*/seq -5/' good.rec >.redo/t,r
corrupt "negative seq"
sed 's/^dep c \([^ ]*\) - - \([^ ]*\) src$/dep c \1 - - \2 sr\\q/' good.rec >.redo/t,r
grep -q 'sr\\q' .redo/t,r || fail "could not make a bad escape"
corrupt "bad escape"
awk '{ print } /^name/ { for (i = 0; i < 20000; i++) printf "x"; print "" }' \
	good.rec >.redo/t,r
corrupt "a 20 kB line"
tr '\n' '\r' <good.rec >.redo/t,r
corrupt "CR line ends"

# the parent of a target with a bad record: rebuilt too, never a crash
printf 'nonsense\n' >.redo/t,r
: >err.log
no_crash redo-ifchange all || { cat err.log; fail "parent build failed"; }
assert_eq "$(cat all)" "all: $n" "parent after a bad child record"
grep -q 'unreadable state record' err.log || fail "no warning for the child"
w=$(grep -c 'unreadable state record' err.log)
[ "$w" -le 2 ] || fail "$w warnings (parent and nested run at most one each)"

# listing and log commands read bad records without crashing
printf 'nonsense\n' >.redo/t,r
for c in redo-targets redo-sources redo-ood; do
	no_crash $c >/dev/null
done
no_crash redo-log t >/dev/null
no_crash redo-log -r all >/dev/null
no_crash redo-whichdo t >/dev/null
no_crash redo-ifchange all || fail "rebuild after listings"

# well-formed oddities: a record whose dependencies form a cycle (a
# hand edit, or a file system restored from backups) must not loop
do_file a.do <<'X'
redo-ifchange b
echo a
X
do_file b.do <<'X'
echo b
X
ok redo-ifchange a 2>/dev/null
sa=$(sed -n 's/^stamp //p' .redo/a,r)
qa=$(sed -n 's/^seq //p' .redo/a,r)
sed "s/^end\$/dep c $sa $qa - - a\\
end/" .redo/b,r >b.rec && mv b.rec .redo/b,r
grep -q ' a$' .redo/b,r || fail "could not add the cycle"
no_crash redo-ood >/dev/null || fail "redo-ood on a recorded cycle"
no_crash redo-targets >/dev/null
no_crash redo-ifchange a || fail "redo-ifchange on a recorded cycle"

# the biggest numbers a record may hold, and one over
sed 's/^seq .*/seq 18446744073709551609/' .redo/b,r >b.rec && mv b.rec .redo/b,r
no_crash redo b || fail "huge seq"
no_crash redo-ifchange a || fail "after huge seq"
sed 's/^seq .*/seq 999999999999999999999999/' .redo/b,r >b.rec && mv b.rec .redo/b,r
: >err.log
no_crash redo-ifchange a || fail "overflowing seq"
grep -q 'b: unreadable state record' err.log || fail "overflowing seq accepted"

# a target name too long for name + ",r": its record is #SHA1,r; garbage
# there is reported like any other
long=$(awk 'BEGIN { for (i = 0; i < 250; i++) printf "L"; print "" }')
do_file default.long.do <<'X'
echo long >>runs.log
echo long
X
ok redo-ifchange "$long.long" 2>/dev/null
hashed=$(ls .redo | grep '^#.*,r$')
[ -n "$hashed" ] || fail "no hashed record for a 255-byte name"
echo junk >".redo/$hashed"
: >err.log
no_crash redo-ifchange "$long.long" || fail "hashed record rebuild"
grep -q 'unreadable state record' err.log || fail "no warning for a hashed record"
assert_eq "$(ran long)" 2 "long-named target rebuilt"
no_crash redo-targets >/dev/null

# a record that is a directory cannot be replaced: a clean failure
rm -f .redo/t,r
mkdir .redo/t,r
: >err.log
no_crash redo-ifchange t && fail "a directory in place of the record"
grep -q '^redo: t: ' err.log || fail "no 'redo: t:' message: $(cat err.log)"
rmdir .redo/t,r
no_crash redo-ifchange all || fail "repair after the directory"
