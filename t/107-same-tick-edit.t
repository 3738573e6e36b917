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
# 3. the same tick simulated exactly: the source's mtime is not older
#    than the filesystem's clock when the record is written (set an hour
#    ahead, so that no machine is slow enough to let the clock pass it),
#    and it is edited after it was declared, keeping size, inode and
#    mtime (touch -r back to the recorded one): only its content differs
#    from what was read.
# ahead: prints a time an hour from now for touch -d
cat >ahead <<'X'
echo "@$(( $(date +%s) + 3600 ))"
X
do_file racy.do <<'X'
echo racy >>runs.log
[ -e dance ] && touch -d "$(sh ahead)" src
redo-ifchange src
cat src
if [ -e dance ]; then
	touch -r src ref
	printf 'NEW!\n' >src
	touch -r ref src
fi
X
printf 'old!\n' >src
touch dance
ok redo-ifchange racy
rm dance
assert_eq "$(cat racy)" 'old!' "built from the content it read"
ok redo-ifchange racy
assert_eq "$(ran racy)" 2 "rebuilt: the content changed within the tick"
assert_eq "$(cat racy)" 'NEW!' "built from the new content"
# 4. the same, but nothing changes during the build: no rebuild
do_file calm.do <<'X'
echo calm >>runs.log
touch -d "$(sh ahead)" src2
redo-ifchange src2
cat src2
X
echo same >src2
ok redo-ifchange calm
ok redo-ifchange calm
assert_eq "$(ran calm)" 1 "a racy source that did not change causes no rebuild"
# 5. the stamp is the one the source had when it was declared: an edit
#    during the build, after the .do read it, is seen next time
do_file during.do <<'X'
echo during >>runs.log
redo-ifchange src3
cat src3
[ -e edit-now ] && echo "edited during the build" >src3
true
X
echo before >src3
touch edit-now
ok redo-ifchange during
rm edit-now
assert_eq "$(cat during)" before "built from what it read"
ok redo-ifchange during
assert_eq "$(ran during)" 2 "rebuilt: the source changed after it was declared"
assert_eq "$(cat during)" "edited during the build" "content"
