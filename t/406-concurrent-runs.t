# SPEC §10, issue 7: two, then eight, independent top-level redo runs started at once on the same tree build every target exactly once, and all exit 0.
# a tree of 26 targets in two directories, with shared dependencies, a
# redo-stamp'ed one, slow ones (so that the runs overlap) and $3 writers
mkdir sub
do_file default.o.do <<'X'
redo-ifchange "$2.c" common.h
echo "$1" >>runs.log
case $2 in *3) sleep 0.1 ;; esac
echo "obj of $(cat "$2.c") with $(cat common.h)"
X
do_file common.h.do <<'X'
redo-ifchange common.in
echo common.h >>runs.log
sleep 0.2
cat common.in | redo-stamp
cat common.in
X
do_file sub/default.lib.do <<'X'
l=$2 t=$1 out=$3
set --
i=0
while [ $i -lt 5 ]; do set -- "$@" ../m$l$i.o; i=$((i + 1)); done
redo-ifchange "$@"
echo "sub/$t" >>../runs.log
cat "$@" >"$out"
X
do_file all.do <<'X'
redo-ifchange sub/a.lib sub/b.lib sub/c.lib sub/d.lib
echo all >>runs.log
cat sub/a.lib sub/b.lib sub/c.lib sub/d.lib | wc -l
X
echo 'common' >common.in
targets="all common.h sub/a.lib sub/b.lib sub/c.lib sub/d.lib"
for l in a b c d; do
	i=0
	while [ $i -lt 5 ]; do
		echo "m$l$i" >m$l$i.c
		targets="$targets m$l$i.o"
		i=$((i + 1))
	done
done

# round N CMD: N runs of CMD at once, each must exit 0; then every
# target must have been built exactly once
round() {
	rm -rf .redo sub/.redo runs.log all common.h sub/*.lib ./*.o
	n=$1
	shift
	i=0 pids=
	while [ $i -lt $n ]; do
		# every other run with -j2: pools and plain runs side by side
		if [ $((i % 2)) -eq 1 ] && [ "$1" = redo ]; then
			"$1" -j2 all >/dev/null 2>err.$i &
		else
			"$@" >/dev/null 2>err.$i &
		fi
		pids="$pids $!"
		i=$((i + 1))
	done
	i=0
	for p in $pids; do
		wait $p
		rc=$?
		[ $rc -eq 0 ] || { cat err.$i; fail "$n x '$*': run $i exited $rc"; }
		grep '^redo: ' err.$i && fail "$n x '$*': run $i complained"
		i=$((i + 1))
	done
	for t in $targets; do
		c=$(ran $t)
		if [ $t = all ] && [ "$1" = redo ]; then
			# `redo all` runs all.do once per invocation, by definition
			[ "$c" -ge 1 ] && [ "$c" -le $n ] ||
				fail "$n x '$*': all.do ran $c times"
		else
			[ "$c" -eq 1 ] || fail "$n x '$*': $t built $c times"
		fi
	done
	assert_eq "$(cat all | tr -d ' ')" 20 "$n x '$*': all"
	echo "$n x '$*': $(lines runs.log) .do runs"
}
round 2 redo-ifchange all
round 8 redo-ifchange all
if [ -L "$(command -v redo)" ]; then     # (not under valgrind: too slow)
	round 2 redo
	round 8 redo
fi

# and once more after an edit, from a built tree: eight runs, one rebuild
echo 'common 2' >common.in
: >runs.log
pids=
for i in 1 2 3 4 5 6 7 8; do
	redo-ifchange all >/dev/null 2>err.$i &
	pids="$pids $!"
done
for p in $pids; do
	wait $p || fail "after an edit: a run exited $?"
done
assert_eq "$(ran common.h)" 1 "after an edit: common.h rebuilt once"
assert_eq "$(ran ma3.o)" 1 "after an edit: ma3.o rebuilt once"
assert_eq "$(lines runs.log)" 26 "after an edit: every target once"
