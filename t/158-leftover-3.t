# SPEC §8 (issue 2): $3 does not exist when the .do starts: redo removes a leftover (file or directory) and never creates it.
do_file t.do <<'X'
if [ -e "$3" ] || [ -L "$3" ]; then echo "leftover"; else echo "clean"; fi
X
echo junk >t.redo.tmp
ok redo t
assert_eq "$(cat t)" clean "leftover file removed"
mkdir -p u.redo.tmp/sub && echo x >u.redo.tmp/sub/f
ln -s /nonexistent v.redo.tmp
cp t.do u.do && cp t.do v.do
ok redo u v
assert_eq "$(cat u) $(cat v)" "clean clean" "leftover directory and symlink removed"
[ -e u.redo.tmp ] && fail "u.redo.tmp still there"
true
