# issue 18: redo run from bmake -jN joins bmake's pool ("-J R,W" in MAKEFLAGS, handed to a target marked .MAKE or a command naming ${MAKE}), and so does a bmake run from a .do under it: at most N jobs in all; without .MAKE (descriptors closed) redo warns once and builds serially.
. "$T_TOP/t/par.sh"
if ! command -v bmake >/dev/null 2>&1; then
	[ "${CI:-}" != true ] || fail "bmake is missing (CI installs it)"
	skip "bmake not installed (Debian: apt-get install bmake)"
fi
do_file default.leaf.do <<'X'
. "$LEAF"
X
do_file top.do <<'X'
redo-ifchange a.leaf b.leaf c.leaf sub
X
do_file top2.do <<'X'
redo-ifchange f.leaf g.leaf
X
# a bmake below redo: MAKEFLAGS still names bmake's pool
do_file sub.do <<'X'
bmake -f sub.mk >&2
X
cat >sub.mk <<'X'
all: s1 s2 s3
s1 s2 s3:
	@sh "${LEAF}" $@
.PHONY: all s1 s2 s3
X
cat >jobs.mk <<'X'
all: r1 r2 m1 m2
r1: .MAKE
	@redo top
r2:
	@: ${MAKE}; redo-ifchange top2
m1 m2:
	@sh "${LEAF}" $@
.PHONY: all r1 r2 m1 m2
X
# redo alone under bmake: its .do scripts run 3 at once only in the pool
do_file five.do <<'X'
redo-ifchange v.leaf w.leaf x.leaf y.leaf z.leaf
X
cat >one.mk <<'X'
all: r
r: .MAKE
	@redo five
X
cat >named.mk <<'X'
all:
	@: ${MAKE}; redo five
X
BARRIER=3
ok to 60 bmake -j3 -f one.mk >out 2>err
assert_eq "$(starts)" 5 "every .do ran"
assert_eq "$(maxconc)" 3 "most jobs at once under bmake -j3, a .MAKE target"
fresh
ok to 60 bmake -j3 -f named.mk >out 2>err
assert_eq "$(starts)" 5 "every .do ran"
assert_eq "$(maxconc)" 3 "most jobs at once under bmake -j3, a command naming \${MAKE}"

# redo and bmake recipes side by side, and a bmake below redo
fresh
ok to 60 bmake -j3 -f jobs.mk >out 2>err
assert_eq "$(starts)" 10 "every .do and bmake recipe ran"
assert_eq "$(maxconc)" 3 "most jobs at once under bmake -j3"
# (bmake -j passes its jobs' stderr on to its stdout)
if grep jobserver out err; then fail "a warning about the job pool"; fi
fresh
BARRIER=4
ok to 60 bmake -j4 -f jobs.mk >out 2>err
assert_eq "$(starts)" 10 "every .do and bmake recipe ran"
assert_eq "$(maxconc)" 4 "most jobs at once under bmake -j4"

# neither .MAKE nor ${MAKE}: bmake closes its descriptors in the recipe
cat >closed.mk <<'X'
all:
	@redo top
.PHONY: all
X
fresh
BARRIER=1
ok to 60 bmake -j4 -f closed.mk >out 2>err
assert_eq "$(starts)" 6 "every .do and bmake recipe ran"
assert_eq "$(maxconc)" 1 "serial with the descriptors closed"
assert_eq "$(cat out err | grep -c '^redo: .*jobserver')" 1 "one warning about the closed pool"
grep -q '^redo: .*\.MAKE' out err || fail "the warning does not say how to hand the pool on: $(cat out err)"
