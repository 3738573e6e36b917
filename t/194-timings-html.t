# issue 15: redo-log --html writes one self-contained page: it renders in headless Chromium without errors, and its timeline has one bar per run, the critical path's marked, a failed run's coloured as failed.
command -v chromium >/dev/null 2>&1 || skip "chromium is missing (it renders the page)"
# as in 192: mid waits for fast's file, so all <- slow <- mid bounds the
# build as recorded; then bad runs and fails, ignored (a failed
# redo-ifchange is no recorded dependency: not on the path)
do_file all.do <<'X'
redo-ifchange slow fast
redo-ifchange bad || :
X
do_file fast.do <<'X'
echo fast
X
do_file slow.do <<'X'
redo-ifchange mid
X
do_file mid.do <<'X'
until [ -e fast ]; do sleep 0.01 2>/dev/null || sleep 1; done
echo mid
X
do_file 'bad<&>.do' <<'X'
exit 5
X
do_file bad.do <<'X'
redo-ifchange 'bad<&>'
X
ok redo -j2 all 2>err
redo-log --html >page.html || fail "redo-log --html"
# nothing loaded from elsewhere
grep -v 'xmlns=' page.html | grep -Eq 'src=|href=|url\(|@import' &&
	fail "the page loads something"
chromium --headless --no-sandbox --disable-gpu --screenshot="$PWD/shot.png" \
	--window-size=1200,800 "file://$PWD/page.html" >out 2>cerr ||
	{ cat cerr; fail "chromium failed"; }
[ "$(head -c 4 shot.png | od -An -c | tr -d ' ')" = 211PNG ] ||
	{ cat cerr; fail "no screenshot"; }
grep -Ei 'CONSOLE|Uncaught|SyntaxError|ERR_FILE|net::ERR' cerr &&
	fail "errors about the page"
chromium --headless --no-sandbox --disable-gpu --dump-dom \
	"file://$PWD/page.html" >dom 2>cerr2 || { cat cerr2; fail "chromium --dump-dom"; }
# the DOM chromium built: one bar per run, 3 of them critical (all,
# slow, mid), 2 failed
assert_eq "$(grep -o '<rect class="bar[^"]*"' dom | wc -l | tr -d ' ')" 6 "bars"
assert_eq "$(grep -o '<rect class="bar[^"]* crit"' dom | wc -l | tr -d ' ')" 3 "critical bars"
assert_eq "$(grep -o '<rect class="bar fail[^"]*"' dom | wc -l | tr -d ' ')" 2 "failed bars (bad<&>, bad)"
assert_eq "$(grep -o '<rect class="bar ok crit"' dom | wc -l | tr -d ' ')" 3 "all, slow, mid"
grep -q 'bad&lt;&amp;&gt;' dom || fail "the name is not escaped as text"
exit 0
