# issue 14 fix 11: SIGINT ignored when redo starts (a background job of a non-interactive shell) stays ignored, in redo, in the redo a .do runs and in the .do scripts, as make keeps it: the build finishes.
do_file out.do <<'X'
echo $$ >out.pid
redo-ifchange in
cat in >$3
X
do_file in.do <<'X'
echo $$ >in.pid
echo $PPID >nested.pid
: >started
while [ ! -e go ]; do sleep 0.01 2>/dev/null || sleep 1; done
echo built
X
# the shell starts redo in the background with SIGINT ignored (POSIX
# sh does so for an asynchronous list when job control is off)
sh -c 'redo out 2>err & echo $! >redo.pid; wait $!; echo $? >rc' &
sh=$!
await test -e started
for f in redo.pid out.pid nested.pid in.pid; do
	kill -INT "$(cat $f)" || fail "no process for $f"
done
# a signal a process ignores is discarded when sent: if any of them
# caught it, the SIGINT is pending and acts before go is seen
touch go
wait $sh
assert_eq "$(cat rc)" 0 "exit status of redo after a SIGINT it ignores"
assert_eq "$(cat out)" built "the target"
if grep "^redo: " err; then fail "redo complained"; fi
# (with SIGINT not ignored, a SIGINT stops the build: t/149)
