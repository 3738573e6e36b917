# Issue 12: no write is ever silently dropped.  An I/O error sweep in
# the manner of SQLite's: the Nth write, rename or file creation of the
# redo processes of a build fails (EIO, then ENOSPC), for every N, in a
# fresh build and in a one-leaf rebuild of a 26-target project (a group
# target over several objects, a stamped redo-always target, an
# ifcreate, a subdirectory).  After each faulty run a fault-free
# redo-ifchange must give exactly a clean build's files and recorded
# dependencies (none lost), redo-ood and a no-op must be as after a
# clean build, no temp file may be left in the tree or in $TMPDIR, and
# no redo process may crash.  With FAULT_EDIT=1, an edit of every
# source must then also be rebuilt as from scratch.
#
# t/failwrite.c knows redo's processes by /proc/self/exe (Linux).  In
# `make test` the sweep takes every STRIDE-th fault point (default 61,
# each run starting at another offset); T_STRESS=1 takes every one.
# FAULT_STRIDE and FAULT_ONLY=fresh|leaf and FAULT_ERRNOS override.
[ -r /proc/self/exe ] ||
	skip "no /proc/self/exe: the shim t/failwrite.c finds redo's processes by it (Linux only)"
command -v cksum >/dev/null 2>&1 || skip "cksum not installed"
. "$T_TOP/t/par.sh"
build_shim failwrite
top=$PWD
exe=$(readlink -f "$T_BIN" 2>/dev/null || echo "$T_BIN")
mkdir tmp
TMPDIR=$top/tmp
RUNLOG=$top/runs.log
export TMPDIR RUNLOG
if [ "${T_STRESS:-}" = 1 ]; then stride=1; else stride=61; fi
stride=${FAULT_STRIDE:-$stride}
errnos=${FAULT_ERRNOS:-EIO ENOSPC}

# project DIR: the sources and .do files
project() {
	mkdir -p "$1/sub"
	(
	cd "$1" || exit 1
	for s in a b c d e f g h; do echo "$s.c v1" >$s.c; done
	for s in doc1 doc2 doc3 doc4; do echo "$s v1" >$s.in; done
	echo "ver v1" >ver.txt
	echo "s1 v1" >sub/s1.src
	echo "s2 v1" >sub/s2.src
	cat >default.o.do <<-'EOF'
	echo "$1" >>"$RUNLOG"
	redo-ifchange "$2.c"
	echo "obj: $(cat "$2.c")"
	EOF
	cat >liba.a.do <<-'EOF'
	echo "$1" >>"$RUNLOG"
	redo-ifchange a.o b.o c.o
	cat a.o b.o c.o
	EOF
	cat >libb.a.do <<-'EOF'
	echo "$1" >>"$RUNLOG"
	redo-ifchange d.o e.o f.o
	cat d.o e.o f.o >"$3"
	EOF
	cat >version.h.do <<-'EOF'
	echo "$1" >>"$RUNLOG"
	redo-always
	cat ver.txt >"$3"
	redo-stamp <"$3"
	EOF
	cat >config.h.do <<-'EOF'
	echo "$1" >>"$RUNLOG"
	if [ -e override.h ]; then
		redo-ifchange override.h
		cat override.h
	else
		redo-ifcreate override.h
		echo "config default"
	fi
	EOF
	cat >default.h.do <<-'EOF'
	echo "$1" >>"$RUNLOG"
	redo-ifchange version.h
	echo "$2: $(cat version.h)"
	EOF
	cat >default.txt.do <<-'EOF'
	echo "$1" >>"$RUNLOG"
	redo-ifchange "$2.in" config.h
	cat "$2.in" config.h
	EOF
	cat >prog.do <<-'EOF'
	echo "$1" >>"$RUNLOG"
	set -- liba.a libb.a g.o h.o x1.h x2.h x3.h x4.h config.h
	redo-ifchange "$@"
	cat "$@"
	EOF
	cat >summary.txt.do <<-'EOF'
	echo "$1" >>"$RUNLOG"
	redo-ifchange doc1.txt doc2.txt doc3.txt doc4.txt
	cat doc1.txt doc2.txt doc3.txt doc4.txt
	EOF
	cat >sub/default.out.do <<-'EOF'
	echo "sub/$1" >>"$RUNLOG"
	redo-ifchange "$2.src" ../config.h
	cat "$2.src" ../config.h
	EOF
	cat >sub/all-sub.do <<-'EOF'
	echo "sub/$1" >>"$RUNLOG"
	redo-ifchange s1.out s2.out
	echo sub
	EOF
	cat >all.do <<-'EOF'
	echo "$1" >>"$RUNLOG"
	redo-ifchange prog summary.txt sub/all-sub
	EOF
	)
}

edit_leaf() { echo "a.c leaf" >"$1/a.c"; }

# edit_all DIR: every source changes, and override.h appears
edit_all() {
	for f in a b c d e f g h; do echo "$f.c v2" >"$1/$f.c"; done
	for f in doc1 doc2 doc3 doc4; do echo "$f v2" >"$1/$f.in"; done
	echo "ver v2" >"$1/ver.txt"
	echo "s1 v2" >"$1/sub/s1.src"
	echo "s2 v2" >"$1/sub/s2.src"
	echo "override" >"$1/override.h"
}

# snap DIR: every file outside .redo, with its checksum
snap() {
	(cd "$1" && find . -name .redo -prune -o -type f -exec cksum {} + |
		LC_ALL=C sort -k 3)
}

# clean_build DIR: builds DIR without faults; fails the test if not
clean_build() {
	(cd "$1" && redo-ifchange all) >build.out 2>&1 ||
		fail "a fault-free build failed: $(cat build.out)"
}

# deps DIR: every record's dependencies, by kind and name (a record
# that lost one shows here; an edit of it would not be rebuilt)
deps() {
	(cd "$1" && find . -path '*/.redo/*,r' -type f \
		-exec awk '$1 == "dep" { print FILENAME, $2, $NF }' {} + |
		LC_ALL=C sort)
}

# temps DIR: redo's temp files in DIR's .redo directories and in TMPDIR
temps() {
	find "$1" -path '*/.redo/*' \( -name 'tmp-*' -o -name 'tmp#*' \) -print
	find "$TMPDIR" -type f -print
}

# The references, from fault-free builds.
project ref
clean_build ref
want_fresh=$(snap ref)
want_deps=$(deps ref)
want_ood=$(cd ref && redo-ood)
: >"$RUNLOG"
clean_build ref
want_noop=$(cat "$RUNLOG")
[ -n "$(temps ref)" ] && fail "temp files after a clean build: $(temps ref)"
rm -rf ref
project ref
edit_leaf ref
clean_build ref
want_leaf=$(snap ref)
[ "$(deps ref)" = "$want_deps" ] || fail "a rebuild changed the recorded dependencies"
rm -rf ref
if [ "${FAULT_EDIT:-}" = 1 ]; then
	project ref
	edit_all ref
	clean_build ref
	want_all=$(snap ref)
	rm -rf ref
fi
assert_eq "$want_noop" "version.h" "a no-op runs only the redo-always target"

# faulty ERRNO N: a build of p with the Nth call failing; sets hit=1 if
# the fault point was reached
faulty() {
	rm -f count fault.log
	(cd p && FAILWRITE_EXE=$exe FAILWRITE_COUNT=$top/count \
		FAILWRITE_N=$2 FAILWRITE_ERRNO=$1 FAILWRITE_LOG=$top/fault.log \
		LD_PRELOAD=$SHIM redo-ifchange all) >faulty.out 2>&1
	rc=$?
	hit=0
	[ -s fault.log ] && hit=1
	total=$(wc -c <count | tr -d ' ')
}

points=0 wrong=0 crashes=0
# say TEXT: to the test's output, and to $FAULT_REPORT if set (the
# output of a long sweep is only seen at its end)
say() {
	echo "$*"
	[ -z "${FAULT_REPORT:-}" ] || echo "$*" >>"$FAULT_REPORT"
}

# bad WHAT: a wrong state at this fault point
bad() {
	wrong=$((wrong + 1))
	say "WRONG STATE ($scenario $err N=$n: $(cat fault.log)): $*
$(sed 's/^/    faulty run: /' faulty.out | grep -v '^    faulty run: redo  ' | head -n 8)"
}

# verify WANT: the checks after a faulty run
verify() {
	if [ $rc -ge 128 ] || grep -q 'Sanitizer\|runtime error\|exit 13[0-9])\|exit 1[4-9][0-9])\|Segmentation\|Abort' faulty.out; then
		crashes=$((crashes + 1))
		say "CRASH ($scenario $err N=$n, exit $rc): $(cat fault.log)
$(sed 's/^/    /' faulty.out | head -n 8)"
	fi
	if ! (cd p && redo-ifchange all) >repair.out 2>&1; then
		bad "the fault-free build failed: $(head -n 3 repair.out)"
		return
	fi
	[ "$(snap p)" = "$1" ] || { bad "files differ from a clean build's:
$(printf '%s\n' "$1" | diff - "$(snap p >snap.txt; echo snap.txt)")"; return; }
	[ "$(deps p)" = "$want_deps" ] || { bad "recorded dependencies differ:
$(printf '%s\n' "$want_deps" | diff - "$(deps p >deps.txt; echo deps.txt)")"; return; }
	[ "$(cd p && redo-ood)" = "$want_ood" ] ||
		{ bad "redo-ood: $(cd p && redo-ood)"; return; }
	: >"$RUNLOG"
	(cd p && redo-ifchange all) >noop.out 2>&1 || { bad "no-op failed"; return; }
	[ "$(cat "$RUNLOG")" = "$want_noop" ] ||
		{ bad "the no-op ran: $(cat "$RUNLOG" | tr '\n' ' ')"; return; }
	left=$(temps p)
	[ -z "$left" ] || { bad "temp files left: $left"; return; }
	[ "${FAULT_EDIT:-}" = 1 ] || return 0
	edit_all p
	(cd p && redo-ifchange all) >edit.out 2>&1 ||
		{ bad "the build after editing every source failed"; return; }
	[ "$(snap p)" = "$want_all" ] || { bad "an edit was not rebuilt:
$(printf '%s\n' "$want_all" | diff - "$(snap p >snap.txt; echo snap.txt)")"; return; }
}

# sweep SCENARIO ERRNO OFFSET
sweep() {
	scenario=$1 err=$2 n=$3
	while :; do
		rm -rf p "$TMPDIR"/*
		project p
		want=$want_fresh
		if [ "$scenario" = leaf ]; then
			clean_build p
			edit_leaf p
			want=$want_leaf
		fi
		faulty "$err" "$n"
		[ $hit = 1 ] || break
		points=$((points + 1))
		verify "$want"
		n=$((n + stride))
	done
	say "$scenario $err: swept to N=$n of $total, stride $stride"
}

# the shim must see redo's processes (not under valgrind, say)
rm -rf p && project p
faulty EIO 0
[ "$total" -gt 0 ] 2>/dev/null ||
	skip "the shim t/failwrite.c saw no call from $exe"
off=1
for scenario in ${FAULT_ONLY:-fresh leaf}; do
	for err in $errnos; do
		sweep "$scenario" "$err" "$off"
		off=$((off % stride + 1 + stride / 3))
		[ $off -le $stride ] || off=1
	done
done
say "fault points: $points, wrong states: $wrong, crashes: $crashes"
[ $points -gt 0 ] || fail "no fault point was reached"
[ $wrong -eq 0 ] && [ $crashes -eq 0 ] ||
	fail "$wrong wrong states and $crashes crashes in $points fault points"
