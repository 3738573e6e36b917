# SPEC §8, issue 7: SIGTERM or SIGINT sent to a redo that does not lead its process group (started from a script, stopped with kill PID) stops the whole build: nested redo processes see the session end (the lifeline pipe), kill their .do scripts, write no record and leave no temp file; the lock is free again and the next run builds normally.
do_file all.do <<'X'
redo-ifchange sub
echo all
X
do_file sub.do <<'X'
echo partial >"$3"
echo $$ >sub.pid
: >sub.started
while ! [ -e release ]; do sleep 0.01; done
echo sub >>after.log
echo sub >"$3"
X
. "$T_TOP/t/par.sh"
build_sigdfl
for sig in TERM INT; do
	rm -rf .redo sub all sub.started sub.pid release after.log
	# a plain background job of this script: same process group as the
	# test, so redo is not a group leader (with SIGINT not ignored, as
	# for a redo started from a terminal: t/sigdfl.c)
	"$SIGDFL" redo all 2>err &
	pid=$!
	await test -e sub.started
	kill -$sig $pid
	wait $pid
	rc=$?
	[ $rc -ne 0 ] || fail "SIG$sig: redo exited 0"
	# a sub.do still running would now finish and log it: wait until
	# its shell is gone
	touch release
	await gone "$(cat sub.pid)"
	[ -e after.log ] && fail "SIG$sig: sub.do ran on after redo was stopped"
	[ -e .redo/sub,r ] && fail "SIG$sig: a record of sub was written"
	[ -e sub ] && fail "SIG$sig: sub was committed"
	tmps=$(find . -name '*.redo.tmp' -o -path '*/.redo/tmp*')
	[ -z "$tmps" ] || fail "SIG$sig: temp files left: $tmps"
	# the lock is free and the state as before: a normal run builds all
	rm -f release
	touch release
	ok redo all 2>err2
	assert_eq "$(cat sub)" sub "SIG$sig: sub after the rerun"
	assert_eq "$(cat all)" all "SIG$sig: all after the rerun"
done
