# SPEC §10, issue 4: redo run from make -jN takes make's job tokens ('+' recipe: at most N jobs in all); without '+' (descriptors closed) it warns once and builds serially.
. "$T_TOP/t/par.sh"
gnu_make
do_file default.leaf.do <<'X'
. "$LEAF"
X
do_file top.do <<'X'
redo-ifchange a.leaf b.leaf c.leaf d.leaf e.leaf
X
do_file top2.do <<'X'
redo-ifchange f.leaf g.leaf
X
cat >one.mk <<'X'
all:
	+redo top
X
BARRIER=3
ok to 30 make -s -j3 -f one.mk >out 2>err
assert_eq "$(starts)" 5 "every .do ran"
assert_eq "$(maxconc)" 3 "most jobs at once under make -j3"
if grep jobserver err; then fail "a warning about the jobserver"; fi
fresh
cat >plus.mk <<'X'
all: r1 r2 m1 m2
r1:
	+redo top
r2:
	+redo-ifchange top2
m1 m2:
	@sh "$(LEAF)" $@
.PHONY: all r1 r2 m1 m2
X
BARRIER=3
ok to 30 make -s -j3 -f plus.mk >out 2>err
assert_eq "$(starts)" 9 "every .do and make recipe ran"
assert_eq "$(maxconc)" 3 "most jobs at once under make -j3"
if grep jobserver err; then fail "a warning about the jobserver"; fi
fresh
BARRIER=4
ok to 30 make -s -j4 -f plus.mk >out 2>err
assert_eq "$(maxconc)" 4 "most jobs at once under make -j4"

# without '+' make 4.3 closes its descriptors in the recipe's process
cat >noplus.mk <<'X'
all:
	redo top
.PHONY: all
X
fresh
BARRIER=1
ok to 30 make -s -j4 -f noplus.mk >out 2>err
assert_eq "$(starts)" 5 "every .do ran"
assert_eq "$(maxconc)" 1 "serial without '+'"
assert_eq "$(grep -c '^redo: .*jobserver' err)" 1 "one warning about the closed jobserver"
