# Issue 16 (DESIGN 3.9): after a power loss at any moment, the next build
# repairs every target: by rebuilding it, never by taking a file redo wrote
# for an edit by hand ("you modified it").  The model (t/lostwrites.c):
# a build of an 11-target project, then an edit of every source and a
# rebuild that is killed (the whole process group, SIGKILL) right after
# its Kth rename; then, as the disk may hold it when the power comes back,
# every file redo renamed into place and did not fsync loses its data
# (0 bytes, same inode and mtime) and the renames not made durable by an
# fsync of their directory are undone, latest first, those after a cut
# (none, all, or half of them).  Then a fault-free build must give the
# files of a clean build, never warn "you modified it", and leave redo-ood
# and a second build with nothing to do.  With REDO_FSYNC=1 and =0.
# `make test` takes a few kill points; T_STRESS=1 every one, at -j1 and -j2.
[ -r /proc/self/exe ] ||
	skip "no /proc/self/exe: the shim t/lostwrites.c finds redo's processes by it (Linux only)"
command -v cksum >/dev/null 2>&1 || skip "cksum not installed"
. "$T_TOP/t/par.sh"
build_shim lostwrites
cc -DLOSTWRITES_CRASH -o lwcrash "$T_TOP/t/lostwrites.c" 2>cc.err ||
	skip "cannot build the crash tool: $(head -n 1 cc.err)"
cc -o killer "$T_TOP/t/killer.c" 2>cc.err ||
	skip "cannot build t/killer.c: $(head -n 1 cc.err)"
top=$PWD
exe=$(readlink -f "$T_BIN" 2>/dev/null || echo "$T_BIN")
RUNLOG=$top/runs.log
export RUNLOG

# project DIR: sources, .do files of every kind of output (stdout, $3
# written in pieces, redo-stamp, a virtual target, a subdirectory)
project() {
	mkdir -p "$1/sub"
	(
	cd "$1" || exit 1
	for s in a b c d; do echo "$s.c v1" >$s.c; done
	echo "s1 v1" >sub/s1.src
	echo "ver v1" >ver.txt
	cat >default.o.do <<-'EOF'
	echo "$1" >>"$RUNLOG"
	redo-ifchange "$2.c"
	echo "obj: $(cat "$2.c")"
	EOF
	cat >lib.a.do <<-'EOF'
	echo "$1" >>"$RUNLOG"
	redo-ifchange a.o b.o
	cat a.o >"$3"
	cat b.o >>"$3"
	EOF
	cat >version.h.do <<-'EOF'
	echo "$1" >>"$RUNLOG"
	redo-ifchange ver.txt
	cat ver.txt >"$3"
	redo-stamp <"$3"
	EOF
	cat >config.h.do <<-'EOF'
	echo "$1" >>"$RUNLOG"
	redo-ifchange version.h
	echo "config: $(cat version.h)"
	EOF
	cat >prog.do <<-'EOF'
	echo "$1" >>"$RUNLOG"
	redo-ifchange lib.a c.o d.o config.h
	cat lib.a c.o d.o config.h
	EOF
	cat >sub/default.out.do <<-'EOF'
	echo "sub/$1" >>"$RUNLOG"
	redo-ifchange "$2.src" ../config.h
	cat "$2.src" ../config.h
	echo "log of $1" >&2
	EOF
	cat >sub/all-sub.do <<-'EOF'
	redo-ifchange s1.out
	cat s1.out
	EOF
	cat >all.do <<-'EOF'
	redo-ifchange prog sub/all-sub
	EOF
	)
}

# edit DIR: every source changes (and grows: a new size even in one tick)
edit() {
	for s in a b c d; do echo "$s.c version two" >"$1/$s.c"; done
	echo "s1 version two" >"$1/sub/s1.src"
	echo "ver version two" >"$1/ver.txt"
}

# snap DIR: every file outside .redo, with its checksum
snap() {
	(cd "$1" && find . -name .redo -prune -o -type f -exec cksum {} + |
		LC_ALL=C sort -k 3)
}

project ref
edit ref
(cd ref && redo-ifchange all) >ref.out 2>&1 || fail "clean build: $(cat ref.out)"
want=$(snap ref)

# a crash: CUT (renames after it may be lost: all = none lost, 0 = any,
# half = those of the second half of the killed build) and LOSE (all,
# targets: data lost only outside .redo/)
if [ "${T_STRESS:-}" = 1 ]; then
	kills=${LOSTW_KILLS:-$(seq 1 40)} jobs="1 2"
	crashes="all:targets 0:targets half:targets all:all 0:all half:all"
else
	kills=${LOSTW_KILLS:-"3 10 17"} jobs=1
	crashes="all:targets 0:targets"
fi

# shimmed ENV...: the environment of a build under the shim
shimmed() {
	env LD_PRELOAD="$SHIM" LOSTW_EXE="$exe" \
		LOSTW_LOG="$top/lw.log" LOSTW_COUNT="$top/lw.count" \
		LOSTW_SAVE="$top/saves" "$@"
}

points=0 wrong=0
# bad WHAT: a wrong state after this crash
bad() {
	wrong=$((wrong + 1))
	echo "WRONG (REDO_FSYNC=$sync -j$j kill $k cut $cut lose $lose): $*"
	sed 's/^/    crash: /' crash.out | head -n 30
}

# scenario: build, edit, rebuild killed at the kth rename, crash, repair
scenario() {
	rm -rf p saves lw.log lw.count && mkdir saves
	project p
	(cd p && shimmed REDO_FSYNC=$sync redo-ifchange all) >first.out 2>&1 ||
		fail "the first build failed: $(cat first.out)"
	n1=$(wc -c <lw.count | tr -d ' ')
	edit p
	res=$(cd p && shimmed REDO_FSYNC=$sync LOSTW_KILL=$((n1 + k)) \
		"$top/killer" -w "$top/never" 0 redo -j$j all \
		2>"$top/killed.out")
	grep -q '^K ' lw.log || return 1       # the build ended before
	case $cut in
	all) c=all ;;
	half) c=$((n1 + k / 2)) ;;
	*) c=$cut ;;
	esac
	"$top/lwcrash" lw.log saves "$c" "$lose" >crash.out 2>&1 ||
		fail "lwcrash failed: $(cat crash.out)"
	points=$((points + 1))
	if ! (cd p && redo-ifchange all) >repair.out 2>&1; then
		bad "the next build failed: $(head -n 5 repair.out)"
		return 0
	fi
	if grep -q 'you modified it' repair.out; then
		bad "a file redo wrote taken for an edit: $(grep 'you modified' repair.out)"
		return 0
	fi
	[ "$(snap p)" = "$want" ] || { bad "files differ from a clean build's:
$(printf '%s\n' "$want" | diff - "$(snap p >snap.txt; echo snap.txt)")"; return 0; }
	ood=$(cd p && redo-ood)
	[ -z "$ood" ] || { bad "redo-ood after the repair: $ood"; return 0; }
	: >"$RUNLOG"
	(cd p && redo-ifchange all) >noop.out 2>&1 || { bad "a no-op failed"; return 0; }
	[ ! -s "$RUNLOG" ] || { bad "a second build ran: $(tr '\n' ' ' <"$RUNLOG")"; return 0; }
	return 0
}

for sync in 1 0; do
	for j in $jobs; do
		for crash in $crashes; do
			cut=${crash%:*} lose=${crash#*:}
			for k in $kills; do
				scenario || break
			done
		done
	done
done
echo "crash points: $points, wrong states: $wrong"
[ $points -gt 0 ] || fail "no crash point was reached (did the shim see $exe?)"
[ $wrong -eq 0 ] || fail "$wrong wrong states after $points crashes"
