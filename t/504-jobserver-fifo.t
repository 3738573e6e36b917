# SPEC §10, issue 4: redo joins make 4.4's --jobserver-auth=fifo:PATH pool (a fifo with N-1 tokens): at most N jobs at once, and the fifo holds N-1 tokens again afterwards.
. "$T_TOP/t/par.sh"
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
mkfifo pool || skip "cannot make a fifo"
exec 8<>pool
printf '++' >&8
MAKEFLAGS=" -j3 --jobserver-auth=fifo:$PWD/pool"
export MAKEFLAGS
BARRIER=3
ok to 30 redo all 2>err
assert_eq "$(starts)" 6 "every leaf ran"
assert_eq "$(maxconc)" 3 "most jobs at once in a pool of 3"
assert_eq "$(./jstool count pool)" 2 "tokens in the fifo after the build"
printf '++' >&8
fails to 30 redo-ifchange all broken 2>err
assert_eq "$(./jstool count pool)" 2 "tokens in the fifo after a failed build"
printf '++++' >&8
fresh
BARRIER=5
ok to 30 redo all 2>err
assert_eq "$(maxconc)" 5 "most jobs at once in a pool of 5"
assert_eq "$(./jstool count pool)" 4 "tokens in the fifo after the build"
exec 8>&-
