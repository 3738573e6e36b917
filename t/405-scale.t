# SPEC §6, issue 7: a long chain of targets (each depending on the next) and one target depending on very many files both build and no-op check without crashing; the no-op forks nothing, rebuilds nothing and takes well under a second.
# Sizes: T_CHAIN (default 100, `make stress` 10000) and T_WIDE (default
# 20000, stress 100000).  The first build of a chain runs one nested
# redo (and one sh) per level, all alive at once: on this 2-core machine
# about 30-150 ms a level, so the 10,000 chain lives in `make stress`.
if [ -n "${T_STRESS:-}" ]; then
	chain=${T_CHAIN:-10000} wide=${T_WIDE:-100000}
elif [ ! -L "$(command -v redo)" ]; then
	# `make check-valgrind`: each level would be a valgrind process
	chain=${T_CHAIN:-15} wide=${T_WIDE:-2000}
else
	chain=${T_CHAIN:-100} wide=${T_WIDE:-20000}
fi
limit=1000     # ms of cpu for a no-op
[ -L "$(command -v redo)" ] || limit=60000

# cpu CMD...: runs CMD; $cpu is the CPU time (user + system, ms) it
# and its children used, from the shell's `times` (wall clock time on
# a shared machine says more about the neighbours than about redo)
cpu() {
	times >times.0
	"$@"
	_rc=$?
	times >times.1
	cpu=$(awk 'function s(t) { split(t, a, "m"); return a[1] * 60 + a[2] }
		FNR == 2 { c[FILENAME] = s($1) + s($2) }
		END { printf "%d", (c["times.1"] - c["times.0"]) * 1000 }' \
		times.0 times.1)
	return $_rc
}

# ---- a chain: t0 <- t1 <- ... <- tN <- src ----
mkdir chain && cd chain || fail "mkdir"
echo $chain >max
echo 7 >src
do_file default.c.do <<'X'
read -r m <max
n=${2#t}
if [ "$n" -lt "$m" ]; then
	redo-ifchange t$((n + 1)).c
	read -r x <t$((n + 1)).c
else
	redo-ifchange src
	read -r x <src
fi
echo $((x + 1))
X
s0=$(date +%s)
cpu redo-ifchange t0.c 2>err.log || {
	tail -n 5 err.log
	fail "chain of $chain: build failed"
}
s1=$(date +%s)
grep '^redo: ' err.log && fail "chain of $chain: messages"
assert_eq "$(cat t0.c)" $((chain + 8)) "chain of $chain: result"
echo "chain of $chain: built in $((s1 - s0)) s (cpu $cpu ms)"
n=$(find .redo -name '*,r' | wc -l)
assert_eq $n $((chain + 1)) "chain of $chain: records"
cpu redo-ifchange t0.c 2>err.log || fail "chain of $chain: no-op failed"
[ -s err.log ] && fail "chain of $chain: the no-op talked: $(head -n 3 err.log)"
echo "chain of $chain: no-op cpu $cpu ms"
[ "$cpu" -lt $limit ] || fail "chain of $chain: no-op took $cpu ms of cpu"
cpu redo-ood >ood || fail "redo-ood on the chain"
[ -s ood ] && fail "redo-ood lists $(wc -l <ood) targets after a build"
echo "chain of $chain: redo-ood cpu $cpu ms"
cpu redo-targets >list || fail "redo-targets on the chain"
assert_eq "$(lines list)" $((chain + 1)) "redo-targets on the chain"
# a change at the bottom: the whole chain again (each level re-checks
# what is below it, so this one is quadratic: small chains only)
if [ $chain -le 1000 ]; then
	echo 8 >src
	ok redo-ifchange t0.c 2>/dev/null
	assert_eq "$(cat t0.c)" $((chain + 9)) "chain of $chain: rebuilt"
fi
cd .. || fail "cd"

# ---- one target depending on $wide files ----
mkdir wide && cd wide || fail "mkdir"
mkdir src
i=0
while [ $i -lt $wide ]; do
	: >src/f$i
	i=$((i + 1))
done
echo 1 >src/f7
do_file all.do <<'X'
cd src
ls | xargs redo-ifchange
echo all >>../runs.log
cat f7
X
s0=$(date +%s)
cpu redo-ifchange all 2>err.log || {
	tail -n 5 err.log
	fail "$wide dependencies: build failed"
}
s1=$(date +%s)
echo "$wide dependencies: built in $((s1 - s0)) s (cpu $cpu ms)"
n=$(grep -c '^dep c ' .redo/all,r)
assert_eq $n $wide "$wide dependencies: recorded"
s0=$(date +%s)
cpu redo-ifchange all 2>err.log || fail "$wide dependencies: no-op failed"
s1=$(date +%s)
[ -s err.log ] && fail "$wide dependencies: the no-op talked: $(head -n 3 err.log)"
assert_eq "$(ran all)" 1 "$wide dependencies: no-op rebuilt nothing"
echo "$wide dependencies: no-op cpu $cpu ms, about $((s1 - s0)) s of wall time"
[ "$cpu" -lt $limit ] || fail "$wide dependencies: no-op took $cpu ms of cpu"
# one file among them changes: exactly one rebuild, which sees it
echo 2 >src/f7
ok redo-ifchange all 2>/dev/null
assert_eq "$(ran all)" 2 "$wide dependencies: one edit"
assert_eq "$(cat all)" 2 "$wide dependencies: the edit seen"
rm src/f9
ok redo-ifchange all 2>/dev/null
assert_eq "$(ran all)" 3 "$wide dependencies: a deleted file"
