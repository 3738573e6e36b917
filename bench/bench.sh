#!/bin/sh
# bench/bench.sh - time our redo against GNU make and ninja on generated
# projects; print medians and the ratios issue 6 sets as goals.
# Run by `make bench`; see bench/README.md.  Environment (defaults):
#   REDO (./redo)        the binary under test; copied, so rebuilding it
#                        during a run does not change what is measured
#   SIZES ("1000 10000") project sizes N, ascending
#   REPS (3)             rounds of full builds, leaf edits, header edits
#   QREPS (9)            rounds of no-op checks and of the floor probes
#   HEAVY_MAX (1000)     above this N: no header edits and no repeated full
#                        builds; the trees are built once with -j2 (make's tree
#                        is a copy of ninja's, as make keeps no state of its own)
#   BUDGET (120)         seconds: start no new round of a heavy phase (full
#                        build, header edit) once it has used this much
#   VERIFY_MAX (HEAVY_MAX) up to this N the trees are checked after the edits
#                        against a from-scratch make (a whole extra build);
#                        above it against make's own incrementally built tree
#   GOAL_N (10000), FULL_N (1000)  the sizes the goals are judged at
#   WORK (mktemp -d)     scratch directory, removed afterwards unless KEEP=1
#   OUT (bench/out)      where report.md and raw.tsv are kept
#   REPORT_ONLY=1        only render OUT/report.md again from OUT's samples
#   EXTRA (1)            0: skip bench/extra.sh (the compile-dominated and
#                        -j32 sleep benches, appended to the report; its
#                        own knobs CN, CREPS, SN, SSECS, SJ, SREPS pass on)
set -eu
LC_ALL=C
export LC_ALL
here=$(cd "$(dirname "$0")" && pwd -P)
top=$(dirname "$here")
REDO=${REDO:-$top/redo}
SIZES=${SIZES:-1000 10000}
REPS=${REPS:-3} QREPS=${QREPS:-9} HEAVY_MAX=${HEAVY_MAX:-1000} BUDGET=${BUDGET:-120}
VERIFY_MAX=${VERIFY_MAX:-$HEAVY_MAX}
GOAL_N=${GOAL_N:-10000} FULL_N=${FULL_N:-1000}
OUT=${OUT:-$here/out}

# report DIR: the markdown report from DIR/{header.md,params,raw.tsv,anomalies}
report() {
	cat "$1/header.md"
	echo
	awk -F '\t' -v sizes="$SIZES" -v reps="$REPS" -v qreps="$QREPS" \
		-v goal_n="$GOAL_N" -v full_n="$FULL_N" -f "$here/report.awk" "$1/raw.tsv"
	echo
	echo "## Anomalies"
	echo
	if [ -s "$1/anomalies" ]; then cat "$1/anomalies"; else echo "- none"; fi
	if [ -s "$1/extra.md" ]; then echo; cat "$1/extra.md"; fi
}
if [ -n "${REPORT_ONLY:-}" ]; then   # render the last run's report again
	. "$OUT/params"
	report "$OUT" >"$OUT/report.md"
	cat "$OUT/report.md"
	exit 0
fi

for c in make ninja cc awk; do
	command -v $c >/dev/null 2>&1 ||
		{ echo "bench: $c not found (run: sh bench/setup.sh)" >&2; exit 2; }
done
[ -x "$REDO" ] || { echo "bench: $REDO: not built (run: make)" >&2; exit 2; }

# Nothing from a calling make or redo may leak into the tools we time.
for v in $(env | sed -n 's/^\(REDO[A-Za-z0-9_]*\)=.*/\1/p'); do unset "$v"; done
unset MAKEFLAGS MFLAGS MAKELEVEL MAKEOVERRIDES GNUMAKEFLAGS CDPATH NINJA_STATUS

WORK=${WORK:-$(mktemp -d "${TMPDIR:-/tmp}/redo-bench.XXXXXX")}
mkdir -p "$WORK" "$OUT"
WORK=$(cd "$WORK" && pwd -P)
[ -n "${KEEP:-}" ] || trap 'rm -rf "$WORK"' EXIT
trap 'exit 130' INT TERM
BT=$WORK/benchtool RAW=$WORK/raw.tsv ANOM=$WORK/anomalies
: >"$RAW"
: >"$ANOM"
cc -O2 -o "$BT" "$here/benchtool.c"

# The redo under test: a copy with every command name beside it, first on PATH.
mkdir "$WORK/bin"
cp "$REDO" "$WORK/bin/redo"
for n in redo-ifchange redo-ifcreate redo-always redo-stamp redo-targets \
	redo-sources redo-ood redo-whichdo redo-log redo-recheck; do
	ln -s redo "$WORK/bin/$n"
done
PATH=$WORK/bin:$PATH
export PATH

t_start=$(date +%s)
load0=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')
# which redo.c: the last commit that touched it, and whether it differs from that
redo_id() {
	printf '%s' "$(git -C "$top" log -1 --format='redo.c of %h (%cs)' -- redo.c redo.h 2>/dev/null || echo 'redo.c of ?')"
	git -C "$top" diff --quiet HEAD -- redo.c redo.h 2>/dev/null || printf ', modified'
}
# which redo.c the copy was built from, taken now: the tree may change
# while the benchmark runs
REDO_ID=$(redo_id)
say() { echo "bench: $*" >&2; }
anomaly() { echo "- N=$N $*" >>"$ANOM"; say "ANOMALY: $*"; }

# run_cmd TOOL KIND J: the command line that does KIND (full|upd) for TOOL
run_cmd() {
	case $1:$2 in
	redo:full) set -- "$WORK/bin/redo" -j"$3" all ;;
	redo:upd) set -- "$WORK/bin/redo-ifchange" all ;;
	make:full) set -- make -j"$3" ;;
	make:upd) set -- make ;;
	ninja:full) set -- ninja -j"$3" ;;
	ninja:upd) set -- ninja -j1 ;;
	esac
	echo "$*"
}

# measure TOOL PHASE DIR EXPECTED CMD...: time CMD in DIR; EXPECTED is a
# sorted file of the target names CMD must (re)build, checked against DIR/runlog.
measure() {
	m_tool=$1 m_phase=$2 m_dir=$3 m_exp=$4
	shift 4
	m_n0=$(wc -l <"$m_dir/runlog")
	# shellcheck disable=SC2046
	set -- $("$BT" time -C "$m_dir" -o "$WORK/out.$m_tool" "$@")
	m_n1=$(wc -l <"$m_dir/runlog")
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$N" "$m_tool" "$m_phase" \
		"$1" "$2" "$3" "$4" "$5" $((m_n1 - m_n0)) >>"$RAW"
	[ "$5" -eq 0 ] ||
		anomaly "$m_tool $m_phase: exit status $5 ($(tail -n 1 "$WORK/out.$m_tool"))"
	if ! tail -n "+$((m_n0 + 1))" "$m_dir/runlog" | sort | cmp -s - "$m_exp"; then
		anomaly "$m_tool $m_phase: rebuilt $((m_n1 - m_n0)) targets, expected $(wc -l <"$m_exp")$(
			tail -n "+$((m_n0 + 1))" "$m_dir/runlog" | sort | comm -3 - "$m_exp" |
				head -n 2 | tr -d '\t' | sed 's/^/; differs: /' | tr -d '\n')"
	fi
	m_us=$1
}

# fresh TOOL: a pristine copy of the project for TOOL
fresh() {
	rm -rf "$WORK/$1"
	cp -a "$WORK/p$N" "$WORK/$1"
}

# compare WHAT REF_TREE: every tool's targets must equal the reference's
compare() {
	for c_t in $TOOLS; do
		[ "$WORK/$c_t" = "$2" ] && continue
		"$BT" same "$WORK/p$N/targets.list" "$2" "$WORK/$c_t" 2>>"$WORK/same.err" ||
			anomaly "$c_t: targets differ from $1 ($(tail -n 1 "$WORK/same.err"))"
	done
}

# full J PHASE: rounds of full builds of fresh copies, every tool per round
full() {
	f_spent=0 f_r=0
	while [ $f_r -lt "$REPS" ] && [ $f_spent -lt $((BUDGET * 1000000)) ]; do
		for t in $TOOLS; do
			fresh $t
			measure $t "$2" "$WORK/$t" "$WORK/exp.all" $(run_cmd $t full "$1")
			f_spent=$((f_spent + m_us))
		done
		f_r=$((f_r + 1))
	done
	compare "make's full -j$1 build" "$WORK/make"
}

TOOLS="redo make ninja"
: >"$WORK/exp.none"
for N in $SIZES; do
	say "N=$N: generating (t=$(($(date +%s) - t_start))s, load $(cut -d' ' -f1 /proc/loadavg))"
	"$BT" gen "$WORK/p$N" "$N"
	sort "$WORK/p$N/targets.list" >"$WORK/exp.all"
	if [ "$N" -le "$HEAVY_MAX" ]; then
		say "N=$N: full builds -j1"
		full 1 full1
	else
		# one -j2 build each for redo and ninja; make's tree is ninja's
		say "N=$N: full builds -j2 (once: N > HEAVY_MAX)"
		for t in redo ninja; do
			fresh $t
			measure $t full2 "$WORK/$t" "$WORK/exp.all" $(run_cmd $t full 2)
		done
		rm -rf "$WORK/make"
		cp -a "$WORK/ninja" "$WORK/make"
		rm -f "$WORK/make/.ninja_log" "$WORK/make/.ninja_deps"
		compare "ninja's full -j2 build" "$WORK/ninja"
	fi

	# no-op rounds, each tool and the floor probes in turn, so that the
	# machine's load changes hit them all alike
	say "N=$N: no-op checks and syscall floor"
	fl=$WORK/make
	(cd "$fl" && "$BT" floor-setup targets.list)
	for t in $TOOLS; do             # warm-up, untimed
		(cd "$WORK/$t" && $(run_cmd $t upd) >/dev/null 2>&1) || true
	done
	r=0
	while [ $r -lt "$QREPS" ]; do
		measure floor-true noop "$fl" "$WORK/exp.none" true
		measure floor-lstat noop "$fl" "$WORK/exp.none" "$BT" floor-stat files.list
		measure floor-read noop "$fl" "$WORK/exp.none" "$BT" floor-read files.list targets.list
		for t in $TOOLS; do
			measure $t noop "$WORK/$t" "$WORK/exp.none" $(run_cmd $t upd)
		done
		r=$((r + 1))
	done
	if [ -x /usr/bin/time ]; then   # cross-check of the peak RSS by GNU time
		for t in $TOOLS; do
			(cd "$WORK/$t" && /usr/bin/time -f %M -o "$WORK/gnutime" $(run_cmd $t upd) >/dev/null 2>&1) || true
			printf '%s\t%s\tgnutime\t0\t0\t0\t%s\t0\t0\n' "$N" $t "$(tail -n 1 "$WORK/gnutime")" >>"$RAW"
		done
	fi

	say "N=$N: one leaf edited"
	r=0
	while [ $r -lt "$REPS" ]; do
		# a different leaf each round, spread over the tree
		set -- $(sed -n "$(((r * 7919 + N / 3) % N + 1))p" "$WORK/p$N/leaves.list")
		printf '%s\n%s\nall\n' "${1%.c}.o" "$2" | sort >"$WORK/exp.leaf"
		for t in $TOOLS; do
			"$BT" edit "$WORK/$t/$1" "/* leaf edit $r */"
			measure $t leaf "$WORK/$t" "$WORK/exp.leaf" $(run_cmd $t upd)
		done
		r=$((r + 1))
	done

	if [ "$N" -le "$HEAVY_MAX" ]; then
		say "N=$N: a shared header edited"
		r=0 spent=0
		while [ $r -lt "$REPS" ] && [ $spent -lt $((BUDGET * 1000000)) ]; do
			for t in $TOOLS; do
				"$BT" edit "$WORK/$t/inc/h$((r % 3)).h" "/* header edit $r */"
				measure $t hdr "$WORK/$t" "$WORK/exp.all" $(run_cmd $t upd)
				spent=$((spent + m_us))
			done
			r=$((r + 1))
		done
	fi

	# after the edits: every tree must equal a from-scratch make of its
	# sources (at big N: make's tree, built by the same edits)
	if [ "$N" -le "$VERIFY_MAX" ]; then
		say "N=$N: checking outputs against a from-scratch make"
		rm -rf "$WORK/ref"
		cp -a "$WORK/make" "$WORK/ref"
		(cd "$WORK/ref" && xargs rm -f <targets.list && make -j2 >/dev/null 2>&1) ||
			anomaly "reference make failed"
		compare "a from-scratch make after the edits" "$WORK/ref"
		rm -rf "$WORK/ref"
	else
		say "N=$N: checking outputs against make's"
		compare "make's after the edits" "$WORK/make"
	fi

	if [ "$N" -le "$HEAVY_MAX" ]; then
		say "N=$N: full builds -j2"
		full 2 full2
	fi
	rm -rf "$WORK/redo" "$WORK/make" "$WORK/ninja" "$WORK/p$N"
done

extra_ok=1
rm -f "$OUT/extra.md"
if [ "${EXTRA:-1}" != 0 ]; then
	say "compile-dominated and sleep benches (bench/extra.sh)"
	REDO=$WORK/bin/redo WORK=$WORK/extra sh "$here/extra.sh" >"$WORK/extra.md" || extra_ok=0
fi

# ---- report -------------------------------------------------------------------
{
	echo "# redo benchmark: $(date -u '+%Y-%m-%d %H:%M UTC')"
	echo
	echo "- redo: $REDO_ID ($REDO)," \
		"$(make --version | head -n 1), ninja $(ninja --version)"
	echo "- machine: $(nproc) cpus ($(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -n 1)), $(uname -sr);" \
		"load average $load0 at start, $(cut -d' ' -f1-3 /proc/loadavg) at end; $(($(date +%s) - t_start)) s"
	echo "- SIZES=\"$SIZES\" REPS=$REPS QREPS=$QREPS HEAVY_MAX=$HEAVY_MAX BUDGET=$BUDGET VERIFY_MAX=$VERIFY_MAX"
	echo "- one run on a shared, noisy machine: compare the ratios within this run, not absolute times across runs"
} >"$WORK/header.md"
printf 'SIZES="%s" REPS=%s QREPS=%s GOAL_N=%s FULL_N=%s\n' "$SIZES" "$REPS" "$QREPS" "$GOAL_N" "$FULL_N" >"$WORK/params"
cp "$WORK/header.md" "$WORK/params" "$RAW" "$ANOM" "$OUT/"
[ ! -f "$WORK/extra.md" ] || cp "$WORK/extra.md" "$OUT/"
report "$OUT" >"$OUT/report.md"
cat "$OUT/report.md"
say "report in $OUT/report.md, samples in $OUT/raw.tsv"
[ ! -s "$ANOM" ] && [ "$extra_ok" = 1 ]
