# SPEC §6 (issue 2): a no-op check writes nothing: no file in the tree or its .redo/ dirs is created, changed or touched.
mkdir -p sub
do_file all.do <<'X'
redo-ifchange sub/a sub/b /etc/hostname
X
do_file sub/default.do <<'X'
redo-ifchange ../src
echo "$1"
X
echo s >src
[ -e /etc/hostname ] || : >/dev/null
ok redo all 2>/dev/null
snap() { find . -exec ls -ld --full-time {} + 2>/dev/null | sort || find . -exec ls -ld {} + | sort; }
snap >../before
ok redo-ifchange all
ok redo-ifchange all sub/a
snap >../after
cmp -s ../before ../after || { diff ../before ../after; fail "the tree changed on a no-op"; }
