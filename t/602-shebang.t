# SPEC §8, issue 8: a .do whose first line is #! runs under that interpreter (python3, perl), executable or not, and its nested redo-ifchange still records dependencies.
py=
for c in /usr/bin/python3 "$(command -v python3 2>/dev/null)"; do
	if [ -n "$c" ] && [ -x "$c" ] && "$c" -c 'import sys' 2>/dev/null; then
		py=$c
		break
	fi
done
pl=$(command -v perl 2>/dev/null)
[ -n "$py" ] || [ -n "$pl" ] || skip "neither python3 nor perl is installed"
echo abc >input.txt
want=

if [ -n "$py" ]; then
	# A child of Python sees REDO_DEPFD only with close_fds=False:
	# subprocess closes every other descriptor by default.
	cat >py.txt.do <<X
#!$py
import subprocess, sys
subprocess.check_call(["redo-ifchange", "input.txt"], close_fds=False)
with open("input.txt") as f:
    data = f.read()
with open(sys.argv[3], "w") as out:
    out.write("python %s %s %s\n" % (sys.argv[1], sys.argv[2], data.strip().upper()))
with open("runs.log", "a") as log:
    log.write("py\n")
X
	cat >pybad.do <<X
#!$py
import sys
sys.exit(3)
X
	want="$want py.txt"
fi
if [ -n "$pl" ]; then
	# "#!/usr/bin/env perl" when env is there: an interpreter with an argument
	if [ -x /usr/bin/env ]; then line="#!/usr/bin/env perl"; else line="#!$pl"; fi
	cat >default.pl.do <<X
$line
use strict;
system("redo-ifchange", "input.txt") == 0 or die "redo-ifchange failed";
open(my \$in, "<", "input.txt") or die;
my \$d = <\$in>;
chomp \$d;
print "perl \$ARGV[0] \$ARGV[1] ", scalar reverse(\$d), "\n";
open(my \$log, ">>", "runs.log") or die;
print \$log "pl\n";
X
	chmod +x default.pl.do
	want="$want out.pl"
fi

ok redo-ifchange $want
if [ -n "$py" ]; then
	assert_eq "$(cat py.txt)" "python py.txt py.txt ABC" "python .do output"
	exits 1 redo pybad
	[ ! -e pybad ] || fail "a failed python .do left its target"
fi
if [ -n "$pl" ]; then
	assert_eq "$(cat out.pl)" "perl out.pl out cba" "perl .do output"
fi
ok redo-ifchange $want
assert_eq "$(ran py)$(ran pl)" "$([ -n "$py" ] && echo 1 || echo 0)$([ -n "$pl" ] && echo 1 || echo 0)" "no-op after the first build"
echo xyz >input.txt
ok redo-ifchange $want
if [ -n "$py" ]; then
	assert_eq "$(cat py.txt)" "python py.txt py.txt XYZ" "python .do rebuilt on its dependency"
	assert_eq "$(ran py)" 2 "python .do ran again"
fi
if [ -n "$pl" ]; then
	assert_eq "$(cat out.pl)" "perl out.pl out zyx" "perl .do rebuilt on its dependency"
	assert_eq "$(ran pl)" 2 "perl .do ran again"
fi
[ -n "$py" ] || echo "python3 not installed: only perl checked"
[ -n "$pl" ] || echo "perl not installed: only python3 checked"
:
