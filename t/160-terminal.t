# issue 5 / SPEC §11: on a terminal a status line shows progress and is erased, failures are coloured, a summary ends the run; never when stderr is a file.
command -v script >/dev/null 2>&1 || skip "script(1) not installed (util-linux)"
do_file all.do <<'X'
redo-ifchange a b
X
do_file a.do <<'X'
echo a-out
X
do_file b.do <<'X'
echo b says hello >&2
exit 3
X
esc=$(printf '\033')
# a pseudo-terminal: script runs redo with its stderr on a pty
TERM=xterm script -qc "redo all" /dev/null >tty.out 2>&1 </dev/null
grep -q "redo \[" tty.out || fail "no status line on the terminal"
grep -q "${esc}\[K" tty.out || fail "the status line is never erased"
grep -q "${esc}\[31mredo: b: failed (exit 3)" tty.out || fail "failure not coloured"
grep -q "built, 2 failed" tty.out || fail "no summary line"
grep -q "b says hello" tty.out || fail ".do stderr missing"
# the last status drawing is erased before the summary
tail -c 200 tty.out | grep -q "${esc}\[K${esc}\[31mredo: 1 built" || fail "status line left on screen at exit"

rm -rf .redo a b
NO_COLOR=1 TERM=xterm script -qc "redo all" /dev/null >tty2.out 2>&1 </dev/null
grep -q "${esc}\[31m" tty2.out && fail "NO_COLOR still coloured"
grep -q "redo \[" tty2.out || fail "NO_COLOR should keep the status line"

rm -rf .redo a b
TERM=dumb script -qc "redo all" /dev/null >tty3.out 2>&1 </dev/null
grep -q "${esc}" tty3.out && fail "TERM=dumb got escape sequences"

rm -rf .redo a b
redo all 2>file.err
grep -q "${esc}" file.err && fail "escape sequences in a file"
grep -q "redo \[" file.err && fail "status line in a file"
grep -q "built, .* failed" file.err && fail "terminal summary in a file"
grep -q "^redo: b: failed (exit 3)$" file.err || fail "plain failure message missing"
