# SPEC §1, §5 (issue 2): any non-empty byte sequence is a name: spaces, non-ASCII, backslashes, newlines round-trip through the records.
do_file default.out.do <<'X'
redo-ifchange "$2.in"
printf '[%s]\n' "$1"
cat ./"$2.in"
printf '%s\n' "$2" >>runs.log
X
# count runs by fixed string (names hold regex characters)
ranf() { grep -cxF -e "$1" runs.log; }
for n in "with space" "ünïcødé-名前" 'back\slash' "tab	here" "-dash" "star*q?"; do
	printf "content of %s\n" "$n" >"$n.in"
	ok redo-ifchange "$n.out"
	assert_eq "$(head -n 1 ./"$n.out")" "[$n.out]" "\$1 for '$n'"
	assert_eq "$(sed -n 2p ./"$n.out")" "content of $n" "content for '$n'"
	ok redo-ifchange "$n.out"
	assert_eq "$(ranf "$n")" 1 "no-op for '$n'"
	printf "changed %s\n" "$n" >"$n.in"
	ok redo-ifchange "$n.out"
	assert_eq "$(ranf "$n")" 2 "rebuilt for '$n'"
done
# a newline in a name
nl='a
b'
echo "nl content" >"$nl.in"
ok redo-ifchange "$nl.out"
assert_eq "$(sed -n 3p "$nl.out")" "nl content" "built a name with a newline"
ok redo-ifchange "$nl.out"
assert_eq "$(grep -c '^b$' runs.log)" 1 "no-op for a name with a newline"
echo "nl changed" >"$nl.in"
ok redo-ifchange "$nl.out"
assert_eq "$(grep -c '^b$' runs.log)" 2 "rebuilt for a name with a newline"
# the record stays line-oriented: the newline is escaped
grep -q '^dep c .*a\\nb\.in$' ".redo/$nl.out,r" || fail "dependency name not escaped: $(cat ".redo/$nl.out,r")"
# a dependency of a dependency, both with odd names, in a subdirectory with a space
mkdir "sub dir"
do_file "sub dir/x y.do" <<'X'
redo-ifchange "../with space.out"
cat "../with space.out"
X
ok redo-ifchange "sub dir/x y"
assert_eq "$(sed -n 2p "sub dir/x y")" "changed with space" "nested odd names"
# names up to the filesystem's limit (255 bytes): records, logs, $3 and
# temp files must find room beside them
mkdir long
do_file long/default.do <<'X'
redo-ifchange ../longsrc
cat ../longsrc
printf '%s\n' "$1" | wc -c >&2
X
echo v1 >longsrc
names=
for len in 240 246 249 250 251 252 253 254 255; do
	n=$(head -c $len /dev/zero | tr '\0' L)
	names="$names $n"
	ok redo-ifchange "long/$n" 2>/dev/null
	assert_eq "$(cat "long/$n")" v1 "built a $len-byte name"
done
ok redo-ifchange $(for n in $names; do echo "long/$n"; done) 2>err
assert_eq "$(cat err)" "" "long names: no-op"
echo v2 >longsrc
ok redo-ifchange $(for n in $names; do echo "long/$n"; done) 2>/dev/null
for n in $names; do
	assert_eq "$(cat "long/$n")" v2 "rebuilt a ${#n}-byte name"
done
ls -a long | grep -q 'redo.*tmp' && fail "temp files left: $(ls -a long)"
true
