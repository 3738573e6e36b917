# SPEC §8 (issue 2): files redo creates follow the umask (umask 027 -> 0640), not mkstemp's 0600.
umask 027
do_file out.do <<'X'
echo hello
X
do_file three.do <<'X'
echo hello >$3
X
ok redo out three
assert_eq "$(stat -c %a out 2>/dev/null || stat -f %Lp out)" 640 "stdout target mode"
assert_eq "$(stat -c %a three 2>/dev/null || stat -f %Lp three)" 640 "\$3 target mode"
assert_eq "$(stat -c %a .redo/out,r 2>/dev/null || stat -f %Lp .redo/out,r)" 640 "record mode"
assert_eq "$(stat -c %a .redo 2>/dev/null || stat -f %Lp .redo)" 750 ".redo mode"
umask 022
ok redo out
assert_eq "$(stat -c %a out 2>/dev/null || stat -f %Lp out)" 644 "stdout target mode under 022"
