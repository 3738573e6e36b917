#!/bin/sh
# bench/syscalls.sh [N] - syscalls per target of a full -j1 build of the bench
# project (N targets' worth, default 300), split by the kind of process that
# made them: the top redo, the .do's redo-ifchange (and any other redo-* run
# inside a .do), sh (the .do's shell) and the tools the rules run (cat, cksum).
# A process counts as the program it last exec'd; a forked child, until its
# own execve, counts as its parent's kind (so a spawn's child-side setup is
# charged to redo). Prints a markdown table: calls per target, per syscall
# and kind, biggest first, then totals per kind.
#   REDO=./redo (the binary traced), WORK, KEEP as in bench.sh
set -eu
LC_ALL=C
export LC_ALL
here=$(cd "$(dirname "$0")" && pwd -P)
top=$(dirname "$here")
N=${1:-300}
REDO=${REDO:-$top/redo}
command -v strace >/dev/null 2>&1 || { echo "syscalls: strace not found" >&2; exit 2; }
. "$here/common.sh"
bench_clean_env REDO
WORK=${WORK:-$(mktemp -d "${TMPDIR:-/tmp}/redo-syscalls.XXXXXX")}
mkdir -p "$WORK/bin"
WORK=$(cd "$WORK" && pwd -P)
[ -n "${KEEP:-}" ] || trap 'rm -rf "$WORK"' EXIT
cc -O2 -o "$WORK/benchtool" "$here/benchtool.c"
bench_bin "$WORK/bin" "$REDO"
PATH=$WORK/bin:$PATH
export PATH
rm -rf "$WORK/tree"
"$WORK/benchtool" gen "$WORK/tree" "$N" >/dev/null
T=$(wc -l <"$WORK/tree/targets.list")
(cd "$WORK/tree" && strace -f -qq -o "$WORK/trace.txt" redo -j1 all >/dev/null 2>&1)
[ "$(wc -l <"$WORK/tree/runlog")" -eq "$T" ] ||
	{ echo "syscalls: the build ran $(wc -l <"$WORK/tree/runlog") rules, want $T" >&2; exit 1; }
awk -v t="$T" '
function kindof(prog) {
	sub(/.*\//, "", prog)
	if (prog == "redo") return "redo"
	if (prog ~ /^redo-/) return "redo-*"
	if (prog ~ /^(sh|dash|bash)$/) return "sh"
	return "tools"
}
{
	pid = $1; line = $0; sub(/^[0-9]+ +/, "", line)
	if (line ~ /^<\.\.\./) { name = line; sub(/^<\.\.\. /, "", name); sub(/ resumed.*/, "", name) }
	else { name = line; sub(/\(.*/, "", name) }
	if (name ~ /^(\+\+\+|---)/ || name == "" || name ~ / /) next
	# a child can speak before the clone in its parent returns: it takes the
	# kind of the process whose clone/vfork is under way
	if (!(pid in kind)) kind[pid] = (NR == 1) ? "redo" : (lastfork != "" ? kind[lastfork] : "?")
	isfork = (name == "clone" || name == "clone3" || name == "vfork" || name == "fork")
	if (name == "execve" && match(line, /^execve\("[^"]*"/)) prog[pid] = substr(line, 9, RLENGTH - 9)
	if (line ~ /unfinished \.\.\.>$/) {	# counted when it resumes, once
		if (isfork) lastfork = pid
		next
	}
	if (isfork && match(line, /= [0-9]+$/)) {
		child = substr(line, RSTART + 2); if (!(child in kind)) kind[child] = kind[pid]
	}
	if (name == "execve" && line ~ /= 0$/ && (pid in prog)) kind[pid] = kindof(prog[pid])
	k = kind[pid]; n[name, k]++; names[name] = 1; tot[k]++
	if (line ~ /= -1 /) { e[name, k]++; etot[k]++ }
}
END {
	split("redo redo-* sh tools", K, " ")
	row = "| **all** "
	for (i = 1; i <= 4; i++) row = row sprintf(" | %.1f (%.1f fail)", tot[K[i]] / t, etot[K[i]] / t)
	printf "%09d%s |\n", 999999999, row
	for (s in names) {
		row = sprintf("| %s", s); sum = 0
		for (i = 1; i <= 4; i++) {
			c = n[s, K[i]] / t; sum += n[s, K[i]]
			row = row sprintf(" | %.2f", c)
			if (e[s, K[i]]) row = row sprintf(" (%.2f fail)", e[s, K[i]] / t)
		}
		printf "%09d%s |\n", sum, row
	}
}' "$WORK/trace.txt" | { echo "| syscall | redo | redo-* | sh | tools |"; echo "|---|---|---|---|---|"; sort -r; } | sed '3,$s/^.........//' | head -n "${ROWS:-34}"
awk -v t="$T" '
{ pid = $1; line = $0; sub(/^[0-9]+ +/, "", line)
  if (match(line, /^execve\("[^"]*"/)) prog[pid] = substr(line, 9, RLENGTH - 9)
  if (line ~ /execve/ && line ~ /= 0$/ && (pid in prog)) { p = prog[pid]; sub(/.*\//, "", p); ex[p]++ } }
END { printf "\nexecs per target:"; for (p in ex) printf " %s %.2f", p, ex[p] / t; printf "\n" }' "$WORK/trace.txt"
echo "($T targets, $(wc -l <"$WORK/trace.txt") trace lines)"
