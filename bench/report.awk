# bench/report.awk - markdown report from bench.sh's samples (raw.tsv).
# Input columns: N tool phase wall_us user_us sys_us maxrss_kib status built
# Variables: sizes ("1000 10000"), reps, qreps, goal_n, full_n.

function add(key, v) { vals[key] = (key in vals) ? vals[key] " " v : v; cnt[key]++ }

# median of the values stored under key ("" if none)
function med(key,    a, n, i, j, x) {
	if (!(key in vals)) return ""
	n = split(vals[key], a, " ")
	for (i = 2; i <= n; i++) {           # insertion sort: a few samples
		x = a[i] + 0
		for (j = i - 1; j >= 1 && a[j] + 0 > x; j--) a[j + 1] = a[j]
		a[j + 1] = x
	}
	return n % 2 ? a[(n + 1) / 2] + 0 : (a[n / 2] + a[n / 2 + 1]) / 2
}

function ms(us) {
	if (us == "") return "-"
	us /= 1000
	return us < 10 ? sprintf("%.2f", us) : us < 100 ? sprintf("%.1f", us) : sprintf("%.0f", us)
}

# a cell: median ms, with the sample count when it is short of the plan
function cell(n, t, p, want,    key) {
	key = n SUBSEP t SUBSEP p SUBSEP "wall"
	if (!(key in vals)) return "-"
	return ms(med(key)) (cnt[key] < want ? " (n=" cnt[key] ")" : "")
}

function ratio(a, b) { return (a == "" || b == "" || b == 0) ? "" : a / b }
function fmtr(r) { return r == "" ? "-" : sprintf("%.2f", r) }
function wall(n, t, p) { return med(n SUBSEP t SUBSEP p SUBSEP "wall") }
function cpu(n, t, p) { return med(n SUBSEP t SUBSEP p SUBSEP "cpu") }

# " (CPU r)": the same ratio in CPU time, for the goals' "measured" column
function cpux(n, p, b,    r) { r = ratio(cpu(n, "redo", p), cpu(n, b, p)); return r == "" ? "" : sprintf(" (CPU %.2f)", r) }

function goal(text, n, r, cmp, lim, extra,    ok) {
	if (r == "") { printf "| %s | %s | - | %s %s | not measured |\n", text, n, cmp, lim; return }
	ok = cmp == "<=" ? r <= lim : r >= lim
	printf "| %s | %s | %.2f%s | %s %s | %s |\n", text, n, r, extra, cmp == "<=" ? "≤" : "≥", lim, ok ? "**met**" : "not met"
}

{
	k = $1 SUBSEP $2 SUBSEP $3
	if ($3 == "gnutime") { gnutime[$1 SUBSEP $2] = $7; next }
	add(k SUBSEP "wall", $4)
	add(k SUBSEP "cpu", $5 + $6)
	add(k SUBSEP "rss", $7)
	seen[$1] = 1
}

END {
	ns = split(sizes, N, " ")
	ntools = split("redo make ninja floor-lstat floor-read floor-true", T, " ")
	label["floor-lstat"] = "floor: lstat every file"
	label["floor-read"] = "floor: lstat + read 1 file per target"
	label["floor-true"] = "floor: start /bin/true"

	print "## Medians (ms; peak RSS in MiB)"
	print ""
	print "| N | tool | full -j1 | full -j2 | -j2 speedup | no-op | no-op CPU | leaf edit | header edit | no-op peak RSS |"
	print "|---|---|---|---|---|---|---|---|---|---|"
	for (i = 1; i <= ns; i++) {
		n = N[i]
		if (!(n in seen)) continue
		for (j = 1; j <= ntools; j++) {
			t = T[j]
			if (!((n SUBSEP t SUBSEP "noop" SUBSEP "wall") in vals)) continue
			sp = ratio(wall(n, t, "full1"), wall(n, t, "full2"))
			rss = med(n SUBSEP t SUBSEP "noop" SUBSEP "rss")
			printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", n, (t in label) ? label[t] : t,
				cell(n, t, "full1", reps), cell(n, t, "full2", reps), fmtr(sp),
				cell(n, t, "noop", qreps), ms(med(n SUBSEP t SUBSEP "noop" SUBSEP "cpu")),
				cell(n, t, "leaf", reps), cell(n, t, "hdr", reps),
				t ~ /^floor/ ? "-" : sprintf("%.1f", rss / 1024)
		}
	}
	print ""
	printf "No-op: `redo-ifchange all`, `make`, `ninja -j1` in a built tree; leaf edit: one .c appended to"
	printf " (3 targets rebuilt); header edit: a shared header appended to (every target rebuilt)."
	printf " Every timing includes starting one process (see the /bin/true row)."
	printf " Peak RSS: wait4's ru_maxrss"
	gt = ""
	for (i = 1; i <= ns; i++)
		for (j = 1; j <= 3; j++)
			if ((N[i] SUBSEP T[j]) in gnutime)
				gt = gt sprintf("%s%s %s N=%s", gt == "" ? "" : ", ", T[j], sprintf("%.1f", gnutime[N[i] SUBSEP T[j]] / 1024), N[i])
	if (gt != "") printf "; GNU time's %%M on one more no-op: %s", gt
	print "."

	# the sizes the goals are judged at
	gn = ""; fn = ""
	for (i = 1; i <= ns; i++) {
		if (wall(N[i], "redo", "noop") != "" && N[i] + 0 <= goal_n + 0) gn = N[i]
		if (fn == "" && wall(N[i], "redo", "full1") != "" && wall(N[i], "redo", "full2") != "") fn = N[i]
		if (wall(N[i], "redo", "full1") != "" && N[i] == full_n) fn = N[i]
	}
	if (gn == "") gn = N[1]
	print ""
	print "## Goals (issue 6; ratios of medians from this one run)"
	print ""
	print "Verdicts are on wall time, as the issue states them; the CPU-time ratio is given beside for a loaded machine."
	print ""
	print "| goal | N | measured | wanted | verdict |"
	print "|---|---|---|---|---|"
	goal("no-op vs floor (lstat + read one file per target)", gn,
		ratio(wall(gn, "redo", "noop"), wall(gn, "floor-read", "noop")), "<=", 1.3, cpux(gn, "noop", "floor-read"))
	goal("no-op vs ninja's no-op", gn, ratio(wall(gn, "redo", "noop"), wall(gn, "ninja", "noop")), "<=", 1.0, cpux(gn, "noop", "ninja"))
	goal("one leaf edited vs ninja", gn, ratio(wall(gn, "redo", "leaf"), wall(gn, "ninja", "leaf")), "<=", 1.2, cpux(gn, "leaf", "ninja"))
	goal("full build -j1 vs make", fn, ratio(wall(fn, "redo", "full1"), wall(fn, "make", "full1")), "<=", 1.3, cpux(fn, "full1", "make"))
	ex = sprintf(" (make %s, ninja %s)", fmtr(ratio(wall(fn, "make", "full1"), wall(fn, "make", "full2"))),
		fmtr(ratio(wall(fn, "ninja", "full1"), wall(fn, "ninja", "full2"))))
	goal("full build speedup -j1 / -j2", fn, ratio(wall(fn, "redo", "full1"), wall(fn, "redo", "full2")), ">=", 1.7, ex)
	goal("no-op peak RSS vs ninja's", gn, ratio(med(gn SUBSEP "redo" SUBSEP "noop" SUBSEP "rss"),
		med(gn SUBSEP "ninja" SUBSEP "noop" SUBSEP "rss")), "<=", 1.0, "")
	for (i = 2; i <= ns; i++) {
		if (wall(N[i], "redo", "noop") == "" || wall(N[i - 1], "redo", "noop") == "") continue
		goal(sprintf("no-op growth N=%s → %s (linear: %g×)", N[i - 1], N[i], N[i] / N[i - 1]), N[i],
			ratio(wall(N[i], "redo", "noop"), wall(N[i - 1], "redo", "noop")), "<=", N[i] / N[i - 1], "×")
	}
	if (gn != goal_n) print "\n(The goals ask for N=" goal_n "; it was not measured, so they are judged at N=" gn ".)"

	print ""
	print "## redo's ratios to make and ninja (medians; > 1 means redo is slower or bigger)"
	print ""
	print "CPU = user + system time of the command and its children (wait4), less sensitive than wall time to other load."
	print ""
	print "| N | vs | full -j1 | full -j1 CPU | full -j2 | no-op | no-op CPU | leaf edit | leaf edit CPU | header edit | no-op peak RSS |"
	print "|---|---|---|---|---|---|---|---|---|---|---|"
	for (i = 1; i <= ns; i++) {
		n = N[i]
		if (!(n in seen)) continue
		for (j = 2; j <= 5; j++) {
			b = T[j]
			printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", n, (b in label) ? label[b] : b,
				fmtr(ratio(wall(n, "redo", "full1"), wall(n, b, "full1"))),
				fmtr(ratio(cpu(n, "redo", "full1"), cpu(n, b, "full1"))),
				fmtr(ratio(wall(n, "redo", "full2"), wall(n, b, "full2"))),
				fmtr(ratio(wall(n, "redo", "noop"), wall(n, b, "noop"))),
				fmtr(ratio(cpu(n, "redo", "noop"), cpu(n, b, "noop"))),
				fmtr(ratio(wall(n, "redo", "leaf"), wall(n, b, "leaf"))),
				fmtr(ratio(cpu(n, "redo", "leaf"), cpu(n, b, "leaf"))),
				fmtr(ratio(wall(n, "redo", "hdr"), wall(n, b, "hdr"))),
				b ~ /^floor/ ? "-" : fmtr(ratio(med(n SUBSEP "redo" SUBSEP "noop" SUBSEP "rss"), med(n SUBSEP b SUBSEP "noop" SUBSEP "rss")))
		}
	}

	if (ns > 1) {
		print ""
		print "## No-op growth between sizes (ratio of medians; linear = the ratio of the sizes)"
		print ""
		print "| step | linear | redo | make | ninja | floor: lstat | floor: lstat + read | redo, CPU time |"
		print "|---|---|---|---|---|---|---|---|"
		for (i = 2; i <= ns; i++) {
			printf "| %s → %s | %g |", N[i - 1], N[i], N[i] / N[i - 1]
			for (j = 1; j <= 5; j++)
				printf " %s |", fmtr(ratio(wall(N[i], T[j], "noop"), wall(N[i - 1], T[j], "noop")))
			printf " %s |\n", fmtr(ratio(med(N[i] SUBSEP "redo" SUBSEP "noop" SUBSEP "cpu"),
				med(N[i - 1] SUBSEP "redo" SUBSEP "noop" SUBSEP "cpu")))
		}
	}
}
