/*
 * t/unit.c - unit tests of redo.c's pure functions, through redo.h:
 * SHA-1 against the FIPS 180 vectors, name escaping, record parsing
 * and formatting, path arithmetic.  Built with redo.c -DREDO_NO_MAIN.
 *   t/unit            run the tests; last line "N passed, N failed"
 *   t/unit sha1 FILE  print FILE's SHA-1 (compared with sha1sum in t/)
 *   t/unit stamp FILE  print the stamp redo takes of FILE
 *   t/unit parse FILE...  parse each FILE as a record: exit 0 if all
 *                     are valid, else 1 (each bad one is named on stdout)
 */
#include "redo.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int npass, nfail;

static void expect(int ok, const char *what)
{
	if (ok)
		npass++;
	else {
		nfail++;
		printf("FAIL: %s\n", what);
	}
}

static void sha1_str(const void *s, size_t n, char hex[41])
{
	sha1_ctx c;
	unsigned char d[20];
	sha1_init(&c);
	sha1_update(&c, s, n);
	sha1_final(&c, d);
	sha1_hex(d, hex);
}

static void test_sha1(void)
{
	char hex[41];
	sha1_ctx c;
	unsigned char d[20];
	char *a;
	size_t i;
	sha1_str("abc", 3, hex);
	expect(!strcmp(hex, "a9993e364706816aba3e25717850c26c9cd0d89d"),
	       "sha1 abc");
	sha1_str("", 0, hex);
	expect(!strcmp(hex, "da39a3ee5e6b4b0d3255bfef95601890afd80709"),
	       "sha1 empty");
	sha1_str("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 56,
		 hex);
	expect(!strcmp(hex, "84983e441c3bd26ebaae4aa1f95129e5e54670f1"),
	       "sha1 448 bits");
	sha1_str("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmn"
		 "hijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
		 112, hex);
	expect(!strcmp(hex, "a49b2446a02c645bf419f995b67091253a04a259"),
	       "sha1 896 bits");
	a = malloc(1000000);
	memset(a, 'a', 1000000);
	sha1_str(a, 1000000, hex);
	expect(!strcmp(hex, "34aa973cd4c4daa4f61eeb2bdbad27316534016f"),
	       "sha1 million a");
	/* the same message fed in odd-sized pieces */
	sha1_init(&c);
	for (i = 0; i < 1000000;) {
		size_t k = 1 + (i * 7919) % 131;
		if (k > 1000000 - i)
			k = 1000000 - i;
		sha1_update(&c, a + i, k);
		i += k;
	}
	sha1_final(&c, d);
	sha1_hex(d, hex);
	expect(!strcmp(hex, "34aa973cd4c4daa4f61eeb2bdbad27316534016f"),
	       "sha1 million a in pieces");
	free(a);
}

static void test_escape(void)
{
	const char *names[] = { "plain", "sp ace", "new\nline", "back\\slash",
				"\\n literal", "cr\rx", "\n\n\\\\", "\xff\xfe" };
	size_t i;
	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		strbuf b = {0};
		long n;
		esc_append(&b, names[i], strlen(names[i]));
		expect(strchr(b.s, '\n') == NULL, "escaped has no newline");
		n = unescape_inplace(b.s, b.len);
		expect(n == (long)strlen(names[i]) && !strcmp(b.s, names[i]),
		       "escape round trip");
		sb_free(&b);
	}
	{
		char bad[] = "trailing\\";
		char bad2[] = "bad\\q";
		expect(unescape_inplace(bad, strlen(bad)) < 0, "trailing \\");
		expect(unescape_inplace(bad2, strlen(bad2)) < 0, "bad escape");
	}
}

static char *dupmem(const char *s, size_t n)
{
	char *p = malloc(n + 1);
	memcpy(p, s, n);
	return p;
}

static void test_record(void)
{
	record r, back;
	rec_dep deps[3];
	rec_deep deep[3];
	char *built[1] = { "sub/x y" };
	strbuf out = {0}, again = {0};
	const char *why = "";
	char *buf;
	memset(&r, 0, sizeof r);
	memset(deps, 0, sizeof deps);
	r.name = "t\nname";
	r.type = REC_TARGET;
	r.seq = 42;
	r.run = "abc.def";
	r.stamp = "f:1.000000002:3:4:5:100644:0:0";
	r.prev = "-";
	r.content = "da39a3ee5e6b4b0d3255bfef95601890afd80709";
	r.sum = "a9993e364706816aba3e25717850c26c9cd0d89d";
	deps[0].kind = DEP_DOFILE;
	deps[0].stamp = "f:1.5:2:3:4:100644:0:0";
	deps[0].seq = 0;
	deps[0].sum = NULL;
	deps[0].content = "a9993e364706816aba3e25717850c26c9cd0d89d";
	deps[0].racy = 1;
	deps[0].path = "default.do";
	deps[1].kind = DEP_IFCHANGE;
	deps[1].stamp = "l:1.5:2:3:4:120777:0:0>-";
	deps[1].seq = 7;
	deps[1].sum = "da39a3ee5e6b4b0d3255bfef95601890afd80709";
	deps[1].path = "../we ird\\na\nme";
	deps[2].kind = DEP_IFCREATE;
	deps[2].stamp = "-";
	deps[2].seq = 0;
	deps[2].sum = NULL;
	deps[2].path = "/abs/x.do";
	r.deps = deps;
	r.ndeps = 3;
	r.built = built;
	r.nbuilt = 1;
	deep[0].kind = 'f';
	deep[0].stamp = "f:1.5:2:3:4:100644:0:0";
	deep[0].path = "../src/a b.c";
	deep[1].kind = 'b';
	deep[1].stamp = "f:2.5:2:3:4:100644:0:0";
	deep[1].path = "grp/g\n0";
	deep[2].kind = 'd';
	deep[2].stamp = "f:3.5:4096:3:4:40755:0:0";
	deep[2].path = "../src";
	r.deep = deep;
	r.ndeep = 3;
	record_format(&r, &out);
	buf = dupmem(out.s, out.len);
	expect(record_parse(buf, out.len, &back, &why) == 0, "record parses");
	if (nfail == 0) {
		expect(!strcmp(back.name, r.name), "name");
		expect(back.seq == 42 && back.ndeps == 3 && back.nbuilt == 1,
		       "counts");
		expect(!strcmp(back.deps[1].path, deps[1].path), "dep path");
		expect(back.deps[1].seq == 7, "dep seq");
		expect(back.deps[0].racy && !back.deps[1].racy &&
		       !strcmp(back.deps[0].content, deps[0].content) &&
		       !back.deps[1].content, "dep content, racy mark");
		expect(!strcmp(back.content, r.content), "content");
		expect(!strcmp(back.sum, r.sum), "sum");
		expect(back.warned == NULL && !back.failed, "warned, failed");
		expect(back.ndeep == 3 && back.deep[0].kind == 'f' &&
		       back.deep[1].kind == 'b' && back.deep[2].kind == 'd' &&
		       !strcmp(back.deep[1].path, deep[1].path) &&
		       !strcmp(back.deep[1].stamp, deep[1].stamp),
		       "summary lines and their kinds");
		record_format(&back, &again);
		expect(again.len == out.len && !memcmp(again.s, out.s, out.len),
		       "format(parse(x)) == x");
	}
	record_free(&back);
	/* every truncation of a valid record is rejected */
	{
		size_t cut;
		int all = 1;
		for (cut = 0; cut < out.len; cut++) {
			record t;
			buf = dupmem(out.s, cut);
			if (record_parse(buf, cut, &t, &why) == 0)
				all = 0;
			record_free(&t);
		}
		expect(all, "every truncation rejected");
	}
	{
		const char *bad[] = { "", "garbage\n", "redo-record 2\nend\n",
				      "redo-record 1\nend\n", "\0\0\0" };
		size_t i;
		for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
			record t;
			size_t n = i == 4 ? 3 : strlen(bad[i]);
			buf = dupmem(bad[i], n);
			expect(record_parse(buf, n, &t, &why) != 0,
			       "bad record rejected");
			record_free(&t);
		}
	}
	sb_free(&out);
	sb_free(&again);
}

static void test_paths(void)
{
	struct { const char *dir, *rel, *want; } j[] = {
		{ "/a/b", "c", "/a/b/c" },
		{ "/a/b", "../c", "/a/c" },
		{ "/a/b", "./c/./d", "/a/b/c/d" },
		{ "/a/b", "/x/y", "/x/y" },
		{ "/", "x", "/x" },
		{ "/a", "..", "/" },
		{ "/a", "../..", "/" },
		{ "/a/b", "c//d/", "/a/b/c/d" },
	};
	struct { const char *abs, *base, *want; } r[] = {
		{ "/a/b/c", "/a/b", "c" },
		{ "/a/b", "/a/b", "." },
		{ "/a/c", "/a/b", "../c" },
		{ "/x/y", "/a/b", "../../x/y" },
		{ "/a/bc", "/a/b", "../bc" },
		{ "/a/b", "/a/bc", "../b" },
		{ "/a", "/", "a" },
		{ "/", "/a/b", "../.." },
	};
	size_t i;
	for (i = 0; i < sizeof j / sizeof j[0]; i++) {
		char *p = path_join(j[i].dir, j[i].rel);
		if (strcmp(p, j[i].want))
			printf("path_join(%s, %s) = %s, want %s\n", j[i].dir,
			       j[i].rel, p, j[i].want);
		expect(!strcmp(p, j[i].want), "path_join");
		free(p);
	}
	for (i = 0; i < sizeof r / sizeof r[0]; i++) {
		char *p = path_relative(r[i].abs, r[i].base);
		if (strcmp(p, r[i].want))
			printf("path_relative(%s, %s) = %s, want %s\n",
			       r[i].abs, r[i].base, p, r[i].want);
		expect(!strcmp(p, r[i].want), "path_relative");
		free(p);
	}
}

static void test_stamps(void)
{
	char a[STAMP_MAX];
	long long sec, size;
	long nsec;
	stamp_of_path("/nonexistent/for/sure", a);
	expect(!strcmp(a, "-"), "missing stamp");
	stamp_of_path("/", a);
	expect(!strcmp(a, "d"), "directory stamp");
	expect(stamp_fields("f:12.000000034:56:1:2:100644:0:0", &sec, &nsec,
			    &size) && sec == 12 && nsec == 34 && size == 56,
	       "stamp fields");
}

static int cmd_sha1(const char *path)
{
	FILE *f = fopen(path, "rb");
	char buf[4096], hex[41];
	size_t n;
	sha1_ctx c;
	unsigned char d[20];
	if (!f)
		return 2;
	sha1_init(&c);
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		sha1_update(&c, buf, n);
	fclose(f);
	sha1_final(&c, d);
	sha1_hex(d, hex);
	printf("%s\n", hex);
	return 0;
}

static int cmd_parse(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	size_t n = 0, cap = 4096;
	record r;
	const char *why = "";
	int rc;
	if (!f) {
		printf("%s: cannot open\n", path);
		return 2;
	}
	buf = malloc(cap + 1);
	for (;;) {
		size_t k = fread(buf + n, 1, cap - n, f);
		n += k;
		if (n < cap)
			break;
		cap *= 2;
		buf = realloc(buf, cap + 1);
	}
	fclose(f);
	rc = record_parse(buf, n, &r, &why) == 0 ? 0 : 1;
	if (rc)
		printf("%s: %s\n", path, why);
	record_free(&r);
	return rc;
}

int main(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], "sha1"))
		return cmd_sha1(argv[2]);
	if (argc == 3 && !strcmp(argv[1], "stamp")) {
		char st[STAMP_MAX];
		stamp_of_path(argv[2], st);
		printf("%s\n", st);
		return 0;
	}
	if (argc >= 3 && !strcmp(argv[1], "parse")) {
		int i, rc = 0;
		for (i = 2; i < argc; i++)
			if (cmd_parse(argv[i]) != 0)
				rc = 1;
		return rc;
	}
	test_sha1();
	test_escape();
	test_record();
	test_paths();
	test_stamps();
	printf("%d passed, %d failed\n", npass, nfail);
	return nfail != 0;
}
