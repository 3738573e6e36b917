# SPEC §1 (issue 2): a dependency outside the target's tree is stored as an absolute path (/etc/passwd) and checked like any other.
[ -r /etc/passwd ] || skip "no /etc/passwd"
do_file out.do <<'X'
redo-ifchange /etc/passwd
echo out >>runs.log
X
ok redo out
grep -q '^dep c [^ ]* - - [^ ]* /etc/passwd$' .redo/out,r || fail "not stored absolute: $(cat .redo/out,r)"
ok redo-ifchange out
assert_eq "$(ran out)" 1 "no-op"
# a file outside the tree that we control: the change is seen
# a directory whose first component differs from the test's (it runs under $TMPDIR)
for d in /var/tmp /dev/shm /tmp; do
	[ -d $d ] && [ -w $d ] && [ "${PWD#$d/}" = "$PWD" ] && break
done
ext=$(mktemp "$d/redo-t134.XXXXXX") || fail mktemp
trap 'rm -f "$ext"' EXIT
echo 1 >"$ext"
do_file ext.do <<X
redo-ifchange "$ext"
cat "$ext"
X
ok redo ext
ok redo-ifchange ext
echo 22 >"$ext"
ok redo-ifchange ext
assert_eq "$(cat ext)" 22 "rebuilt when the outside file changed"
here=${PWD#/}; here=${here%%/*}
there=${ext#/}; there=${there%%/*}
case $there in
"$here") ;;
*) grep -q "^dep c [^ ]* - - [^ ]* $ext\$" .redo/ext,r || fail "not stored absolute: $(cat .redo/ext,r)" ;;
esac
true
