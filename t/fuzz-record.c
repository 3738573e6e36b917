/*
 * t/fuzz-record.c - libFuzzer harness for the state record parser.
 *
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -DREDO_NO_MAIN -I. \
 *         -o t/fuzz-record t/fuzz-record.c redo.c
 *   t/fuzz-record -max_total_time=30 CORPUS_DIR   (see `make fuzz-short`)
 *
 * Every input is first parsed as a record: the parser must never crash,
 * and whatever it accepts must survive a round trip: y = format(parse(x))
 * parses again, holds the same fields, and formats to y exactly.
 * An input that holds NUL bytes (which no record may contain) is also
 * cut at them into names: a record built with those names as its target
 * name, dependency paths and "built" paths must format and parse back
 * to the same names (SPEC §5: any byte sequence that is a valid file
 * name round-trips), and each name must survive escaping alone.
 * Any failed check abort()s, which libFuzzer reports with the input.
 */
#include "redo.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CHECK(c) do { if (!(c)) { \
	fprintf(stderr, "fuzz-record: check failed: %s (line %d)\n", #c, \
		__LINE__); abort(); } } while (0)

static char *dup_bytes(const void *p, size_t n)
{
	char *s = malloc(n + 1);
	CHECK(s != NULL);
	memcpy(s, p, n);
	s[n] = 0;
	return s;
}

static int same_str(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	return strcmp(a, b) == 0;
}

/* The fields two parsed records must agree on. */
static void same_record(const record *a, const record *b)
{
	size_t i;
	CHECK(same_str(a->name, b->name));
	CHECK(a->type == b->type && a->seq == b->seq);
	CHECK(a->failed == b->failed && same_str(a->run, b->run));
	CHECK(same_str(a->stamp, b->stamp) && same_str(a->prev, b->prev));
	CHECK(same_str(a->content, b->content));
	CHECK(same_str(a->sum, b->sum) && same_str(a->warned, b->warned));
	CHECK(a->ndeps == b->ndeps && a->nbuilt == b->nbuilt);
	for (i = 0; i < a->ndeps; i++) {
		CHECK(a->deps[i].kind == b->deps[i].kind);
		CHECK(same_str(a->deps[i].stamp, b->deps[i].stamp));
		CHECK(a->deps[i].seq == b->deps[i].seq);
		CHECK(same_str(a->deps[i].sum, b->deps[i].sum));
		CHECK(same_str(a->deps[i].content, b->deps[i].content));
		CHECK(a->deps[i].racy == b->deps[i].racy);
		CHECK(same_str(a->deps[i].path, b->deps[i].path));
	}
	for (i = 0; i < a->nbuilt; i++)
		CHECK(same_str(a->built[i], b->built[i]));
}

/* parse -> format -> parse -> format: a fixed point after one step. */
static void round_trip(const uint8_t *data, size_t size)
{
	record r, r2;
	const char *why = NULL;
	strbuf y = {0}, z = {0};
	if (record_parse(dup_bytes(data, size), size, &r, &why) != 0) {
		CHECK(why != NULL && *why);
		record_free(&r);
		return;
	}
	record_format(&r, &y);
	why = NULL;
	if (record_parse(dup_bytes(y.s, y.len), y.len, &r2, &why) != 0) {
		fprintf(stderr, "reformatted record does not parse (%s):\n%s",
			why, y.s);
		abort();
	}
	same_record(&r, &r2);
	record_format(&r2, &z);
	CHECK(y.len == z.len && memcmp(y.s, z.s, y.len) == 0);
	record_free(&r);
	record_free(&r2);
	sb_free(&y);
	sb_free(&z);
}

/* One name through esc_append and unescape_inplace. */
static void escape_trip(const char *name, size_t n)
{
	strbuf b = {0};
	long back;
	if (n == 0)
		return;
	esc_append(&b, name, n);
	CHECK(memchr(b.s, '\n', b.len) == NULL);
	CHECK(memchr(b.s, '\r', b.len) == NULL);
	back = unescape_inplace(b.s, b.len);
	CHECK(back == (long)n && memcmp(b.s, name, n) == 0);
	sb_free(&b);
}

/* The NUL-separated pieces of the input as the names of a record. */
static void names_trip(const uint8_t *data, size_t size)
{
	char *copy = dup_bytes(data, size), *p = copy, *end = copy + size;
	char *names[64];
	size_t nn = 0, i;
	record r, back;
	rec_dep deps[64];
	strbuf out = {0};
	const char *why = NULL;
	while (p <= end && nn < 64) {
		size_t len = strlen(p);
		escape_trip(p, len);
		if (len > 0)
			names[nn++] = p;
		p += len + 1;
	}
	if (nn == 0) {
		free(copy);
		return;
	}
	memset(&r, 0, sizeof r);
	r.name = names[0];
	r.type = REC_TARGET;
	r.seq = size;
	r.run = "fuzz";
	r.stamp = "f:1.000000002:3:4:5:100644:0:0";
	r.prev = "-";
	for (i = 1; i < nn; i++) {
		deps[i - 1].kind = "cnad"[i % 4];
		deps[i - 1].stamp = i % 2 ? "-" : "l:1.5:2:3:4:120777:0:0>d";
		deps[i - 1].seq = i % 3 ? 0 : i;
		deps[i - 1].sum = i % 5 ? NULL :
			"da39a3ee5e6b4b0d3255bfef95601890afd80709";
		deps[i - 1].content = i % 7 ? NULL :
			"a9993e364706816aba3e25717850c26c9cd0d89d";
		deps[i - 1].racy = i % 14 == 0;
		deps[i - 1].path = names[i];
	}
	r.deps = deps;
	r.ndeps = nn - 1;
	r.built = names + 1;
	r.nbuilt = nn - 1;
	record_format(&r, &out);
	if (record_parse(dup_bytes(out.s, out.len), out.len, &back, &why)) {
		fprintf(stderr, "record with fuzzed names does not parse "
			"(%s):\n%s", why, out.s);
		abort();
	}
	same_record(&r, &back);
	record_free(&back);
	sb_free(&out);
	free(copy);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	round_trip(data, size);
	if (memchr(data, 0, size))
		names_trip(data, size);
	return 0;
}

#ifdef FUZZ_MAIN
/*
 * Without libFuzzer (cc -DFUZZ_MAIN): runs the checks on each FILE given,
 * then on every prefix of it and on every one-byte change of it to a
 * few telling bytes (newline, space, backslash, NUL, a digit, 0xff).
 * t/403-record-roundtrip.t uses this on records made at run time.
 */
static unsigned char *slurp(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	unsigned char *buf;
	size_t cap = 4096;
	if (!f)
		return NULL;
	buf = malloc(cap);
	*n = 0;
	for (;;) {
		*n += fread(buf + *n, 1, cap - *n, f);
		if (*n < cap)
			break;
		cap *= 2;
		buf = realloc(buf, cap);
	}
	fclose(f);
	return buf;
}

int main(int argc, char **argv)
{
	static const unsigned char alt[] = { '\n', ' ', '\\', 0, '7', 0xff };
	unsigned long runs = 0;
	int i;
	for (i = 1; i < argc; i++) {
		size_t n, k, a;
		unsigned char *buf = slurp(argv[i], &n);
		if (!buf) {
			fprintf(stderr, "fuzz-record: cannot read %s\n", argv[i]);
			return 2;
		}
		for (k = 0; k <= n; k++, runs++)
			LLVMFuzzerTestOneInput(buf, k);
		for (k = 0; k < n; k++) {
			unsigned char c = buf[k];
			for (a = 0; a < sizeof alt; a++, runs++) {
				buf[k] = alt[a];
				LLVMFuzzerTestOneInput(buf, n);
			}
			buf[k] = c;
		}
		free(buf);
	}
	printf("%lu inputs checked\n", runs);
	return 0;
}
#endif
