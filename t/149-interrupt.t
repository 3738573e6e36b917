# SPEC §8 (issue 2): on SIGTERM/SIGINT redo stops the .do, removes its temp files, leaves target and record as they were, and exits non-zero (130).
do_file t.do <<'X'
echo t >>runs.log
redo-ifchange in
echo partial >$3
if [ -e killme ]; then
	kill -TERM $PPID
	# wait for redo to kill us however long it takes to get to it (the
	# test's time limit bounds a redo that never does)
	exec sleep 300
fi
cat in >$3
X
echo v1 >in
ok redo t
cp .redo/t,r rec.before
echo v2 >in
touch killme
redo t 2>err
rc=$?
assert_eq "$rc" 130 "exit status after SIGTERM"
assert_eq "$(cat t)" v1 "target as it was"
[ -e t.redo.tmp ] && fail "\$3 left behind"
cmp -s rec.before .redo/t,r || fail "record changed: $(cat .redo/t,r)"
ls .redo | grep -v ',[rl]$' | grep -v '^lock$' | grep -q . && fail "temp files left in .redo: $(ls .redo)"
# the next run builds it
rm killme
ok redo-ifchange t
assert_eq "$(cat t)" v2 "rebuilt"
# SIGINT the same
touch killme
do_file u.do <<'X'
echo partial >$3
kill -INT $PPID
exec sleep 300
X
redo u 2>/dev/null
assert_eq "$?" 130 "exit status after SIGINT"
[ -e u ] && fail "target created"
[ -e u.redo.tmp ] && fail "\$3 left behind"
true
