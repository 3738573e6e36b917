# Issue 12: the listing commands (redo-targets, redo-sources, redo-ood,
# redo-whichdo, redo-dot) and redo-log exit 4 (EXIT_SYSTEM) with one
# line on stderr when their output cannot be written: standard output
# closed, or (where there is /dev/full) a full device.
echo src >in.txt
do_file t.do <<'X'
redo-ifchange in.txt
echo "t's log line" >&2
cat in.txt
X
ok redo t 2>/dev/null
echo edited >in.txt     # so that redo-ood lists t

# each command once normally (it prints something and exits 0), then
# with stdout closed, then into /dev/full
check() {
	"$@" >out 2>err || fail "'$*' exited $? with a working stdout: $(cat err)"
	[ -s out ] || fail "'$*' printed nothing: the check below would prove nothing"
	exits 4 "$@" >&- 2>err
	assert_eq "$(cat err)" "redo: $1: cannot write standard output: Bad file descriptor" "'$*' >&-"
	if [ -c /dev/full ]; then
		exits 4 "$@" >/dev/full 2>err
		assert_eq "$(cat err)" "redo: $1: cannot write standard output: No space left on device" "'$*' >/dev/full"
	fi
}
check redo-targets
check redo-sources
check redo-ood
check redo-whichdo t
check redo-dot
check redo-log t
check redo-log -r t
# a command that fails anyway keeps its own exit code when stdout is fine
exits 5 redo-whichdo nothing/here >/dev/null
