# SPEC §5, issue 7, issue 16: a SIGKILL while redo copies a target's log into place (.redo/NAME,l,new) leaves nothing behind after the next run: the log is written before the record, so the target is rebuilt and the temp file replaced; the log kept during the .do (a nameless file in TMPDIR) leaves nothing either.
# The kill is an event: t/killer kills the moment the temp file appears
# (it looks every millisecond; copying 40 MB takes longer).  The
# session files under TMPDIR/redo-UID/sessions are not the log's.  A machine
# fast enough to finish the copy first gets another try.  About ten
# seconds: `make stress` and CI's reliability step only.
[ -n "${T_STRESS:-}" ] || skip "a long test: runs in make stress"
command -v cc >/dev/null 2>&1 || skip "no C compiler for t/killer.c"
cc -o killer "$T_TOP/t/killer.c" 2>cc.err || skip "cannot build t/killer.c"
mkdir tmp
TMPDIR=$PWD/tmp
export TMPDIR
do_file x.do <<'X2'
redo-ifchange src
head -c 40000000 /dev/zero | tr '\0' x | fold -w 1000 >&2
cat src
X2
echo 0 >src
ok redo-ifchange x 2>/dev/null
caught= n=0
while [ $n -lt 20 ]; do
	n=$((n + 1))
	echo $n >src
	res=$(./killer -w .redo/x,l,new 0 redo-ifchange x 2>/dev/null)
	case $res in
	"finished 0") continue ;;   # the copy ended first: again
	"killed 137") ;;
	*) fail "try $n: $res" ;;
	esac
	left=$(find tmp -type f ! -path '*/sessions/*')
	[ -z "$left" ] || fail "the .do's log outlived the kill in TMPDIR: $left"
	if [ -e .redo/x,l,new ]; then
		caught=$n
		break
	fi
done
[ -n "$caught" ] || skip "no kill landed in the log copy in $n tries"
echo "kill $n landed in the log copy"
ok redo-ifchange x 2>/dev/null
assert_eq "$(cat x)" $n "rebuilt after the kill"
[ -e .redo/x,l,new ] && fail "the log's temp file survived the next run"
assert_eq "$(wc -c <.redo/x,l)" 40040000 "the log, whole"
ok redo-ifchange x 2>/dev/null
[ -e .redo/x,l,new ] && fail "the log's temp file survived"
left=$(find tmp -type f ! -path '*/sessions/*')
[ -z "$left" ] || fail "files left in TMPDIR: $left"
exit 0
