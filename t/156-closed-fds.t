# SPEC §1 (issue 2): descriptors named in redo's environment are checked before use: if a .do closed or reused them, nested commands carry on silently.
command -v cc >/dev/null 2>&1 || skip "no cc (needed for a helper that closes high descriptors)"
# fdtool: closes REDO_DEPFD's and REDO_LOGPIPE's descriptors, points
# REDO_ERRFD's at a file named "reused", then runs the command
cat >fdtool.c <<'X'
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>
static int fdof(const char *v) { return v ? atoi(v) : -1; }
int main(int argc, char **argv)
{
	int fd = fdof(getenv("REDO_DEPFD")), e = fdof(getenv("REDO_ERRFD"));
	(void)argc;
	if (fd > 2) close(fd);
	fd = fdof(getenv("REDO_LOGPIPE"));
	if (fd > 2) close(fd);
	if (e > 2) {
		int r = open("reused", O_WRONLY | O_CREAT | O_TRUNC, 0666);
		if (r >= 0 && r != e) { dup2(r, e); close(r); }
	}
	execvp(argv[1], argv + 1);
	return 127;
}
X
cc -o fdtool fdtool.c || fail "cannot build the helper"
do_file sub.do <<'X'
echo sub
X
do_file t.do <<'X'
./fdtool redo-ifchange sub 2>nested.err
echo "rc=$?" >t.rc
X
ok redo t 2>err
assert_eq "$(cat t.rc)" rc=0 "nested redo-ifchange succeeded"
assert_eq "$(cat sub)" sub "and built"
[ -e reused ] || fail "helper did not run"
[ -s reused ] && fail "wrote into a reused descriptor: $(cat reused)"
grep -q 'redo: ' nested.err && fail "nested run complained: $(cat nested.err)"
true
