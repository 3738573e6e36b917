# SPEC §10, issue 4: -j N counts .do scripts across the whole session: nested redo-ifchange calls share the pool (together up to N, never more).
. "$T_TOP/t/par.sh"
do_file default.leaf.do <<'X'
. "$LEAF"
X
# two branches, four leaves each: serial nested runs would reach 2,
# a fresh pool per nested run would reach 8; one shared pool reaches 4
do_file p.do <<'X'
redo-ifchange p1.leaf p2.leaf p3.leaf p4.leaf
X
do_file q.do <<'X'
cd sub && redo-ifchange q1.leaf q2.leaf q3.leaf q4.leaf
X
mkdir sub
do_file all.do <<'X'
redo-ifchange p q
X
BARRIER=4
ok to 30 redo -j4 all 2>err
assert_eq "$(starts)" 8 "every leaf ran"
assert_eq "$(maxconc)" 4 "most leaves running at once with -j4"
# three levels deep, -j3
fresh
do_file all.do <<'X'
redo-ifchange top1 top2
X
do_file top1.do <<'X'
redo-ifchange p q
X
do_file top2.do <<'X'
redo-ifchange r1.leaf r2.leaf
X
BARRIER=3
ok to 30 redo -j3 all 2>err
assert_eq "$(starts)" 10 "every leaf ran"
assert_eq "$(maxconc)" 3 "most leaves running at once with -j3"
# an explicit -j on a nested redo starts a pool of its own for its
# subtree, here under a serial session
fresh
do_file n3.do <<'X'
redo -j3 n1.leaf n2.leaf n3.leaf n4.leaf
X
BARRIER=3
ok to 30 redo n3 2>err
assert_eq "$(starts)" 4 "every leaf ran"
assert_eq "$(maxconc)" 3 "most leaves running at once under a nested redo -j3"
