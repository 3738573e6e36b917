# SPEC §6 (same-tick edits), issue 12: a nested target gets a summary however fast the machine, even when what is below it was written in the summary's own tick of the file clock (made so exactly: mtimes set ahead of the clock); a record below from that tick is named by its build, so another record with the very same stamp is still seen, and so is a same-size edit made right after a build.
mkdir -p lib
# an mtime the file clock has not reached: "written in the current tick"
later=$(( $(date +%s) + 3600 ))
do_file lib/default.o.do <<X
redo-ifchange "\$2.c"
echo "\$2.o" >>../runs.log
cat "\$2.c" >"\$3"
touch -d @$later "\$3"
X
# grp's inputs, outputs and records alike, are from "this tick" when
# grp's record is written
do_file grp.do <<X
redo-ifchange lib/a.o lib/b.o lib/c.o
touch -d @$later lib/.redo/a.o,r lib/.redo/b.o,r lib/.redo/c.o,r
echo grp >>runs.log
cat lib/a.o lib/b.o lib/c.o
X
do_file all.do <<'X'
redo-ifchange grp
echo all >>runs.log
cat grp
X
echo a >lib/a.c
echo b >lib/b.c
echo c >lib/c.c
# sources and .do files from long ago: any edit gives a new stamp
touch -t 200001010000 lib/a.c lib/b.c lib/c.c lib/default.o.do grp.do all.do

# 1. grp, built nested, has a summary: the objects' records are named by
#    their builds, their outputs are stamped
ok redo all
for o in a b c; do
	seq=$(sed -n 's/^seq //p' lib/.redo/$o.o,r)
	grep -q "^fresh $seq lib/$o\\.o\$" .redo/grp,r ||
		fail "grp's summary does not name $o.o's build $seq: $(cat .redo/grp,r)"
	grep -q "^deep f:[^ ]* lib/$o\\.o\$" .redo/grp,r ||
		fail "grp's summary lacks the output $o.o"
done
grep -q '^deep .*a\.o,r$' .redo/grp,r &&
	fail "grp's summary stamps a record of its own tick"
ok redo-ifchange all
assert_eq "$(ran all)$(ran grp)$(ran a.o)" 111 "a no-op through the fresh lines"

# 2. a.o's record replaced by another one with the very same stamp (as
#    a rebuild in the same tick could leave it, in the inode the old one
#    freed): in place, same size, mtime put back; only its seq differs
touch -r lib/.redo/a.o,r ref
old=$(sed -n 's/^seq //p' lib/.redo/a.o,r)
new=$(echo "$old" | tr 0123456789 1234567890)
[ ${#new} -eq ${#old} ] && [ "$new" != "$old" ] || fail "bad seq $old -> $new"
sed "s/^seq $old\$/seq $new/" lib/.redo/a.o,r >rec.new
cat rec.new >lib/.redo/a.o,r
touch -r ref lib/.redo/a.o,r
ok redo-ifchange all
assert_eq "$(ran grp)" 2 "grp rebuilt: the a.o it was built with is gone"
assert_eq "$(ran all)" 2 "all rebuilt"
assert_eq "$(ran a.o)" 1 "a.o itself is up to date"
ok redo-ifchange all
assert_eq "$(ran all)$(ran grp)" 22 "then a no-op"

# 3. a source below a fresh line, through the object's own summary
echo B >lib/b.c
ok redo-ifchange all
assert_eq "$(ran b.o)$(ran grp)$(ran all)" 233 "b.c's edit seen below the fresh line"
assert_eq "$(sed -n 2p all)" B "all has the new b"

# 4. a source written just before a build and edited, same size, just
#    after it (the same tick on a fast machine, a later one on a slow one;
#    either way it is seen: the record below waited for the clock to pass
#    the source's mtime, section 6, and the summaries above copy its stamp)
i=0
while [ $i -lt 3 ]; do
	i=$((i + 1))
	echo "x$i" >lib/c.c
	ok redo-ifchange all
	assert_eq "$(sed -n 3p all)" "x$i" "round $i: built"
	echo "y$i" >lib/c.c
	ok redo-ifchange all
	assert_eq "$(sed -n 3p all)" "y$i" "round $i: same-size edit right after the build"
done
