# SPEC §8 (issue 2): a first line "#!/..." names the interpreter, whether or not the .do is executable.
command -v perl >/dev/null 2>&1 || skip "perl not installed"
do_file p.do <<'X'
#!/usr/bin/env perl
print "perl says $ARGV[0] $ARGV[1]\n";
X
ok redo p
assert_eq "$(cat p)" "perl says p p" "non-executable .do run by perl"
chmod +x p.do
rm p
ok redo p
assert_eq "$(cat p)" "perl says p p" "executable .do run by perl"
# an interpreter with an argument
do_file q.do <<'X'
#!/bin/sh -e
false
echo "not reached"
X
fails redo q 2>/dev/null
[ -e q ] && fail "#!/bin/sh -e did not stop at false"
do_file r.do <<'X'
#!/bin/sh
false
echo "reached: no -e given"
X
ok redo r
assert_eq "$(cat r)" "reached: no -e given" "the #! line replaces redo's sh -e"
