# SPEC §5, issue 7: a SIGKILL while redo writes a target's log (.redo/tmp-l.NAME) leaves nothing behind after the next run: the log is written before the record, so the target is rebuilt and the temp file replaced.
# A sweep of kill delays over a build whose .do writes 40 MB to stderr,
# until one lands in the log write: about a minute, so `make stress` only.
[ -n "${T_STRESS:-}" ] || skip "a long sweep: runs in make stress"
command -v cc >/dev/null 2>&1 || skip "no C compiler for t/killer.c"
cc -o killer "$T_TOP/t/killer.c" 2>cc.err || skip "cannot build t/killer.c"
do_file x.do <<'X'
redo-ifchange src
head -c 40000000 /dev/zero | tr '\0' x | fold -w 1000 >&2
cat src
X
echo 0 >src
ok redo-ifchange x 2>/dev/null
caught= d=50 n=0
while [ $d -lt 30000 ]; do
	n=$((n + 1))
	echo $n >src
	res=$(./killer ${d}000 redo-ifchange x 2>/dev/null)
	case $res in
	"finished 0") d=$((25 + n % 50)); continue ;;   # too late: again
	"killed 137") ;;
	*) fail "delay $d ms: $res" ;;
	esac
	if [ -e .redo/tmp-l.x ]; then
		caught=$d
		break
	fi
	d=$((d + 50))
	[ $n -lt 400 ] || break
done
[ -n "$caught" ] || skip "no kill landed in the log write in $n tries"
echo "kill $n, after $caught ms, landed in the log write"
ok redo-ifchange x 2>/dev/null
assert_eq "$(cat x)" $n "rebuilt after the kill"
[ -e .redo/tmp-l.x ] && fail "the log's temp file survived the next run"
ok redo-ifchange x 2>/dev/null
[ -e .redo/tmp-l.x ] && fail "the log's temp file survived"
exit 0
