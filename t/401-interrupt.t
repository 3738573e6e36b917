# SPEC §8, issue 7: SIGINT or SIGTERM, to the process group or to redo alone, stops every .do (nested ones too), removes temp files, leaves records and targets as they were, releases locks, exits 130; the next run continues normally.
command -v cc >/dev/null 2>&1 || skip "no C compiler for t/killer.c"
cc -o killer "$T_TOP/t/killer.c" 2>cc.err || skip "cannot build t/killer.c: $(head -n 1 cc.err)"
killer=$PWD/killer
cc -o hold "$T_TOP/t/hold.c" 2>cc.err || skip "cannot build t/hold.c: $(head -n 1 cc.err)"
HOLD=$PWD/hold
export HOLD
mkdir p && cd p || fail "mkdir"

# all -> a b; a -> src sub; sub -> src (b is up to date throughout).  With ./slow present, a.do and
# sub.do (sub.do inside a nested redo-ifchange) run t/hold, which makes
# a.started or sub.started and then waits for the signal (however long
# redo takes to get to it: a .do left running is a straggler, which
# killer reports), and note it if they got past it.
do_file all.do <<'X'
redo-ifchange a b
cat a b
X
do_file a.do <<'X'
redo-ifchange src sub
echo a >>runs.log
if [ -e slow ]; then "$HOLD" a.started; echo a >>after.log; fi
echo "a: $(cat src) $(cat sub)"
X
do_file sub.do <<'X'
redo-ifchange src
echo sub >>runs.log
echo "sub: $(cat src)" >"$3"
if [ -e slow ]; then "$HOLD" sub.started; echo sub >>after.log; fi
X
do_file b.do <<'X'
echo b
X
echo 1 >src
ok redo all 2>/dev/null
assert_eq "$(cat all)" "a: 1 sub: 1
b" "first build"

# state: every target by content, every record by what a build commits
# (a no-op may refresh a record: a racy entry confirmed, a summary added,
# DESIGN 6; on a filesystem with 1-second mtimes that happens here)
snap() {
	cksum all a b sub 2>&1
	for r in .redo/*,r; do
		echo "$r"
		sed -n 's/ ~\([0-9a-f]\{40\}\) / \1 /
			/^\(seq\|run\|stamp\|content\|prev\|sum\|dep\|built\) /p' "$r"
	done
	ls -a .redo
}

echo 2 >src
: >slow
snap >../before
for how in "-s 2" "-s 15" "-s 2 -1" "-s 15 -1"; do
	rm -f a.started sub.started
	res=$("$killer" -w sub.started $how 0 redo -j2 all </dev/null 2>../err)
	case $how in *-1) whom="redo alone" ;; *) whom="the group" ;; esac
	case $how in *2*) sig=SIGINT ;; *) sig=SIGTERM ;; esac
	what="$sig to $whom"
	[ -e sub.started ] || { cat ../err; echo "$res"; fail "$what: sub.do never started"; }
	case $res in
	"killed 130") ;;
	"killed 130 stragglers") fail "$what: processes outlived redo" ;;
	*) cat ../err; fail "$what: redo ended with '$res', want 'killed 130'" ;;
	esac
	[ -e after.log ] && fail "$what: a .do went on after redo exited: $(cat after.log)"
	snap >../after
	cmp -s ../before ../after || {
		diff ../before ../after
		fail "$what: the state changed"
	}
	tmps=$(find . -name '*.redo.tmp' -o -path '*/.redo/tmp*')
	[ -z "$tmps" ] || fail "$what: temp files left: $tmps"
	if grep -v '^redo  ' ../err | grep -v 'a.do started' | grep -q .; then
		cat ../err
		fail "$what: unexpected messages"
	fi
done

# the locks are free: a run that needs them does not wait (a lock left
# taken would hang it: the test's time limit is the bound)
rm -f slow
redo all </dev/null 2>../err || { cat ../err; fail "the next run failed"; }
assert_eq "$(cat all)" "a: 2 sub: 2
b" "the next run rebuilt everything"
ok redo-ifchange all
assert_eq "$(ran sub)" 6 "sub.do: twice to completion, four times cut short"
assert_eq "$(ran a)" 2 "a.do: only after sub was built"
