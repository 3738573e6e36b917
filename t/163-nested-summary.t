# SPEC §6, issue 6: targets built by nested redo carry a small summary (deep lines) that the checks and the summaries above them use; a change anywhere below is still seen, through one summary or several; a long chain keeps its summaries bounded (below lines).
mkdir -p lib
do_file all.do <<'X'
redo-ifchange lib/a.o lib/b.o
echo all >>runs.log
cat lib/a.o lib/b.o
X
do_file lib/default.o.do <<'X'
redo-ifchange "$2.c" ../inc.h
echo "$2.o" >>../runs.log
cat "$2.c" ../inc.h
X
echo a >lib/a.c
echo b >lib/b.c
echo h >inc.h
age *.do lib/*.do lib/a.c lib/b.c inc.h
ok redo all
grep -q '^deep .*a\.c$' lib/.redo/a.o,r || fail "a nested build of a.o wrote no summary: $(cat lib/.redo/a.o,r)"
# (all's summary copies a.o's, or names it by a fresh line when a.o's
# record is from all's own clock tick, as on a 1-second clock)
grep -q '^deep .*lib/a\.c$\|^fresh .* lib/a\.o$' .redo/all,r ||
	fail "the summary of all lacks lib/a.c: $(cat .redo/all,r)"
ok redo-ifchange all
assert_eq "$(ran all)" 1 "no-op"
# a source below a.o, seen through all's summary (made from a.o's); no
# tick is needed before an edit of a source that a build declared: the
# record waited for the file clock to pass its mtime (DESIGN section 6)
echo a2 >lib/a.c
ok redo-ifchange all
assert_eq "$(ran a.o)" 2 "a.o rebuilt"
assert_eq "$(ran b.o)" 1 "b.o not rebuilt"
assert_eq "$(ran all)" 2 "all rebuilt"
assert_eq "$(head -n 1 all)" a2 "all has the new a"
# a nested redo-ifchange of a.o alone uses a.o's own summary
echo h2 >inc.h
ok redo-ifchange lib/b.o
assert_eq "$(ran b.o)" 2 "b.o rebuilt for inc.h"
ok redo-ifchange all
assert_eq "$(ran a.o)" 3 "a.o rebuilt for inc.h"
assert_eq "$(ran all)" 3 "all rebuilt"
# a target rebuilt below by another run changes its record: the
# summary above no longer matches, and all is rebuilt for the new seq
ok redo lib/b.o
ok redo-ifchange all
assert_eq "$(ran all)" 4 "all rebuilt after b.o was rebuilt alone"
ok redo-ifchange all
assert_eq "$(ran all)" 4 "then a no-op again"

# a chain: c0 <- c1 <- ... <- c40, built from the top; each record
# copies the summary below it while that is small and names it after,
# by a below line (or a fresh line, when the record below is from the
# file clock's current tick: then it is never copied), so no summary
# grows with the chain.  Every link writes a summary, however fast.
do_file default.c.do <<'X'
n=${2#c}
if [ "$n" -lt 40 ]; then redo-ifchange "c$((n + 1)).c"; else redo-ifchange leaf.src; fi
echo "$2" >>chain.log
echo "$2"
X
echo x >leaf.src
age leaf.src default.c.do
ok redo c0.c
for f in .redo/c*.c,r; do
	n=$(grep -c '^deep \|^below \|^fresh \|^dir ' "$f")
	[ "$n" -gt 0 ] || fail "$f has no summary"
	[ "$n" -le 72 ] || fail "$f has $n summary lines"
done
grep -q '^deep .*leaf\.src$' .redo/c40.c,r || fail "the bottom of the chain has no summary"
# each link below c0 adds its file and its record (or fresh line) to what
# it copies: 80 lines and more, were nothing named instead of copied
grep -q '^deep .*leaf\.src$' .redo/c0.c,r &&
	fail "the top of the chain copies the whole chain"
[ "$(cat .redo/c*.c,r | grep -c '^below \|^fresh ')" -ge 1 ] ||
	fail "the chain's summaries do not name the ones below them"
echo y >leaf.src
ok redo-ifchange c0.c
assert_eq "$(grep -c . chain.log)" 82 "every link rebuilt once more"
ok redo-ifchange c0.c
assert_eq "$(grep -c . chain.log)" 82 "then a no-op"
