# SPEC §4 (issue 13): when only a file's stamp moved (touch, cp -a: new mtime or inode, same bytes), content verification finds it unchanged: nothing rebuilds, the records are refreshed so that the next no-op is stat-only, and a changed byte is still a change; REDO_VERIFY=0 keeps pure stat semantics.
mkdir lib
do_file default.o.do <<'X'
redo-ifchange $2.c lib/h.h
cat $2.c lib/h.h
echo $1 >>runs.log
X
do_file all.do <<'X'
redo-ifchange a.o b.o
cat a.o b.o
echo all >>runs.log
X
echo aaa >a.c
echo bbb >b.c
echo hhh >lib/h.h
ok redo all
total() { lines runs.log; }
assert_eq "$(total)" 3 "first build"
rec_dep() { sed -n "s/^dep c \([^ ]*\) .* $2\$/\1/p" "$(rec "$1")"; }
before=$(rec_dep a.o a.c)
[ -n "$before" ] || fail "no dependency a.c in a.o's record: $(cat "$(rec a.o)")"

# 1. touch every source (and the .do files): same bytes, new mtimes
touch -d '2001-02-03 04:05:06' a.c b.c lib/h.h default.o.do all.do
# (and a $3 that a build killed before its record left behind: the
# refresh, under a.o's lock, clears it)
echo leftover >a.o.redo.tmp
ok redo-ifchange all
assert_eq "$(total)" 3 "touch of every source rebuilt something: $(cat runs.log)"
[ -e a.o.redo.tmp ] && fail "the leftover \$3 of a.o is still there"
after=$(rec_dep a.o a.c)
[ "$after" != "$before" ] || fail "a.o's record still has a.c's old stamp"
ok redo-ifchange all
assert_eq "$(total)" 3 "the no-op after the refresh"
# the record holds a.c's stamp as it is now: the next check is
# stat-only again
unit=${UNIT:-$T_TOP/t/unit}
case $unit in /*) ;; *) unit=$T_TOP/$unit ;; esac
assert_eq "$after" "$("$unit" stamp a.c)" "a.c's stamp in a.o's record"

# 2. a real edit behind a moved stamp is still a change: same size,
#    an older mtime
echo AAA >a.c
ok redo-ifchange all
assert_eq "$(ran a.o)" 2 "a same-size edit"
echo xxx >b.c
touch -d '2000-01-01 00:00:00' b.c
ok redo-ifchange all
assert_eq "$(ran b.o)" 2 "an edit with an older mtime"
assert_eq "$(cat all)" "AAA
hhh
xxx
hhh" "content after the edits"

# 3. mode and owner are not content: a chmod is a change (SPEC §4)
chmod 600 lib/h.h
ok redo-ifchange all
assert_eq "$(ran a.o)" 3 "chmod of a source rebuilds"

# 4. cp -a of the built tree: new inodes everywhere, nothing rebuilds
#    in the copy, and the copy's records are its own from then on
mkdir top && mv a.c b.c lib default.o.do all.do a.o b.o all .redo runs.log top/
cp -a top copy
cd copy || fail "cd copy"
n=$(total)
ok redo-ifchange all
assert_eq "$(total)" "$n" "cp -a: rebuilt in the copy: $(tail -n 3 runs.log)"
echo BBB >b.c
ok redo-ifchange all
assert_eq "$(total)" $((n + 2)) "one edit in the copy: b.o and all"
cd ../top || fail "cd top"
ok redo-ifchange all
assert_eq "$(total)" "$n" "the original, after the copy was built"

# 5. REDO_VERIFY=0: pure stat semantics, a moved stamp is a change
touch -d '2002-03-04 05:06:07' a.c
REDO_VERIFY=0 redo-ifchange all || fail "REDO_VERIFY=0 redo-ifchange all"
assert_eq "$(total)" $((n + 2)) "REDO_VERIFY=0: touch rebuilt a.o and all"

# 6. a source replaced by a file of the same size and mtime (a new
#    inode): the bytes differ, so it is a change
echo ccc >c1 && echo CCC >c2 && touch -r a.c c1 c2
cp -p c1 new && mv new a.c
ok redo-ifchange all
cp -p c2 new && mv new a.c
ok redo-ifchange all
assert_eq "$(head -n 1 all)" CCC "a copy with the same mtime and size, other bytes"
