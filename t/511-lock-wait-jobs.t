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
	while ! [ -e p.go ]; do sleep 0.01; done
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
	# until P waits for s's lock
	while ! grep -q locked P.err 2>/dev/null; do sleep 0.01; done
	redo-ifchange p
fi
redo-stamp <s.in
cat s.in
X
echo one >s.in
ok redo top 2>err
touch phase2
echo two >s.in
# no bound of our own: a deadlock ends at the test's time limit
redo s 2>Q.err &
q=$!
await test -e s.started
REDO_DEBUG=1 redo -j2 top 2>P.err &
p=$!
await grep -q locked P.err
touch p.go
wait $q
rcq=$?
wait $p
rcp=$?
assert_eq "$rcq $rcp" "0 0" "exit codes of redo s and redo -j2 top"
assert_eq "$(cat q)" two "q"
