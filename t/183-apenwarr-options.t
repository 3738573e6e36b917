# issue 14: apenwarr's options are honoured where they make sense: --no-details (no .do stderr shown, still logged; redo-log headers only), --no-log (shown, not logged), --debug-pids (a pid on redo's lines), --debug-locks (a lock waited for, and got), and on a terminal --no-status, --no-pretty, --color.
do_file all.do <<'X'
redo-ifchange a
echo all says hi >&2
X
do_file a.do <<'X'
echo a says hi >&2
echo a
X
redo --no-details all 2>err || fail "--no-details"
grep -q 'says hi' err && fail "--no-details showed .do stderr: $(cat err)"
grep -q '^redo  all$' err && grep -q '^redo    a$' err || fail "--no-details lost the redo lines: $(cat err)"
assert_eq "$(cat "$(logf a)")" "a says hi" "--no-details still logs (nested too)"
redo-log --no-details -r all >out || fail "redo-log --no-details"
printf 'redo  all\nredo    a\n' >want
cmp -s out want || fail "redo-log --no-details: $(cat out)"
redo-log -r all >out
grep -q 'a says hi' out || fail "redo-log: $(cat out)"
rm -rf .redo a
redo --no-log all 2>err || fail "--no-log"
grep -q 'a says hi' err && grep -q 'all says hi' err || fail "--no-log hid the output: $(cat err)"
[ ! -e "$(logf a)" ] && [ ! -e "$(logf all)" ] || fail "--no-log kept a log"
redo a 2>/dev/null
[ -s "$(logf a)" ] || fail "a plain redo keeps the log again"
rm a
redo --debug-pids -k nothere all 2>err
grep -q '^redo\[[0-9][0-9]*\]  all$' err || fail "--debug-pids progress: $(cat err)"
grep -q '^redo\[[0-9][0-9]*\]: nothere: no rule to build it$' err ||
	fail "--debug-pids message: $(cat err)"
grep -q '^redo\[[0-9][0-9]*\]    a$' err || fail "--debug-pids nested: $(cat err)"
# --debug-locks: a second redo waits for the lock the first holds
do_file slow.do <<'X'
: >started
while [ ! -e go ]; do sleep 0.01 2>/dev/null || sleep 1; done
echo slow
X
redo slow 2>/dev/null &
p1=$!
await test -e started
redo --debug-locks slow 2>err2 &
p2=$!
await grep -q '^redo: slow: locked by another process; waiting$' err2
: >go
wait $p1 || fail "first build"
wait $p2 || fail "second build: $(cat err2)"
grep -q '^redo: slow: got the lock after waiting$' err2 || fail "--debug-locks: $(cat err2)"
redo slow 2>err
grep -q lock err && fail "lock lines without --debug-locks: $(cat err)"

# on a terminal
command -v script >/dev/null 2>&1 || skip "script(1) not installed: terminal options not checked"
esc=$(printf '\033')
do_file bad.do <<'X'
exit 3
X
TERM=xterm script -qc "redo --no-status all" /dev/null >t1 2>&1 </dev/null
grep -q "redo \[" t1 && fail "--no-status drew a status line"
grep -q "redo  all" t1 || fail "--no-status: $(cat t1)"
TERM=xterm script -qc "redo --no-pretty bad" /dev/null >t2 2>&1 </dev/null
grep -q "$esc" t2 && fail "--no-pretty printed escapes"
grep -q "redo: bad: failed (exit 3)" t2 || fail "--no-pretty: $(cat t2)"
NO_COLOR=1 TERM=xterm script -qc "redo --color bad" /dev/null >t3 2>&1 </dev/null
grep -q "${esc}\[31mredo: bad: failed" t3 || fail "--color under NO_COLOR: $(cat t3)"
TERM=xterm script -qc "redo --no-color bad" /dev/null >t4 2>&1 </dev/null
grep -q "${esc}\[31m" t4 && fail "--no-color coloured"
grep -q "redo \[" t4 || fail "--no-color keeps the status line"
exit 0
