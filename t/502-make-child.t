# SPEC §10, issue 4: make run from a .do shares redo's job tokens through MAKEFLAGS: with redo -jN, make recipes and .do scripts together never exceed N.
. "$T_TOP/t/par.sh"
gnu_make
# GNU make 4.3 starts a pool of its own when -j is on a sub-make's command
# line ("-jN forced in submake"), under a make parent just the same; so
# the sub-makes here get -j from MAKEFLAGS, as a sub-make of make does.
cat >jobs.mk <<'X'
T = $(P)1 $(P)2 $(P)3 $(P)4 $(P)5
all: $(T)
$(T):
	@sh "$(LEAF)" $@
sub:
	+@$(MAKE) -s -f jobs.mk P=s
.PHONY: all sub $(T)
X
do_file default.leaf.do <<'X'
. "$LEAF"
X
do_file m.do <<'X'
make -s -f jobs.mk P=m >&2
X
do_file n.do <<'X'
MAKEFLAGS="$MAKEFLAGS -j" make -s -f jobs.mk P=n >&2
X
do_file r.do <<'X'
make -s -f jobs.mk sub >&2
X
do_file all.do <<'X'
redo-ifchange m n r x1.leaf x2.leaf
X
BARRIER=3
ok to 30 redo -j3 all 2>err
assert_eq "$(starts)" 17 "every make recipe and .do ran"
assert_eq "$(maxconc)" 3 "most jobs at once with redo -j3"
if grep -i 'jobserver' err; then fail "make complained about the jobserver"; fi
fresh
BARRIER=5
ok to 30 redo -j5 all 2>err
assert_eq "$(starts)" 17 "every make recipe and .do ran"
assert_eq "$(maxconc)" 5 "most jobs at once with redo -j5"
# without -j, make runs one recipe at a time (n.do's "-j" would be
# unlimited then, as under a make without -j)
fresh
BARRIER=1
ok to 30 redo m r x1.leaf 2>err
assert_eq "$(starts)" 11 "every make recipe and .do ran"
assert_eq "$(maxconc)" 1 "most jobs at once with redo -j1"
