# SPEC §1 (issue 2): descriptors named in redo's environment are checked before use: if a .do closed or reused them, nested commands carry on silently; the dependency channel is then reached by its name (REDO_DEPFILE), so what they declare is not lost (a Python .do's subprocess closes descriptors by default).
command -v cc >/dev/null 2>&1 || skip "no cc (needed for a helper that closes high descriptors)"
# fdtool [-c] CMD...: closes the descriptors of REDO_LOGPIPE and
# REDO_ERRFD; points REDO_DEPFD's at a new file "reused" (-c: closes it)
cat >fdtool.c <<'X'
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
static int fdof(const char *v) { return v ? atoi(v) : -1; }
int main(int argc, char **argv)
{
	int fd = fdof(getenv("REDO_LOGPIPE")), d = fdof(getenv("REDO_DEPFD"));
	int closeall = argc > 1 && strcmp(argv[1], "-c") == 0;
	if (fd > 2) close(fd);
	fd = fdof(getenv("REDO_ERRFD"));
	if (fd > 2) close(fd);
	if (d > 2 && closeall) {
		close(d);
	} else if (d > 2) {
		int r = open("reused", O_WRONLY | O_CREAT | O_TRUNC, 0666);
		if (r >= 0 && r != d) { dup2(r, d); close(r); }
	}
	execvp(argv[1 + closeall], argv + 1 + closeall);
	return 127;
}
X
cc -o fdtool fdtool.c || fail "cannot build the helper"
do_file sub.do <<'X'
echo sub
X
do_file sub2.do <<'X'
echo sub2
X
do_file t.do <<'X'
echo t >>runs.log
./fdtool redo-ifchange sub 2>nested.err
echo "rc=$?" >t.rc
./fdtool -c redo-ifchange sub2 2>>nested.err
echo "rc=$?" >>t.rc
X
mkdir tmp
TMPDIR=$PWD/tmp
export TMPDIR
ok redo t 2>err
assert_eq "$(cat t.rc)" "rc=0
rc=0" "nested redo-ifchange succeeded"
assert_eq "$(cat sub) $(cat sub2)" "sub sub2" "and built"
[ -e reused ] || fail "helper did not run"
[ -s reused ] && fail "wrote into a reused descriptor: $(cat reused)"
grep -q 'redo: ' nested.err && fail "nested run complained: $(cat nested.err)"
grep -q '^dep c .* sub$' .redo/t,r || fail "sub, declared with REDO_DEPFD's descriptor reused, is not a dependency of t: $(cat .redo/t,r)"
grep -q '^dep c .* sub2$' .redo/t,r || fail "sub2, declared with REDO_DEPFD's descriptor closed, is not a dependency of t"
# and so a change below them is seen
echo 'echo sub2 again' >sub2.do
ok redo-ifchange t 2>err
assert_eq "$(cat sub2)" "sub2 again" "sub2 rebuilt"
assert_eq "$(ran t)" 2 "t rebuilt"
left=$(find tmp -type f)
[ -z "$left" ] || fail "files left in TMPDIR: $left"
true
