# SPEC §10, issue 4: a redo process that must wait for a target another process is building first ends its own running jobs (releasing their locks): no deadlock, no job left running without a token.
. "$T_TOP/t/par.sh"
# P: redo -j2 top; top.do: redo-ifchange p q.  p runs (P holds its
# lock); q's only changed input is s, a redo-stamp'ed target, so P first
# brings s up to date, and s is being built by Q ('redo s'), whose s.do
# in turn needs p.  P must finish p before it sleeps on s's lock, or Q
# waits for p forever and P for s.
do_file top.do <<'X'
redo-ifchange p q
X
do_file p.do <<'X'
redo-always
if [ -e phase2 ]; then
	i=0
	while ! [ -e p.go ] && [ $i -lt 500 ]; do sleep 0.01; i=$((i + 1)); done
fi
echo p
X
do_file q.do <<'X'
redo-ifchange s
cat s
X
do_file s.do <<'X'
redo-ifchange s.in
if [ -e phase2 ]; then
	touch s.started
	# until P waits for s (or 5 s)
	i=0
	while ! grep -q locked P.err 2>/dev/null && [ $i -lt 500 ]; do
		sleep 0.01
		i=$((i + 1))
	done
	redo-ifchange p
fi
redo-stamp <s.in
cat s.in
X
echo one >s.in
ok to 20 redo top 2>err
touch phase2
tick
echo two >s.in
to 10 redo s 2>Q.err &
q=$!
i=0
while ! [ -e s.started ] && [ $i -lt 500 ]; do sleep 0.01; i=$((i + 1)); done
REDO_DEBUG=1 to 10 redo -j2 top 2>P.err &
p=$!
i=0
while ! grep -q locked P.err && [ $i -lt 500 ]; do sleep 0.01; i=$((i + 1)); done
sleep 0.1
touch p.go
wait $q
rcq=$?
wait $p
rcp=$?
[ $rcq -ne 124 ] && [ $rcp -ne 124 ] || fail "deadlock: redo s exited $rcq, redo -j2 top $rcp"
assert_eq "$rcq $rcp" "0 0" "exit codes of redo s and redo -j2 top"
assert_eq "$(cat q)" two "q"
