# SPEC §8 (issue 7): a .do whose #! interpreter does not exist, or whose REDO_SHELL does not, fails its target with a one-line reason and "failed (exit 127)"; nothing is left behind and the next good .do builds.
do_file bad.do <<'X'
#!/nonexistent/interpreter
echo never
X
fails redo bad 2>err
grep -qx 'redo: bad: cannot run /nonexistent/interpreter: .*' err ||
	fail "no reason given: $(cat err)"
grep -qx 'redo: bad: failed (exit 127)' err || fail "no failure line: $(cat err)"
[ -e bad ] && fail "bad was created"
[ -e bad.redo.tmp ] && fail "\$3 left behind"
do_file good.do <<'X'
echo good
X
REDO_SHELL=/nonexistent/shell redo good 2>err && fail "a missing REDO_SHELL built good"
grep -q 'cannot run /nonexistent/shell' err || fail "no reason for REDO_SHELL: $(cat err)"
ok redo good
assert_eq "$(cat good)" good "built with /bin/sh"
