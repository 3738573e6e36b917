# SPEC §1 (issue 2): names are canonicalised as the kernel resolves them (real path of the directory); a/../b is never folded textually.
mkdir -p real deep/dir
ln -s real link
ln -s deep/dir a
do_file real/x.do <<'X'
echo x >>../runs.log
echo x
X
# one target, whichever path names it
ok redo-ifchange link/x
ok redo-ifchange real/x
assert_eq "$(ran x)" 1 "link/x and real/x are the same target"
[ -e link/.redo ] && [ ! -e real/.redo ] && fail "state kept under the link name"
[ -e real/.redo/x,r ] || fail "no record in real/.redo"
# a/../b is deep/b (a is a symlink to deep/dir), not ./b
echo top >b
echo deep >deep/b
do_file out.do <<'X'
redo-ifchange a/../b
cat a/../b
echo out >>runs.log
X
ok redo out
assert_eq "$(cat out)" deep "read deep/b"
echo top2 >b
ok redo-ifchange out
assert_eq "$(ran out)" 1 "./b is not a dependency"
echo deep2 >deep/b
ok redo-ifchange out
assert_eq "$(ran out)" 2 "deep/b is"
assert_eq "$(cat out)" deep2 "content"
# a target named through a/..: built in deep/, not here
do_file deep/t.do <<'X'
echo "deep t"
X
do_file t.do <<'X'
echo "top t"
X
ok redo-ifchange a/../t
assert_eq "$(cat deep/t)" "deep t" "deep/t built by deep/t.do"
[ -e t ] && fail "./t built instead"
# the symlinked directory's target is clean when named through the link
cd link || fail "cd link"
ok redo-ifchange x
cd ..
assert_eq "$(ran x)" 1 "still the same target from inside the link"
