# issue 18: job tokens balance in bmake's pool: a pool named bmake's way ("-J R,W" in MAKEFLAGS) holds what it started with after redo's successful or failed (with and without -k) builds, and so does the pool of a bmake -jN that ran redo; at most N jobs at once.
. "$T_TOP/t/par.sh"
if ! command -v bmake >/dev/null 2>&1; then
	[ "${CI:-}" != true ] || fail "bmake is missing (CI installs it)"
	skip "bmake not installed (Debian: apt-get install bmake)"
fi
build_jstool
do_file default.leaf.do <<'X'
. "$LEAF"
X
do_file all.do <<'X'
redo-ifchange a.leaf b.leaf p c.leaf
X
do_file p.do <<'X'
redo-ifchange p1.leaf p2.leaf p3.leaf
X
do_file bad.do <<'X'
redo-ifchange a.leaf
exit 3
X
do_file broken.do <<'X'
redo-ifchange bad b.leaf
X

# a fifo standing for bmake's pipe, its 2 tokens counted afterwards
mkfifo pool || skip "cannot make a fifo"
exec 8<>pool
printf '++' >&8
BARRIER=3
MAKEFLAGS=" -j 3 -J 8,8 .MAKE.LEVEL.ENV=MAKELEVEL" ok to 60 redo all 2>err
assert_eq "$(starts)" 6 "every leaf ran"
assert_eq "$(maxconc)" 3 "most jobs at once in a pool of 3"
assert_eq "$(./jstool count pool)" 2 "tokens in the pool after the build"
printf '++' >&8
fresh
BARRIER=1 LEAF=/dev/null
MAKEFLAGS=" -j 3 -J 8,8" fails to 60 redo-ifchange all broken 2>err
assert_eq "$(./jstool count pool)" 2 "tokens in the pool after a failed build"
printf '++' >&8
MAKEFLAGS=" -j 3 -J 8,8" fails to 60 redo -k all broken 2>err
assert_eq "$(./jstool count pool)" 2 "tokens in the pool after a failed build with -k"
exec 8>&-

# bmake's own pool, counted from its recipe before and after redo ran
# (nothing else runs then); the count puts the tokens back
cat >peek.c <<'X'
/* peek R W: how many tokens the pipe R holds now; writes them back to W */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
int main(int argc, char **argv)
{
	char buf[256];
	ssize_t n;
	int r, w;
	if (argc != 3)
		return 2;
	r = atoi(argv[1]);
	w = atoi(argv[2]);
	fcntl(r, F_SETFL, fcntl(r, F_GETFL) | O_NONBLOCK);
	n = read(r, buf, sizeof buf);
	if (n < 0)
		n = 0;
	if (n > 0 && write(w, buf, (size_t)n) != n)
		return 1;
	printf("%d\n", (int)n);
	return 0;
}
X
cc -o peek peek.c || fail "cannot build the helper"
cat >peek.sh <<'X'
set -- $(echo "$MAKEFLAGS" | sed -n 's/.*-J \([0-9]*\),\([0-9]*\).*/\1 \2/p')
[ $# -eq 2 ] || { echo "no -J R,W in MAKEFLAGS: $MAKEFLAGS" >&2; exit 1; }
./peek "$1" "$2"
X
cat >count.mk <<'X'
all: r
r: .MAKE
	@sh peek.sh >before; redo-ifchange ${WHAT} || echo failed >failed; sh peek.sh >after
X
LEAF=$PWD/leaf.sh
for what in all "all broken" "-k all broken"; do
	fresh
	rm -f before after failed
	ok to 60 bmake -j4 -f count.mk WHAT="$what" >out 2>err
	[ -s before ] && [ -s after ] || fail "bmake -j4, $what: no counts: $(cat out err)"
	[ "$(cat before)" -gt 0 ] || fail "bmake -j4, $what: no tokens in bmake's pool"
	assert_eq "$(cat after)" "$(cat before)" "bmake -j4, $what: tokens after redo"
	case $what in
	all) [ ! -e failed ] || fail "redo-ifchange all failed: $(cat out err)" ;;
	*) [ -e failed ] || fail "redo-ifchange $what succeeded" ;;
	esac
done
