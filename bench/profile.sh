#!/bin/sh
# bench/profile.sh - where redo's no-op (`redo-ifchange all` in a built tree)
# spends its syscalls and instructions.  Run by `make bench-profile`.
#   N (10000)        project size (bench/benchtool.c gen)
#   REDO_SRC (redo.c) the source profiled: compiled here with -O2 -g, so
#                    callgrind can name functions (same code as `make`'s -O2)
#   TREE             reuse a tree redo has already built (skips the build)
#   FULLN (300)      size of the project whose full -j1 build is traced
#                    (processes and syscalls per target, redo next to make);
#                    FULLN=0 skips it
#   WORK, KEEP, OUT  as in bench.sh; the report goes to OUT/profile.md
#   REPORT_ONLY=1    only write the report again from a kept WORK (KEEP=1)
set -eu
LC_ALL=C
export LC_ALL
here=$(cd "$(dirname "$0")" && pwd -P)
top=$(dirname "$here")
N=${N:-10000} FULLN=${FULLN:-300} REDO_SRC=${REDO_SRC:-$top/redo.c} OUT=${OUT:-$here/out}
for c in valgrind strace callgrind_annotate cc; do
	command -v $c >/dev/null 2>&1 ||
		{ echo "profile: $c not found (run: sh bench/setup.sh profile)" >&2; exit 2; }
done
. "$here/common.sh"
bench_clean_env REDO_SRC
WORK=${WORK:-$(mktemp -d "${TMPDIR:-/tmp}/redo-profile.XXXXXX")}
mkdir -p "$WORK" "$OUT"
WORK=$(cd "$WORK" && pwd -P)
[ -n "${KEEP:-}${REPORT_ONLY:-}" ] || trap 'rm -rf "$WORK"' EXIT
trap 'exit 130' INT TERM
# which redo.c: the last commit that touched it, and whether it differs from that
redo_id() {
	printf '%s' "$(git -C "$top" log -1 --format='redo.c of %h (%cs)' -- redo.c redo.h 2>/dev/null || echo 'redo.c of ?')"
	git -C "$top" diff --quiet HEAD -- redo.c redo.h 2>/dev/null || printf ', modified'
}
say() { echo "profile: $*" >&2; }

if [ -z "${REPORT_ONLY:-}" ]; then
	cc -O2 -o "$WORK/benchtool" "$here/benchtool.c"
	mkdir -p "$WORK/bin"
	cc -std=c99 -O2 -g -o "$WORK/bin/redo" "$REDO_SRC"
	for n in redo-ifchange redo-ifcreate redo-always redo-stamp redo-targets \
		redo-sources redo-ood redo-whichdo redo-log redo-recheck; do
		ln -sf redo "$WORK/bin/$n"
	done
	PATH=$WORK/bin:$PATH
	export PATH

	if [ -n "${TREE:-}" ]; then
		tree=$(cd "$TREE" && pwd -P)
	else
		tree=$WORK/tree
		say "generating N=$N and building it with redo -j2 (the no-op needs a built tree)"
		"$WORK/benchtool" gen "$tree" "$N"
		(cd "$tree" && redo -j2 all >"$WORK/build.log" 2>&1) ||
			{ tail "$WORK/build.log" >&2; exit 1; }
	fi
	cd "$tree"
	n0=$(wc -l <runlog)
	redo-ifchange all                     # warm the caches; must build nothing
	[ "$(wc -l <runlog)" -eq "$n0" ] || { echo "profile: the no-op rebuilt targets" >&2; exit 1; }

	say "strace -c -f"
	strace -c -f -o "$WORK/strace-c.txt" redo-ifchange all
	say "strace -f (every call, classified by path)"
	strace -f -qq -o "$WORK/trace.txt" redo-ifchange all
	say "valgrind --tool=callgrind"
	valgrind -q --tool=callgrind --callgrind-out-file="$WORK/cg.out" redo-ifchange all
	callgrind_annotate "$WORK/cg.out" >"$WORK/cg-self.txt" 2>/dev/null
	callgrind_annotate --inclusive=yes "$WORK/cg.out" >"$WORK/cg-incl.txt" 2>/dev/null
	[ "$(wc -l <runlog)" -eq "$n0" ] || { echo "profile: a profiled no-op rebuilt targets" >&2; exit 1; }

	# the floor program's syscalls, for comparison
	strace -c -f -o "$WORK/floor-c.txt" "$WORK/benchtool" floor-stat files.list
fi
tree=${tree:-${TREE:-$WORK/tree}}
cd "$tree"
T=$(wc -l <targets.list) F=$(wc -l <files.list)
ir=$(sed -n 's/^ *\([0-9,]*\) .*PROGRAM TOTALS.*/\1/p' "$WORK/cg-self.txt" | tr -d ,)
[ -n "$ir" ] || ir=0
total_calls() { awk '$NF == "total" {print $(NF - 2) + 0}' "$1"; }
sys=$(total_calls "$WORK/strace-c.txt") floor_sys=$(total_calls "$WORK/floor-c.txt")

# strace -c's table: calls and errors per syscall, per target
calls_table() {
	awk -v t="$T" '
	/^-/ || /^% time/ || $NF == "total" || NF < 5 {next}
	{ name = $NF; calls = $4; errs = (NF == 6) ? $5 : 0
	  printf "| %s | %d | %d | %.2f |\n", name, calls, errs, calls / t }' "$1" |
		sort -t'|' -k3,3nr
}

# every traced call classified: what the path is and whether it existed
classify() {
	awk -v top="$tree/" -v t="$T" '
	FILENAME ~ /targets.list$/ { tgt[$0] = 1; next }
	FILENAME ~ /files.list$/ { src[$0] = 1; next }
	{
		line = $0
		sub(/^[0-9]+ +/, "", line)
		name = line; sub(/\(.*/, "", name)
		if (name ~ /^(\+\+\+|---)/ || name == "") next
		path = ""
		if (match(line, /"[^"]*"/)) path = substr(line, RSTART + 1, RLENGTH - 2)
		if (index(path, top) == 1) path = substr(path, length(top) + 1)
		if (line ~ /^(read|pread64|write|close|newfstatat|fstat|lseek|fcntl|getdents64)\([0-9]+[,)]/) what = "an open fd"
		else if (path ~ /(^|\/)\.redo\/r[.#]/) what = "a record .redo/r.*"
		else if (path ~ /(^|\/)\.redo\//) what = "other .redo/ state"
		else if (path in tgt) what = "a target"
		else if (path ~ /\.do$/ && (path in src)) what = "a .do file in use"
		else if (path ~ /\.do$/) what = "a .do candidate"
		else if (path in src) what = "a source"
		else if (path != "") what = "other path (startup, PATH, cwd)"
		else what = "no path (startup, memory)"
		res = line ~ /= -1 ENOENT/ ? "ENOENT" : line ~ /= -1 / ? "error" : "ok"
		n[name " | " what " | " res]++
	}
	END { for (k in n) printf "| %s | %d | %.3f |\n", k, n[k], n[k] / t }
	' targets.list files.list "$WORK/trace.txt" | sort -t'|' -k5,5nr
}

# full build of a small project, traced: processes and syscalls per target
if [ "$FULLN" -gt 0 ] && [ -z "${REPORT_ONLY:-}" ]; then
	say "strace of full -j1 builds, N=$FULLN, redo and make"
	"$WORK/benchtool" gen "$WORK/small" "$FULLN"
	cp -a "$WORK/small" "$WORK/small-make"
	(cd "$WORK/small" && strace -f -qq -c -o "$WORK/full-redo-c.txt" redo -j1 all >/dev/null 2>&1)
	(cd "$WORK/small-make" && strace -f -qq -c -o "$WORK/full-make-c.txt" make -j1 >/dev/null 2>&1)
	rm -rf "$WORK/small" "$WORK/small-make"
	"$WORK/benchtool" gen "$WORK/small" "$FULLN"
	cp -a "$WORK/small" "$WORK/small-make"
	(cd "$WORK/small" && strace -f -qq -e trace=execve,fsync,fdatasync,rename,renameat,renameat2,fcntl,readlink,wait4,clone,clone3,fork,vfork -o "$WORK/full-redo.txt" redo -j1 all >/dev/null 2>&1)
	(cd "$WORK/small-make" && strace -f -qq -e trace=execve,wait4,clone,clone3,fork,vfork -o "$WORK/full-make.txt" make -j1 >/dev/null 2>&1)
fi
[ "$FULLN" -eq 0 ] || FT=$(wc -l <"$WORK/small/targets.list")

# full_table: syscalls per target of the two full builds, biggest first
full_table() {
	awk -v t="$FT" '
	/^-/ || /^% time/ || NF < 5 {next}
	{ name = $NF; calls = $4; if (name == "total") name = "**total**"
	  c[name, FILENAME ~ /redo/ ? "r" : "m"] = calls; names[name] = 1 }
	END { for (n in names) printf "| %s | %.2f | %.2f |\n", n, c[n, "r"] / t, c[n, "m"] / t }
	' "$WORK/full-redo-c.txt" "$WORK/full-make-c.txt" | sort -t'|' -k3,3nr | head -n 25
}
# processes started per target, by program (only the successful execs)
execs() {
	awk -v t="$FT" '/execve\(/ && !/= -1/ && !/resumed/ { p = $0; sub(/^[^"]*"/, "", p); sub(/".*/, "", p)
		sub(/.*\//, "", p); n[p]++; all++ }
		END { for (k in n) printf "%s %.2f, ", k, n[k] / t; printf "total %.2f", all / t }' "$1"
}

# callgrind_annotate lines, without the object file and the source directories
tidy() { sed -e 's/ \[[^]]*\]$//' -e 's|  [^ ]*/\([^/ ]*:\)|  \1|'; }

{
	echo "# redo no-op profile: N=$N ($T targets, $F files a no-op must look at)"
	echo
	echo "- $(date -u '+%Y-%m-%d %H:%M UTC'); redo $(redo_id)" \
		"($REDO_SRC, cc -O2 -g); $(uname -sr); load $(cut -d' ' -f1-3 /proc/loadavg)"
	echo "- command: \`redo-ifchange all\` in a tree redo built, after one warm-up no-op"
	echo
	echo "## Totals"
	echo
	echo "| | total | per target |"
	echo "|---|---|---|"
	echo "| syscalls (strace -c -f) | $sys | $(awk -v a="$sys" -v t="$T" 'BEGIN {printf "%.2f", a / t}') |"
	echo "| floor syscalls: lstat every file ($F files), plus open+read+close per target | $((F + 3 * T)) | $(awk -v a="$((F + 3 * T))" -v t="$T" 'BEGIN {printf "%.2f", a / t}') |"
	echo "| floor program's own lstat-only run (strace -c) | $floor_sys | $(awk -v a="$floor_sys" -v t="$T" 'BEGIN {printf "%.2f", a / t}') |"
	echo "| instructions (callgrind Ir) | $ir | $(awk -v a="$ir" -v t="$T" 'BEGIN {printf "%.0f", a / t}') |"
	echo
	echo "## Syscalls by kind (strace -c -f)"
	echo
	echo "| syscall | calls | errors | per target |"
	echo "|---|---|---|---|"
	calls_table "$WORK/strace-c.txt"
	echo
	echo "## Syscalls by what they touch (strace -f)"
	echo
	echo "| syscall | path is | result | calls | per target |"
	echo "|---|---|---|---|---|"
	classify
	echo
	echo "## One object's syscalls (strace -f, paths relative to the tree)"
	echo
	echo '```'
	obj=$(sed -n "$((T / 2 + 7))p" leaves.list | sed 's/\.c .*/.o/')
	awk -v o="$obj" -v top="$tree/" '
		index($0, "/.redo/r." substr(o, length(o) - 8)) && /openat/ { on = 1 }
		on { sub(/^[0-9]+ +/, ""); gsub(top, ""); print }
		on && index($0, substr(o, 1, length(o) - 1) "c\"") && !/redo\/r\./ { exit }
	' "$WORK/trace.txt" | cut -c1-150
	echo '```'
	echo
	if [ "$FULLN" -gt 0 ]; then
		echo "## Full build -j1, N=$FULLN ($FT targets): processes and syscalls per target"
		echo
		echo "- processes started per target, redo: $(execs "$WORK/full-redo.txt")"
		echo "- processes started per target, make: $(execs "$WORK/full-make.txt")"
		echo "- redo's fcntl calls per target, by command: $(grep -o 'fcntl([0-9]*, F_[A-Z_]*' "$WORK/full-redo.txt" |
			sed 's/.*, //' | sort | uniq -c | sort -rn | awk -v t="$FT" '{printf "%s%s %.1f", (NR > 1 ? ", " : ""), $2, $1 / t}')"
		echo "- redo's readlink calls per target: $(awk -v t="$FT" '/readlink\(/ {n++} END {printf "%.1f", n / t}' "$WORK/full-redo.txt")"
		echo "- redo's fsync+fdatasync: $(grep -c 'fsync\|fdatasync' "$WORK/full-redo.txt"), renames: $(grep -c 'rename' "$WORK/full-redo.txt"), fcntl locks: $(grep -c 'F_SETLK\|F_OFD_SETLK' "$WORK/full-redo.txt")"
		echo
		echo "| syscall | redo per target | make per target |"
		echo "|---|---|---|"
		full_table
		echo
	fi
	echo "## Instructions by function, self (callgrind, top 25)"
	echo
	echo '```'
	awk '/^-+$/ {d++; next} d >= 3 && NF' "$WORK/cg-self.txt" | head -n 25 | tidy
	echo '```'
	echo
	echo "## Instructions by function, inclusive (callgrind, top 30)"
	echo
	echo '```'
	awk '/^-+$/ {d++; next} d >= 3 && NF' "$WORK/cg-incl.txt" | head -n 30 | tidy
	echo '```'
} >"$WORK/profile.md"
cp "$WORK/profile.md" "$OUT/profile.md"
cp "$WORK/cg.out" "$OUT/callgrind.out"
cat "$WORK/profile.md"
say "report in $OUT/profile.md, callgrind data in $OUT/callgrind.out"
