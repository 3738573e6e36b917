# issue 18: a bmake run from a .do under redo -jN takes its jobs from redo's pool (" -jN -J R,W" in MAKEFLAGS, --jobserver-auth in GNUMAKEFLAGS for GNU make): plain bmake, bmake -jM and a GNU make beside it, with .do scripts around them: at most N jobs at once, and more than one; a GNU make under redo under bmake -jN takes bmake's pool (GNUMAKEFLAGS); a bmake that fails empties the pool without hanging, and its .do fails.
. "$T_TOP/t/par.sh"
if ! command -v bmake >/dev/null 2>&1; then
	[ "${CI:-}" != true ] || fail "bmake is missing (CI installs it)"
	skip "bmake not installed (Debian: apt-get install bmake)"
fi
do_file default.leaf.do <<'X'
. "$LEAF"
X
# one makefile for bmake and GNU make: ${P}1 ... ${P}4 are leaves
cat >sub.mk <<'X'
T = ${P}1 ${P}2 ${P}3 ${P}4
all: ${T}
${T}:
	@sh "${LEAF}" $@
.PHONY: all ${T}
X
# plain bmake: its -jN and its pool come from MAKEFLAGS
do_file m.do <<'X'
bmake -f sub.mk P=m >&2
X
# bmake -j8 on the command line: still redo's pool, so never 8 at once
do_file n.do <<'X'
bmake -j8 -f sub.mk P=n >&2
X
do_file all.do <<'X'
redo-ifchange m n x1.leaf x2.leaf
X

# build ARGS...: redo ARGS must succeed (its stderr in err, shown if not)
build() {
	to 60 redo "$@" 2>err || fail "redo $* exited $?: $(tail -n 5 err)"
}

# conc_in N WHAT: the most jobs at once were at most N and more than 1
conc_in() {
	_m=$(maxconc)
	[ "$_m" -le "$1" ] || fail "$2: $_m jobs at once, more than $1"
	[ "$_m" -gt 1 ] || fail "$2: one job at a time, nothing shared"
}

BARRIER=4
build -j4 m
assert_eq "$(starts)" 4 "every recipe of a plain bmake ran"
conc_in 4 "plain bmake under redo -j4"
if grep -i 'jobserver\|illegal\|-J' err; then fail "bmake complained"; fi

fresh
BARRIER=3
build -j3 all
assert_eq "$(starts)" 10 "every bmake recipe and .do ran"
conc_in 3 "bmake and bmake -j8 under redo -j3"

fresh
BARRIER=4
build -j4 all
assert_eq "$(starts)" 10 "every bmake recipe and .do ran"
conc_in 4 "bmake and bmake -j8 under redo -j4"

# GNU make beside bmake in one pool
if make --version 2>/dev/null | grep -q 'GNU Make'; then
	do_file g.do <<'X'
make -s -f sub.mk P=g >&2
X
	do_file mix.do <<'X'
redo-ifchange m g n
X
	fresh
	BARRIER=3
	build -j3 mix
	assert_eq "$(starts)" 12 "every bmake and GNU make recipe ran"
	conc_in 3 "bmake and GNU make under redo -j3"
	if grep -i 'jobserver' err; then fail "make complained"; fi

	# below bmake -j3 (redo run from a .MAKE target) redo names
	# bmake's pool to GNU make too, which would take bmake's "-j 3"
	# for a pool of its own
	cat >top.mk <<'X'
all: r
r: .MAKE
	@redo gtop
X
	do_file gtop.do <<'X'
redo-ifchange g y1.leaf y2.leaf
X
	fresh
	BARRIER=3
	to 60 bmake -j3 -f top.mk >out 2>err ||
		fail "bmake -j3 exited $?: $(tail -n 5 out err)"
	assert_eq "$(starts)" 6 "every GNU make recipe and .do ran"
	conc_in 3 "GNU make under redo under bmake -j3"
fi

# a bmake that fails writes its abort byte to the pool after emptying
# it: the reads must not block (redo's pool is non-blocking)
cat >bad.mk <<'X'
all: f1 ok1 ok2
f1:
	@exit 1
ok1 ok2:
	@:
.PHONY: all f1 ok1 ok2
X
do_file bad.do <<'X'
bmake -f bad.mk >&2
X
fresh
to 60 redo -j3 bad 2>err
assert_eq "$?" 1 "redo's exit with a failed bmake (124: it hung)"
grep -q '^redo: bad: ' err || fail "no error line for bad: $(cat err)"
