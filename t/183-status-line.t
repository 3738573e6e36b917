# issue 14 fix 3: the status line takes the terminal's width (TIOCGWINSZ, before $COLUMNS), follows a resize (SIGWINCH), never wraps, and when cut keeps the running leaf; fix 10: the summary says the build was interrupted.
command -v python3 >/dev/null 2>&1 || skip "python3 not installed (runs redo on a pseudo-terminal: t/onpty.py)"
long=a-target-with-a-rather-long-name-indeed
do_file all.do <<X
redo-ifchange $long
X
do_file $long.do <<'X'
redo-ifchange leaf-xyz
echo done
X
do_file leaf-xyz.do <<'X'
: >leaf.started
while [ ! -e go ]; do sleep 0.01 2>/dev/null || sleep 1; done
echo leaf
X
# 40 columns, and a $COLUMNS that says otherwise; 30 once the leaf runs
COLUMNS=200 TERM=xterm python3 "$T_TOP/t/onpty.py" 40 30 leaf.started redo all >tty.out ||
	fail "redo on a terminal: $(cat tty.out)"
tr '\r' '\n' <tty.out | grep '^redo \[' >status
grep -q . status || fail "no status line: $(cat tty.out)"
awk 'length($0) > 39 { bad = 1; print } END { exit bad }' status ||
	fail "a status line wider than 39 columns of 40"
grep -qx 'redo \[0/3\] \.\.\. leaf-xyz' status ||
	fail "the running leaf not kept when cut: $(cat status)"
# drawn after the leaf ended, so after the SIGWINCH: 29 columns of 30
grep '^redo \[[1-9]' status >after
grep -q . after || fail "no status line after the leaf ended: $(cat status)"
awk 'length($0) > 29 { bad = 1; print } END { exit bad }' after ||
	fail "a status line wider than 29 columns after the resize to 30"
# "redo [1/3] ..." and 14 bytes: 28 columns
grep -qx "redo \[1/3\] \.\.\.$(printf %s "$long" | tail -c 14)" after ||
	fail "the end of a name too long for the line: $(cat after)"
grep -q 'redo: 3 built, 0 failed, ' tty.out || fail "no summary"
grep -q 'interrupted' tty.out && fail "not interrupted: $(cat tty.out)"
# interrupted: the summary says so
do_file stop.do <<'X'
kill -TERM $PPID
exec sleep 300
X
TERM=xterm python3 "$T_TOP/t/onpty.py" 80 80 nothing redo stop >tty2.out
assert_eq "$?" 130 "exit status after SIGTERM"
grep -q 'redo: 0 built, 0 failed, interrupted, ' tty2.out ||
	fail "the summary does not say it was interrupted: $(cat tty2.out)"
# issue 15: an estimate of the time left, from the last build of the
# same targets (its record's time line, here said to have taken 1000 s)
rm -f go
do_file est.do <<'X2'
redo-ifchange est-leaf
X2
do_file est-leaf.do <<'X2'
: >est.started
while [ ! -e go ]; do sleep 0.01 2>/dev/null || sleep 1; done
X2
touch go
ok redo est
grep -q '^time ' "$(rec est)" || fail "no time line: $(cat "$(rec est)")"
set -- $(grep '^time ' "$(rec est)")
sed "s/^time .*/time $2 $3 $(($3 + 1000000000)) $5 $6 $7/" "$(rec est)" >rec.new &&
	mv rec.new "$(rec est)"
rm -f go
TERM=xterm python3 "$T_TOP/t/onpty.py" 80 80 est.started redo est >tty3.out ||
	fail "redo est on a terminal: $(cat tty3.out)"
tr '\r' '\n' <tty3.out | grep '^redo \[' >status3
grep -q '^redo \[0/[12]\] ~1[0-6]m[0-5][0-9]s left est' status3 ||
	fail "no estimate of the time left: $(cat status3)"
# without a last build: none
rm -rf .redo
TERM=xterm python3 "$T_TOP/t/onpty.py" 80 80 est.started redo est >tty4.out ||
	fail "redo est (first build): $(cat tty4.out)"
tr '\r' '\n' <tty4.out | grep -q 'left' && fail "an estimate without a last build: $(cat tty4.out)"
exit 0
