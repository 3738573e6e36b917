# SPEC §4 (issue 13): on a filesystem with 1-second mtimes a same-second, same-size edit is never missed, a no-op right after a build rebuilds nothing, and no build waits for the file clock to pass its sources' mtimes (racy sources are hashed, not waited for).
. "$T_TOP/t/coarse.sh"
. "$T_TOP/t/par.sh"
build_shim nosleep
coarse_fs c
cd c || fail "cd c"
NOSLEEP_LOG=$PWD/../sleeps LD_PRELOAD=$SHIM
export NOSLEEP_LOG LD_PRELOAD
do_file default.o.do <<'X'
redo-ifchange $2.c
cat $2.c
echo $1 >>runs.log
X
do_file all.do <<'X'
redo-ifchange a.o b.o
cat a.o b.o
echo all >>runs.log
X
echo a000 >a.c
echo b000 >b.c
ok redo all
assert_eq "$(cat all)" "a000
b000" "first build"
# 40 rounds, most of them in the same second as the build before: each
# edit keeps the size, so only the content tells it apart
i=0
while [ $i -lt 40 ]; do
	i=$((i + 1))
	v=$(printf 'a%03d' $i)
	echo "$v" >a.c
	ok redo-ifchange all
	assert_eq "$(head -n 1 all)" "$v" "round $i: the edit of a.c was missed"
done
assert_eq "$(ran b.o)" 1 "b.o, never edited, built once"
assert_eq "$(ran a.o)" 41 "a.o built for each edit"
# right after the last build, in the same second: nothing to do
n=$(ran all)
ok redo-ifchange all
ok redo all
assert_eq "$(ran a.o)" 41 "a no-op right after a build rebuilt a.o"
assert_eq "$(ran all)" $((n + 1)) "redo all runs all.do only"
ok redo-ifchange all
assert_eq "$(ran all)" $((n + 1)) "a no-op rebuilt all"
# an edit of b.c that keeps its size, right after: seen
echo b001 >b.c
ok redo-ifchange all
assert_eq "$(tail -n 1 all)" b001 "the same-size edit of b.c"
[ -s ../sleeps ] && fail "redo slept: $(sort ../sleeps | uniq -c)"
true
