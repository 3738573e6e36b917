# issue 8 (scaling past one machine): example-distcc/ builds with CC="distcc cc" and redo -j4, its compiles served by a distccd on 127.0.0.1 only.
command -v distcc >/dev/null 2>&1 || skip "distcc not installed (Debian: apt-get install distcc)"
command -v distccd >/dev/null 2>&1 || skip "distccd not installed (Debian: apt-get install distcc)"
command -v cc >/dev/null 2>&1 || skip "no cc on PATH"

ex=$T_TOP/example-distcc
[ -f "$ex/default.o.do" ] || fail "$ex/default.o.do is missing"
mkdir proj
cp "$ex"/*.c "$ex"/*.h "$ex"/*.do proj/ || fail "copying the example"

# distccd drops root for its own user, so it gets the log on stderr (an
# open descriptor, no path to reach) and /tmp for its temp files.
pid=
stop() {
	if [ -n "$pid" ]; then
		kill "$pid" 2>/dev/null
		wait "$pid" 2>/dev/null
		pid=
	fi
}
trap stop EXIT
trap 'stop; exit 1' INT TERM
port=
try=0
while [ $try -lt 8 ] && [ -z "$port" ]; do
	try=$((try + 1))
	# seconds without a leading zero: "08" is no number to bash --posix
	sec=$(date +%S)
	sec=${sec#0}
	p=$(( ($$ * 7 + try * 811 + sec * 131) % 20000 + 30000 ))
	: >d.log
	TMPDIR=/tmp distccd --daemon --no-detach --listen 127.0.0.1 \
		--port "$p" --allow 127.0.0.1 --jobs 4 --log-stderr \
		--log-level=info 2>>d.log &
	pid=$!
	n=0
	while [ $n -lt 100 ]; do
		if grep -q "listening on 127.0.0.1:$p" d.log; then
			port=$p
			break
		fi
		kill -0 "$pid" 2>/dev/null || break
		n=$((n + 1))
	done
	[ -n "$port" ] || { stop; cat d.log; }
done
[ -n "$port" ] || fail "distccd did not start on 127.0.0.1 (tried $try ports)"
echo "distccd on 127.0.0.1:$port"

# No local fallback: a compile that did not go through distccd fails.
cd proj || fail "cd proj"
mkdir .distcc
CC="distcc cc" DISTCC_HOSTS="127.0.0.1:$port/4" DISTCC_FALLBACK=0 \
DISTCC_DIR="$PWD/.distcc" ok redo -j4 all
out=$(./hello) || fail "./hello exited $?"
assert_eq "$out" "HELLO, REDO AND DISTCC (6 vowels) [example-distcc 1]" "the program's output"
cd ..
stop

for c in main greet shout vowels version; do
	grep -q "COMPILE_OK.* $c\.c" d.log || {
		cat d.log
		fail "distccd did not compile $c.c"
	}
done
grep -c COMPILE_OK d.log
