# SPEC §6, issue 6: a summary names a target with a big summary of its own by a `below` (or `fresh`) line instead of copying it; changes through one or two such levels are still seen, a target rebuilt alone below is seen, and the summary above stays small.
mkdir -p grp lib
# 3 groups of 40 objects: each group's own summary has more than 64
# entries however fast the machine (an object's record from the group's
# own clock tick is named by a fresh line, else copied with its summary:
# two lines or more per object), so all's summary names the groups
# instead of copying them, by a below line (or a fresh one, if the
# group's record is from all's tick).  No edit below needs a tick: a
# source declared in a build is older than the file clock once the
# record is written (DESIGN section 6), so an edit changes its stamp.
do_file lib/default.o.do <<'X'
redo-ifchange "$2.c" ../inc.h
echo "$2.o" >>../runs.log
cat "$2.c" ../inc.h
X
i=0
while [ $i -lt 120 ]; do
	echo "src $i" >lib/f$i.c
	i=$((i + 1))
done
echo h >inc.h
for g in 0 1 2; do
	i=$((g * 40))
	m=
	while [ $i -lt $((g * 40 + 40)) ]; do
		m="$m ../lib/f$i.o"
		i=$((i + 1))
	done
	do_file grp/g$g.do <<X
redo-ifchange $m
echo g$g >>../runs.log
cat $m | cksum
X
done
do_file all.do <<'X'
redo-ifchange grp/g0 grp/g1 grp/g2
echo all >>runs.log
cat grp/g0 grp/g1 grp/g2
X
age *.do grp/*.do lib/*.do lib/*.c inc.h
ok redo all
[ "$(grep -c '^deep \|^below \|^fresh \|^dir ' grp/.redo/g1,r)" -gt 64 ] ||
	fail "g1 (built nested) has no big summary of its own"
grep -q '^\(below\|fresh\) .* grp/g1$' .redo/all,r ||
	fail "all's summary does not name g1: $(cat .redo/all,r)"
grep -q '^deep .*lib/f50\.c$' .redo/all,r &&
	fail "all's summary copies what g1's own summary holds"
[ "$(grep -c '^deep \|^below \|^fresh ' .redo/all,r)" -lt 30 ] ||
	fail "all's summary is not small: $(grep -c '^deep \|^below \|^fresh ' .redo/all,r) entries"
ok redo-ifchange all
assert_eq "$(ran all)" 1 "a no-op through the below lines"

# a source below g1, seen through all's below line and g1's summary
echo "src 50 edited" >lib/f50.c
ok redo-ifchange all
assert_eq "$(ran f50.o)" 2 "f50.o rebuilt"
assert_eq "$(ran f51.o)" 1 "f51.o not rebuilt"
assert_eq "$(ran g1)" 2 "g1 rebuilt"
assert_eq "$(ran g0)" 1 "g0 not rebuilt"
assert_eq "$(ran all)" 2 "all rebuilt"
ok redo-ifchange all
assert_eq "$(ran all)" 2 "then a no-op"

# g2 rebuilt alone (its record changes, its output does not)
ok redo grp/g2
ok redo-ifchange all
assert_eq "$(ran all)" 3 "all rebuilt after g2 was rebuilt alone"

# g0's file removed: seen although all's summary names only g0's record
rm grp/g0
ok redo-ifchange all
assert_eq "$(ran g0)" 2 "g0 rebuilt when its file was removed"
assert_eq "$(ran all)" 4 "all rebuilt"

# g1 edited by hand (another size): an override, seen through the below
# line
echo mine >grp/g1
redo-ifchange all 2>err || fail "build with g1 overridden failed"
grep -q 'g1 - you modified it' err || fail "no override warning: $(cat err)"
assert_eq "$(sed -n 2p all)" mine "all rebuilt against the user's g1"
rm grp/g1
ok redo-ifchange all

# two levels of below lines: top -> all -> groups
do_file top.do <<'X'
redo-ifchange all
echo top >>runs.log
cat all
X
ok redo top
n=$(ran top)
ok redo-ifchange top
assert_eq "$(ran top)" "$n" "no-op through two levels"
echo "src 105 edited" >lib/f105.c
ok redo-ifchange top
assert_eq "$(ran f105.o)" 2 "f105.o rebuilt through two levels"
assert_eq "$(ran top)" $((n + 1)) "top rebuilt"
assert_eq "$(cat top)" "$(cat all)" "top has the new all"
g2=
i=80
while [ $i -lt 120 ]; do
	g2="$g2 lib/f$i.o"
	i=$((i + 1))
done
assert_eq "$(sed -n 3p all)" "$(cat $g2 | cksum)" "g2's checksum in all is that of the new objects"
grep -q 'src 105 edited' lib/f105.o || fail "f105.o lacks the edit"

# a record below a below line that cannot be read: the check falls back
# to the full check, which rebuilds what it must
echo garbage >grp/.redo/g0,r
ok redo-ifchange all 2>err
n=$(ran g0)
ok redo-ifchange all
assert_eq "$(ran g0)" "$n" "after the rebuild, a no-op again"
