# SPEC §5, §8, issue 7: SIGKILL of the whole redo process group at random moments never leaves a bad record, a half-written target or a stale one; the next run finishes clean and matches a fresh build.
# It found (session 2) a process taking another's fresh build for an edit
# by hand, through a record read before that build's commit and a stat
# after it (now t/411).  T_KEEP=DIR keeps the trees, actions.log (kill,
# event, delay, action, version) and the runs' stderr when a check fails.
# T_KILLS kills (default 25; `make stress` sets 1000 and T_STRESS, for a bigger
# project); T_SEED fixes the kill points and the edits between runs.
# Under `make check-valgrind` (redo on PATH is a wrapper script, every
# redo runs in valgrind) the project is smaller, the kills fewer, and
# every run rebuilds the whole project (a version flip).
#
# Kill points are events, not delays, so that they land mid-build on a
# fast machine as on a slow one: every .do appends to the event log
# $T_EV when it starts, between the pieces of its output and when it
# ends, and t/killer kills at the K-th line (K random), after a random
# extra 0-10 ms.  In most runs ("gated") all.do, the last .do to end,
# then logs "gate", creates the file $T_GATE (killer kills at once when
# it appears: K may exceed the run's events) and waits to be killed, so
# a run that had anything to build is always killed before its end; the other runs let all.do
# finish, so that kills land in the top target's commit too.
vg=
[ -L "$(command -v redo)" ] || vg=1
kills=${T_KILLS:-25}
[ -n "$vg" ] && kills=${T_KILLS:-6}
seed=${T_SEED:-$(date +%s)}
unit=${UNIT:-$T_TOP/t/unit}
case $unit in /*) ;; *) unit=$T_TOP/$unit ;; esac
[ -x "$unit" ] || skip "t/unit not built"
command -v cc >/dev/null 2>&1 || skip "no C compiler for t/killer.c"
cc -o killer "$T_TOP/t/killer.c" 2>cc.err || skip "cannot build t/killer.c: $(head -n 1 cc.err)"
killer=$PWD/killer
echo "seed $seed, $kills kills"

# dirs; leaves, constant leaves, mids per dir, and an ifcreate and an
# always target per dir: 205 targets, 293 in stress
if [ -n "${T_STRESS:-}" ]; then
	ND=4 NL=25 NC=5 NM=40
elif [ -n "$vg" ]; then
	ND=4 NL=3 NC=1 NM=4
else
	ND=4 NL=16 NC=4 NM=28
fi

# ev WORDS: the .do files' event, one short O_APPEND write (lines never
# mix), when $T_EV is set (only in the runs that are killed)
evfn='ev() { [ -z "${T_EV:-}" ] || echo "$*" >>"$T_EV"; }'

# gen DIR: a project of ND*(NL+NC+NM+3)+1 targets.  Every target's
# content is a function of src/version alone, so each one has exactly
# one valid content per version; tst.list names them all.
# Leaves write stdout (the cst* ones call redo-stamp, with a content
# that never changes: early cutoff); mids write $3 in pieces with an
# event in between, so that kills land mid-write; d3 is built by .do
# files in the top directory ($1 has a directory part there).
gen() {
	mkdir -p "$1/src" && (
	cd "$1" || exit 1
	echo 0 >src/version
	echo "extra one" >src/extra1
	: >tst.list
	k=0
	while [ $k -lt $ND ]; do
		mkdir d$k
		if [ $k -eq 3 ]; then odir=. T=. D=d$k; else odir=d$k T=.. D=.; fi
		cat >$odir/default.out.do <<-EOF
		T=$T D=$D
		$evfn
		ev "s \$2"
		redo-ifchange \$T/src/version
		read -r v <\$T/src/version
		b=\${2##*/}
		case \$b in
		cst*)	printf 'constant %s\n' "\$b" | redo-stamp
			printf 'constant %s\n' "\$b" ;;
		*)	i=0
			while [ \$i -lt 12 ]; do
				echo "\$b version \$v line \$i"
				i=\$((i + 1))
			done ;;
		esac
		ev "e \$2"
		EOF
		next=$(( (k + 1) % ND ))
		cat >$odir/default.txt.do <<-EOF
		T=$T D=$D
		$evfn
		ev "s \$2"
		b=\${2##*/}
		n=\${b#mid}
		a=\$D/leaf\$((n % $NL)).out
		c=\$D/leaf\$(( (n * 7 + 3) % $NL )).out
		x=\$T/d$next/leaf\$((n % $NL)).out
		s=\$D/cst\$((n % $NC)).out
		redo-ifchange "\$a" "\$c" "\$x" "\$s" \$D/opt.cfg \$D/run.stamp
		copy() { while IFS= read -r l; do echo "\$l"; done <"\$1"; }
		{ echo "mid \$b"; copy "\$a"; } >"\$3"
		ev "w1 \$2"
		{ copy "\$c"; copy "\$x"; } >>"\$3"
		ev "w2 \$2"
		copy "\$s" >>"\$3"
		echo "end \$b" >>"\$3"
		ev "e \$2"
		EOF
		# opt.cfg: an ifcreate dependency (src/extra0 never exists)
		# in version 0, an ifchange one (src/extra1) in version 1
		cat >$odir/default.cfg.do <<-EOF
		T=$T D=$D
		$evfn
		ev "s \$2"
		redo-ifchange \$T/src/version
		read -r v <\$T/src/version
		if [ -e \$T/src/extra\$v ]; then
			redo-ifchange \$T/src/extra\$v
			cat \$T/src/extra\$v
		else
			redo-ifcreate \$T/src/extra\$v
			echo "no extra\$v"
		fi
		ev "e \$2"
		EOF
		# run.stamp: redo-always, its content stamped (a function of
		# the version): rebuilt in every run, its dependents only when
		# it changes
		cat >$odir/default.stamp.do <<-EOF
		T=$T D=$D
		$evfn
		ev "s \$2"
		redo-always
		read -r v <\$T/src/version
		echo "always, version \$v" | redo-stamp
		echo "always, version \$v"
		ev "e \$2"
		EOF
		echo d$k/opt.cfg >>tst.list
		echo d$k/run.stamp >>tst.list
		cat >d$k/sum.all.do <<-EOF
		D=.
		$evfn
		ev "s \$2"
		set --
		i=0
		while [ \$i -lt $NM ]; do set -- "\$@" \$D/mid\$i.txt; i=\$((i + 1)); done
		redo-ifchange "\$@"
		cat "\$@" | cksum
		ev "e \$2"
		EOF
		i=0
		while [ $i -lt $NL ]; do echo d$k/leaf$i.out; i=$((i + 1)); done >>tst.list
		i=0
		while [ $i -lt $NC ]; do echo d$k/cst$i.out; i=$((i + 1)); done >>tst.list
		i=0
		while [ $i -lt $NM ]; do echo d$k/mid$i.txt; i=$((i + 1)); done >>tst.list
		echo d$k/sum.all >>tst.list
		k=$((k + 1))
	done
	cat >all.do <<-EOF
	$evfn
	ev "s \$2"
	set --
	k=0
	while [ \$k -lt $ND ]; do set -- "\$@" d\$k/sum.all; k=\$((k + 1)); done
	redo-ifchange "\$@"
	cat "\$@"
	ev "e \$2"
	# gated: wait for the kill (the bound only ends a run whose kill
	# never came, with a failure the test reports)
	if [ -n "\${T_GATE:-}" ]; then ev gate; : >"\$T_GATE"; sleep 300; exit 1; fi
	EOF
	echo all >>tst.list
	)
}

# sums DIR: "name crc size" for every target of DIR that exists
sums() {
	(cd "$1" && for f in $(cat tst.list); do
		[ -e "$f" ] && echo "$f"
	done | xargs cksum 2>/dev/null | awk 'NF == 3 { print $3, $1, $2 }')
}

gen ref0 && gen ref1 && gen work || fail "generator"
echo 1 >ref1/src/version
for r in ref0 ref1; do
	(cd $r && redo -j2 all >../$r.out 2>&1) || { cat $r.out; fail "reference build $r"; }
	sums $r >$r.sums
	assert_eq "$(lines $r.sums)" "$(lines $r/tst.list)" "every target built in $r"
done
ntargets=$(lines work/tst.list)
echo "$ntargets targets"
cmp -s ref0.sums ref1.sums && fail "the versions should differ"

# the valid contents of each target: its content under either version
cat ref0.sums ref1.sums >valid.sums

# check_tree: every record parses; each existing target is complete
check_tree() {
	recs=$(find work -path '*/.redo/*,r' -type f)
	if [ -n "$recs" ]; then
		"$unit" parse $recs >parse.out || {
			cat parse.out
			fail "kill $1: a record does not parse"
		}
	fi
	sums work >now.sums
	awk 'NR == FNR { ok[$0] = 1; next }
	     !($0 in ok) { print "bad content: " $0; bad = 1 }
	     END { exit bad }' valid.sums now.sums ||
		{ [ -n "${T_KEEP:-}" ] && cp -a . "$T_KEEP"; fail "kill $1: a target is half-written or wrong"; }
}

# final_check V: a normal run succeeds, leaves no temp files, and the
# tree is the clean build of version V, byte for byte
final_check() {
	(cd work && redo all >../final.out 2>&1) || {
		tail -n 20 final.out
		fail "$1: the run after the kills failed"
	}
	if grep -v '^redo  ' final.out | grep -q .; then
		cat final.out
		fail "$1: unexpected messages after the kills"
	fi
	tmps=$(find work -name '*.redo.tmp' -o -path '*/.redo/tmp*')
	[ -z "$tmps" ] || fail "$1: temp files left: $tmps"
	sums work >now.sums
	cmp -s now.sums ref$2.sums || {
		diff now.sums ref$2.sums 2>/dev/null | head
		fail "$1: the tree differs from a clean build of version $2"
	}
}

# the kill points: K, the event to kill at (small ones more often: a
# rebuild after a kill may have few events), an extra delay (half of
# them none), and the action before the run
t0=$(date +%s)
maxev=$ntargets
awk -v s="$seed" -v n="$kills" -v m=$maxev 'BEGIN {
	srand(s)
	for (i = 0; i < n; i++)
		printf "%d %d %d\n", 1 + rand() * rand() * m,
		       rand() < 0.5 ? 0 : rand() * 10000, rand() * 100
}' >plan
evlog=$PWD/ev.log gatefile=$PWD/gate
version=0
i=0 killed=0 atgate=0 finished=0
while read -r k delay act; do
	i=$((i + 1))
	# between kills the user edits: flip the version, delete some
	# targets, or wipe everything; or just runs redo again.  Under
	# valgrind (few kills) always a flip: a whole rebuild to land in.
	[ -n "$vg" ] && act=$((act % 40))
	if [ "$act" -lt 40 ]; then
		version=$((1 - version))
		echo $version >work/src/version
	elif [ "$act" -lt 50 ]; then
		rm -f work/d$((act % ND))/mid*.txt work/d$((act % ND))/leaf1*.out
	elif [ "$act" -lt 54 ]; then
		(cd work && rm -rf all d*/.redo .redo $(cat tst.list))
	fi
	gate=1
	[ -z "$vg" ] && [ $((act % 6)) -eq 0 ] && gate=
	echo "$i $k $delay $act v$version${gate:+ gated}" >>actions.log
	: >ev.log
	rm -f gate
	res=$(cd work && T_EV=$evlog T_GATE=${gate:+$gatefile} "$killer" \
		-l "$evlog" "$k" -w "$gatefile" "$delay" redo -j2 all </dev/null 2>>../runs.err)
	nev=$(lines ev.log)
	echo "res $res, $nev events" >>actions.log
	case $res in
	"killed 137")
		killed=$((killed + 1))
		grep -qx gate ev.log && atgate=$((atgate + 1)) ;;
	# "killed 0": redo had exited 0 (a zombie) just as the kill was sent
	"finished 0"|"killed 0")
		# a gated run ends only by the kill, if it built anything
		[ -n "$gate" ] && [ "$nev" -gt 0 ] &&
			fail "kill $i: a gated run that built ended with '$res'"
		finished=$((finished + 1)) ;;
	*) fail "kill $i: redo ended with '$res' before the kill" ;;
	esac
	check_tree $i
	# now and then a full run must repair everything
	[ $((i % 12)) -eq 0 ] && final_check "after kill $i" $version
done <plan
final_check "at the end" $version
echo "$killed kills landed mid-build ($atgate of them at all.do's gate), $finished builds had nothing to do or finished first; $(( $(date +%s) - t0 )) s"
[ "$killed" -ge $((kills / 2)) ] || fail "too few kills landed mid-build ($killed)"
[ $((killed - atgate)) -ge $((kills / 4)) ] ||
	fail "too few kills landed before all.do's gate ($((killed - atgate)))"
