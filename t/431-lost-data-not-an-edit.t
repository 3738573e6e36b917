# Issue 16 (DESIGN 3.9, section 4): a target that comes back shorter (empty, or cut at a 512-byte block) with
# its recorded inode and mtime, as a crash leaves a file whose data had not
# reached the disk, is rebuilt, never taken for an edit by hand; a shorter
# file with a new mtime still is an edit.  Also with REDO_FSYNC=1: the
# outputs of every kind ($3 file, stdout, directory, symlink) and a virtual
# target commit as without it.
do_file t.do <<'X'
echo t >>runs.log
redo-ifchange in
cat in in
X
i=0
while [ $i -lt 40 ]; do echo "some input text $i"; i=$((i + 1)); done >in
ok redo-ifchange t
assert_eq "$(ran t)" 1 "first build"
size=$(wc -c <t | tr -d ' ')
ino=$(ls -i t | awk '{ print $1 }')
# the crash: same inode, same mtime (copied back, nanoseconds included), 0 bytes
touch -r t when
: >t
touch -r when t
assert_eq "$(ls -i t | awk '{ print $1 }')" "$ino" "same inode"
[ -s t ] && fail "t still has data"
ok redo-ifchange t 2>err
grep 'modified' err && fail "a lost write taken for an edit: $(cat err)"
assert_eq "$(ran t)" 2 "the target that lost its data was rebuilt"
assert_eq "$(wc -c <t | tr -d ' ')" "$size" "rebuilt in full"
assert_eq "$(cd . && redo-ood)" "" "nothing out of date"
# cut short at a block (512 bytes), mtime kept: rebuilt too
touch -r t when
head -c 512 t >t.part
cat t.part >t
touch -r when t
ok redo-ifchange t 2>err
grep 'modified' err && fail "a cut file taken for an edit: $(cat err)"
assert_eq "$(ran t)" 3 "the cut target was rebuilt"
# an edit by hand that shortens the file gets a new mtime: kept
echo short >t
ok redo-ifchange t 2>err
grep -qx 'redo: t - you modified it; skipping' err ||
	fail "no override warning for an edit: $(cat err)"
assert_eq "$(cat t)" short "the edit kept"
assert_eq "$(ran t)" 3 "its .do did not run"
rm t
ok redo-ifchange t

# REDO_FSYNC=1: every kind of output commits
REDO_FSYNC=1
export REDO_FSYNC
do_file out.do <<'X'
echo stdout
X
do_file three.do <<'X'
echo three >"$3"
X
do_file dir.do <<'X'
mkdir -p "$3/sub"
echo a >"$3/a"
echo b >"$3/sub/b"
ln -s a "$3/link"
X
do_file link.do <<'X'
ln -s out "$3"
X
do_file virt.do <<'X'
redo-ifchange out three dir link
X
ok redo-ifchange virt 2>err
assert_eq "$(grep "^redo: " err)" "" "no message"
assert_eq "$(cat out)" stdout "stdout output"
assert_eq "$(cat three)" three "\$3 output"
assert_eq "$(cat dir/sub/b)" b "directory output"
assert_eq "$(cat link)" stdout "symlink output"
[ -e virt ] && fail "a virtual target left a file"
assert_eq "$(redo-ood)" "" "nothing out of date"
: >runs.log
echo "other input" >in
ok redo virt dir
assert_eq "$(cat dir/a)" a "a directory target replaced"
