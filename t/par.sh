# t/par.sh - helpers for the parallel-build tests (t/5*.t), sourced by
# them after t/lib.sh.
#
# Concurrency is measured, not guessed: every leaf .do appends
# "start NAME" and "end NAME" to the shared log $CONC (one short write
# to a file opened O_APPEND, so lines never mix), and maxconc counts
# the largest number of intervals open at once.  Leaves run in batches
# of $BARRIER: the k-th leaf to start waits until
# ceil(k/BARRIER)*BARRIER leaves have started (at most $TOTAL, or
# $BARRIER when TOTAL is not set), so that reaching the limit does not
# depend on timing, and the leaves of a batch end together, which is
# when a miscounted token shows.  The wait has no bound of its own: a
# redo that runs fewer leaves at once than BARRIER hangs until the
# test's time limit (`to`), and the test fails.

CONC=$PWD/conc.log
BARRIER=1
export CONC BARRIER

cat >leaf.sh <<'EOF'
# nstarts: sets n to how many leaves started (builtins only: no fork)
nstarts() {
	n=0
	while read -r _w _r; do
		[ "$_w" != start ] || n=$((n + 1))
	done <"$CONC"
}
echo "start $1" >>"$CONC"
nstarts
want=$(((n + BARRIER - 1) / BARRIER * BARRIER))
[ $want -le "${TOTAL:-$BARRIER}" ] || want=${TOTAL:-$BARRIER}
nstarts
while [ $n -lt $want ]; do
	sleep 0.02
	nstarts
done
sleep 0.05
echo "end $1" >>"$CONC"
EOF
LEAF=$PWD/leaf.sh
export LEAF

# fresh: forget every build (so that the next one runs every .do) and
# the log
fresh() {
	rm -rf .redo */.redo "$CONC"
}

# maxconc [LOG]: the most intervals that were open at the same time
maxconc() {
	awk '$1 == "start" { if (++c > m) m = c } $1 == "end" { c-- }
	     END { print m + 0 }' "${1:-$CONC}"
}

# starts [LOG]: how many leaves started
starts() {
	if [ -f "${1:-$CONC}" ]; then grep -c '^start' "${1:-$CONC}"; else echo 0; fi
}

# need_cmd CMD...: skip unless every CMD is on PATH
need_cmd() {
	for _c in "$@"; do
		command -v "$_c" >/dev/null 2>&1 || skip "$_c not installed"
	done
}

# jstool: build the job pool helper (t/jstool.c) into ./jstool
build_jstool() {
	need_cmd cc
	cc -o jstool "$T_TOP/t/jstool.c" 2>jstool.err ||
		skip "cannot compile t/jstool.c: $(head -n 1 jstool.err)"
}

# build_sigdfl: build t/sigdfl.c into ./sigdfl, named by $SIGDFL: runs
# a command with SIGINT at its default action (a background job of this
# script has it ignored)
build_sigdfl() {
	need_cmd cc
	cc -o sigdfl "$T_TOP/t/sigdfl.c" 2>sigdfl.err ||
		skip "cannot compile t/sigdfl.c: $(head -n 1 sigdfl.err)"
	SIGDFL=$PWD/sigdfl
}

# build_hold: build t/hold.c into ./hold, named by $HOLD in the .do
# files (it makes a file, then waits for a signal: see t/hold.c)
build_hold() {
	need_cmd cc
	cc -o hold "$T_TOP/t/hold.c" 2>hold.err ||
		skip "cannot compile t/hold.c: $(head -n 1 hold.err)"
	HOLD=$PWD/hold
	export HOLD
}

# build_shim NAME: compiles the LD_PRELOAD shim t/NAME.c (or skips),
# exports SHIM, the LD_PRELOAD value that loads it (for the .do scripts
# too), and lets it come before the ASan runtime in an ASan build.  It
# skips the test unless the shim takes effect in redo (t/shimloaded.c
# tells): a static redo loads none, and a test waiting for what the
# shim would do would wait forever.  With T_SHIM_CC set (redo
# built for another ABI, such as i686 on x86-64: `make
# check-i686-dynamic`) the shim is built twice, with $T_SHIM_CC and
# with cc, into two directories put on LD_LIBRARY_PATH, and SHIM is its
# bare name: each process's loader takes the copy it can load and
# passes over the other in silence (naming a file of the wrong ABI
# would make the host's shells print an error).
build_shim() {
	need_cmd cc
	if [ -n "${T_SHIM_CC:-}" ]; then
		mkdir -p shim-target shim-host
		shim_cc "$T_SHIM_CC" "shim-target/$1.so" "$1"
		shim_cc cc "shim-host/$1.so" "$1"
		LD_LIBRARY_PATH=$PWD/shim-target:$PWD/shim-host${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
		export LD_LIBRARY_PATH
		SHIM=$1.so
	else
		shim_cc cc "$1.so" "$1"
		SHIM=$PWD/$1.so
	fi
	export SHIM
	# a static redo loads no shim: the dynamic build of the same
	# source stands in for it (t/run.sh T_DYN)
	if [ -n "${T_DYN_DIR:-}" ]; then
		PATH=$T_DYN_DIR:$PATH T_BIN=$(readlink "$T_DYN_DIR/redo")
		export PATH T_BIN
	fi
	ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0
	export ASAN_OPTIONS
	rm -f shim.loaded
	LD_PRELOAD=$SHIM SHIM_LOADED=$PWD/shim.loaded redo-whichdo x >/dev/null 2>&1
	[ -e shim.loaded ] ||
		skip "the LD_PRELOAD shim t/$1.c has no effect on redo here (a static binary?)"
	rm -f shim.loaded
}

# shim_cc COMPILER OUT NAME: builds t/NAME.c (with t/shimloaded.c) as
# the shared object OUT
shim_cc() {
	set -- "$1" "$2" "$T_TOP/t/$3.c" "$T_TOP/t/shimloaded.c"
	$1 -shared -fPIC -o "$2" "$3" "$4" -ldl 2>cc.err ||
		$1 -shared -fPIC -o "$2" "$3" "$4" 2>cc.err ||
		skip "cannot build the LD_PRELOAD shim $3 with $1: $(head -n 1 cc.err)"
}

# gnu_make: skip unless make is GNU make
gnu_make() {
	need_cmd make
	make --version 2>/dev/null | grep -q 'GNU Make' || skip "make is not GNU make"
}

# to SECS CMD...: run CMD with a time limit if timeout(1) exists
to() {
	_s=$1
	shift
	if command -v timeout >/dev/null 2>&1; then
		timeout -k 2 "$_s" "$@"
	else
		"$@"
	fi
}
