# issue 5: redo-dot prints the recorded graph in Graphviz dot (targets boxes, sources ellipses), accepted by dot -Tsvg.
do_file all.do <<'X'
redo-ifchange "a b.o" c.txt
X
do_file default.o.do <<'X'
redo-ifchange "$2.c"
cat "$2.c"
X
echo 'int x;' >"a b.c"
echo text >c.txt
ok redo all
redo-dot >graph.dot || fail "redo-dot failed"
grep -q '^digraph redo {' graph.dot || fail "not a digraph"
grep -q '"all" \[shape=box' graph.dot || fail "target all not a box"
grep -q '"a b.c" \[shape=ellipse' graph.dot || fail "source not an ellipse"
grep -q '"all" -> "a b.o";' graph.dot || fail "edge all -> a b.o missing"
grep -q '"a b.o" -> "default.o.do" \[style=dashed\]' graph.dot || fail ".do edge missing"
redo-dot "a b.o" >sub.dot || fail "redo-dot TARGET failed"
grep -q '"all"' sub.dot && fail "redo-dot a.o drew targets above it"
grep -q '"a b.c"' sub.dot || fail "redo-dot a.o misses its source"
if command -v dot >/dev/null 2>&1; then
	dot -Tsvg graph.dot >graph.svg || fail "dot rejected redo-dot's output"
	grep -q '<svg' graph.svg || fail "no svg produced"
else
	skip "graphviz (dot) not installed: the output was checked by grep only"
fi
