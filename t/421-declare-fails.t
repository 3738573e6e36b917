# Issue 12: a declaration that cannot be written to the dependency
# channel makes redo-ifchange (redo-ifcreate, redo-always, redo-stamp,
# redo) fail with "redo: TARGET: cannot record dependency X: why", so
# the .do fails (sh -e) and the target keeps its old state: a later
# edit of X is still seen.  The helper "chan" points the channel at
# /dev/full (writes fail with ENOSPC) or closes it (-c).
[ -c /dev/full ] || skip "no /dev/full (needed to make the channel's writes fail)"
command -v cc >/dev/null 2>&1 || skip "no cc (needed for a helper that redirects the channel)"
cat >chan.c <<'X'
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
/* chan [-c] CMD...: REDO_DEPFD's descriptor made /dev/full (or closed),
 * REDO_DEPFD naming it, REDO_DEPFILE unset; then CMD */
int main(int argc, char **argv)
{
	const char *v = getenv("REDO_DEPFD");
	int fd = v ? atoi(v) : -1, closeit = argc > 1 && !strcmp(argv[1], "-c");
	struct stat st;
	char buf[96];
	if (fd < 0 || argc < 2 + closeit)
		return 99;
	unsetenv("REDO_DEPFILE");
	if (closeit) {
		close(fd);
	} else {
		int f = open("/dev/full", O_WRONLY);
		if (f < 0 || dup2(f, fd) < 0 || fstat(fd, &st) < 0)
			return 98;
		close(f);
		snprintf(buf, sizeof buf, "%d:%llu:%llu", fd,
			 (unsigned long long)st.st_dev,
			 (unsigned long long)st.st_ino);
		setenv("REDO_DEPFD", buf, 1);
	}
	execvp(argv[1 + closeit], argv + 1 + closeit);
	return 127;
}
X
cc -o chan chan.c || fail "cannot build the helper"

# The group target of the issue: three objects, the third declared
# through $WRAP.
for s in a b c; do
	echo "$s v1" >$s.src
	do_file $s.o.do <<X
echo $s.o >>runs.log
redo-ifchange $s.src
cat $s.src
X
done
do_file group.do <<'X'
echo group >>runs.log
redo-ifchange a.o b.o
$WRAP redo-ifchange c.o
cat a.o b.o c.o
X
WRAP= ok redo-ifchange group
before=$(cat .redo/group,r)
echo "c v2" >c.src
WRAP=./chan exits 1 redo-ifchange group 2>err
grep -qx 'redo: group: cannot record dependency c.o: No space left on device' err ||
	fail "no message for the lost declaration: $(cat err)"
assert_eq "$(cat group)" "a v1
b v1
c v1" "the failed group keeps its old file"
grep -q '^dep c .* c\.o$' .redo/group,r ||
	fail "the group's record lost c.o: $(cat .redo/group,r)"
# a fault-free build repairs it, and an edit of c's source is seen again
WRAP= ok redo-ifchange group
assert_eq "$(cat group)" "a v1
b v1
c v2" "rebuilt"
echo "c v3" >c.src
WRAP= ok redo-ifchange group
assert_eq "$(sed -n 3p group)" "c v3" "an edit of the third object's source is rebuilt"
[ "$before" != "$(cat .redo/group,r)" ] || fail "the record never changed"

# the channel closed (no REDO_DEPFILE to reopen it by): said so
WRAP="./chan -c" exits 1 redo group 2>err
grep -qx 'redo: group: cannot record dependency c.o: the dependency channel (REDO_DEPFD) is closed' err ||
	fail "closed channel: $(cat err)"

# each declaring command, alone in a .do: exits 4 (EXIT_SYSTEM), the
# .do fails, the target keeps its file
do_file ifc.out.do <<'X'
$WRAP redo-ifcreate nothing.here
echo new
X
do_file alw.out.do <<'X'
$WRAP redo-always
echo new
X
do_file stp.out.do <<'X'
echo data | $WRAP redo-stamp
echo new
X
do_file frc.out.do <<'X'
$WRAP redo a.o
echo new
X
do_file rc.do <<'X'
rc=0
$WRAP "$CMD" $ARGS || rc=$?
echo "$rc" >rc.txt
X
for t in ifc alw stp frc; do
	WRAP= ok redo $t.out
	assert_eq "$(cat $t.out)" new "$t.out built"
	WRAP=./chan exits 1 redo $t.out 2>err
	grep -q "^redo: $t.out: cannot record dependency .*: No space left on device\$" err ||
		fail "$t: $(cat err)"
	assert_eq "$(cat $t.out)" new "$t.out keeps its file"
done
# the exit status of the declaring command itself
CMD=redo-ifchange ARGS=a.o WRAP=./chan ok redo rc 2>/dev/null
assert_eq "$(cat rc.txt)" 4 "redo-ifchange's exit status"
CMD=redo-always ARGS= WRAP=./chan ok redo rc 2>/dev/null
assert_eq "$(cat rc.txt)" 4 "redo-always's exit status"
CMD=redo-ifcreate ARGS=nope WRAP=./chan ok redo rc 2>/dev/null
assert_eq "$(cat rc.txt)" 4 "redo-ifcreate's exit status"
CMD=redo-ifchange ARGS=a.o WRAP= ok redo rc
assert_eq "$(cat rc.txt)" 0 "the same without the helper"
