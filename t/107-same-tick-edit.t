# SPEC §4 (issue 2, 3): an edit in the same timestamp tick with the same size is seen (racy sources are settled by hash when the record is written).
do_file out.do <<'X'
redo-ifchange in
cat in
echo out >>runs.log
X
# 1. written just before a build, edited (same size) just after it: every
#    round must rebuild, however fast the machine and coarse the clock.
i=0
while [ $i -lt 5 ]; do
	i=$((i + 1))
	echo "aaa$i" >in
	ok redo-ifchange out
	assert_eq "$(cat out)" "aaa$i" "round $i: built"
	echo "bbb$i" >in
	ok redo-ifchange out
	assert_eq "$(cat out)" "bbb$i" "round $i: same-size edit right after the build"
done
# 2. a source written milliseconds before a build causes no spurious
#    rebuild later
echo fresh >in
ok redo-ifchange out
n=$(ran out)
ok redo-ifchange out
ok redo-ifchange out
assert_eq "$(ran out)" "$n" "no spurious rebuild of a fresh source"
# 3. the same tick simulated exactly: the source's mtime is "now" on the
#    filesystem's clock (set ahead so the clock has not passed it when the
#    record is written), and it is edited after it was declared, keeping
#    size, inode and mtime: only its content differs from what was read.
do_file racy.do <<'X'
echo racy >>runs.log
soon=$(( $(date +%s) + 1 ))
touch -d "@$soon" src
redo-ifchange src
cat src
printf 'NEW!\n' >src
touch -d "@$soon" src
X
printf 'old!\n' >src
ok redo-ifchange racy
assert_eq "$(cat racy)" 'old!' "built from the content it read"
ok redo-ifchange racy
assert_eq "$(ran racy)" 2 "rebuilt: the content changed within the tick"
assert_eq "$(cat racy)" 'NEW!' "built from the new content"
# 4. the same, but nothing changes during the build: no rebuild
do_file calm.do <<'X'
echo calm >>runs.log
soon=$(( $(date +%s) + 1 ))
touch -d "@$soon" src2
redo-ifchange src2
cat src2
X
echo same >src2
ok redo-ifchange calm
ok redo-ifchange calm
assert_eq "$(ran calm)" 1 "a racy source that did not change causes no rebuild"
