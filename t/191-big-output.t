# SPEC §11 (issue 16): a .do's stderr goes to its log as it comes, so redo's memory does not grow with what a .do prints (with or without newlines); the log keeps every byte; on a terminal an unfinished line is shown as it is written, and another job's line never lands in the middle of it.
[ -r /proc/self/status ] || skip "no /proc/PID/status to read redo's peak memory from (Linux only)"
mb=${T_BIG_MB:-64}
MB=$mb
export MB
# each .do prints $mb MB to stderr, then reads the peak resident size of
# its parent (the redo running it) from /proc
do_file lines.do <<'X'
awk -v mb="$MB" 'BEGIN { s = sprintf("%1023s", ""); gsub(/ /, "x", s)
	for (i = 0; i < mb * 1024; i++) print s }' >&2
grep VmHWM /proc/$PPID/status | tr -dc 0-9 >../hwm.$2
X
do_file noline.do <<'X'
awk -v mb="$MB" 'BEGIN { s = sprintf("%1024s", ""); gsub(/ /, "y", s)
	for (i = 0; i < mb * 1024; i++) printf "%s", s }' >&2
grep VmHWM /proc/$PPID/status | tr -dc 0-9 >../hwm.$2
X
# the same redo with a .do that prints one line: the peak without the
# output (under valgrind or ASan it includes their own memory)
do_file quiet.do <<'X'
echo one line >&2
grep VmHWM /proc/$PPID/status | tr -dc 0-9 >../hwm.$2
X
mkdir d && mv lines.do noline.do quiet.do d/
(cd d && redo quiet 2>/dev/null) || fail "redo quiet"
base=$(cat hwm.quiet)
for k in lines noline; do
	(cd d && redo "$k" 2>/dev/null) || fail "redo $k"
	kb=$(cat hwm.$k)
	echo "$k: $mb MB printed, redo's peak RSS $kb kB (one line: $base kB)"
	[ $((kb - base)) -lt 12288 ] ||
		fail "$k: redo's peak RSS grew by $((kb - base)) kB, over 12 MB"
done
bytes=$((mb * 1024 * 1024))
# redo-log's first line names the target
assert_eq "$(redo-log d/lines | tail -n +2 | wc -c | tr -d ' ')" $((bytes)) "bytes in the log of lines"
# an unfinished last line is ended by one newline in the log
assert_eq "$(redo-log d/noline | tail -n +2 | wc -c | tr -d ' ')" $((bytes + 1)) "bytes in the log of noline"

# on a terminal: a's unfinished line shows before its newline, and b's
# line, printed meanwhile, goes after a newline of its own (both jobs of
# the top-level redo, which owns the screen; a nested redo sends whole
# lines, or pieces of LINE_MAX_KEPT bytes)
command -v script >/dev/null 2>&1 || skip "script(1) not installed (util-linux): partial lines not checked"
do_file a.do <<'X'
printf 'partial-A' >&2
while [ ! -e go ]; do sleep 0.01; done
printf ' end-A\n' >&2
X
do_file b.do <<'X'
while ! grep -q partial-A tty.out; do sleep 0.01; done
echo line-B >&2
touch go
X
TERM=xterm script -qfc "redo -j2 a b" /dev/null >tty.out 2>&1 </dev/null ||
	fail "redo a b on a terminal: $(cat tty.out)"
# what stays on the screen: a status line is erased by ESC[K
esc=$(printf '\033')
tr -d '\r' <tty.out | sed "s/.*${esc}\[K//" >tty.txt
grep -q 'partial-A$' tty.txt || fail "a's unfinished line was not ended before b's: $(od -c tty.out | head -20)"
grep -qx 'line-B' tty.txt || fail "b's line is not a line of its own: $(cat tty.txt)"
grep -q '^ end-A$' tty.txt || fail "the rest of a's line: $(cat tty.txt)"

# a log that cannot be kept (a full $TMPDIR) is said, once, and never
# shown as this build's
[ "$(id -u)" = 0 ] || skip "not root: no small tmpfs for a full \$TMPDIR"
mkdir full
mount -t tmpfs -o size=64k tmpfs full 2>/dev/null || skip "cannot mount a tmpfs"
trap 'umount full 2>/dev/null' EXIT
do_file big.do <<'X'
echo first >&2
awk 'BEGIN { for (i = 0; i < 4096; i++) print "0123456789abcdef0123456789abcdef" }' >&2
X
TMPDIR=$PWD/full redo big >/dev/null 2>err || fail "the build failed for its log: $(grep -v 0123 err)"
assert_eq "$(grep -c 'cannot keep its log' err)" 1 "messages about the log: $(grep -v 0123 err)"
redo-log big >log 2>&1
grep -q 0123 log && fail "a partial log is shown as this build's"
true
