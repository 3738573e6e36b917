# issue 3: redo-stamp refuses a terminal on stdin (it would wait forever for the user).
command -v script >/dev/null 2>&1 || skip "script(1) not installed"
do_file t.do <<'X'
[ -t 0 ] && echo "stdin of the .do is a terminal" >stamp.err
if redo-stamp </dev/tty 2>>stamp.err; then echo rc=0; else echo "rc=$?"; fi >stamp.rc
X
# run redo under a pseudo-terminal, so that /dev/tty exists for the .do
script -qec "redo t" /dev/null >script.out 2>&1 </dev/null ||
	script -q -c "redo t" /dev/null >script.out 2>&1 </dev/null
[ -e stamp.rc ] || skip "could not get a terminal with script(1): $(cat script.out | tr '\n' ' ')"
assert_eq "$(cat stamp.rc)" rc=2 "redo-stamp exit status (usage)"
grep -qi 'terminal' stamp.err || fail "message: $(cat stamp.err)"
