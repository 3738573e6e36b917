#!/bin/sh
# bench/extra.sh - the benches of issue 17, beside bench.sh's (which runs
# it at its end; alone: sh bench/extra.sh).  Prints a markdown section:
#   compile: CN small generated C files, each object a real `cc -c`, the
#            top a real link; full builds of fresh copies, redo -jJ all
#            vs make -jJ, J = 1 and 2, CREPS rounds interleaved
#   sleep:   SN independent targets whose .do (or make rule) sleeps SSECS
#            (bench/gen-sleep.sh); redo -jSJ all, make -f native.mk -jSJ
#            and make -jSJ running `+redo all` (redo on make's tokens),
#            against the ideal SN*SSECS/SJ seconds, SREPS rounds
# Every run's outputs are checked (the program's output; the targets'
# contents).  Environment (defaults): REDO (./redo), CN (60), CREPS (3),
# SN (200), SSECS (0.1), SJ (32), SREPS (3), WORK (mktemp), KEEP.
set -eu
LC_ALL=C
export LC_ALL
here=$(cd "$(dirname "$0")" && pwd -P)
top=$(dirname "$here")
REDO=${REDO:-$top/redo}
CN=${CN:-60} CREPS=${CREPS:-3} SN=${SN:-200} SSECS=${SSECS:-0.1} SJ=${SJ:-32} SREPS=${SREPS:-3}
for c in make cc awk; do
	command -v $c >/dev/null 2>&1 || { echo "extra: $c not found" >&2; exit 2; }
done
. "$here/common.sh"
bench_clean_env REDO
WORK=${WORK:-$(mktemp -d "${TMPDIR:-/tmp}/redo-extra.XXXXXX")}
mkdir -p "$WORK"
WORK=$(cd "$WORK" && pwd -P)
[ -n "${KEEP:-}" ] || trap 'rm -rf "$WORK"' EXIT
BT=$WORK/benchtool RAW=$WORK/extra.tsv BAD=$WORK/bad
: >"$RAW"
: >"$BAD"
cc -O2 -o "$BT" "$here/benchtool.c"
bench_bin "$WORK/bin" "$REDO"
PATH=$WORK/bin:$PATH
export PATH
say() { echo "extra: $*" >&2; }
bad() { echo "- $*" >>"$BAD"; say "ANOMALY: $*"; }

# timed ROW DIR CMD...: one sample of CMD run in DIR, as "ROW wall_us cpu_us"
timed() {
	t_row=$1 t_dir=$2
	shift 2
	# shellcheck disable=SC2046
	set -- $("$BT" time -C "$t_dir" -o "$WORK/out.txt" "$@")
	[ "$5" -eq 0 ] || bad "$t_row: exit status $5 ($(tail -n 1 "$WORK/out.txt"))"
	printf '%s\t%s\t%s\n' "$t_row" "$1" $(($2 + $3)) >>"$RAW"
}

# ---- compile-dominated: CN objects and a link ------------------------------
gen_compile() {
	mkdir -p "$1"
	(
	cd "$1"
	printf '#define SCALE 3\nint helper(int);\n' >common.h
	objs= i=0
	while [ $i -lt "$CN" ]; do
		{
			echo '#include "common.h"'
			j=0
			while [ $j -lt 8 ]; do
				echo "static int g${j}(int x) { int k, s = x; for (k = 0; k < $j + 3; k++) s = s * SCALE + k; return s; }"
				j=$((j + 1))
			done
			echo "int f$i(int x) { return g0(x) ^ g1(x + $i) ^ g2(x) ^ g3(x) ^ g4(x) ^ g5(x) ^ g6(x) ^ g7(x); }"
		} >f$i.c
		objs="$objs f$i.o"
		i=$((i + 1))
	done
	{
		echo '#include <stdio.h>'
		i=0
		while [ $i -lt "$CN" ]; do echo "int f$i(int);"; i=$((i + 1)); done
		echo 'int helper(int x) { return x; }'
		echo 'int main(void) { unsigned s = 0;'
		i=0
		while [ $i -lt "$CN" ]; do echo "s += (unsigned)f$i($i);"; i=$((i + 1)); done
		printf '%s\n' 'printf("%u\n", s); return 0; }'
	} >main.c
	objs="$objs main.o"
	printf 'redo-ifchange $2.c common.h\ncc -O1 -c -o $3 $2.c\n' >default.o.do
	printf 'o="%s"\nredo-ifchange $o\ncc -o $3 $o\n' "$objs" >prog.do
	printf 'redo-ifchange prog\n' >all.do
	{
		echo "OBJS =$objs"
		echo 'all: prog'
		echo 'prog: $(OBJS)'
		printf '\tcc -o $@ $(OBJS)\n'
		echo '.c.o:'
		printf '\tcc -O1 -c -o $@ $<\n'
		echo '$(OBJS): common.h'
	} >Makefile
	)
}

compile_bench() {
	gen_compile "$WORK/c0"
	r=0
	while [ $r -lt "$CREPS" ]; do
		for j in 1 2; do
			for t in redo make; do
				rm -rf "$WORK/c"
				cp -a "$WORK/c0" "$WORK/c"
				if [ $t = redo ]; then
					timed "compile redo -j$j" "$WORK/c" redo -j$j all
				else
					timed "compile make -j$j" "$WORK/c" make -j$j
				fi
				out=$("$WORK/c/prog" 2>&1) || out="(prog failed)"
				[ -n "${want:-}" ] || want=$out
				[ "$out" = "$want" ] || bad "compile $t -j$j: prog printed $out, want $want"
			done
		done
		r=$((r + 1))
	done
}

# ---- sleeps: SN x SSECS at -jSJ ---------------------------------------------
sleep_check() {
	n=$(cat "$WORK/s"/t[0-9]*[0-9] 2>/dev/null | wc -l)
	[ "$n" -eq "$SN" ] || bad "sleep $1: $n targets built, want $SN"
}

sleep_bench() {
	sh "$here/gen-sleep.sh" "$WORK/s" "$SN" "$SSECS"
	r=0
	while [ $r -lt "$SREPS" ]; do
		"$WORK/s/clean"
		timed "sleep redo -j$SJ" "$WORK/s" redo -j"$SJ" all
		sleep_check "redo -j$SJ"
		"$WORK/s/clean"
		timed "sleep make -j$SJ" "$WORK/s" make -f native.mk -j"$SJ"
		sleep_check "make -j$SJ"
		"$WORK/s/clean"
		timed "sleep make -j$SJ, +redo" "$WORK/s" make -j"$SJ"
		sleep_check "make -j$SJ, +redo"
		r=$((r + 1))
	done
}

say "compile-dominated: $CN objects and a link, $CREPS rounds"
compile_bench
say "sleeps: $SN x ${SSECS}s at -j$SJ, $SREPS rounds"
sleep_bench

# ---- report --------------------------------------------------------------------
ideal=$(awk -v n="$SN" -v s="$SSECS" -v j="$SJ" 'BEGIN { printf "%d", n * s / j * 1000000 }')
awk -F '\t' -v ideal="$ideal" -v sj="$SJ" -v sn="$SN" -v ss="$SSECS" -v cn="$CN" '
function med(row, what,    a, n, i, j, x) {
	n = split(vals[row, what], a, " ")
	for (i = 2; i <= n; i++) {
		x = a[i] + 0
		for (j = i - 1; j >= 1 && a[j] + 0 > x; j--) a[j + 1] = a[j]
		a[j + 1] = x
	}
	return n == 0 ? "" : n % 2 ? a[(n + 1) / 2] + 0 : (a[n / 2] + a[n / 2 + 1]) / 2
}
function line(row, ref, refname,    w, c) {
	if (!cnt[row] || (ref != "" && !cnt[ref])) return
	w = med(row, "w"); c = med(row, "c")
	printf "| %s | %d | %.0f | %.0f | %s |\n", row, cnt[row], w / 1000, c / 1000,
		ref == "" ? "" : sprintf("%.2f (CPU %.2f) x %s", w / med(ref, "w"), c / med(ref, "c"), refname)
}
{ vals[$1, "w"] = vals[$1, "w"] " " $2; vals[$1, "c"] = vals[$1, "c"] " " $3; cnt[$1]++ }
END {
	printf "## Compile-dominated build (%d objects by cc -c, one link)\n\n", cn
	print "| run | n | wall ms | CPU ms | redo / make |"
	print "|---|---|---|---|---|"
	for (j = 1; j <= 2; j++) {
		line("compile make -j" j, "", "")
		line("compile redo -j" j, "compile make -j" j, "make")
	}
	printf "\n## %d independent targets sleeping %ss, -j%d (ideal %.0f ms)\n\n", sn, ss, sj, ideal / 1000
	print "| run | n | wall ms | CPU ms | x ideal, x make |"
	print "|---|---|---|---|---|"
	split("make redo", T, " ")
	m = med("sleep make -j" sj, "w")
	if (!cnt["sleep make -j" sj]) exit
	for (i = 1; i <= 2; i++) {
		row = "sleep " T[i] " -j" sj; w = med(row, "w")
		printf "| %s | %d | %.0f | %.0f | %.2f, %.2f |\n", row, cnt[row], w / 1000, med(row, "c") / 1000, w / ideal, w / m
	}
	row = "sleep make -j" sj ", +redo"; w = med(row, "w")
	printf "| %s | %d | %.0f | %.0f | %.2f, %.2f |\n", row, cnt[row], w / 1000, med(row, "c") / 1000, w / ideal, w / m
}' "$RAW"
echo
if [ -s "$BAD" ]; then echo "Anomalies:"; cat "$BAD"; exit 1; fi
