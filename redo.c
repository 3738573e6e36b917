/*
 * redo.c - djb's redo build system in one portable C file.
 *
 * Build:  cc -o redo redo.c
 * Then ./redo builds the target "all" of the current directory; the
 * .do scripts find redo-ifchange and the other commands on their PATH
 * without anything being installed.  See README and doc/DESIGN.md.
 *
 * Sections, in the order the data flows:
 *   1. utilities        errors, allocation, strings, signals-safe I/O
 *   2. SHA-1            content checksums for redo-stamp and racy files
 *   3. paths            canonical absolute names, relative names
 *   4. stamps           what a file looked like
 *   5. state records    the per-target text files under .redo/
 *   6. nodes            the in-memory graph: stat and record caches
 *   7. dofile search    which .do builds a target
 *   8. dependency check is a target up to date? (no fork, no writes)
 *   9. jobs and locks   job tokens, the make jobserver, fcntl locks
 *  10. output           the terminal, its status line, nested output
 *  11. running a .do    argv, environment, output capture, commit
 *  12. building         the scheduler behind redo and redo-ifchange
 *  13. commands         one function per command name
 *  14. main             environment, options, dispatch on argv[0]
 */
#include "redo.h"

#include <assert.h>
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#ifndef REDO_NO_WINSIZE
#include <sys/ioctl.h>   /* TIOCGWINSZ, where there is one (redo.h) */
#endif
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* ====================================================================
 * 1. Utilities
 * Error reporting (one idiom: "redo: WHAT: why" on stderr), checked
 * allocation, the growable string, and I/O loops that survive EINTR.
 * ==================================================================== */

static const char *g_prog = "redo";   /* command name, for messages */
static int g_outfd = 2;   /* where messages, progress and .do stderr go */
static int g_debug_pids;  /* --debug-pids: our pid on our own lines */
static void out_write(const char *s, size_t n);

/* The one write loop: all n bytes of s to fd, through short writes and
 * EINTR.  Returns 0, or -1 with errno set (a write that makes no
 * progress counts as EIO).  Every caller that can act on a failure
 * does; messages to the terminal have nowhere else to go. */
static int write_all(int fd, const char *s, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, s, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			if (w == 0)
				errno = EIO;
			return -1;
		}
		s += w;
		n -= (size_t)w;
	}
	return 0;
}

/* One message line, written with one write() so that parallel
 * processes never interleave inside it. */
static void vmsg(const char *fmt, va_list ap)
{
	char buf[4096];
	int n = g_debug_pids ? snprintf(buf, sizeof buf, "redo[%ld]: ",
					(long)getpid())
			     : snprintf(buf, sizeof buf, "redo: ");
	int m = vsnprintf(buf + n, sizeof buf - (size_t)n - 1, fmt, ap);
	size_t len;
	if (m < 0)
		m = 0;
	len = (size_t)n + (size_t)m;
	if (len > sizeof buf - 2)
		len = sizeof buf - 2;
	if (len == 0 || buf[len - 1] != '\n')
		buf[len++] = '\n';
	out_write(buf, len);
}

static void msg(const char *fmt, ...) PRINTF_LIKE(1, 2);
static void msg(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vmsg(fmt, ap);
	va_end(ap);
}

static void die(int code, const char *fmt, ...) NORETURN PRINTF_LIKE(2, 3);
static void die(int code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vmsg(fmt, ap);
	va_end(ap);
	exit(code);
}

/* setenv that says so when it fails (ENOMEM, mostly): the variable
 * then keeps an old value that must not be trusted, so the caller
 * must not go on as if it were set.  Returns 0 or -1. */
static int env_set(const char *name, const char *value)
{
	if (setenv(name, value, 1) == 0)
		return 0;
	msg("cannot set %s: %s", name, strerror(errno));
	return -1;
}

/* env_set for what the process cannot go on without. */
static void env_must(const char *name, const char *value)
{
	if (env_set(name, value) < 0)
		exit(EXIT_SYSTEM);
}

static void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		die(EXIT_SYSTEM, "out of memory");
	return p;
}

static void *xmalloc(size_t n)
{
	return xrealloc(NULL, n);
}

static void *xcalloc(size_t n, size_t sz)
{
	void *p = calloc(n ? n : 1, sz);
	if (!p)
		die(EXIT_SYSTEM, "out of memory");
	return p;
}

/* Grows an array of elements of size sz so that it holds at least
 * need elements; *cap is its capacity. */
static void *grow(void *p, size_t *cap, size_t need, size_t sz)
{
	size_t c = *cap ? *cap : 8;
	if (need <= *cap)
		return p;
	while (c < need) {
		if (c > (size_t)-1 / 2 / sz)
			die(EXIT_SYSTEM, "out of memory");
		c *= 2;
	}
	*cap = c;
	return xrealloc(p, c * sz);
}

static char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = 0;
	return p;
}

static char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

void sb_addn(strbuf *b, const char *s, size_t n)
{
	/* no size_t wrap-around below (gcc -O3 warns about it otherwise) */
	if (n >= (size_t)-1 / 2 - b->len)
		die(EXIT_SYSTEM, "out of memory");
	b->s = grow(b->s, &b->cap, b->len + n + 1, 1);
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = 0;
}

void sb_adds(strbuf *b, const char *s)
{
	sb_addn(b, s, strlen(s));
}

void sb_addc(strbuf *b, char c)
{
	sb_addn(b, &c, 1);
}

static void sb_addf(strbuf *b, const char *fmt, ...) PRINTF_LIKE(2, 3);
static void sb_addf(strbuf *b, const char *fmt, ...)
{
	char tmp[512], *p = tmp;
	va_list ap;
	int n;
	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n >= sizeof tmp) {   /* too long for tmp: again */
		p = xmalloc((size_t)n + 1);
		va_start(ap, fmt);
		vsnprintf(p, (size_t)n + 1, fmt, ap);
		va_end(ap);
	}
	sb_addn(b, p, (size_t)n);
	if (p != tmp)
		free(p);
}

void sb_free(strbuf *b)
{
	free(b->s);
	memset(b, 0, sizeof *b);
}

/* The string of b, which b gives up (an empty one if it has none). */
static char *sb_steal(strbuf *b)
{
	char *s = b->s ? b->s : xstrdup("");
	memset(b, 0, sizeof *b);
	return s;
}

/* A list of malloc'd strings. */
typedef struct names {
	char **v;
	size_t n, cap;
} names;

static void names_add_own(names *l, char *s)
{
	l->v = grow(l->v, &l->cap, l->n + 1, sizeof *l->v);
	l->v[l->n++] = s;
}

static void names_free(names *l)
{
	size_t i;
	for (i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	memset(l, 0, sizeof *l);
}

/* open(), close-on-exec.  Called as openat(): musl's open() follows an
 * O_CLOEXEC open with an fcntl(F_SETFD) for kernels that ignore the
 * flag, its openat() does not (a system call per file saved). */
static int xopen(const char *path, int flags, mode_t mode)
{
	int fd;
	do
		fd = openat(AT_FDCWD, path, flags | O_CLOEXEC, mode);
	while (fd < 0 && errno == EINTR);
	return fd;
}

/* Closes fd if it is open.  Returns 0, or -1 with errno set: for a
 * file we wrote, a failed close can be the first sign of a lost write
 * (EINTR is not one: the descriptor is gone either way). */
static int xclose(int fd)
{
	if (fd < 0 || close(fd) == 0 || errno == EINTR)
		return 0;
	return -1;
}

/* Closes fd on a failure's way out, keeping the failure's errno.
 * Returns -1, for the caller to return. */
static int close_keep_errno(int fd)
{
	int e = errno;
	close(fd);
	errno = e;
	return -1;
}

/* ---- durability (DESIGN 3.9) ---- */

/* Is REDO_FSYNC on?  Read once per process: "0" turns it off, any
 * other non-empty value on; unset or empty means the default below. */
#define REDO_FSYNC_DEFAULT 0
static int durable_writes(void)
{
	static int on = -1;
	if (on < 0) {
		const char *v = getenv("REDO_FSYNC");
		on = v && *v ? strcmp(v, "0") != 0 : REDO_FSYNC_DEFAULT;
	}
	return on;
}

/* Content verification (DESIGN 6): on unless REDO_VERIFY=0. */
static int verify_content(void)
{
	static int on = -1;
	if (on < 0) {
		const char *v = getenv("REDO_VERIFY");
		on = !v || strcmp(v, "0") != 0;
	}
	return on;
}

/* fsync(fd) through EINTR.  A directory's fsync may be refused by file
 * systems that need none (EINVAL, ENOTSUP, EBADF): that counts as done.
 * Returns 0, or -1 with errno set. */
static int fsync_fd(int fd, int isdir)
{
	while (fsync(fd) < 0) {
		if (errno == EINTR)
			continue;
		if (isdir && (errno == EINVAL || errno == ENOTSUP ||
			      errno == EBADF))
			return 0;
		return -1;
	}
	return 0;
}

/* Makes path's data (a file) or entries (a directory) durable; a
 * symlink is left to its directory's fsync.  Returns 0 or -1/errno. */
static int fsync_path(const char *path)
{
	struct stat st;
	int fd;
	if (lstat(path, &st) < 0)
		return -1;
	if (S_ISLNK(st.st_mode))
		return 0;
	fd = xopen(path, O_RDONLY | O_NOCTTY, 0);
	if (fd < 0 && errno == EACCES && !S_ISDIR(st.st_mode))
		fd = xopen(path, O_WRONLY | O_NOCTTY, 0);
	if (fd < 0)
		return -1;
	if (fsync_fd(fd, S_ISDIR(st.st_mode)) < 0)
		return close_keep_errno(fd);
	close(fd);
	return 0;
}

static char *path_dirname(const char *abs);

/* Makes the entry of path durable: an fsync of the directory that
 * holds it (after a rename or unlink there).  Returns 0 or -1/errno. */
static int fsync_dir_of(const char *path)
{
	char *d = path_dirname(path);
	int rc = fsync_path(d);
	int e = errno;
	free(d);
	errno = e;
	return rc;
}

/* The buffer read_file fills is full: make room for the rest of the
 * file in one step (its size, from fstat, plus slack for a file that
 * grows meanwhile), not by doubling, which copies a big record again
 * and again. */
static void grow_read_buffer(int fd, char **buf, size_t *cap)
{
	struct stat st;
	size_t want = *cap * 2;
	if (fstat(fd, &st) == 0 && st.st_size > 0 &&
	    (unsigned long long)st.st_size < (size_t)-1 / 2 &&
	    (size_t)st.st_size + 4096 > want)
		want = (size_t)st.st_size + 4096;
	*buf = xrealloc(*buf, want);
	*cap = want;
}

/* The buffer files are read into, kept between calls (read_scratch). */
static struct {
	char *p;
	size_t cap;
} g_scratch;

/* Reads a whole file into the scratch buffer, NUL-terminated (its
 * length in *lenp), or returns NULL with errno set; with st, also
 * fstat()s what it read.  The text stays until the next call.  A file
 * that fits costs one open, one read (a short read of a regular file
 * is its end) and one close.  A buffer grown for a big file is let go
 * at the next call. */
static char *read_scratch(const char *path, size_t *lenp, struct stat *st)
{
	size_t len = 0;
	int fd = xopen(path, O_RDONLY, 0);
	if (fd < 0)
		return NULL;
	if (!g_scratch.p || g_scratch.cap > 65536) {
		free(g_scratch.p);
		g_scratch.cap = 65536;
		g_scratch.p = xmalloc(g_scratch.cap);
	}
	for (;;) {
		ssize_t r = read(fd, g_scratch.p + len, g_scratch.cap - len);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			close_keep_errno(fd);
			return NULL;
		}
		len += (size_t)r;
		if (len < g_scratch.cap)   /* a short read: the file's end */
			break;
		grow_read_buffer(fd, &g_scratch.p, &g_scratch.cap);
	}
	if (st && fstat(fd, st) < 0) {
		close_keep_errno(fd);
		return NULL;
	}
	close(fd);
	g_scratch.p[len] = 0;
	*lenp = len;
	return g_scratch.p;
}

/* Reads a whole file into a new buffer of exactly its size (plus a
 * NUL), or returns NULL with errno set; with st, also fstat()s what it
 * read.  One allocation of its size (records stay cached: no slack,
 * and no large allocation shrunk afterwards, which costs malloc dearly
 * over thousands of records); a file that outgrew the scratch buffer
 * gets the buffer itself, so a big file is never held twice. */
static char *read_file_st(const char *path, size_t *lenp, struct stat *st)
{
	char *text = read_scratch(path, lenp, st), *buf;
	if (!text)
		return NULL;
	if (g_scratch.cap > 65536) {
		buf = xrealloc(g_scratch.p, *lenp + 1);
		g_scratch.p = NULL;
		return buf;
	}
	buf = xmalloc(*lenp + 1);
	memcpy(buf, text, *lenp + 1);
	return buf;
}

static char *read_file(const char *path, size_t *lenp)
{
	return read_file_st(path, lenp, NULL);
}

static int parse_ull(const char *s, unsigned long long *out)
{
	unsigned long long v = 0;
	if (!*s)
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		if (v > (ULLONG_MAX - 9) / 10)
			return -1;
		v = v * 10 + (unsigned)(*s - '0');
	}
	*out = v;
	return 0;
}

/* The wall clock in microseconds since the epoch. */
static unsigned long long now_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (unsigned long long)ts.tv_sec * 1000000ULL +
	       (unsigned long long)ts.tv_nsec / 1000;
}

static double now_seconds(void)
{
	return (double)now_us() / 1e6;
}

/* ====================================================================
 * 2. SHA-1
 * FIPS 180-4 SHA-1, for redo-stamp checksums and for settling racy
 * source stamps.  Also names over-long state files and lock slots.
 * ==================================================================== */

#define ROL32(x, n) (((x) << (n)) | ((x) >> (32 - (n))))

static void sha1_block(uint32_t h[5], const unsigned char *p)
{
	uint32_t w[80], a, b, c, d, e, t;
	int i;
	for (i = 0; i < 16; i++)
		w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 |
		       (uint32_t)p[4 * i + 2] << 8 | (uint32_t)p[4 * i + 3];
	for (; i < 80; i++)
		w[i] = ROL32(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
	a = h[0], b = h[1], c = h[2], d = h[3], e = h[4];
	for (i = 0; i < 80; i++) {
		uint32_t f, k;
		if (i < 20)
			f = (b & c) | (~b & d), k = 0x5A827999;
		else if (i < 40)
			f = b ^ c ^ d, k = 0x6ED9EBA1;
		else if (i < 60)
			f = (b & c) | (b & d) | (c & d), k = 0x8F1BBCDC;
		else
			f = b ^ c ^ d, k = 0xCA62C1D6;
		t = ROL32(a, 5) + f + e + k + w[i];
		e = d, d = c, c = ROL32(b, 30), b = a, a = t;
	}
	h[0] += a, h[1] += b, h[2] += c, h[3] += d, h[4] += e;
}

void sha1_init(sha1_ctx *c)
{
	static const uint32_t h0[5] = { 0x67452301, 0xEFCDAB89, 0x98BADCFE,
					0x10325476, 0xC3D2E1F0 };
	memcpy(c->h, h0, sizeof h0);
	c->nbytes = 0;
	c->used = 0;
}

void sha1_update(sha1_ctx *c, const void *data, size_t n)
{
	const unsigned char *p = data;
	c->nbytes += n;
	if (c->used) {
		size_t k = 64 - c->used;
		if (k > n)
			k = n;
		memcpy(c->block + c->used, p, k);
		c->used += k, p += k, n -= k;
		if (c->used < 64)
			return;
		sha1_block(c->h, c->block);
		c->used = 0;
	}
	for (; n >= 64; p += 64, n -= 64)
		sha1_block(c->h, p);
	memcpy(c->block, p, n);
	c->used = n;
}

void sha1_final(sha1_ctx *c, unsigned char digest[20])
{
	uint64_t bits = c->nbytes * 8;
	int i;
	c->block[c->used++] = 0x80;
	if (c->used > 56) {
		memset(c->block + c->used, 0, 64 - c->used);
		sha1_block(c->h, c->block);
		c->used = 0;
	}
	memset(c->block + c->used, 0, 56 - c->used);
	for (i = 0; i < 8; i++)
		c->block[56 + i] = (unsigned char)(bits >> (56 - 8 * i));
	sha1_block(c->h, c->block);
	for (i = 0; i < 20; i++)
		digest[i] = (unsigned char)(c->h[i / 4] >> (24 - 8 * (i % 4)));
}

void sha1_hex(const unsigned char digest[20], char hex[41])
{
	static const char x[] = "0123456789abcdef";
	int i;
	for (i = 0; i < 20; i++) {
		hex[2 * i] = x[digest[i] >> 4];
		hex[2 * i + 1] = x[digest[i] & 15];
	}
	hex[40] = 0;
}

static void sha1_hex_of(const char *s, size_t n, char hex[41])
{
	sha1_ctx c;
	unsigned char d[20];
	sha1_init(&c);
	sha1_update(&c, s, n);
	sha1_final(&c, d);
	sha1_hex(d, hex);
}

/* SHA-1 of a file's content, as hex; returns -1 if it cannot be read
 * (a directory or a missing file has no content checksum).  With head,
 * its first bytes (up to cap) are kept there too, *headlen of them. */
static int sha1_file_head(const char *path, char hex[41], char *head,
			  size_t cap, size_t *headlen)
{
	char buf[65536];
	sha1_ctx c;
	unsigned char d[20];
	struct stat st;
	int fd = xopen(path, O_RDONLY | O_NONBLOCK, 0);
	if (head)
		*headlen = 0;
	if (fd < 0)
		return -1;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return -1;
	}
	sha1_init(&c);
	for (;;) {
		ssize_t r = read(fd, buf, sizeof buf);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			close(fd);
			return -1;
		}
		if (r == 0)
			break;
		sha1_update(&c, buf, (size_t)r);
		if (head && *headlen < cap) {
			size_t k = cap - *headlen < (size_t)r ?
				   cap - *headlen : (size_t)r;
			memcpy(head + *headlen, buf, k);
			*headlen += k;
		}
	}
	close(fd);
	sha1_final(&c, d);
	sha1_hex(d, hex);
	return 0;
}

static int sha1_file(const char *path, char hex[41])
{
	return sha1_file_head(path, hex, NULL, 0, NULL);
}

/* ====================================================================
 * 3. Paths
 * Every file redo knows is named by its canonical absolute path: the
 * real path of the longest existing directory prefix, then the rest as
 * given ("a/../b" is never folded textually where a might be a symlink).
 * Records store names relative to the target's directory.
 * ==================================================================== */

static char *g_cwd;          /* canonical cwd of this process */

/* Does rel need folding: an empty, "." or ".." component? */
static int path_plain(const char *rel)
{
	const char *p = rel;
	if (!*p || *p == '/')
		return 0;
	for (;;) {
		const char *e = strchr(p, '/');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		if (n == 0 || (p[0] == '.' && (n == 1 || (n == 2 && p[1] == '.'))))
			return 0;
		if (!e)
			return 1;
		p = e + 1;
	}
}

char *path_join(const char *dir, const char *rel)
{
	strbuf b = {0};
	const char *p;
	if (path_plain(rel)) {
		size_t dl = strlen(dir), rl = strlen(rel);
		char *out = xmalloc(dl + rl + 2);
		memcpy(out, dir, dl);
		if (dl != 1 || dir[0] != '/')
			out[dl++] = '/';
		memcpy(out + dl, rel, rl + 1);
		return out;
	}
	sb_adds(&b, rel[0] == '/' ? "/" : dir);
	for (p = rel; *p;) {
		const char *e = strchr(p, '/');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		if (n == 0 || (n == 1 && p[0] == '.')) {
			/* skip */
		} else if (n == 2 && p[0] == '.' && p[1] == '.') {
			char *slash = strrchr(b.s, '/');
			if (slash == b.s)
				b.len = 1;
			else if (slash)
				b.len = (size_t)(slash - b.s);
			b.s[b.len] = 0;
		} else {
			if (b.len != 1 || b.s[0] != '/')
				sb_addc(&b, '/');
			sb_addn(&b, p, n);
		}
		p += n;
		if (*p == '/')
			p++;
	}
	if (b.len == 0)
		sb_adds(&b, "/");
	return sb_steal(&b);
}

char *path_relative(const char *abs, const char *base)
{
	strbuf b = {0};
	size_t i = 0, common = 0;
	const char *p;
	if (strcmp(abs, base) == 0)
		return xstrdup(".");
	if (strcmp(base, "/") == 0)
		return xstrdup(abs + 1);
	/* longest common prefix ending at a component boundary */
	while (abs[i] && abs[i] == base[i]) {
		i++;
		if ((abs[i] == '/' || abs[i] == 0) &&
		    (base[i] == '/' || base[i] == 0))
			common = i;
	}
	if (base[common] == 0 && abs[common] == '/')
		return xstrdup(abs + common + 1);
	/* climb from base up to the common directory */
	for (p = base + common; *p; p++)
		if (*p == '/')
			sb_adds(&b, b.len ? "/.." : "..");
	if (abs[common] == '/')
		common++;
	if (abs[common]) {
		if (b.len)
			sb_addc(&b, '/');
		sb_adds(&b, abs + common);
	}
	return sb_steal(&b);
}

/* The directory part of an absolute path ("/" for "/x"). */
static char *path_dirname(const char *abs)
{
	const char *s = strrchr(abs, '/');
	if (!s || s == abs)
		return xstrdup("/");
	return xstrndup(abs, (size_t)(s - abs));
}

static const char *path_basename(const char *abs)
{
	const char *s = strrchr(abs, '/');
	return s ? s + 1 : abs;
}

/* Canonical real path of a directory that may not exist: realpath() of
 * the longest existing prefix, then the missing components.  Cached,
 * since a .do names many files in few directories. */
static struct { char *in, *out; } g_dircache[64];
static unsigned g_dircache_next;

static char *realdir(const char *dir);

/* realdir() of a directory below the current one, named plainly
 * (g_cwd/a/b: no ".", ".." or empty component): getcwd() gave a path
 * without symlinks, so only the components below it need looking at,
 * one readlink() each, where realpath() would look at every component
 * from the root.  NULL when a component is a symlink, or cannot be
 * looked at: then realpath() resolves the whole. */
static char *realdir_below_cwd(const char *dir)
{
	size_t n = g_cwd ? strlen(g_cwd) : 0;
	char *parent, *r, buf[1];
	if (n < 2 || strncmp(dir, g_cwd, n) != 0)
		return NULL;
	if (!dir[n] || strcmp(dir + n, "/") == 0 ||
	    strcmp(dir + n, "/.") == 0)
		return xstrdup(g_cwd);     /* the cwd itself */
	if (dir[n] != '/' || !path_plain(dir + n + 1))
		return NULL;
	parent = path_dirname(dir);
	r = strcmp(parent, g_cwd) == 0 ? parent : realdir(parent);
	if (r != parent)
		free(parent);
	if (r && strncmp(r, g_cwd, n) == 0) {
		char *p = path_join(r, path_basename(dir));
		free(r);
		/* EINVAL: no symlink; ENOENT, ENOTDIR: missing, so the
		 * name stays as given (as realdir() does) */
		if (readlink(p, buf, sizeof buf) < 0 &&
		    (errno == EINVAL || errno == ENOENT || errno == ENOTDIR))
			return p;
		free(p);
		return NULL;
	}
	free(r);
	return NULL;
}

static char *realdir(const char *dir)
{
	char *r, *cut;
	unsigned i;
	for (i = 0; i < 64; i++)
		if (g_dircache[i].in && strcmp(g_dircache[i].in, dir) == 0)
			return xstrdup(g_dircache[i].out);
	r = realdir_below_cwd(dir);
	if (!r)
		r = realpath(dir, NULL);
	if (!r) {
		/* strip the last component and try again */
		char *parent = path_dirname(dir);
		const char *last = path_basename(dir);
		if (strcmp(parent, dir) == 0) {
			free(parent);
			return xstrdup(dir);
		}
		cut = realdir(parent);
		free(parent);
		r = path_join(cut, last);   /* a last "." or "" adds nothing */
		free(cut);
	}
	i = g_dircache_next++ % 64;
	free(g_dircache[i].in);
	free(g_dircache[i].out);
	g_dircache[i].in = xstrdup(dir);
	g_dircache[i].out = xstrdup(r);
	return r;
}

/* Canonical absolute name of a file the user named relative to the
 * current directory: the real path of its directory plus its basename
 * (the last component is not resolved: a symlink is a file of its own). */
static char *path_canon(const char *name)
{
	strbuf dir = {0};
	char *tmp, *slash, *absdir, *res;
	size_t n = strlen(name);
	/* strip trailing slashes: "dir/" names dir */
	while (n > 1 && name[n - 1] == '/')
		n--;
	tmp = xstrndup(name, n);
	slash = strrchr(tmp, '/');
	/* a relative dir is glued to cwd, not path_join'ed: that folds
	 * "a/.." textually, and a may be a symlink; realdir() lets the
	 * kernel resolve it */
	if (tmp[0] != '/') {
		sb_adds(&dir, g_cwd);
		sb_addc(&dir, '/');
	}
	if (!slash)
		sb_adds(&dir, ".");
	else if (slash == tmp)
		sb_adds(&dir, "/");
	else
		sb_addn(&dir, tmp, (size_t)(slash - tmp));
	absdir = realdir(dir.s);
	/* folds a last "." or ".." */
	res = path_join(absdir, slash ? slash + 1 : tmp);
	free(absdir);
	sb_free(&dir);
	free(tmp);
	return res;
}

/* ====================================================================
 * 4. Stamps
 * A stamp is a text that changes whenever the file changes in any way
 * redo cares about; two stamps are compared with strcmp.
 *   "-"    missing           "d"  a directory
 *   "f:SEC.NSEC:SIZE:INO:DEV:MODE:UID:GID"   anything else
 *   "l:...>T"  a symlink (its own fields), then the stamp T of its target
 *   "!"    never equal to anything (a racy file that changed)
 * ==================================================================== */

/* Appends v in base 8 or 10 (minimum width w, zero-padded); returns
 * the new end.  Hand-rolled: a no-op check formats one stamp per file,
 * and snprintf was a fifth of its time. */
static char *put_num(char *p, unsigned long long v, unsigned base, int w)
{
	char tmp[24];
	int n = 0;
	do {
		tmp[n++] = (char)('0' + v % base);
		v /= base;
	} while (v);
	while (n < w)
		tmp[n++] = '0';
	while (n)
		*p++ = tmp[--n];
	return p;
}

/* "K:SEC.NSEC:SIZE:INO:DEV:MODE:UID:GID" (at most ~130 bytes). */
static void stamp_fmt_fields(char *out, char kind, const struct stat *st)
{
	/* after the mtime: SIZE:INO:DEV:MODE (in base 8):UID:GID */
	const unsigned long long rest[] = { (unsigned long long)st->st_size,
		(unsigned long long)st->st_ino, (unsigned long long)st->st_dev,
		(unsigned long long)st->st_mode, (unsigned long long)st->st_uid,
		(unsigned long long)st->st_gid };
	char *p = out;
	long long sec = (long long)st->st_mtime;
	int i;
	*p++ = kind;
	*p++ = ':';
	if (sec < 0) {
		*p++ = '-';
		sec = -sec;
	}
	p = put_num(p, (unsigned long long)sec, 10, 1);
	*p++ = '.';
	p = put_num(p, (unsigned long long)ST_MTIME_NSEC(st), 10, 9);
	for (i = 0; i < 6; i++) {
		*p++ = ':';
		p = put_num(p, rest[i], i == 3 ? 8 : 10, 1);
	}
	*p = 0;
}

void stamp_from_stat(const struct stat *st, char out[STAMP_MAX])
{
	if (S_ISDIR(st->st_mode))
		strcpy(out, "d");
	else
		stamp_fmt_fields(out, 'f', st);
}

/* The stamp of path (relative to the directory dirfd, or AT_FDCWD),
 * whose lstat is *st: a symlink's also names what it points to. */
static void stamp_from_lstat(int dirfd, const char *path,
			     const struct stat *st, char out[STAMP_MAX])
{
	struct stat to_st;
	char to[STAMP_MAX];
	if (!S_ISLNK(st->st_mode)) {
		stamp_from_stat(st, out);
		return;
	}
	stamp_fmt_fields(out, 'l', st);
	if (fstatat(dirfd, path, &to_st, 0) < 0)
		strcpy(to, "-");
	else
		stamp_from_stat(&to_st, to);
	strcat(strcat(out, ">"), to);
}

/* The stamp of path, relative to the directory dirfd (or AT_FDCWD). */
static void stamp_at(int dirfd, const char *path, char out[STAMP_MAX])
{
	struct stat st;
	if (fstatat(dirfd, path, &st, AT_SYMLINK_NOFOLLOW) < 0)
		strcpy(out, "-");
	else
		stamp_from_lstat(dirfd, path, &st, out);
}

void stamp_of_path(const char *path, char out[STAMP_MAX])
{
	stamp_at(AT_FDCWD, path, out);
}

/* The stamp of a directory in full (following symlinks), for a
 * summary's `dir` line: its mtime changes whenever an entry is created
 * in it or removed from it.  "-" if it does not exist. */
static void dir_stamp_at(int dirfd, const char *path, char out[STAMP_MAX])
{
	struct stat st;
	if (fstatat(dirfd, path, &st, 0) < 0)
		strcpy(out, "-");
	else
		stamp_fmt_fields(out, 'f', &st);
}

/* Length of the directory part of a relative or absolute name: 0 for
 * a name without '/' (the directory "."), 1 for one directly in "/". */
static size_t name_dirlen(const char *name)
{
	const char *slash = strrchr(name, '/');
	if (!slash)
		return 0;
	return slash == name ? 1 : (size_t)(slash - name);
}

/* Does name lie directly in directory dir (as name_dirlen cuts it)? */
static int name_in_dir(const char *name, const char *dir)
{
	size_t n = name_dirlen(name);
	if (n == 0)
		return strcmp(dir, ".") == 0;
	return strlen(dir) == n && strncmp(name, dir, n) == 0;
}

int stamp_fields(const char *stamp, long long *sec, long *nsec,
		 long long *size)
{
	char *end;
	if ((stamp[0] != 'f' && stamp[0] != 'l') || stamp[1] != ':')
		return 0;
	*sec = strtoll(stamp + 2, &end, 10);
	if (*end != '.')
		return 0;
	*nsec = strtol(end + 1, &end, 10);
	if (*end != ':')
		return 0;
	*size = strtoll(end + 1, &end, 10);
	return 1;
}

static int stamp_exists(const char *s)
{
	return s[0] != '-' && s[0] != '!';
}

/* Is now what a crash of the OS can make of the file was describes,
 * when its data had not reached the disk (DESIGN 3.9)?  Both are "f:"
 * stamps of the same file (mtime, inode, device, mode, owner, group
 * all equal) and now is shorter, cut at a block (0 bytes or a multiple
 * of 512).  Not merely shorter: an edit by hand in the clock tick of
 * redo's own last write keeps the mtime on a coarse clock. */
static int stamp_lost_data(const char *was, const char *now)
{
	long long s1, z1, s2, z2;
	long n1, n2;
	const char *r1, *r2;
	if (was[0] != 'f' || now[0] != 'f' ||
	    !stamp_fields(was, &s1, &n1, &z1) ||
	    !stamp_fields(now, &s2, &n2, &z2))
		return 0;
	if (s1 != s2 || n1 != n2 || z2 >= z1 || z2 % 512 != 0)
		return 0;
	/* the fields after SIZE: INO:DEV:MODE:UID:GID */
	r1 = strchr(strchr(was + 2, ':') + 1, ':');
	r2 = strchr(strchr(now + 2, ':') + 1, ':');
	return r1 && r2 && strcmp(r1, r2) == 0;
}

/* Do two "f:" stamps differ only where a copy or a touch moves them
 * (mtime, inode, device)?  Then equal content means no change (DESIGN
 * 6); a new size, mode or owner is a change whatever the bytes. */
static int stamp_moved(const char *was, const char *now)
{
	const char *a, *b, *a2, *b2;
	if (was[0] != 'f' || now[0] != 'f' || strcmp(was, now) == 0)
		return 0;
	a = strchr(was + 2, ':');            /* :SIZE:INO:DEV:MODE:UID:GID */
	b = strchr(now + 2, ':');
	a2 = a ? strchr(a + 1, ':') : NULL;  /* :INO:DEV:MODE:UID:GID */
	b2 = b ? strchr(b + 1, ':') : NULL;
	if (!a2 || !b2 || a2 - a != b2 - b || memcmp(a, b, (size_t)(a2 - a)))
		return 0;
	a2 = strchr(strchr(a2 + 1, ':') + 1, ':');   /* :MODE:UID:GID */
	b2 = strchr(strchr(b2 + 1, ':') + 1, ':');
	return strcmp(a2, b2) == 0;
}

/* "Overridden" means the user edited the file: the mtime or the size
 * differs from what redo left.  A change of mode, owner or inode alone
 * only makes the target out of date, and so does a loss of data in a
 * crash (stamp_lost_data). */
static int stamp_user_modified(const char *recorded, const char *now)
{
	long long s1, z1, s2, z2;
	long n1, n2;
	if (strcmp(recorded, now) == 0 || !stamp_exists(now))
		return 0;
	if (!stamp_fields(recorded, &s1, &n1, &z1) ||
	    !stamp_fields(now, &s2, &n2, &z2))
		return recorded[0] != now[0] || recorded[0] == '-';
	if (stamp_lost_data(recorded, now))
		return 0;
	return s1 != s2 || n1 != n2 || z1 != z2;
}

/* Does the file now override a target whose record says it left stamp
 * and replaced prev?  Not if it is the replaced file (an interrupted
 * commit, DESIGN 3.6), even one that lost data in a crash (3.9). */
static int stamp_overrides(const char *stamp, const char *prev,
			   const char *now)
{
	return stamp_user_modified(stamp, now) && strcmp(prev, now) != 0 &&
	       !stamp_lost_data(prev, now);
}

/* ====================================================================
 * 5. State records
 * One text file per target under DIR/.redo/, written to a temp file and
 * renamed into place.  The exact format is in doc/DESIGN.md:
 *   redo-record 2
 *   name NAME                        (the target's basename)
 *   type t|s
 *   seq N
 *   run RUNID ok|fail
 *   stamp STAMP
 *   content HEX|-                    (the SHA-1 of that file)
 *   prev STAMP
 *   sum HEX|-
 *   warned RUNID|-
 *   dep KIND STAMP SEQ SUM CONTENT PATH  (one per dependency;
 *                                    CONTENT is -, HEX or ~HEX: racy)
 *   built PATH                       (targets built while its .do ran)
 *   end
 * PATH is escaped with esc_append; it runs to the end of the line.
 * ==================================================================== */

void esc_append(strbuf *b, const char *s, size_t n)
{
	size_t i, start = 0;
	for (i = 0; i < n; i++) {
		const char *rep = s[i] == '\\' ? "\\\\" : s[i] == '\n' ? "\\n" :
				  s[i] == '\r' ? "\\r" : NULL;
		if (rep) {
			sb_addn(b, s + start, i - start);
			sb_adds(b, rep);
			start = i + 1;
		}
	}
	sb_addn(b, s + start, n - start);
}

long unescape_inplace(char *s, size_t n)
{
	size_t i, o = 0;
	for (i = 0; i < n; i++) {
		if (s[i] != '\\') {
			s[o++] = s[i];
			continue;
		}
		if (++i >= n || (s[i] != '\\' && s[i] != 'n' && s[i] != 'r'))
			return -1;
		s[o++] = s[i] == 'n' ? '\n' : s[i] == 'r' ? '\r' : '\\';
	}
	s[o] = 0;
	return (long)o;
}

/* Splits off the next space-separated word of *p (NUL-terminating it). */
static char *next_word(char **p)
{
	char *s = *p, *e;
	if (!s || !*s)
		return NULL;
	e = strchr(s, ' ');
	if (e) {
		*e = 0;
		*p = e + 1;
	} else {
		*p = s + strlen(s);
	}
	return s;
}

static int is_hex40(const char *s)
{
	int i;
	for (i = 0; i < 40; i++)
		if (!isxdigit((unsigned char)s[i]))
			return 0;
	return s[40] == 0;
}

static int valid_stamp(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if ((unsigned char)*s <= ' ')
			return 0;
	return 1;
}

/* Is s a stamp that stamp_of_path() (or the record writer: "-", "d",
 * "!") could have made?  A damaged stamp must make the record
 * unreadable: compared as it is, "junk" against "f:..." would look like
 * a hand edit and the target would never be rebuilt. */
static int stamp_wellformed(const char *s)
{
	const char *p;
	int fields = 1;
	if (strcmp(s, "-") == 0 || strcmp(s, "d") == 0 || strcmp(s, "!") == 0)
		return 1;
	if ((s[0] != 'f' && s[0] != 'l') || s[1] != ':')
		return 0;
	for (p = s + 2; *p && *p != '>'; p++) {
		if (*p == ':')
			fields++;
		else if (!isdigit((unsigned char)*p) && *p != '.' && *p != '-')
			return 0;
	}
	if (fields != 7)
		return 0;
	if (s[0] == 'f')
		return *p == 0;
	/* a symlink: then the stamp of what it points to, not a link */
	return *p == '>' && p[1] != 'l' && stamp_wellformed(p + 1);
}

static char *opt_sum(char *w)
{
	return strcmp(w, "-") == 0 ? NULL : w;
}

/* Fails a parse: says why (for the "unreadable record" message). */
static int rec_reject(const char **why, const char *what)
{
	*why = what;
	return -1;
}

/* Unescapes a name that runs to the end of its line, in place (most
 * have no backslash to undo).  Returns its length, or -1. */
static long unescape_name(char *s)
{
	return strchr(s, '\\') ? unescape_inplace(s, strlen(s))
				: (long)strlen(s);
}

static int parse_dep_line(char *rest, record *r, size_t *cap,
			  const char **why)
{
	rec_dep d;
	char *kind = next_word(&rest), *stamp = next_word(&rest);
	char *seq = next_word(&rest), *sum = next_word(&rest);
	char *content = next_word(&rest);
	if (!kind || !stamp || !seq || !sum || !content || !*rest)
		return rec_reject(why, "short dependency line");
	if (strlen(kind) != 1 || !strchr("cnad", kind[0]))
		return rec_reject(why, "unknown dependency kind");
	d.kind = kind[0];
	if (!stamp_wellformed(stamp))
		return rec_reject(why, "bad stamp");
	d.stamp = stamp;
	d.seq = 0;
	if (strcmp(seq, "-") != 0 && parse_ull(seq, &d.seq) < 0)
		return rec_reject(why, "bad sequence number");
	d.sum = opt_sum(sum);
	d.racy = content[0] == '~';
	d.content = opt_sum(content + d.racy);
	if ((d.sum && !is_hex40(d.sum)) || (d.racy && !d.content) ||
	    (d.content && !is_hex40(d.content)))
		return rec_reject(why, "bad checksum");
	if (unescape_name(rest) <= 0)
		return rec_reject(why, "bad dependency name");
	d.path = rest;
	r->deps = grow(r->deps, cap, r->ndeps + 1, sizeof *r->deps);
	r->deps[r->ndeps++] = d;
	return 0;
}

/* The keywords of a summary's lines and the kinds (rec_deep) they
 * stand for. */
static const struct {
	const char *word;
	char kind;
} g_summary_words[] = { { "deep", 'f' }, { "below", 'b' }, { "dir", 'd' },
			{ "fresh", 'q' } };
#define N_SUMMARY_WORDS (sizeof g_summary_words / sizeof g_summary_words[0])

/* The kind of a summary line's keyword (the first n bytes of word), or
 * 0 if it is none. */
static char summary_kind(const char *word, size_t n)
{
	size_t i;
	for (i = 0; i < N_SUMMARY_WORDS; i++)
		if (strlen(g_summary_words[i].word) == n &&
		    memcmp(g_summary_words[i].word, word, n) == 0)
			return g_summary_words[i].kind;
	return 0;
}

static const char *summary_word(char kind)
{
	size_t i;
	for (i = 0; i < N_SUMMARY_WORDS; i++)
		if (g_summary_words[i].kind == kind)
			return g_summary_words[i].word;
	return "deep";
}

static int parse_deep_line(char kind, char *rest, record *r, size_t *cap,
			   const char **why)
{
	rec_deep d;
	char *stamp = next_word(&rest);
	unsigned long long seq;
	if (!stamp || !valid_stamp(stamp) || !*rest)
		return rec_reject(why, "bad summary line");
	if (unescape_name(rest) <= 0)
		return rec_reject(why, "bad summary name");
	if ((kind == 'b' && !stamp_exists(stamp)) ||
	    (kind == 'q' && parse_ull(stamp, &seq) < 0))
		return rec_reject(why, "bad summary line");
	d.kind = kind;
	d.stamp = stamp;
	d.path = rest;
	r->deep = grow(r->deep, cap, r->ndeep + 1, sizeof *r->deep);
	r->deep[r->ndeep++] = d;
	return 0;
}

/* The line of a record's text at p (before end): where it ends (*nl,
 * NULL if it does not) and the length of its keyword, the text up to
 * its first space (as rec_line reads it). */
static size_t line_key(const char *p, const char *end, const char **nl)
{
	const char *sp;
	*nl = memchr(p, '\n', (size_t)(end - p));
	if (!*nl)
		return 0;
	sp = memchr(p, ' ', (size_t)(*nl - p));
	return (size_t)((sp ? sp : *nl) - p);
}

/* Sizes the arrays of a record about to be parsed from buf[0..n) in one
 * allocation each (a summary can have thousands of lines): counts the
 * "dep" lines and the summary lines. */
static void record_presize(const char *buf, size_t n, record *r,
			   size_t *depcap, size_t *deepcap)
{
	const char *p = buf, *end = buf + n, *nl;
	size_t deps = 0, deep = 0;
	for (; p < end; p = nl + 1) {
		size_t k = line_key(p, end, &nl);
		if (!nl)
			break;
		if (k == 3 && memcmp(p, "dep", 3) == 0)
			deps++;
		else if (summary_kind(p, k))
			deep++;
	}
	if (deps) {
		r->deps = xmalloc(deps * sizeof *r->deps);
		*depcap = deps;
	}
	if (deep) {
		r->deep = xmalloc(deep * sizeof *r->deep);
		*deepcap = deep;
	}
}

/* The header lines of a record, as bits: each must be there (if one
 * comes twice, the last one wins). */
enum {
	SEEN_TYPE = 1, SEEN_SEQ = 2, SEEN_RUN = 4, SEEN_STAMP = 8,
	SEEN_PREV = 16, SEEN_SUM = 32, SEEN_WARNED = 64, SEEN_NAME = 128,
	SEEN_CONTENT = 256, SEEN_ALL = 511
};

/* "run RUNID ok|fail", for rec_header. */
static int rec_run(record *r, char *rest, const char **why)
{
	char *id = next_word(&rest);
	if (!id || (strcmp(rest, "ok") && strcmp(rest, "fail")) ||
	    !valid_stamp(id))
		return rec_reject(why, "bad run line");
	r->run = id;
	r->failed = strcmp(rest, "fail") == 0;
	return 0;
}

/* A header line (the format is above), its SEEN_* bit given: checks
 * its value and keeps it in r. */
static int rec_header(record *r, unsigned bit, char *rest, const char **why)
{
	switch (bit) {
	case SEEN_NAME:
		if (unescape_name(rest) <= 0)
			return rec_reject(why, "bad name");
		r->name = rest;
		return 0;
	case SEEN_TYPE:
		if (strcmp(rest, "t") && strcmp(rest, "s"))
			return rec_reject(why, "bad type");
		r->type = rest[0];
		return 0;
	case SEEN_SEQ:
		if (parse_ull(rest, &r->seq) < 0)
			return rec_reject(why, "bad seq");
		return 0;
	case SEEN_RUN:
		return rec_run(r, rest, why);
	case SEEN_STAMP:
	case SEEN_PREV:
		if (!stamp_wellformed(rest))
			return rec_reject(why, "bad stamp");
		*(bit == SEEN_STAMP ? &r->stamp : &r->prev) = rest;
		return 0;
	case SEEN_SUM:
	case SEEN_CONTENT:
		if (strcmp(rest, "-") && !is_hex40(rest))
			return rec_reject(why, "bad checksum");
		*(bit == SEEN_SUM ? &r->sum : &r->content) = opt_sum(rest);
		return 0;
	default:
		assert(bit == SEEN_WARNED);
		if (!valid_stamp(rest))
			return rec_reject(why, "bad warned line");
		r->warned = opt_sum(rest);
		return 0;
	}
}

/* "time SESSION START END CPU STATUS SLOT": kept as it is; only
 * redo-log reads its fields (timing_parse), a check never does. */
static int rec_time(record *r, char *rest, const char **why)
{
	if (!*rest)
		return rec_reject(why, "bad time line");
	r->time = rest;
	return 0;
}

/* The keywords of the header lines and their bits. */
static const struct {
	const char *word;
	unsigned seen;
} g_header_words[] = {
	{ "name", SEEN_NAME }, { "type", SEEN_TYPE }, { "seq", SEEN_SEQ },
	{ "run", SEEN_RUN }, { "stamp", SEEN_STAMP }, { "prev", SEEN_PREV },
	{ "sum", SEEN_SUM }, { "warned", SEEN_WARNED },
	{ "content", SEEN_CONTENT }
};
#define N_HEADER_WORDS (sizeof g_header_words / sizeof g_header_words[0])

/* What record_parse carries from one line to the next. */
typedef struct rec_parser {
	record *r;
	size_t depcap, deepcap, builtcap;  /* allocated sizes of r's arrays */
	unsigned seen;                     /* SEEN_* of the header lines read */
	int first;                         /* the next line is the first */
	int ended;                         /* the "end" line was read */
} rec_parser;

/* The first line: "redo-record VERSION". */
static int rec_magic(const char *key, const char *rest, const char **why)
{
	unsigned long long v;
	if (strcmp(key, RECORD_MAGIC) != 0 || parse_ull(rest, &v) < 0)
		return rec_reject(why, "not a redo record");
	if (v != RECORD_VERSION)
		return rec_reject(why, "unknown format version");
	return 0;
}

/* "built PATH": a target built while the .do ran. */
static int rec_built(rec_parser *ps, char *rest, const char **why)
{
	record *r = ps->r;
	if (unescape_name(rest) <= 0)
		return rec_reject(why, "bad name");
	r->built = grow(r->built, &ps->builtcap, r->nbuilt + 1,
			sizeof *r->built);
	r->built[r->nbuilt++] = rest;
	return 0;
}

/* Any line after the first, split into its keyword and the rest. */
static int rec_line(rec_parser *ps, const char *key, char *rest,
		    const char **why)
{
	size_t i;
	char kind;
	if (strcmp(key, "dep") == 0)
		return parse_dep_line(rest, ps->r, &ps->depcap, why);
	kind = summary_kind(key, strlen(key));
	/* a summary in r->tail was counted by summary_start(): it cannot
	 * grow (a realloc would move part of a block) */
	assert(!kind || !ps->r->tail || ps->r->ndeep < ps->deepcap);
	if (kind)
		return parse_deep_line(kind, rest, ps->r, &ps->deepcap, why);
	if (strcmp(key, "built") == 0)
		return rec_built(ps, rest, why);
	if (strcmp(key, "time") == 0)
		return rec_time(ps->r, rest, why);
	for (i = 0; i < N_HEADER_WORDS; i++)
		if (strcmp(key, g_header_words[i].word) == 0) {
			ps->seen |= g_header_words[i].seen;
			return rec_header(ps->r, g_header_words[i].seen, rest,
					  why);
		}
	if (strcmp(key, "end") == 0 && !*rest) {
		ps->ended = 1;
		return 0;
	}
	return rec_reject(why, "unknown line");
}

/* The lines of p[0..end) (end[0] is a NUL), each to rec_magic (the
 * first of the record) or rec_line. */
static int rec_parse_lines(rec_parser *ps, char *p, char *end,
			   const char **why)
{
	while (p < end) {
		char *rest = p, *nl = memchr(p, '\n', (size_t)(end - p)), *key;
		if (!nl)
			return rec_reject(why, "truncated");
		*nl = 0;
		p = nl + 1;
		if (ps->ended)
			return rec_reject(why, "data after end");
		key = next_word(&rest);
		if (!key)
			return rec_reject(why, "empty line");
		if ((ps->first ? rec_magic(key, rest, why)
			       : rec_line(ps, key, rest, why)) < 0)
			return -1;
		ps->first = 0;
	}
	return 0;
}

/* After the last line: the record ended and has every header line. */
static int rec_parse_end(const rec_parser *ps, const char **why)
{
	if (!ps->ended)
		return rec_reject(why, "truncated");
	if (ps->seen != SEEN_ALL)
		return rec_reject(why, "missing fields");
	return 0;
}

static void rec_parser_init(rec_parser *ps, record *r)
{
	memset(r, 0, sizeof *r);
	memset(ps, 0, sizeof *ps);
	ps->r = r;
	ps->first = 1;
}

/* Splits buf into lines (see redo.h): the magic first, rec_line for
 * the others; then checks the record ended and has every header line. */
int record_parse(char *buf, size_t n, record *r, const char **why)
{
	rec_parser ps;
	assert(buf && r && why);
	rec_parser_init(&ps, r);
	r->buf = buf;
	buf[n] = 0;
	if (memchr(buf, 0, n))
		return rec_reject(why, "binary data");
	record_presize(buf, n, r, &ps.depcap, &ps.deepcap);
	if (rec_parse_lines(&ps, buf, buf + n, why) < 0)
		return -1;
	return rec_parse_end(&ps, why);
}

/* A summary of at most this many lines is copied into the summary of a
 * target above it; a bigger one is named there by a `below` line (see
 * summary_target), so once checked only its size is needed. */
#define SUMMARY_INLINE 64

/* A block let go by record_drop_summary() or record_free(), kept for
 * the next summary read: a check reads the records of big summaries
 * one after another, and each would otherwise touch new pages (which
 * an allocator that gives freed pages back to the system at once, as
 * musl's does, makes the rule).  The biggest block seen is kept. */
static struct {
	void *p;
	size_t cap;
} g_spare;

static void *spare_take(size_t need, size_t *cap)
{
	void *p = g_spare.p;
	if (p && g_spare.cap >= need) {
		*cap = g_spare.cap;
		g_spare.p = NULL;
		return p;
	}
	*cap = need;
	return xmalloc(need);
}

static void spare_give(void *p, size_t cap)
{
	if (g_spare.p && g_spare.cap >= cap) {
		free(p);
		return;
	}
	free(g_spare.p);
	g_spare.p = p;
	g_spare.cap = cap;
}

/* Where the summary of text[0..n) starts, as record_format writes it:
 * the first summary line, when only summary lines and then "end" follow
 * it; n if there is none, or anything else after it.  *ndeep: the
 * summary lines counted (by keyword, as rec_line tells them). */
static size_t summary_start(const char *text, size_t n, size_t *ndeep)
{
	const char *p = text, *end = text + n, *nl, *at = NULL;
	*ndeep = 0;
	for (; p < end; p = nl + 1) {
		size_t k = line_key(p, end, &nl);
		if (!nl)
			break;
		if (summary_kind(p, k)) {
			at = at ? at : p;
			++*ndeep;
		} else if (at && (nl - p != 3 || memcmp(p, "end", 3) ||
				  nl + 1 != end)) {
			break;
		}
	}
	if (!at || p < end) {
		*ndeep = 0;
		return n;
	}
	return (size_t)(at - text);
}

/* record_parse() of text[0..n), which is copied, not kept.  A summary
 * of more than SUMMARY_INLINE lines (the biggest part of a big record)
 * goes with its array into a block of its own, r->tail, which
 * record_drop_summary() lets go once the summary is checked. */
static int record_parse_copy(const char *text, size_t n, record *r,
			     const char **why)
{
	size_t ndeep, at = summary_start(text, n, &ndeep), arr;
	rec_parser ps;
	char *tail;
	if (ndeep <= SUMMARY_INLINE) {
		char *buf = xmalloc(n + 1);
		memcpy(buf, text, n);
		return record_parse(buf, n, r, why);
	}
	rec_parser_init(&ps, r);
	r->buf = xmalloc(at + 1);
	memcpy(r->buf, text, at);
	r->buf[at] = 0;
	arr = ndeep * sizeof *r->deep;
	r->tail = spare_take(arr + (n - at) + 1, &r->tailcap);
	tail = (char *)r->tail + arr;
	memcpy(tail, text + at, n - at);
	tail[n - at] = 0;
	if (memchr(r->buf, 0, at) || memchr(tail, 0, n - at))
		return rec_reject(why, "binary data");
	record_presize(r->buf, at, r, &ps.depcap, &ps.deepcap);
	assert(!r->deep);
	r->deep = r->tail;
	ps.deepcap = ndeep;
	if (rec_parse_lines(&ps, r->buf, r->buf + at, why) < 0 ||
	    rec_parse_lines(&ps, tail, tail + (n - at), why) < 0)
		return -1;
	return rec_parse_end(&ps, why);
}

/* Lets go of a record's big summary once it is checked: a check reads
 * it once a generation, and a commit above it needs only its size (a
 * `below` line, DESIGN 19).  ndeep stays; the other lines stay. */
static void record_drop_summary(record *r)
{
	if (!r->tail)
		return;
	spare_give(r->tail, r->tailcap);
	r->tail = NULL;
	r->tailcap = 0;
	r->deep = NULL;
}

/* s, or "-" for a field that has none. */
static const char *or_dash(const char *s)
{
	return s ? s : "-";
}

/* Ends a record's line with a name: escaped, then the newline. */
static void sb_add_name_line(strbuf *out, const char *name)
{
	esc_append(out, name, strlen(name));
	sb_addc(out, '\n');
}

void record_format(const record *r, strbuf *out)
{
	size_t i;
	sb_addf(out, "%s %d\nname ", RECORD_MAGIC, RECORD_VERSION);
	sb_add_name_line(out, r->name ? r->name : "?");
	sb_addf(out, "type %c\nseq %llu\nrun %s %s\nstamp %s\ncontent %s\n"
		"prev %s\nsum %s\nwarned %s\n", r->type, r->seq,
		or_dash(r->run), r->failed ? "fail" : "ok", or_dash(r->stamp),
		or_dash(r->content), or_dash(r->prev), or_dash(r->sum),
		or_dash(r->warned));
	if (r->time)
		sb_addf(out, "time %s\n", r->time);
	for (i = 0; i < r->ndeps; i++) {
		const rec_dep *d = &r->deps[i];
		char seq[24] = "-";
		if (d->seq)
			snprintf(seq, sizeof seq, "%llu", d->seq);
		sb_addf(out, "dep %c %s %s %s %s%s ", d->kind, d->stamp, seq,
			or_dash(d->sum), d->racy ? "~" : "",
			or_dash(d->content));
		sb_add_name_line(out, d->path);
	}
	for (i = 0; i < r->nbuilt; i++) {
		sb_adds(out, "built ");
		sb_add_name_line(out, r->built[i]);
	}
	for (i = 0; r->deep && i < r->ndeep; i++) {
		sb_addf(out, "%s %s ", summary_word(r->deep[i].kind),
			r->deep[i].stamp);
		sb_add_name_line(out, r->deep[i].path);
	}
	sb_adds(out, "end\n");
}

void record_free(record *r)
{
	if (r->tail)
		spare_give(r->tail, r->tailcap);
	else
		free(r->deep);
	free(r->deps);
	free(r->built);
	free(r->buf);
	memset(r, 0, sizeof *r);
}

/* base, or its SHA-1 in hex when base and a suffix of `more`
 * bytes would not fit in a file name (REDO_NAME_MAX). */
static const char *name_or_hash(const char *base, size_t more,
				char hex[41])
{
	if (strlen(base) + more <= REDO_NAME_MAX)
		return base;
	sha1_hex_of(base, strlen(base), hex);
	return hex;
}

/* Where a target's state files live (DESIGN 3.1): DIR/.redo/NAME,<c>,
 * or DIR/.redo/#SHA1,<c> when NAME is too long to take the suffix: a
 * suffix of its own, so that no glob of the project (*.c) matches it.
 * With old set, the name format 1 used instead: <c>.NAME or <c>#SHA1. */
static char *state_file_as(const char *target, char c, int old)
{
	char *dir = path_dirname(target), hex[41];
	const char *base = path_basename(target);
	const char *name = name_or_hash(base, 2, hex);
	int hashed = name != base;
	strbuf b = {0};
	sb_adds(&b, dir);
	sb_adds(&b, strcmp(dir, "/") ? "/.redo/" : ".redo/");
	if (old)
		sb_addf(&b, "%c%c%s", c, hashed ? '#' : '.', name);
	else
		sb_addf(&b, "%s%s,%c", hashed ? "#" : "", name, c);
	free(dir);
	return sb_steal(&b);
}

static char *state_file(const char *target, char c)
{
	return state_file_as(target, c, 0);
}

/* mkdir -p; returns 0 or -1 with errno set. */
static int mkdirs(const char *path)
{
	struct stat st;
	char *parent;
	int rc;
	if (mkdir(path, 0777) == 0 || errno == EEXIST)
		return stat(path, &st) == 0 && S_ISDIR(st.st_mode) ? 0 :
		       (errno = ENOTDIR, -1);
	if (errno != ENOENT)
		return -1;
	parent = path_dirname(path);
	rc = strcmp(parent, path) == 0 ? -1 : mkdirs(parent);
	free(parent);
	if (rc < 0 || (mkdir(path, 0777) < 0 && errno != EEXIST))
		return -1;
	return 0;
}

/* Makes sure DIR/.redo exists for a state file path. */
static int state_dir_ready(const char *statefile)
{
	char *d = path_dirname(statefile);
	int rc = mkdirs(d);
	free(d);
	return rc;
}

/* Opens (creates, truncates) tmp, a temp file in the state directory
 * of path; that directory is made only when the open finds it missing,
 * which spares a mkdir() and a stat() on every write but the first in
 * a directory.  Returns the descriptor, or -1 with errno set. */
static int state_tmp_open(const char *path, const char *tmp)
{
	int fd = xopen(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0666);
	if (fd < 0 && errno == ENOENT && state_dir_ready(path) == 0)
		fd = xopen(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0666);
	return fd;
}

/* Gives up the temp file tmp after a failure, keeping its errno;
 * closes fd first if it is open.  Returns -1. */
static int tmp_abandon(int fd, const char *tmp)
{
	int e = errno;
	if (fd >= 0)
		close(fd);
	unlink(tmp);
	errno = e;
	return -1;
}

/* Writes content to path atomically: into a temp file beside it (named
 * from the final name, so a killed writer's leftover is replaced by the
 * next write), then rename.  With sync, the content is made durable
 * before the rename and the rename after it (DESIGN 3.9).  Returns 0
 * or -1 with errno set. */
static int write_atomic_sync(const char *path, int fd, const char *tmp,
			     const char *s, size_t n, int sync)
{
	if (write_all(fd, s, n) < 0 || (sync && fsync_fd(fd, 0) < 0))
		return tmp_abandon(fd, tmp);
	if (xclose(fd) < 0 || rename(tmp, path) < 0)
		return tmp_abandon(-1, tmp);
	return sync ? fsync_dir_of(path) : 0;
}

/* The same for a record: durable when REDO_FSYNC is on. */
static int write_atomic_fd(const char *path, int fd, const char *tmp,
			   const char *s, size_t n)
{
	return write_atomic_sync(path, fd, tmp, s, n, durable_writes());
}

/* The temp name of a state file (DESIGN 3.1): NAME,r,new beside
 * NAME,r, or tmp#SHA1 of the final name when that would be too long. */
static char *tmp_name_for(const char *path)
{
	strbuf b = {0};
	char *d = path_dirname(path), hex[41];
	const char *base = path_basename(path);
	const char *name = name_or_hash(base, 4, hex);
	sb_addf(&b, name == base ? "%s/%s,new" : "%s/tmp#%s", d, name);
	free(d);
	return sb_steal(&b);
}

/* Copies the file from, from its start, to the descriptor to.  Returns
 * 0, or -1 (reading failed) or -2 (writing failed) with errno set. */
static int copy_fd(int from, int to)
{
	char buf[65536];
	off_t off = 0;
	for (;;) {
		ssize_t r = pread(from, buf, sizeof buf, off);
		if (r == 0)
			return 0;
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -1;
		if (write_all(to, buf, (size_t)r) < 0)
			return -2;
		off += r;
	}
}

/* path's content becomes a copy of the file from, atomically, through
 * a temp file of its own (no fsync: this is for logs, not state).
 * Returns 0, or -1 with errno set. */
static int write_atomic_copy(const char *path, int from)
{
	char *tmp = tmp_name_for(path);
	int rc = -1, fd = state_tmp_open(path, tmp);
	if (fd >= 0)
		rc = copy_fd(from, fd) < 0 ? tmp_abandon(fd, tmp) :
		     write_atomic_sync(path, fd, tmp, "", 0, 0);
	free(tmp);
	return rc;
}

/* ====================================================================
 * 6. Nodes
 * One node per file redo hears of, keyed by canonical absolute path,
 * holding what this process has learned about it: its stamp (one
 * lstat), its record (one read), its up-to-date verdict.  Caches are
 * valid for one "generation"; every finished .do starts a new one,
 * since it may have changed anything.
 * ==================================================================== */

enum { CHK_CLEAN, CHK_DIRTY, CHK_MAYBE };
enum { REC_NONE, REC_OK, REC_BAD };
enum { DONE_NO, DONE_OK, DONE_FAIL };
enum { K_SOURCE, K_TARGET, K_OVERRIDDEN };
/* override_confirm(): edited by hand, not, or being built (locked) */
enum { OV_NO, OV_YES, OV_BUSY };

struct job;

typedef struct node {
	char *path;
	struct node *next;       /* hash chain */
	uint32_t hash;
	unsigned stat_gen;       /* stamp valid while == g_gen */
	unsigned rec_gen;
	unsigned chk_gen;
	char *stamp;
	int rec_state;
	record rec;
	int chk;
	int visiting;
	struct node **maybe;     /* for CHK_MAYBE: stamped targets to build */
	size_t nmaybe, maybecap;
	int done;                /* DONE_*: settled in this process */
	int forced;              /* `redo` ran its .do in this process */
	int built;               /* this process ran its .do */
	int failcode;            /* exit code to report for DONE_FAIL */
	int mark;
	char *rec_stamp;         /* stamp of its record file as read */
	unsigned sumvisit;       /* last summary walk that reached it */
	int noted_clean;         /* found clean: in g_found, or noted */
	const rec_dep *memo;     /* its "+" line in the memo, if it held */
	struct job *job;
	char *why;               /* the check's reason for a dirty verdict */
	int ov;                  /* OV_*: override confirmed under its lock */
	unsigned ov_gen;         /* ... valid while == g_gen */
	int suspect;             /* in g_suspects */
	int task;                /* its task in the scheduler + 1, or 0 */
	unsigned told_gen;       /* -d: its reason was told in this gen */
	int old_format;          /* its record is of format 1 (old name) */
	int old_none;            /* looked: none (this redo makes none) */
	char *content;           /* SHA-1 of its file (node_content) ... */
	char *content_stamp;     /* ... when it had this stamp ... */
	unsigned content_gen;    /* ... in this generation */
	int refresh;             /* the check found stamps to refresh */
} node;

static unsigned g_gen = 1;
static node **g_nodes;
static size_t g_nodecap, g_nodecount;

static uint32_t hash_str(const char *s)
{
	uint32_t h = 2166136261u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

static void nodes_rehash(void)
{
	size_t newcap = g_nodecap ? g_nodecap * 2 : 1024, i;
	node **nt = xcalloc(newcap, sizeof *nt);
	for (i = 0; i < g_nodecap; i++) {
		node *n = g_nodes[i], *next;
		for (; n; n = next) {
			next = n->next;
			n->next = nt[n->hash & (newcap - 1)];
			nt[n->hash & (newcap - 1)] = n;
		}
	}
	free(g_nodes);
	g_nodes = nt;
	g_nodecap = newcap;
}

/* The node for a canonical absolute path (taking ownership of path). */
static node *node_get_own(char *path)
{
	uint32_t h = hash_str(path);
	node *n;
	if (g_nodecap)
		for (n = g_nodes[h & (g_nodecap - 1)]; n; n = n->next)
			if (n->hash == h && strcmp(n->path, path) == 0) {
				free(path);
				return n;
			}
	if (g_nodecount + 1 > g_nodecap / 2)
		nodes_rehash();
	n = xcalloc(1, sizeof *n);
	n->path = path;
	n->hash = h;
	n->next = g_nodes[h & (g_nodecap - 1)];
	g_nodes[h & (g_nodecap - 1)] = n;
	g_nodecount++;
	return n;
}

static node *node_get(const char *path)
{
	return node_get_own(xstrdup(path));
}

/* The node for a name given by the user or a .do, relative to cwd. */
static node *node_named(const char *name)
{
	return node_get_own(path_canon(name));
}

static const char *node_stamp(node *n)
{
	if (n->stat_gen != g_gen || !n->stamp) {
		char buf[STAMP_MAX];
		stamp_of_path(n->path, buf);
		if (!n->stamp || strcmp(n->stamp, buf) != 0) {
			free(n->stamp);
			n->stamp = xstrdup(buf);
		}
		n->stat_gen = g_gen;
	}
	return n->stamp;
}

static int node_exists(node *n)
{
	return stamp_exists(node_stamp(n));
}

/* The SHA-1 of n's file as it is now, or NULL if it is no plain file
 * or cannot be read; read once per stamp and generation. */
static const char *node_content(node *n)
{
	const char *now = node_stamp(n);
	if (n->content_gen != g_gen || !n->content_stamp ||
	    strcmp(n->content_stamp, now) != 0) {
		char hex[41];
		free(n->content);
		free(n->content_stamp);
		n->content_stamp = xstrdup(now);
		n->content = now[0] == 'f' && sha1_file(n->path, hex) == 0 ?
			     xstrdup(hex) : NULL;
		n->content_gen = g_gen;
	}
	return n->content;
}

/* Has n's file the content `sum`? */
static int node_content_is(node *n, const char *sum)
{
	const char *c = sum ? node_content(n) : NULL;
	return c && strcmp(c, sum) == 0;
}

static void warn_bad_record(node *n, const char *why);
static void msg_at(const char *abs, const char *fmt, ...) PRINTF_LIKE(2, 3);

/* Has n a record of format 1 (DESIGN 3.1), under the old name?  Its
 * target is rebuilt, never taken for a source; one notice a process. */
static int old_record_exists(node *n)
{
	static int told;
	char *file;
	if (n->old_none)
		return 0;
	file = state_file_as(n->path, 'r', 1);
	n->old_format = access(file, F_OK) == 0;
	n->old_none = !n->old_format;
	free(file);
	if (n->old_format && !told) {
		char *dir = path_dirname(n->path);
		told = 1;
		msg_at(dir, "state of an older redo (format 1) found; its "
		       "targets are rebuilt");
		free(dir);
	}
	return n->old_format;
}

/* Removes n's state files of format 1, once a new record is written. */
static void old_record_remove(node *n)
{
	const char *c;
	for (c = "rl"; *c; c++) {
		char *file = state_file_as(n->path, *c, 1);
		unlink(file);
		free(file);
	}
	n->old_format = 0;
}

/* Has t's record file still the stamp `recstamp`? */
static int record_stamp_is(node *t, const char *recstamp)
{
	char *file = state_file(t->path, 'r'), now[STAMP_MAX];
	stamp_of_path(file, now);
	free(file);
	return strcmp(now, recstamp) == 0;
}

/* Is the record this process read for n still the one on disk?  A
 * record file is only ever replaced (a temp file renamed into place,
 * DESIGN 3.5), so while its stamp is the one it had when read, so is
 * its text: one stat instead of reading and parsing it again in a new
 * generation (the session memo trusts the same, DESIGN 9). */
static int node_record_same(node *n)
{
	return n->rec_state == REC_OK && n->rec_stamp &&
	       record_stamp_is(n, n->rec_stamp);
}

/* The node's record (NULL if it has none or it is unreadable). */
static record *node_record(node *n)
{
	if (n->rec_gen != g_gen && node_record_same(n))
		n->rec_gen = g_gen;
	if (n->rec_gen != g_gen) {
		char *file = state_file(n->path, 'r');
		size_t len;
		char *text;
		struct stat st;
		if (n->rec_state == REC_OK)
			record_free(&n->rec);
		n->rec_state = REC_NONE;
		free(n->rec_stamp);
		n->rec_stamp = NULL;
		text = read_scratch(file, &len, &st);
		if (text) {
			char stamp[STAMP_MAX];
			const char *why = "";
			stamp_from_stat(&st, stamp);
			n->rec_stamp = xstrdup(stamp);
			if (record_parse_copy(text, len, &n->rec, &why) == 0) {
				n->rec_state = REC_OK;
			} else {
				record_free(&n->rec);
				n->rec_state = REC_BAD;
				warn_bad_record(n, why);
			}
		} else if (errno != ENOENT && errno != ENOTDIR) {
			n->rec_state = REC_BAD;
			warn_bad_record(n, strerror(errno));
		} else if (old_record_exists(n)) {
			n->rec_state = REC_BAD;
		}
		free(file);
		n->rec_gen = g_gen;
	}
	return n->rec_state == REC_OK ? &n->rec : NULL;
}

/* The next node_record() reads n's record file, whatever its stamp. */
static void node_reread(node *n)
{
	n->rec_gen = 0;
	free(n->rec_stamp);
	n->rec_stamp = NULL;
}

/* Forget what this process knows about n's file and record. */
static void node_forget(node *n)
{
	n->stat_gen = 0;
	n->chk_gen = 0;
	node_reread(n);
}

/* ====================================================================
 * Process-wide settings: what this invocation was told by its command
 * line and by the environment of the session it belongs to.
 * ==================================================================== */

static struct {
	char *session;     /* REDO_SESSION: the run id */
	char *startdir;    /* REDO_STARTDIR: where the user started */
	char *target;      /* REDO_TARGET: target whose .do runs us, or NULL */
	char *stack;       /* REDO_STACK: ids of targets being built above us */
	int depth;         /* REDO_DEPTH: nesting level, for indentation */
	int depfd;         /* REDO_DEPFD: our caller's dependency channel */
	int debug, verbose, xtrace, keep_going, shuffle;
	int locks_broken;
	int failed;        /* a target failed in this process */
	int no_color;      /* --no-color */
	int always_make, dry_run, question;   /* -B, -n, -q */
	int color, no_status, no_log, no_details, debug_locks;   /* apenwarr's */
} G = { .depfd = -1 };

/* A name for messages: relative to where the user started, escaped as
 * in the listings (esc_append: a \r or \n in it shows). */
static char *relname(const char *abs)
{
	char *rel = path_relative(abs, G.startdir ? G.startdir : g_cwd);
	strbuf b = {0};
	esc_append(&b, rel, strlen(rel));
	free(rel);
	return sb_steal(&b);
}

/* "redo: NAME: ..." for the file abs, NAME relative to where the user
 * started: the one way to report something about a target. */
static void msg_at(const char *abs, const char *fmt, ...)
{
	char buf[2048];
	char *n = relname(abs);
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	msg("%s: %s", n, buf);
	free(n);
}

static void explain(node *t, const char *fmt, ...) PRINTF_LIKE(2, 3);
static void explain(node *t, const char *fmt, ...)
{
	char buf[1024];
	char *n;
	va_list ap;
	if (!G.debug)
		return;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	n = relname(t->path);
	msg("-d: %s: %s", n, buf);
	free(n);
}

/* A stamp's mtime field ("SEC.NSEC") as local time with `digits`
 * decimals: "2026-12-04 03:12:01.47"; as it is if it is not a time. */
static void mtime_show(const char *f, int digits, char *out, size_t cap)
{
	long long sec;
	long nsec = 0, div = 1;
	time_t tt;
	struct tm tm;
	char date[32];
	int i;
	if (sscanf(f, "%lld.%ld", &sec, &nsec) < 1 || (tt = (time_t)sec,
	    !localtime_r(&tt, &tm)) ||
	    !strftime(date, sizeof date, "%Y-%m-%d %H:%M:%S", &tm)) {
		snprintf(out, cap, "%.60s", f);
		return;
	}
	for (i = digits; i < 9; i++)
		div *= 10;
	snprintf(out, cap, "%s.%0*ld", date, digits, nsec / div);
}

/* "mtime 2026-12-04 03:12:01.47 -> 2026-12-04 03:12:02.10": hundredths
 * of a second, or all nine digits if those do not differ. */
static void mtime_diff(const char *a, const char *b, char *out, size_t cap)
{
	char x[64], y[64];
	mtime_show(a, 2, x, sizeof x);
	mtime_show(b, 2, y, sizeof y);
	if (strcmp(x, y) == 0) {
		mtime_show(a, 9, x, sizeof x);
		mtime_show(b, 9, y, sizeof y);
	}
	snprintf(out, cap, "mtime %s -> %s", x, y);
}

/* Splits s, a copy of a stamp, into its first fields (f[8]) at each
 * ':' and '>'; the fields it does not have stay NULL. */
static void stamp_split(char *s, char *f[8])
{
	int i;
	for (i = 0; i < 8 && s; i++) {
		char *e = strpbrk(s, ":>");
		f[i] = s;
		if (e)
			*e = 0;
		s = e ? e + 1 : NULL;
	}
}

/* Says in words how stamp a became stamp b: the first field that
 * differs ("size 120 -> 131"), for -d. */
static void stamp_diff(const char *a, const char *b, char *out, size_t cap)
{
	static const char *const field[] = { "kind", "mtime", "size", "inode",
					     "device", "mode", "owner", "group" };
	/* the fields in the order of how telling their change is */
	static const int order[] = { 0, 2, 5, 6, 7, 1, 3, 4 };
	char x[STAMP_MAX], y[STAMP_MAX], *fx[8] = { 0 }, *fy[8] = { 0 };
	int i;
	if (stamp_exists(a) != stamp_exists(b)) {
		snprintf(out, cap, "%s", stamp_exists(b) ? "created" :
			 strcmp(b, "!") ? "deleted" :
			 "changed while it was being recorded");
		return;
	}
	snprintf(x, sizeof x, "%s", a);
	snprintf(y, sizeof y, "%s", b);
	stamp_split(x, fx);
	stamp_split(y, fy);
	for (i = 0; i < 8; i++) {
		int k = order[i];
		if (fx[k] && fy[k] && strcmp(fx[k], fy[k]) != 0) {
			if (k == 1)
				mtime_diff(fx[k], fy[k], out, cap);
			else
				snprintf(out, cap, "%s %.60s -> %.60s",
					 field[k], fx[k], fy[k]);
			return;
		}
	}
	snprintf(out, cap, "what it points to changed");
}

static void warn_bad_record(node *n, const char *why)
{
	if (n->mark & 1)
		return;
	n->mark |= 1;
	msg_at(n->path, "unreadable state record (%s); treating as out of "
	       "date", why);
}

/* ====================================================================
 * 7. Dofile search
 * For dir/base.a.b: dir/base.a.b.do, then in dir and each parent up to
 * the top: default.a.b.do, default.b.do, default.do.  The top is the
 * first directory that holds a .redo/top file, or $REDO_TOP_DIR, or
 * "/".  The .do found is a dependency; every more specific candidate
 * is an ifcreate dependency.
 * ==================================================================== */

typedef struct dofile {
	char *path;        /* the .do (absolute) */
	char *dir;         /* its directory: the .do runs there */
	char *arg1;        /* $1: target relative to dir */
	char *arg2;        /* $2: $1 minus the extension default.EXT.do matched */
	char **missing;    /* candidates tried before it (absolute) */
	char *missing_d;   /* ... each 'd' if a directory was there, or '-' */
	size_t nmissing, cap, dcap;
} dofile;

static void dofile_free(dofile *df)
{
	size_t i;
	for (i = 0; i < df->nmissing; i++)
		free(df->missing[i]);
	free(df->missing);
	free(df->missing_d);
	free(df->path);
	free(df->dir);
	free(df->arg1);
	free(df->arg2);
	memset(df, 0, sizeof *df);
}

/* Tries one candidate; returns 1 and fills df if it exists. */
static int dofile_try(dofile *df, const char *target, const char *dir,
		      const char *name, size_t extlen)
{
	char *p = path_join(dir, name);
	node *n = node_get(p);
	const char *st = node_stamp(n);
	if (!stamp_exists(st) || strcmp(st, "d") == 0) {
		df->missing = grow(df->missing, &df->cap, df->nmissing + 1,
				   sizeof *df->missing);
		df->missing_d = grow(df->missing_d, &df->dcap,
				     df->nmissing + 1, 1);
		df->missing_d[df->nmissing] = stamp_exists(st) ? 'd' : '-';
		df->missing[df->nmissing++] = p;
		return 0;
	}
	df->path = p;
	df->dir = xstrdup(dir);
	df->arg1 = path_relative(target, dir);
	df->arg2 = xstrndup(df->arg1, strlen(df->arg1) - extlen);
	return 1;
}

/* $REDO_TOP_DIR, canonical (once: a relative one is made absolute and
 * exported so, for the nested commands that start elsewhere), or NULL. */
static const char *top_dir(void)
{
	static char *top;
	static int looked;
	const char *v;
	if (looked)
		return top;
	looked = 1;
	v = getenv("REDO_TOP_DIR");
	if (!v || !*v)
		return NULL;
	top = path_canon(v);
	if (strcmp(top, v) != 0 && env_set("REDO_TOP_DIR", top) < 0)
		exit(EXIT_SYSTEM);
	return top;
}

/* Does the .do search stop at dir? */
static int dir_is_top(const char *dir)
{
	const char *top = top_dir();
	char *marker;
	node *n;
	if (strcmp(dir, "/") == 0 || (top && strcmp(dir, top) == 0))
		return 1;
	marker = path_join(dir, ".redo/top");
	n = node_get(marker);
	free(marker);
	return stamp_exists(node_stamp(n));
}

/* Finds the .do for target; returns 1 if found.  Either way
 * df->missing lists the candidates that do not exist, in search order. */
static int dofile_find(const char *target, dofile *df)
{
	char *dir = path_dirname(target), *up;
	const char *base = path_basename(target);
	strbuf name = {0};
	int found;
	memset(df, 0, sizeof *df);
	sb_addf(&name, "%s.do", base);
	found = dofile_try(df, target, dir, name.s, 0);
	while (!found) {
		/* default.a.b.do, default.b.do, ..., default.do: ext runs
		 * over each dot of base, then its end */
		const char *ext = base + strcspn(base, ".");
		for (;;) {
			name.len = 0;
			sb_addf(&name, "default%s.do", ext);
			found = dofile_try(df, target, dir, name.s, strlen(ext));
			if (found || !*ext)
				break;
			ext += 1 + strcspn(ext + 1, ".");
		}
		if (found || dir_is_top(dir))
			break;
		up = path_dirname(dir);
		free(dir);
		dir = up;
	}
	free(dir);
	sb_free(&name);
	return found;
}

/* ====================================================================
 * 8. Dependency check
 * Is a target up to date?  Pure: stats files and reads records through
 * the node caches, and leaves its findings in the nodes it looked at;
 * it never forks, locks, writes, prints or queues anything.  Returns
 * CHK_CLEAN, CHK_DIRTY, or CHK_MAYBE when the only changes below are in
 * targets that call redo-stamp: they must be rebuilt first, then we
 * decide again.  What it found, the scheduler acts on (section 12):
 *   t->why              why t is not clean (for -d)
 *   g_found             targets found clean (for the session memo)
 *   g_dirty             targets found out of date (for the memo too)
 *   g_suspects          targets that look edited by hand, which only
 *                       their lock can confirm (override_confirm)
 *   g_refresh           targets whose records have stamps to refresh,
 *                       deepest first (DESIGN 6)
 * ==================================================================== */

/* Is the target's file not as its record says only because its stamp
 * moved (a copy, a touch, a restore), its bytes being the ones redo
 * wrote?  Then it is no edit by hand, and up to date (DESIGN 6).  Not
 * the file the commit replaced (an interrupted commit, DESIGN 3.6):
 * however alike, that one is rebuilt, which also clears what the
 * commit left behind. */
static int own_file_moved(node *n, const record *r)
{
	const char *now = node_stamp(n);
	return verify_content() && stamp_moved(r->stamp, now) &&
	       strcmp(r->prev, now) != 0 && node_content_is(n, r->content);
}

/* What a file is now: a source, a target, or a target the user edited. */
static int node_kind(node *n)
{
	record *r = node_record(n);
	const char *now = node_stamp(n);
	if (!r)
		return n->rec_state == REC_BAD || !stamp_exists(now) ?
		       K_TARGET : K_SOURCE;
	if (r->type == REC_SOURCE || (r->failed && !stamp_exists(r->stamp)))
		return stamp_exists(now) ? K_SOURCE : K_TARGET;
	if (stamp_overrides(r->stamp, r->prev, now) && !own_file_moved(n, r))
		return K_OVERRIDDEN;
	return K_TARGET;
}

static int in_session(const record *r)
{
	return r->run && G.session && strcmp(r->run, G.session) == 0;
}

typedef struct nodelist {
	node **v;
	size_t n, cap;
} nodelist;

static void nodelist_add(nodelist *l, node *t)
{
	l->v = grow(l->v, &l->cap, l->n + 1, sizeof *l->v);
	l->v[l->n++] = t;
}

static nodelist g_found, g_suspects, g_refresh;
static nodelist g_dirty;           /* targets found out of date */
static unsigned g_transient_gen;   /* a verdict in this generation hung
				      on a build in progress elsewhere */

static void maybe_add(node *t, node *m)
{
	size_t i;
	for (i = 0; i < t->nmaybe; i++)
		if (t->maybe[i] == m)
			return;
	t->maybe = grow(t->maybe, &t->maybecap, t->nmaybe + 1,
			sizeof *t->maybe);
	t->maybe[t->nmaybe++] = m;
}

/* The check's reason for t not being clean, for -d. */
static void why(node *t, const char *fmt, ...) PRINTF_LIKE(2, 3);
static void why(node *t, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	free(t->why);
	t->why = xstrdup(buf);
}

/* dn's name for a reason: relative to where the user started, like
 * every name in a message; valid until the next call. */
static const char *shown(node *dn)
{
	static char *last;
	free(last);
	last = relname(dn->path);
	return last;
}

static int check(node *t);

static node *dep_node(const char *tdir, const rec_dep *d)
{
	return node_get_own(path_join(tdir, d->path));
}

/* Could a racy mark on this stamp be dropped now: is its mtime well
 * behind the clock?  (The refresh asks the file clock itself.) */
static int racy_over(const char *stamp)
{
	long long sec, size;
	long nsec;
	return stamp_fields(stamp, &sec, &nsec, &size) &&
	       (double)sec < now_seconds() - 2.0;
}

/* A dependency that is a file, not a target to check below: a source,
 * or a target edited by hand.  Clean while its stamp is as recorded
 * and, if it was racy, its content too; or while only its stamp moved
 * and its content is as recorded (DESIGN 6): then t's record is to be
 * refreshed, so that the next check needs no content. */
static int check_file_dep(node *t, node *dn, const rec_dep *d)
{
	const char *now = node_stamp(dn);
	char how[256];
	int same = strcmp(d->stamp, now) == 0;
	if (same && !d->racy)
		return CHK_CLEAN;
	if (same || (verify_content() && stamp_moved(d->stamp, now))) {
		if (node_content_is(dn, d->content)) {
			if (!same || racy_over(now))
				t->refresh = 1;
			return CHK_CLEAN;
		}
		if (same) {
			why(t, "dependency %s changed (same stamp, "
			    "new content)", shown(dn));
			return CHK_DIRTY;
		}
	}
	stamp_diff(d->stamp, now, how, sizeof how);
	why(t, "dependency %s changed (%s)", shown(dn), how);
	return CHK_DIRTY;
}

/* dn looks edited by hand.  What its lock said, if the scheduler has
 * asked it in this generation (or confirmed it for good), else -1: then
 * dn goes on the list for the scheduler to ask. */
static int override_known(node *dn)
{
	if (dn->mark & 2)
		return OV_YES;
	if (dn->ov_gen == g_gen)
		return dn->ov;
	if (!dn->suspect) {
		dn->suspect = 1;
		nodelist_add(&g_suspects, dn);
	}
	return -1;
}

/* A dependency that is a target: its own check first, then how it
 * compares with what t's record says of it. */
static int check_target_dep(node *t, node *dn, const rec_dep *d)
{
	int sub = check(dn);
	record *dr = node_record(dn);
	if (sub == CHK_DIRTY) {
		if (dr && dr->sum && d->sum) {
			maybe_add(t, dn);
			return CHK_CLEAN;
		}
		why(t, "dependency %s is out of date", shown(dn));
		return CHK_DIRTY;
	}
	if (sub == CHK_MAYBE) {
		size_t i;
		for (i = 0; i < dn->nmaybe; i++)
			maybe_add(t, dn->maybe[i]);
		return CHK_CLEAN;
	}
	if (d->sum && dr && dr->sum) {
		if (strcmp(d->sum, dr->sum) == 0)
			return CHK_CLEAN;
		why(t, "dependency %s has a new checksum", shown(dn));
		return CHK_DIRTY;
	}
	if (!dr || d->seq != dr->seq) {
		why(t, "dependency %s was rebuilt", shown(dn));
		return CHK_DIRTY;
	}
	/* the same build's file, verified by dn's own check: only its
	 * stamp moved since t saw it */
	if (verify_content() && dr->content &&
	    stamp_moved(d->stamp, node_stamp(dn))) {
		t->refresh = 1;
		return CHK_CLEAN;
	}
	return check_file_dep(t, dn, d);
}

/* Compares one recorded ifchange/dofile dependency with the file now.
 * A dependency recorded as a source is clean while its stamp is
 * unchanged (it cannot have become a target without changing): no need
 * to look for a record. */
static int check_dep(node *t, const char *tdir, const rec_dep *d)
{
	node *dn = dep_node(tdir, d);
	int k;
	if (d->seq == 0)
		return check_file_dep(t, dn, d);
	k = node_kind(dn);
	if (k == K_OVERRIDDEN && override_known(dn) == OV_BUSY) {
		why(t, "dependency %s is being built", shown(dn));
		g_transient_gen = g_gen;
		return CHK_DIRTY;
	}
	if (k != K_TARGET)
		return check_file_dep(t, dn, d);
	return check_target_dep(t, dn, d);
}

static int check_deps(node *t, record *r)
{
	char *tdir = path_dirname(t->path);
	int res = CHK_CLEAN;
	size_t i;
	for (i = 0; i < r->ndeps && res != CHK_DIRTY; i++) {
		rec_dep *d = &r->deps[i];
		if (d->kind == DEP_ALWAYS) {
			why(t, "it calls redo-always");
			res = CHK_DIRTY;
		} else if (d->kind == DEP_IFCREATE) {
			node *dn = dep_node(tdir, d);
			const char *now = node_stamp(dn);
			if (stamp_exists(now) && strcmp(now, d->stamp) != 0) {
				why(t, "%s was created", shown(dn));
				res = CHK_DIRTY;
			}
		} else {
			res = check_dep(t, tdir, d);
		}
	}
	free(tdir);
	return res;
}

/* Is cr the record of the successful build whose sequence is seq (a
 * `fresh` line's decimal)?  A record keeps its seq only while it stands
 * for that build: every other successful build gets a new one, and a
 * failed build keeps it but is marked failed. */
static int same_build(const record *cr, const char *seq)
{
	char now[32];
	if (cr->type != REC_TARGET || cr->failed)
		return 0;
	snprintf(now, sizeof now, "%llu", cr->seq);
	return strcmp(now, seq) == 0;
}

/* A target named by a `below` line is as the summary says if its
 * record file is the one stamped there and the target is up to date:
 * its own check (which uses its own summary) stands for all below it.
 * A `fresh` line names the build instead of the record file's stamp
 * (the file was written in the file clock's tick the summary was made
 * in: the stamp alone could be repeated, the build's seq cannot). */
static int below_clean(const char *dir, const rec_deep *e)
{
	node *c = node_get_own(path_join(dir, e->path));
	record *cr = node_record(c);
	if (!cr)
		return 0;
	if (e->kind == 'q' ? !same_build(cr, e->stamp)
			   : !c->rec_stamp || strcmp(c->rec_stamp, e->stamp))
		return 0;
	return check(c) == CHK_CLEAN;
}

/* The shortcut (DESIGN section 19): a record's summary carries the
 * stamp of every file below its target, the records of the targets
 * below included (a record is replaced whenever its target is built or
 * fails, so its stamp stands for all it says), and names the targets
 * below that have a big summary of their own or a record as new as the
 * summary's clock (by build: below_clean).  If every file is as it was
 * and every target named is up to date, nothing below changed and the
 * target is clean.  Otherwise we fall back to the full check, which
 * then explains it. */
static int summary_clean(node *t, const record *r)
{
	char *dir = path_dirname(t->path);
	const char *gone_in = NULL;
	char now[STAMP_MAX];
	size_t i;
	int clean = 1, fd = xopen(dir, O_RDONLY | O_DIRECTORY, 0);
	assert(r->deep);     /* check_target() reads a summary let go again */
	if (fd < 0) {
		free(dir);
		return 0;
	}
	for (i = 0; i < r->ndeep && clean; i++) {
		const rec_deep *e = &r->deep[i];
		if (e->kind == 'd') {
			/* the missing files that follow, in this directory,
			 * are still missing if it is unchanged */
			dir_stamp_at(fd, e->path, now);
			gone_in = strcmp(now, e->stamp) == 0 ? e->path : NULL;
			continue;
		}
		if (e->kind != 'f' || (gone_in && strcmp(e->stamp, "-") == 0 &&
				       name_in_dir(e->path, gone_in)))
			continue;
		stamp_at(fd, e->path, now);
		clean = strcmp(now, e->stamp) == 0;
	}
	close(fd);
	/* Every target below is checked even after a difference: their
	 * verdicts are kept (and handed to the session memo), so the
	 * fallback check and the nested commands of a rebuild use them
	 * instead of checking again. */
	for (i = 0; i < r->ndeep; i++)
		if ((r->deep[i].kind == 'b' || r->deep[i].kind == 'q') &&
		    !below_clean(dir, &r->deep[i]))
			clean = 0;
	free(dir);
	return clean;
}

static int check_target(node *t)
{
	record *r;
	const char *now;
	int res, k = node_kind(t);
	if (k != K_TARGET)
		return CHK_CLEAN;
	r = node_record(t);
	if (r && r->ndeep && !r->deep) {   /* its summary let go: read it */
		node_reread(t);
		r = node_record(t);
	}
	if (!r) {
		why(t, t->old_format ? "its record is of an older redo" :
			     t->rec_state == REC_BAD ? "its record is unreadable"
						     : "it was never built");
		return CHK_DIRTY;
	}
	if (r->type == REC_SOURCE || (r->failed && !stamp_exists(r->stamp))) {
		why(t, "it does not exist");
		return CHK_DIRTY;
	}
	now = node_stamp(t);
	/* built in this session, and committed: a record of this session
	 * whose file is not there yet is a commit in progress (record
	 * first, then rename) in another process, to be waited for */
	if (in_session(r) && !r->failed && strcmp(r->stamp, now) == 0)
		return CHK_CLEAN;
	if (r->failed) {
		why(t, "its last build failed");
		return CHK_DIRTY;
	}
	if (strcmp(r->stamp, now) != 0 && own_file_moved(t, r))
		t->refresh = 1;
	else if (strcmp(r->stamp, now) != 0) {
		why(t, !stamp_exists(now) ? "it is missing" :
			strcmp(r->prev, now) == 0 ?
			"its last build was interrupted" :
			"its mode, owner or inode changed");
		return CHK_DIRTY;
	}
	if (r->ndeep) {
		int clean = summary_clean(t, r);
		record_drop_summary(r);   /* the full check needs none */
		if (clean)
			return CHK_CLEAN;
	}
	res = check_deps(t, r);
	if (res == CHK_CLEAN && r->ndeep)
		t->refresh = 1;      /* a summary to bring up to date */
	return res;
}

/* A target found up to date goes on g_found, for the scheduler to hand
 * to the session memo: what a process learnt by checking is handed to
 * the nested commands it starts, so they do not check it again. */
static void note_found_clean(node *t)
{
	if (t->noted_clean || node_kind(t) != K_TARGET ||
	    t->rec_state != REC_OK || t->rec.type != REC_TARGET ||
	    !t->rec_stamp)
		return;
	t->noted_clean = 1;
	nodelist_add(&g_found, t);
}

static int check(node *t)
{
	int res;
	if (t->chk_gen == g_gen)
		return t->visiting ? CHK_CLEAN : t->chk;
	t->chk_gen = g_gen;
	t->visiting = 1;
	t->nmaybe = 0;
	t->refresh = 0;
	res = check_target(t);
	if (res == CHK_CLEAN && t->nmaybe)
		res = CHK_MAYBE;
	t->visiting = 0;
	t->chk = res;
	if (res == CHK_CLEAN)
		note_found_clean(t);
	else if (res == CHK_DIRTY)
		nodelist_add(&g_dirty, t);
	if (res == CHK_CLEAN && t->refresh)
		nodelist_add(&g_refresh, t);
	return res;
}

/* ====================================================================
 * 9. Jobs and locks
 * Job tokens follow GNU make's jobserver protocol (DESIGN 12), whose
 * token rules tokens_assert() checks.  Locks are fcntl byte-range
 * locks, one byte per target in DODIR/.redo/lock (DESIGN 11).  Nothing
 * here waits: the event loop (section 12) tries again.
 * ==================================================================== */

static struct job *g_jobs;          /* running jobs of this process */

static struct {
	int rfd, wfd;          /* jobserver, or -1 */
	int held;              /* tokens read from it, not yet returned */
	char bytes[4096];      /* the bytes read, written back as they were */
	int running;           /* jobs running */
	int lent;              /* our implicit token is lent to the pool */
	int rfd_blocks;        /* a read of rfd may block: -1 not known */
} g_js = { -1, -1, 0, {0}, 0, 0, -1 };

static int g_sigpipe[2] = { -1, -1 };
static volatile sig_atomic_t g_signal;  /* SIGINT or SIGTERM received */
static int g_top;                       /* this process started the session */
/* SIGINT was ignored when we started (a background job of a
 * non-interactive shell): it stays ignored, here and in every .do, as
 * make keeps it.  SIGQUIT redo never catches, so an ignored one stays. */
static int g_sigint_ignored;

static void on_signal(int sig)
{
	int e = errno;
	if (sig == SIGINT || sig == SIGTERM)
		g_signal = sig;
	if (g_sigpipe[1] >= 0 && sig != SIGALRM) {
		ssize_t r = write(g_sigpipe[1], "x", 1);
		(void)r;
	}
	errno = e;
}

static void set_handler(int sig, void (*fn)(int), int flags)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = fn;
	sa.sa_flags = flags;
	sigemptyset(&sa.sa_mask);
	sigaction(sig, &sa, NULL);
}

/* FD_CLOEXEC is the only descriptor flag POSIX defines: one call. */
static void set_cloexec(int fd, int on)
{
	fcntl(fd, F_SETFD, on ? FD_CLOEXEC : 0);
}

/* Makes an end of a pipe this process made non-blocking (with its
 * F_DUPFD copies): its only status flag is its access mode, which
 * F_SETFL leaves alone, so one call does it. */
static void set_nonblock_new_pipe(int fd)
{
	fcntl(fd, F_SETFL, O_NONBLOCK);
}

/* Sets up the self-pipe and the handlers, once, before the first job
 * or the first wait; a no-op check never gets here. */
static void events_init(void)
{
	if (g_sigpipe[0] >= 0)
		return;
	if (pipe(g_sigpipe) < 0)
		die(EXIT_SYSTEM, "pipe: %s", strerror(errno));
	set_cloexec(g_sigpipe[0], 1);
	set_cloexec(g_sigpipe[1], 1);
	set_nonblock_new_pipe(g_sigpipe[0]);
	set_nonblock_new_pipe(g_sigpipe[1]);
	set_handler(SIGCHLD, on_signal, SA_RESTART | SA_NOCLDSTOP);
	set_handler(SIGALRM, on_signal, 0);
	if (!g_sigint_ignored)
		set_handler(SIGINT, on_signal, 0);
	set_handler(SIGTERM, on_signal, 0);
}

static void tokens_assert(void)
{
	assert(g_js.held >= 0 && g_js.running >= 0);
	assert(g_js.held <= (int)sizeof g_js.bytes);
	assert(!g_js.lent || (g_js.running == 0 && g_js.held == 0));
	assert(g_js.running <= g_js.held + (g_js.lent ? 0 : 1) ||
	       G.locks_broken);
}

/* Gives every token we read back to the pool, but keep (at exit, too). */
static void tokens_return(int keep)
{
	while (g_js.held > keep) {
		char c = g_js.bytes[--g_js.held];
		if (write_all(g_js.wfd, &c, 1) < 0)
			msg("cannot give a job token back to the jobserver: "
			    "%s", strerror(errno));
	}
}

static void tokens_return_surplus(void)
{
	int need = g_js.running > 0 ? g_js.running - 1 : 0;
	if (g_js.wfd >= 0 && g_js.held > need)
		tokens_return(need);
	tokens_assert();
}

/* May one more job start now? */
static int slot_free(void)
{
	if (G.locks_broken)
		return g_js.running == 0 && !g_js.lent;
	return g_js.running < g_js.held + (g_js.lent ? 0 : 1);
}

/* Reads one token, if it can.  Another process may take the byte
 * between poll() and read(): a timer bounds the read, unless the pool's
 * read end does not block (a pool redo or make made; found once). */
static int token_read(void)
{
	static const struct itimerval off;
	struct itimerval it = off;
	char c;
	ssize_t r;
	if (g_js.rfd_blocks < 0) {
		int fl = fcntl(g_js.rfd, F_GETFL);
		g_js.rfd_blocks = fl < 0 || !(fl & O_NONBLOCK);
	}
	it.it_value.tv_usec = 20000;
	if (g_js.rfd_blocks && setitimer(ITIMER_REAL, &it, NULL) < 0)
		return 0;       /* unbounded, the read could block: not now */
	r = read(g_js.rfd, &c, 1);
	if (g_js.rfd_blocks)  /* a timer left armed only wakes a poll() */
		setitimer(ITIMER_REAL, &off, NULL);
	if (r != 1)
		return 0;
	assert(g_js.held < (int)sizeof g_js.bytes);
	if (g_js.lent)       /* it takes the place of our lent one */
		g_js.lent = 0;
	else
		g_js.bytes[g_js.held++] = (char)c;
	tokens_assert();
	return 1;
}

/* Lends our implicit slot to the pool while all we do is wait for
 * other processes' locks (they may need it to finish). */
static void token_lend(void)
{
	if (g_js.wfd < 0 || g_js.lent || g_js.running > 0)
		return;
	tokens_return(0);
	if (write_all(g_js.wfd, "+", 1) < 0)
		return;     /* not lent: we keep our slot */
	g_js.lent = 1;
	tokens_assert();
}

/* Is fd readable within ms milliseconds? */
static int poll_in(int fd, int ms)
{
	struct pollfd p;
	p.fd = fd;
	p.events = POLLIN;
	return poll(&p, 1, ms) > 0 && (p.revents & POLLIN);
}

/* Blocking read of one token, for an interrupted process that lent its
 * implicit token: leaving without one would add a token to the pool. */
static void token_read_blocking(void)
{
	for (;;) {
		char c;
		ssize_t r = read(g_js.rfd, &c, 1);
		if (r >= 0 || (errno != EINTR && errno != EAGAIN))
			return;
		if (errno == EAGAIN)
			poll_in(g_js.rfd, 100);
	}
}

/* ---- locks ---- */

static struct lockfile {
	char *dir;
	int fd;
} *g_lockfiles;
static size_t g_nlockfiles, g_lockfilecap;

static int lock_fd(const char *dodir)
{
	size_t i;
	char *path;
	int fd;
	for (i = 0; i < g_nlockfiles; i++)
		if (strcmp(g_lockfiles[i].dir, dodir) == 0)
			return g_lockfiles[i].fd;
	path = path_join(dodir, ".redo/lock");
	fd = xopen(path, O_RDWR | O_CREAT, 0666);
	if (fd < 0 && errno == ENOENT && state_dir_ready(path) == 0)
		fd = xopen(path, O_RDWR | O_CREAT, 0666);
	free(path);
	if (fd < 0)
		return -1;
	/* Never closed: closing any descriptor of a file drops all of this
	 * process's fcntl locks on it. */
	g_lockfiles = grow(g_lockfiles, &g_lockfilecap, g_nlockfiles + 1,
			   sizeof *g_lockfiles);
	g_lockfiles[g_nlockfiles++] = (struct lockfile){ xstrdup(dodir), fd };
	return fd;
}

/* The byte that stands for target in its .do directory's lock file. */
static off_t lock_offset(const char *target, const char *dodir)
{
	char *rel = path_relative(target, dodir);
	unsigned char d[20];
	sha1_ctx c;
	uint64_t v = 0;
	int i;
	sha1_init(&c);
	sha1_update(&c, rel, strlen(rel));
	sha1_final(&c, d);
	free(rel);
	for (i = 0; i < 8; i++)
		v = v << 8 | d[i];
	if (sizeof(off_t) >= 8)
		return (off_t)(v >> 12);     /* 52 bits */
	return (off_t)(v >> 34);             /* 30 bits */
}

enum { LOCK_GOT, LOCK_BUSY, LOCK_ERROR };

/* One lock operation, never waiting (never F_SETLKW: a process that
 * holds the terminal must keep reading its nested processes' output,
 * or one of them, holding the very lock we want, could block writing
 * it). */
static int lock_op(int fd, off_t off, int type)
{
	struct flock fl;
	memset(&fl, 0, sizeof fl);
	fl.l_type = (short)type;
	fl.l_whence = SEEK_SET;
	fl.l_start = off;
	fl.l_len = 1;
	if (fcntl(fd, F_SETLK, &fl) == 0)
		return LOCK_GOT;
	if (errno != EACCES && errno != EAGAIN && errno != EINTR)
		return LOCK_ERROR;
	return LOCK_BUSY;
}

typedef struct lock {
	int fd;
	off_t off;
} lock;

/* Tries the lock of target: LOCK_GOT or LOCK_BUSY.  Where locks cannot
 * work (a read-only .do directory, a filesystem without them) it says
 * so and builds without locks from then on, one job at a time. */
static int lock_take(const char *target, const char *dodir, lock *lk)
{
	int rc;
	lk->fd = G.locks_broken ? -1 : lock_fd(dodir);
	if (G.locks_broken)
		return LOCK_GOT;
	if (lk->fd < 0) {
		msg_at(target, "cannot make a lock in %s/.redo (%s); building "
		    "without locks, one job at a time", dodir,
		    strerror(errno));
	} else {
		lk->off = lock_offset(target, dodir);
		rc = lock_op(lk->fd, lk->off, F_WRLCK);
		if (rc != LOCK_ERROR)
			return rc;
		msg("warning: fcntl locks do not work here; building serially");
		lk->fd = -1;
	}
	G.locks_broken = 1;
	env_set("REDO_LOCKS_BROKEN", "1");
	return LOCK_GOT;
}

/* For commands that run no job (redo-log -f): waits until the lock of
 * target is free, and takes it. */
static int lock_take_waiting(const char *target, const char *dodir, lock *lk)
{
	int rc, delay = 1;
	while ((rc = lock_take(target, dodir, lk)) == LOCK_BUSY) {
		poll(NULL, 0, delay);
		if (delay < 50)
			delay *= 2;
	}
	return rc;
}

static void lock_release(lock *lk)
{
	if (lk->fd >= 0)
		lock_op(lk->fd, lk->off, F_UNLCK);
	lk->fd = -1;
}

/* ---- the cycle stack: ids of the targets being built above us ---- */

static void target_id(const char *abs, char out[9])
{
	static const char b64[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
	unsigned char d[20];
	sha1_ctx c;
	int i;
	sha1_init(&c);
	sha1_update(&c, abs, strlen(abs));
	sha1_final(&c, d);
	for (i = 0; i < 8; i++)
		out[i] = b64[d[i] & 63];
	out[8] = 0;
}

/* Position of abs in the stack (0 = bottom), or -1. */
static long stack_find(const char *abs)
{
	char id[9];
	const char *p = G.stack;
	long i;
	target_id(abs, id);
	for (i = 0; p && *p; i++) {
		if (strncmp(p, id, 8) == 0 && (p[8] == ':' || p[8] == 0))
			return i;
		if ((p = strchr(p, ':')) != NULL)
			p++;
	}
	return -1;
}

/* ---- cycles through lock waits (DESIGN 13) ----
 * A process that waits for locks keeps a note of what it waits for; the
 * notes form a graph "X cannot finish before Y".  The last edge of any
 * loop is added by a process that then looks, so one look, right after
 * writing, suffices. */

static struct {
	char *path;        /* our note, while it exists */
	int fd;
	char (*ids)[9];    /* the targets we wait for */
	size_t n, cap;
} g_wait = { NULL, -1, NULL, 0, 0 };

static char *user_dir(const char *sub);
static char *user_dir_as(const char *sub, int make);

typedef struct edges {
	char (*v)[2][9];     /* from, to */
	size_t n, cap;
} edges;

static void edges_add(edges *e, const char *from, const char *to)
{
	e->v = grow(e->v, &e->cap, e->n + 1, sizeof *e->v);
	memcpy(e->v[e->n][0], from, 9);
	memcpy(e->v[e->n][1], to, 9);
	e->n++;
}

/* "id:id:id WAITED\n" lines -> edges id1->id2->...->idk->WAITED */
static void edges_from_note(edges *e, const char *p)
{
	while (*p) {
		char prev[9] = "", id[9];
		while (strcspn(p, ": \n") == 8) {
			memcpy(id, p, 8);
			id[8] = 0;
			if (prev[0])
				edges_add(e, prev, id);
			memcpy(prev, id, 9);
			p += 8;
			p += strspn(p, ": ");
		}
		p += strcspn(p, "\n");
		if (*p)
			p++;
	}
}

/* Is any id of stack reachable from start along e? */
static int edges_reach(const edges *e, const char *start, const char *stack)
{
	char (*todo)[9] = xmalloc((e->n + 1) * sizeof *todo);
	char *seen = xmalloc(e->n + 1);
	size_t ntodo = 0, i;
	int hit = 0;
	memset(seen, 0, e->n + 1);
	memcpy(todo[ntodo++], start, 9);
	while (ntodo && !hit) {
		char cur[9];
		memcpy(cur, todo[--ntodo], 9);
		if (strstr(stack, cur))
			hit = 1;
		for (i = 0; i < e->n; i++)
			if (!seen[i] && strcmp(e->v[i][0], cur) == 0) {
				seen[i] = 1;
				memcpy(todo[ntodo++], e->v[i][1], 9);
			}
	}
	free(todo);
	free(seen);
	return hit;
}

/* Reads every live note in dir into e. */
static void edges_read_notes(edges *e, const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	if (!d)
		return;
	while ((de = readdir(d)) != NULL) {
		char *p, *buf;
		size_t len;
		struct flock fl;
		int fd;
		/* not a note being written (.PID), nor ours: closing any
		 * descriptor of ours would drop the lock that says we live */
		if (de->d_name[0] == '.' || (g_wait.path &&
		    strcmp(de->d_name, path_basename(g_wait.path)) == 0))
			continue;
		p = path_join(dir, de->d_name);
		fd = xopen(p, O_RDONLY, 0);
		memset(&fl, 0, sizeof fl);
		fl.l_type = F_RDLCK;
		fl.l_whence = SEEK_SET;
		if (fd >= 0 && fcntl(fd, F_GETLK, &fl) == 0 &&
		    fl.l_type != F_UNLCK && (buf = read_file(p, &len))) {
			edges_from_note(e, buf);
			free(buf);
		} else if (fd >= 0 && fl.l_type == F_UNLCK) {
			unlink(p);      /* its writer is gone */
		}
		xclose(fd);
		free(p);
	}
	closedir(d);
}

/* Replaces our note by one that lists every lock we wait for, in one
 * rename: a reader sees the old note or the new one, never a part.  The
 * new note is locked before it takes the name (its writer is alive). */
static void wait_note_write(const char *dir)
{
	char name[40];
	char *tmp;
	strbuf note = {0};
	size_t i;
	int fd;
	for (i = 0; i < g_wait.n; i++)
		sb_addf(&note, "%s %s\n", G.stack, g_wait.ids[i]);
	snprintf(name, sizeof name, ".%ld", (long)getpid());
	tmp = path_join(dir, name);
	if (!g_wait.path)
		g_wait.path = path_join(dir, name + 1);
	fd = xopen(tmp, O_RDWR | O_CREAT | O_TRUNC, 0600);
	if (fd >= 0 && write_all(fd, note.s, note.len) == 0 &&
	    lock_op(fd, 0, F_WRLCK) == LOCK_GOT &&
	    rename(tmp, g_wait.path) == 0) {
		xclose(g_wait.fd);
		g_wait.fd = fd;
	} else if (fd >= 0) {
		msg("cannot write %s: %s (cycles through this wait will not "
		    "be seen)", g_wait.path, strerror(errno));
		close(fd);
		unlink(tmp);
	}
	free(tmp);
	sb_free(&note);
}

static void wait_forget(size_t i)
{
	memmove(g_wait.ids + i, g_wait.ids + i + 1,
		(g_wait.n - i - 1) * sizeof *g_wait.ids);
	g_wait.n--;
}

/* About to wait for target's lock: returns 1 if that would close a
 * cycle (then our note is as it was), else notes the wait until
 * wait_end(target). */
static int wait_begin(const char *target)
{
	char id[9];
	char *dir;
	edges e = {0};
	int cycle;
	if (!G.stack || !*G.stack)
		return 0;       /* building nothing: we close no loop */
	dir = user_dir("waits");
	if (!dir)
		return 0;
	target_id(target, id);
	g_wait.ids = grow(g_wait.ids, &g_wait.cap, g_wait.n + 1,
			  sizeof *g_wait.ids);
	memcpy(g_wait.ids[g_wait.n++], id, 9);
	wait_note_write(dir);
	edges_read_notes(&e, dir);
	cycle = edges_reach(&e, id, G.stack);
	free(e.v);
	if (cycle) {
		wait_forget(g_wait.n - 1);
		wait_note_write(dir);
	}
	free(dir);
	return cycle;
}

/* We no longer wait for target's lock. */
static void wait_end(const char *target)
{
	char id[9];
	char *dir;
	size_t i;
	target_id(target, id);
	for (i = 0; i < g_wait.n; i++)
		if (strcmp(g_wait.ids[i], id) == 0)
			break;
	if (i == g_wait.n)
		return;
	wait_forget(i);
	if (g_wait.n == 0) {
		unlink(g_wait.path);
		xclose(g_wait.fd);
		g_wait.fd = -1;
		return;
	}
	dir = user_dir("waits");
	if (dir)
		wait_note_write(dir);
	free(dir);
}

/* Names an open descriptor in the environment as "fd:dev:ino" (the
 * reader can tell if it is still the same file).  On failure it removes
 * the variable (a stale one would name another file), returns -1. */
static int setenv_fd(const char *name, int fd)
{
	struct stat st;
	char buf[96];
	if (fstat(fd, &st) < 0) {
		msg("cannot set %s: %s", name, strerror(errno));
	} else {
		snprintf(buf, sizeof buf, "%d:%llu:%llu", fd,
			 (unsigned long long)st.st_dev,
			 (unsigned long long)st.st_ino);
		if (env_set(name, buf) == 0)
			return 0;
	}
	unsetenv(name);
	return -1;
}

/* The one parser of what setenv_fd writes: the variable's descriptor,
 * device and inode.  Returns 0, or -1 if it is unset or malformed. */
static int fd_identity(const char *name, int *fd, unsigned long long *dev,
		       unsigned long long *ino)
{
	const char *v = getenv(name);
	if (!v || sscanf(v, "%d:%llu:%llu", fd, dev, ino) != 3 || *fd < 0)
		return -1;
	return 0;
}

/* Is fd open, on the file with this device and inode? */
static int fd_is_file(int fd, unsigned long long dev, unsigned long long ino)
{
	struct stat st;
	return fstat(fd, &st) == 0 && (unsigned long long)st.st_dev == dev &&
	       (unsigned long long)st.st_ino == ino;
}

/* Validates an "fd:dev:ino" variable: the descriptor must still be open
 * and still be the same file (a .do may have closed or reused it). */
static int getenv_fd(const char *name)
{
	unsigned long long dev, ino;
	int fd;
	return fd_identity(name, &fd, &dev, &ino) == 0 &&
	       fd_is_file(fd, dev, ino) ? fd : -1;
}

/* The dependency channel when REDO_DEPFD's descriptor was closed by a
 * program between the .do and us: opened by its name (REDO_DEPFILE),
 * if that is still the file REDO_DEPFD names (its device and inode). */
static int channel_by_name(void)
{
	const char *name = getenv("REDO_DEPFILE");
	unsigned long long dev, ino;
	int fd, n;
	if (!name || fd_identity("REDO_DEPFD", &n, &dev, &ino) < 0)
		return -1;
	fd = xopen(name, O_WRONLY | O_APPEND, 0);
	if (fd >= 0 && !fd_is_file(fd, dev, ino)) {
		close(fd);
		fd = -1;
	}
	return fd;
}

/* ---- the lifeline (DESIGN 8.7) ----
 * A pipe nobody writes to: the top-level process keeps its write end,
 * nested ones watch its read end (REDO_LIFELINE), whose end of file
 * says the session is over, however it ended (a kill PID reaches no
 * process but the top-level one). */
static int g_lifeline = -1;   /* nested: the read end we watch */
static int g_orphaned;        /* ... and it told us the session is over */

static void lifeline_make(void)
{
	static int made;
	int p[2];
	if (made || !g_top)
		return;
	made = 1;
	if (pipe(p) < 0)
		return;
	set_cloexec(p[1], 1);
	setenv_fd("REDO_LIFELINE", p[0]);
}

static void lifeline_find(void)
{
	static int looked;
	if (looked || g_top)
		return;
	looked = 1;
	g_lifeline = getenv_fd("REDO_LIFELINE");
}

/* ====================================================================
 * 10. Output and the terminal
 * Every line redo prints goes through out_write().  On a terminal the
 * top-level redo owns the screen and keeps a status line at its bottom;
 * nested processes send it their lines and status notes (DESIGN 14).
 * ==================================================================== */

#define NOTE_MARK '\036'     /* starts a status note; never printed */
#define LINE_MAX_KEPT 4096   /* longest unfinished line kept (PIPE_BUF) */

static struct {
	int on;           /* this process draws the status line */
	int shown;        /* ... and it is on the screen now */
	int color;        /* colour for failures */
	int inr;          /* read end of the pipe nested processes write to */
	strbuf partial;   /* an unfinished line read from it */
	long started, done, failed;
	names running;
	double t0;
	int width;
	double last;      /* how long the last build of the targets took */
} g_tty = { 0, 0, 0, -1, { NULL, 0, 0 }, 0, 0, 0, { NULL, 0, 0 }, 0, 80,
	    0 };

static int g_notes;   /* nested: send status notes to the top-level */
static int g_log_marks;   /* our stderr is our caller's log: mark in it
			   * where each target we build starts */

static void tty_erase(void)
{
	if (g_tty.shown) {
		write_all(g_outfd, "\r\033[K", 4);
		g_tty.shown = 0;
	}
}

/* 1: the terminal's size may have changed (SIGWINCH), or is not known
 * yet */
static volatile sig_atomic_t g_winch = 1;

static void on_winch(int sig)
{
	(void)sig;
	g_winch = 1;
}

/* The status line's width: the terminal's (TIOCGWINSZ, asked again
 * after a SIGWINCH), else $COLUMNS, else 80. */
static size_t tty_width(void)
{
	if (g_winch) {
		const char *cols = getenv("COLUMNS");
		g_winch = 0;
		g_tty.width = cols && atoi(cols) > 0 ? atoi(cols) : 80;
#ifdef TIOCGWINSZ
		{
			struct winsize ws;
			if (ioctl(g_outfd, TIOCGWINSZ, &ws) == 0 &&
			    ws.ws_col > 0)
				g_tty.width = ws.ws_col;
		}
#endif
	}
	return (size_t)g_tty.width;
}

/* Appends n bytes of a name, a control character as '?': the status
 * line must take one column a byte (a UTF-8 character takes fewer). */
static void tty_add_name(strbuf *b, const char *s, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		sb_addc(b, (unsigned char)s[i] < 32 || s[i] == 127 ? '?' : s[i]);
}

/* Of the running targets (oldest first), the index of the first of the
 * newest ones that fit in room columns, each after a space. */
static size_t tty_fit(size_t room)
{
	size_t i = g_tty.running.n, used = 0;
	while (i > 0 && used + 1 + strlen(g_tty.running.v[i - 1]) <= room)
		used += 1 + strlen(g_tty.running.v[--i]);
	return i;
}

/* " ~12s left": the estimate of the time left, while the last build of
 * the same targets (its time lines, DESIGN 3.2) says there is some. */
static void tty_add_left(strbuf *b)
{
	double left = g_tty.t0 + g_tty.last - now_seconds();
	if (g_tty.last <= 0 || left < 1)
		return;
	if (left < 60)
		sb_addf(b, " ~%ds left", (int)left);
	else
		sb_addf(b, " ~%dm%02ds left", (int)(left / 60),
			(int)left % 60);
}

/* "redo [done/started] a b c" on one line that never wraps: if the
 * names do not fit, the newest (the running leaf) are kept after
 * "...", and of a newest name too long even alone, its end. */
static void tty_draw(void)
{
	strbuf b = {0};
	size_t n = g_tty.running.n, w = tty_width(), max, room, i;
	if (!g_tty.on || n == 0)
		return;
	max = w > 20 ? w - 1 : 19;
	sb_addf(&b, "\rredo [%ld/%ld]", g_tty.done, g_tty.started);
	tty_add_left(&b);
	room = max > b.len + 4 ? max - (b.len - 1) : 0;
	i = tty_fit(room);
	if (i > 0 && room > 0) {
		sb_adds(&b, " ...");
		i = tty_fit(room - 4);
	}
	if (i == n && room > 5) {   /* the newest alone is too long */
		const char *s = g_tty.running.v[n - 1];
		size_t len = strlen(s), keep = room - 5;
		while (keep > 0 && ((unsigned char)s[len - keep] & 0xC0) == 0x80)
			keep--;      /* not inside a UTF-8 character */
		tty_add_name(&b, s + len - keep, keep);
	}
	for (; i < n; i++) {
		sb_addc(&b, ' ');
		tty_add_name(&b, g_tty.running.v[i], strlen(g_tty.running.v[i]));
	}
	if (b.len > max + 1)
		b.len = max + 1;
	write_all(g_outfd, b.s, b.len);
	g_tty.shown = 1;
	sb_free(&b);
}

/* Writes the line s (n bytes, its newline included or not) in red. */
static void write_red(const char *s, size_t n)
{
	write_all(g_outfd, "\033[31m", 5);
	write_all(g_outfd, s, n && s[n - 1] == '\n' ? n - 1 : n);
	write_all(g_outfd, "\033[m\n", 4);
}

static int is_failure_line(const char *s, size_t n)
{
	size_t i;
	if (n < 6 || memcmp(s, "redo: ", 6) != 0)
		return 0;
	for (i = 6; i + 7 <= n; i++)
		if (memcmp(s + i, "failed", 6) == 0 ||
		    memcmp(s + i, "cycle:", 6) == 0)
			return 1;
	return 0;
}

/* Whose unfinished line is on the screen (a job's, as out_write_as
 * got it), or NULL: no status line is drawn under it, and any other
 * writer first ends it with a newline, so lines never mix. */
static const void *g_open_line;

static void out_write_as(const void *who, const char *s, size_t n)
{
	if (g_open_line && g_open_line != who)
		write_all(g_outfd, "\n", 1);
	tty_erase();
	if (g_tty.on && g_tty.color && is_failure_line(s, n))
		write_red(s, n);
	else
		write_all(g_outfd, s, n);
	g_open_line = n && s[n - 1] != '\n' ? who : NULL;
	if (!g_open_line)
		tty_draw();
}

static void out_write(const char *s, size_t n)
{
	out_write_as(NULL, s, n);
}

enum { NOTE_START = 'S', NOTE_DONE = 'D', NOTE_FAIL = 'F', NOTE_LOG = 'B' };

/* A target started or finished: counted on the status line of the
 * top-level, or sent to it from a nested process. */
static void status_event(int kind, const char *name)
{
	names *run = &g_tty.running;
	size_t i;
	if (g_notes) {
		strbuf b = {0};
		sb_addf(&b, "%c%c%s\n", NOTE_MARK, kind, name);
		write_all(g_outfd, b.s, b.len);
		sb_free(&b);
		return;
	}
	if (!g_tty.on)
		return;
	if (kind == NOTE_START) {
		g_tty.started++;
		names_add_own(run, xstrdup(name));
	} else {
		g_tty.done++;
		g_tty.failed += kind == NOTE_FAIL;
		for (i = 0; i < run->n; i++)
			if (strcmp(run->v[i], name) == 0) {
				free(run->v[i]);
				memmove(run->v + i, run->v + i + 1,
					(--run->n - i) * sizeof *run->v);
				break;   /* the order they started in kept */
			}
	}
	tty_erase();
	tty_draw();
}

static void status_target(int kind, node *t)
{
	char *n;
	if (!g_notes && !g_tty.on)
		return;
	n = relname(t->path);
	status_event(kind, n);
	free(n);
}

/* Appends s (n bytes) to *partial, handing each line it completes to
 * fn in one piece (one write per line: parallel jobs never mix inside
 * a line). */
static void lines_take(strbuf *partial, const char *s, size_t n,
		       void (*fn)(strbuf *line))
{
	const char *nl, *end = s + n;
	for (; (nl = memchr(s, '\n', (size_t)(end - s))) != NULL; s = nl + 1) {
		sb_addn(partial, s, (size_t)(nl - s) + 1);
		fn(partial);
		partial->len = 0;
	}
	sb_addn(partial, s, (size_t)(end - s));
}

static const void *g_line_owner;   /* whose lines out_line writes */

/* A line for the terminal; a log mark (log_mark()) is for the log only. */
static void out_line(strbuf *line)
{
	if (line->len > 1 && line->s[0] == NOTE_MARK && line->s[1] == NOTE_LOG)
		return;
	out_write_as(g_line_owner, line->s, line->len);
}

/* Marks in our caller's log where t's build starts: "\036B" and t's
 * name relative to the caller's target's directory, escaped.  redo-log
 * -r shows t's log at that place (DESIGN 14). */
static void log_mark(node *t)
{
	strbuf b = {0};
	char *dir, *rel;
	if (!g_log_marks || !G.target)
		return;
	dir = path_dirname(G.target);
	rel = path_relative(t->path, dir);
	sb_addf(&b, "%c%c", NOTE_MARK, NOTE_LOG);
	esc_append(&b, rel, strlen(rel));
	sb_addc(&b, '\n');
	write_all(2, b.s, b.len);
	sb_free(&b);
	free(rel);
	free(dir);
}

/* A line from a nested process: a status note, or output. */
static void tty_line(strbuf *line)
{
	if (line->s[0] == NOTE_MARK && line->len > 2) {
		line->s[line->len - 1] = 0;
		status_event(line->s[1], line->s + 2);
	} else {
		out_line(line);
	}
}

/* Output from nested processes (terminal mode only). */
static void tty_input(void)
{
	char buf[8192];
	ssize_t r = read(g_tty.inr, buf, sizeof buf);
	if (r > 0)
		lines_take(&g_tty.partial, buf, (size_t)r, tty_line);
}

/* At the end of a terminal session: erase the status line, say what
 * happened. */
static void tty_finish(void)
{
	char line[128];
	if (!g_tty.on)
		return;
	while (g_tty.inr >= 0 && poll_in(g_tty.inr, 0))
		tty_input();      /* what nested processes left */
	tty_erase();
	g_tty.on = 0;
	if (g_tty.started == 0)
		return;
	snprintf(line, sizeof line, "redo: %ld built, %ld failed%s, %.1fs\n",
		 g_tty.done - g_tty.failed, g_tty.failed,
		 g_signal ? ", interrupted" : "", now_seconds() - g_tty.t0);
	if (g_tty.color && g_tty.failed)
		write_red(line, strlen(line));
	else
		write_all(g_outfd, line, strlen(line));
}

/* The top-level redo on a terminal takes the screen. */
static void tty_setup(int no_color)
{
	const char *term = getenv("TERM");
	int p[2], w;
	if (G.target || !isatty(2) || (term && strcmp(term, "dumb") == 0))
		return;
	if (pipe(p) < 0)
		return;
	w = fcntl(p[1], F_DUPFD, 100);
	close(p[1]);
	if (w < 0) {
		close(p[0]);
		return;
	}
	set_cloexec(p[0], 1);
	set_nonblock_new_pipe(p[0]);
	g_tty.inr = p[0];
	g_tty.on = 1;
	g_tty.color = !no_color && !getenv("NO_COLOR");
#ifdef SIGWINCH
	set_handler(SIGWINCH, on_winch, SA_RESTART);
#endif
	g_tty.t0 = now_seconds();
	setenv_fd("REDO_ERRFD", w);
	env_must("REDO_STATUS", "1");
}

/* ====================================================================
 * 11. Running a .do
 * A job is one .do script running for one target (DESIGN 8): its stdout
 * goes to a nameless temp file, its stderr through a pipe we copy to
 * the terminal and the log, its nested commands' declarations to the
 * channel (DESIGN 10).  The record is written before $3 is renamed over
 * the target, so a kill at any point leaves the old state or the new.
 * ==================================================================== */

typedef struct job {
	node *t;
	pid_t pid;
	int errfd;           /* our end of the .do's stderr pipe, or -1 */
	int outfd;           /* the .do's stdout */
	int depfd;           /* what nested commands declared */
	int exited;
	int status;
	strbuf partial;      /* an unfinished stderr line (at most
				LINE_MAX_KEPT bytes) */
	int logfd;           /* a temp file of all it wrote to stderr */
	off_t loglen;        /* ... its length */
	int logerr;          /* ... a write to it failed (said once) */
	int midline;         /* its last byte of stderr was no newline */
	dofile df;
	lock lk;
	char *depname;       /* the channel's name while the .do runs */
	char *tmp3;          /* $3, absolute */
	struct stat st1;     /* lstat of $1 before the run */
	int had1;
	struct {             /* $1 and $3 once the .do exited and its
				stdout went to $3 (job_outputs) */
		int has1, has3;
		struct stat st1, st3;
	} end;
	char dohead[512];    /* the .do's first bytes, read with dosum */
	size_t doheadlen;
	int dohead_read;     /* ... if it was read then */
	char *dostamp;       /* stamp of the .do when it started */
	char dosum[41];      /* its SHA-1 (content_sum), or "" */
	int slot;            /* the lowest slot free in this process */
	unsigned long long t0, t1, cpu;   /* start, end, CPU (us) */
	char timeline[200];  /* its record's "time" line (job_time_line) */
	struct job *next;
} job;

static const char *g_tmpdir;

static void job_unlink_channel(job *j)
{
	if (j->depname) {
		unlink(j->depname);
		free(j->depname);
		j->depname = NULL;
	}
}

/* A temp file in dir, close-on-exec, opened with extra flags (which
 * mkstemp() cannot take).  Unlinked at once, unless name is not NULL:
 * then *name gets its path, for the caller to unlink. */
static int tmpfile_in(const char *dir, int flags, char **name)
{
	static unsigned long count;
	static pid_t pid;    /* once: O_EXCL guards the names anyway */
	strbuf b = {0};
	struct timespec ts;
	int fd = -1, tries;
	if (!pid)
		pid = getpid();
	for (tries = 0; tries < 100 && fd < 0; tries++) {
		clock_gettime(CLOCK_REALTIME, &ts);
		b.len = 0;
		sb_addf(&b, "%s/redo.%lx.%lx.%lx", dir,
			(unsigned long)pid, ++count,
			(unsigned long)ts.tv_nsec);
		fd = xopen(b.s, O_RDWR | O_CREAT | O_EXCL | flags, 0600);
		if (fd < 0 && errno != EEXIST)
			break;
	}
	if (fd >= 0 && name)
		*name = sb_steal(&b);
	else if (fd >= 0)
		unlink(b.s);
	sb_free(&b);
	return fd;
}

/* Where the dependency channels of this session's jobs have names
 * while their .do runs (DESIGN 10), or NULL if it cannot be made. */
static int g_made_channels;   /* this process made a channel file */

static const char *channel_dir(void)
{
	static char *dir;
	static int tried;
	if (!tried && G.session) {
		char *sessions = user_dir("sessions");
		tried = 1;
		if (sessions) {
			strbuf b = {0};
			sb_addf(&b, "%s/%s.jobs", sessions, G.session);
			free(sessions);
			if (mkdir(b.s, 0700) == 0 || errno == EEXIST)
				dir = sb_steal(&b);
			else
				sb_free(&b);
		}
	}
	return dir;
}

/* $3: a file beside the target, so that the final rename stays on one
 * filesystem; its name is derived from the target's, so the next build
 * removes whatever a killed one left. */
static char *tmp3_name(const char *target)
{
	const char *base = path_basename(target);
	char *dir = path_dirname(target);
	strbuf b = {0};
	sb_adds(&b, dir);
	if (strcmp(dir, "/"))
		sb_addc(&b, '/');
	if (strlen(base) + 9 > REDO_NAME_MAX) {
		char hex[41];
		sha1_hex_of(base, strlen(base), hex);
		sb_addf(&b, ".redo-%s.tmp", hex);
	} else {
		sb_addf(&b, "%s.redo.tmp", base);
	}
	free(dir);
	return sb_steal(&b);
}

/* rm -rf, for a $3 directory or a stale leftover one. */
static void remove_tree(const char *path)
{
	struct stat st;
	DIR *d;
	struct dirent *e;
	if (lstat(path, &st) < 0)
		return;
	if (!S_ISDIR(st.st_mode)) {
		unlink(path);
		return;
	}
	d = opendir(path);
	if (d) {
		while ((e = readdir(d)) != NULL) {
			char *sub;
			if (strcmp(e->d_name, ".") == 0 ||
			    strcmp(e->d_name, "..") == 0)
				continue;
			sub = path_join(path, e->d_name);
			remove_tree(sub);
			free(sub);
		}
		closedir(d);
	}
	rmdir(path);
}

/* content_sum_head() of j's .do: read once per process and stamp (as
 * node_content() reads a file once per stamp while nothing ran), since
 * one default.o.do serves most jobs of a build. */
static int dofile_sum_head(const char *path, const char *stamp,
			   char sum[41], job *j)
{
	static char *lpath, *lstamp, lsum[41], lhead[sizeof j->dohead];
	static size_t lheadlen;
	if (!lpath || strcmp(lpath, path) != 0 || strcmp(lstamp, stamp)) {
		free(lpath);
		free(lstamp);
		lpath = lstamp = NULL;
		if (sha1_file_head(path, lsum, lhead, sizeof lhead - 1,
				   &lheadlen) < 0)
			return 0;
		lpath = xstrdup(path);
		lstamp = xstrdup(stamp);
	}
	memcpy(sum, lsum, sizeof lsum);
	memcpy(j->dohead, lhead, lheadlen);
	j->doheadlen = lheadlen;
	j->dohead_read = 1;
	return 1;
}

/* The SHA-1 of a file with stamp `stamp`, recorded with it when it is
 * declared (DESIGN 6): always, unless REDO_VERIFY=0, and then only
 * when an edit in the same clock tick could go unseen.  Returns 1 with
 * the sum, or 0 (not a plain file, unreadable, or not needed).  With
 * j, the file is j's .do: its first bytes are kept for job_argv(). */
static int content_sum_head(const char *path, const char *stamp,
			    char sum[41], job *j)
{
	long long sec, size;
	long nsec;
	if (stamp[0] != 'f' || !stamp_fields(stamp, &sec, &nsec, &size))
		return 0;
	if (!verify_content() && (double)sec + nsec / 1e9 < now_seconds() - 2.0)
		return 0;
	if (!j)
		return sha1_file(path, sum) == 0;
	return dofile_sum_head(path, stamp, sum, j);
}

static int content_sum(const char *path, const char *stamp, char sum[41])
{
	return content_sum_head(path, stamp, sum, NULL);
}

/* Splits p in place at blanks into at most maxw words; returns how
 * many. */
static size_t split_words(char *p, char **words, size_t maxw)
{
	size_t n = 0;
	while (*p && n < maxw) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (!*p)
			break;
		words[n++] = p;
		while (*p && *p != ' ' && *p != '\t')
			p++;
		if (*p)
			*p++ = 0;
	}
	return n;
}

/* The interpreter line of a .do: "#!/path arg" -> argv words. */
static size_t shebang_words(const job *j, char *line, size_t cap,
			    char **words, size_t maxw)
{
	ssize_t r;
	char *nl;
	int fd;
	if (j->dohead_read) {     /* read already, with its checksum */
		r = (ssize_t)(j->doheadlen < cap - 1 ? j->doheadlen : cap - 1);
		memcpy(line, j->dohead, (size_t)r);
	} else {
		fd = xopen(j->df.path, O_RDONLY, 0);
		if (fd < 0)
			return 0;
		r = read(fd, line, cap - 1);
		close(fd);
	}
	if (r < 3 || line[0] != '#' || line[1] != '!')
		return 0;
	line[r] = 0;
	nl = strchr(line, '\n');
	if (!nl)
		return 0;
	*nl = 0;
	return split_words(line + 2, words, maxw);
}

/* Builds the argv of a job into argv (at most 15 words, DESIGN 8.1);
 * returns how many.  The last, $3, is malloc'd. */
static size_t job_argv(job *j, char **argv, char *line, size_t cap,
		       char *shell)
{
	size_t n = shebang_words(j, line, cap, argv, 8);
	const char *base = path_basename(j->df.path);
	static char dobuf[REDO_NAME_MAX + 3];
	if (n == 0) {
		n = split_words(shell, argv, 8);
		if (n == 0)
			argv[n++] = "/bin/sh";
		argv[n++] = "-e";
		if (G.verbose)
			argv[n++] = "-v";
		if (G.xtrace)
			argv[n++] = "-x";
	}
	snprintf(dobuf, sizeof dobuf, "%s%s", base[0] == '-' ? "./" : "",
		 base);
	argv[n++] = dobuf;
	argv[n++] = j->df.arg1;
	argv[n++] = j->df.arg2;
	argv[n++] = path_relative(j->tmp3, j->df.dir);
	argv[n] = NULL;
	return n;
}

/* The signals redo catches or ignores, back to their defaults in a .do */
static const int g_child_sigdfl[] = { SIGINT, SIGTERM, SIGCHLD, SIGALRM,
				      SIGPIPE };
#define N_CHILD_SIGDFL (sizeof g_child_sigdfl / sizeof g_child_sigdfl[0])

static void child_exec(job *j, int errw, char **argv) NORETURN;
static void child_exec(job *j, int errw, char **argv)
{
	int devnull = open("/dev/null", O_RDONLY);
	size_t i;
	sigset_t none;
	for (i = 0; i < N_CHILD_SIGDFL; i++)
		if (g_child_sigdfl[i] != SIGINT || !g_sigint_ignored)
			set_handler(g_child_sigdfl[i], SIG_DFL, 0);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	if (devnull < 0 || dup2(devnull, 0) < 0 || dup2(j->outfd, 1) < 0 ||
	    dup2(errw, 2) < 0)
		_exit(127);
	set_cloexec(j->depfd, 0);
	if (chdir(j->df.dir) < 0) {
		msg("%s: chdir: %s", j->df.dir, strerror(errno));
		_exit(127);
	}
	execvp(argv[0], argv);
	msg("%s: cannot run %s: %s", j->df.arg1, argv[0], strerror(errno));
	_exit(127);
}

extern char **environ;

static void record_failure(node *t, const char *timeline);

/* The signals a .do starts with at their default action: those of
 * g_child_sigdfl (what the exec would not reset).  Under glibc, also
 * every other one that is not ignored here (an ignored one stays
 * ignored across the exec, as nohup wants): glibc's child looks at each
 * signal not named, asking for its disposition and then setting it,
 * two calls a signal every spawn; a named one costs one.  Other libcs
 * (musl, the BSDs) touch only the signals named and those with a
 * handler, so there the short set is the cheap one.  Worked out once,
 * at the first spawn: after main()'s setup redo ignores no further
 * signal, so it stays true. */
static const sigset_t *spawn_sigdefault(void)
{
	static sigset_t def;
	static int done;
	size_t i;
	if (done)
		return &def;
	sigemptyset(&def);
#ifdef __GLIBC__
	{
		struct sigaction sa;
		int sig, max = 64;
#ifdef SIGRTMAX
		if (SIGRTMAX > max)
			max = SIGRTMAX;
#endif
		for (sig = 1; sig <= max; sig++)
			if (sigaction(sig, NULL, &sa) == 0 &&
			    sa.sa_handler != SIG_IGN)
				sigaddset(&def, sig);  /* may refuse: libc's */
	}
#endif
	for (i = 0; i < N_CHILD_SIGDFL; i++)
		if (g_child_sigdfl[i] != SIGINT || !g_sigint_ignored)
			sigaddset(&def, g_child_sigdfl[i]);
	done = 1;
	return &def;
}

/* The file actions and attributes of a .do's posix_spawn(): what
 * child_exec() does after a fork.  Returns 0, or an error number (then
 * there is nothing to destroy). */
static int spawn_prepare(posix_spawn_file_actions_t *fa,
			 posix_spawnattr_t *at, job *j, int errw)
{
	sigset_t none;
	int rc;
	sigemptyset(&none);
	rc = posix_spawn_file_actions_init(fa);
	if (rc != 0)
		return rc;
	rc = posix_spawnattr_init(at);
	if (rc != 0) {
		posix_spawn_file_actions_destroy(fa);
		return rc;
	}
	if ((rc = posix_spawn_file_actions_addopen(fa, 0, "/dev/null",
						   O_RDONLY, 0)) == 0 &&
	    (rc = posix_spawn_file_actions_adddup2(fa, j->outfd, 1)) == 0 &&
	    (rc = posix_spawn_file_actions_adddup2(fa, errw, 2)) == 0 &&
	    (rc = posix_spawnattr_setsigdefault(at, spawn_sigdefault())) == 0 &&
	    (rc = posix_spawnattr_setsigmask(at, &none)) == 0)
		rc = posix_spawnattr_setflags(at, POSIX_SPAWN_SETSIGDEF |
					      POSIX_SPAWN_SETSIGMASK);
	if (rc != 0) {
		posix_spawn_file_actions_destroy(fa);
		posix_spawnattr_destroy(at);
	}
	return rc;
}

/* Can the interpreter named by path p be run?  0, or an error number.
 * posix_spawn() may report a failed exec only as exit status 127, so
 * it is looked at first; an absolute one once a process (the .do files
 * of a build share one). */
static int interp_runnable(const char *p)
{
	static char *ran;
	if (!strchr(p, '/') || (ran && strcmp(ran, p) == 0))
		return 0;
	if (access(p, X_OK) < 0)
		return errno;
	if (p[0] == '/') {
		free(ran);
		ran = xstrdup(p);
	}
	return 0;
}

/* posix_spawnp() from the .do's directory, and back to ours.  Returns
 * 0 and *pid, or an error number (said). */
static int spawn_in_dir(job *j, char **argv, posix_spawn_file_actions_t *fa,
			posix_spawnattr_t *at, int herefd, pid_t *pid)
{
	int rc, move = strcmp(j->df.dir, g_cwd) != 0;
	if (move && chdir(j->df.dir) < 0) {
		rc = errno;
		msg("%s: chdir: %s", j->df.dir, strerror(rc));
		return rc;
	}
	rc = interp_runnable(argv[0]);
	if (rc == 0) {
		set_cloexec(j->depfd, 0);
		rc = posix_spawnp(pid, argv[0], fa, at, argv, environ);
		set_cloexec(j->depfd, 1);
	}
	if (move && fchdir(herefd) < 0)
		die(EXIT_SYSTEM, "cannot return to %s: %s", g_cwd,
		    strerror(errno));
	if (rc != 0)
		msg("%s: cannot run %s: %s", j->df.arg1, argv[0],
		    strerror(rc));
	return rc;
}

/* Starts the .do with posix_spawn(), which need not copy our address
 * space as fork() does (on some systems that copy costs more than the
 * exec), giving it what child_exec() gives it (DESIGN 8.2).  We step
 * into the .do's directory for the call and back (one thread: nothing
 * else runs meanwhile).  Returns the pid, or -1 (said why). */
static pid_t job_spawn(job *j, int errw, char **argv)
{
	static int herefd = -2;
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t at;
	pid_t pid = -1;
	int rc;
	if (herefd == -2)
		herefd = xopen(".", O_RDONLY, 0);
	if (herefd < 0) {          /* cannot come back: fork instead */
		pid = fork();
		if (pid == 0)
			child_exec(j, errw, argv);
		if (pid < 0)
			msg("%s: fork: %s", j->df.arg1, strerror(errno));
		return pid;
	}
	rc = spawn_prepare(&fa, &at, j, errw);
	if (rc != 0) {
		msg("%s: cannot prepare to run %s: %s", j->df.arg1, argv[0],
		    strerror(rc));
	} else {
		rc = spawn_in_dir(j, argv, &fa, &at, herefd, &pid);
		posix_spawn_file_actions_destroy(&fa);
		posix_spawnattr_destroy(&at);
	}
	return rc == 0 ? pid : -1;
}

/* "redo  T", indented two spaces per nesting level (DESIGN 14). */
static void progress(node *t)
{
	strbuf b = {0};
	char *n = relname(t->path);
	int i;
	if (g_debug_pids)
		sb_addf(&b, "redo[%ld]  ", (long)getpid());
	else
		sb_adds(&b, "redo  ");
	for (i = 0; i < G.depth; i++)
		sb_adds(&b, "  ");
	sb_addf(&b, "%s\n", n);
	out_write(b.s, b.len);
	sb_free(&b);
	free(n);
}

/* A new job for t, with what must be known before its .do runs (DESIGN
 * 8.2); it owns copies of df and lk, and has no files open yet. */
static job *job_new(node *t, dofile *df, lock *lk)
{
	job *j = calloc(1, sizeof *j);
	if (!j)
		die(EXIT_SYSTEM, "out of memory");
	j->t = t;
	j->df = *df;
	j->lk = *lk;
	j->errfd = j->outfd = j->depfd = j->logfd = -1;
	j->tmp3 = tmp3_name(t->path);
	remove_tree(j->tmp3);
	j->had1 = lstat(t->path, &j->st1) == 0;
	j->dostamp = xstrdup(node_stamp(node_get(df->path)));
	if (!content_sum_head(df->path, j->dostamp, j->dosum, j))
		j->dosum[0] = 0;
	return j;
}

/* Frees a job that never ran (the caller keeps its dofile and lock). */
static void job_discard(job *j)
{
	xclose(j->errfd);
	xclose(j->outfd);
	xclose(j->depfd);
	job_unlink_channel(j);
	free(j->tmp3);
	free(j->dostamp);
	free(j);
}

/* Opens the job's stdout file, its dependency channel (named while the
 * .do runs if it can be, DESIGN 10) and its stderr pipe; *errw gets the
 * pipe's end for the .do.  Returns 0, or -1 with a message. */
static int job_open_files(job *j, int *errw)
{
	int errp[2];
	j->outfd = tmpfile_in(g_tmpdir, 0, NULL);
	j->depfd = channel_dir() ? tmpfile_in(channel_dir(), O_APPEND,
					      &j->depname) : -1;
	if (j->depfd < 0)
		j->depfd = tmpfile_in(g_tmpdir, O_APPEND, NULL);
	else
		g_made_channels = 1;
	if (j->outfd < 0 || j->depfd < 0 || pipe(errp) < 0) {
		msg_at(j->t->path, "cannot create temp files in %s: %s",
		       g_tmpdir, strerror(errno));
		return -1;
	}
	set_cloexec(errp[0], 1);
	set_cloexec(errp[1], 1);
	set_nonblock_new_pipe(errp[0]);
	j->errfd = errp[0];
	*errw = errp[1];
	return 0;
}

/* Sets the environment the .do inherits (DESIGN 8.2).  Returns 0, or -1
 * if a variable could not be set (a .do started now would declare into
 * another's channel). */
/* REDO_CHAIN: the targets of REDO_STACK by name (escaped, one a line),
 * for the cycle message; abs is added for the .do about to run. */
static int chain_push(const char *abs)
{
	strbuf b = {0};
	const char *c = getenv("REDO_CHAIN");
	int rc;
	if (c && *c)
		sb_addf(&b, "%s\n", c);
	esc_append(&b, abs, strlen(abs));
	rc = env_set("REDO_CHAIN", b.s);
	sb_free(&b);
	return rc;
}

static int job_environment(job *j, int errw)
{
	strbuf stack = {0};
	char id[9], depth[32];
	int rc = 0;
	lifeline_make();
	snprintf(depth, sizeof depth, "%d", G.depth + 1);
	target_id(j->t->path, id);
	if (G.stack && *G.stack) {
		sb_adds(&stack, G.stack);
		sb_addc(&stack, ':');
	}
	sb_adds(&stack, id);
	if (chain_push(j->t->path) < 0 ||
	    env_set("REDO_TARGET", j->t->path) < 0 ||
	    setenv_fd("REDO_DEPFD", j->depfd) < 0 ||
	    (j->depname ? env_set("REDO_DEPFILE", j->depname) :
	     unsetenv("REDO_DEPFILE")) < 0 ||
	    setenv_fd("REDO_LOGPIPE", errw) < 0 ||
	    env_set("REDO_DEPTH", depth) < 0 ||
	    env_set("REDO_STACK", stack.s) < 0)
		rc = -1;
	sb_free(&stack);
	return rc;
}

/* Builds the job's argv and starts its .do; errw is closed here.
 * Returns the pid, or -1 (job_spawn said why). */
static pid_t job_run(job *j, int errw)
{
	char *argv[72], line[512], *shell;
	size_t n;
	pid_t pid;
	shell = xstrdup(getenv("REDO_SHELL") ? getenv("REDO_SHELL") : "");
	n = job_argv(j, argv, line, sizeof line, shell);
	progress(j->t);
	log_mark(j->t);
	status_target(NOTE_START, j->t);
	pid = job_spawn(j, errw, argv);
	close(errw);
	free(argv[n - 1]);
	free(shell);
	return pid;
}

/* The lowest job slot no running job of this process holds. */
static int job_free_slot(void)
{
	int slot = 0;
	job *j = g_jobs;
	while (j)
		if (j->slot == slot) {
			slot++;
			j = g_jobs;      /* taken: look again from the start */
		} else {
			j = j->next;
		}
	return slot;
}

/* Starts t's .do; the lock is held and a job slot is ours.  Returns 0,
 * or -1 if it could not start (t failed; the caller keeps df and lk). */
static int job_start(node *t, dofile *df, lock *lk)
{
	job *j;
	int errw = -1;
	pid_t pid = -1;
	events_init();
	j = job_new(t, df, lk);
	if (job_open_files(j, &errw) < 0) {
		job_discard(j);
		return -1;
	}
	j->slot = job_free_slot();
	j->t0 = now_us();
	if (job_environment(j, errw) < 0) {
		close(errw);
		msg_at(t->path, "failed: its .do was not started");
	} else if ((pid = job_run(j, errw)) < 0) {
		/* job_spawn() said why; fail as if it exited 127 */
		msg_at(t->path, "failed (exit 127)");
	}
	if (pid < 0) {
		record_failure(t, NULL);
		job_discard(j);
		return -1;
	}
	j->pid = pid;
	j->next = g_jobs;
	g_jobs = j;
	t->job = j;
	g_js.running++;
	return 0;
}

/* ---- collecting a job's output ---- */

/* The CPU time of the children reaped so far, in microseconds. */
static unsigned long long children_cpu_us(void)
{
	struct rusage ru;
	if (getrusage(RUSAGE_CHILDREN, &ru) < 0)
		return 0;
	return (unsigned long long)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) *
	       1000000ULL + (unsigned long long)(ru.ru_utime.tv_usec +
						 ru.ru_stime.tv_usec);
}

/* How many jobs have not been seen to exit. */
static int jobs_unexited(void)
{
	job *j;
	int n = 0;
	for (j = g_jobs; j; j = j->next)
		n += !j->exited;
	return n;
}

/* Collects exited .do scripts: status, end time, and CPU time of its
 * process tree: the growth of RUSAGE_CHILDREN across its waitpid, since
 * one child is reaped at a time (wait4 would say it, but is not POSIX;
 * what the .do's processes left unwaited is not counted, as ever).
 * `seen` is that total after the last reap: before the first, nothing
 * was reaped (a job's fork is the only child redo waits for). */
static void reap_children(void)
{
	static unsigned long long seen;
	int st;
	pid_t p;
	job *j;
	unsigned long long after;
	while (jobs_unexited() > 0 && (p = waitpid(-1, &st, WNOHANG)) > 0) {
		after = children_cpu_us();
		for (j = g_jobs; j; j = j->next)
			if (j->pid == p) {
				j->exited = 1;
				j->status = st;
				j->t1 = now_us();
				j->cpu = after > seen ? after - seen : 0;
			}
		seen = after;
	}
}

/* The unfinished line of a .do's stderr: the top-level process with
 * the status line writes it at once (out_write_as keeps other lines
 * off it), unless it is the start of a log mark; otherwise it is kept
 * until its newline, but no more than
 * LINE_MAX_KEPT bytes, in pieces that end with a newline where lines
 * go through the top-level's pipe (another process's line or note
 * must not be glued to it). */
static void job_out_partial(job *j)
{
	if (!j->partial.len || (j->partial.s[0] == NOTE_MARK &&
				 j->partial.len < LINE_MAX_KEPT) ||
	    (!g_tty.on && j->partial.len < LINE_MAX_KEPT))
		return;
	if (!g_tty.on && g_notes)
		sb_addc(&j->partial, '\n');
	out_write_as(j, j->partial.s, j->partial.len);
	j->partial.len = 0;
}

/* Appends to the .do's log, a nameless temp file made at its first
 * byte: the log costs no memory, whatever the .do prints.  A failed
 * write is said once; the log is then dropped (log_store). */
static void job_log(job *j, const char *s, size_t n)
{
	if (j->logerr)
		return;
	if (j->logfd < 0)
		j->logfd = tmpfile_in(g_tmpdir, 0, NULL);
	if (j->logfd < 0 || write_all(j->logfd, s, n) < 0) {
		msg_at(j->t->path, "cannot keep its log in %s: %s", g_tmpdir,
		       strerror(errno));
		j->logerr = 1;
		return;
	}
	j->loglen += (off_t)n;
}

/* Reads the .do's stderr (all there is if drain): kept for the log,
 * its lines copied to the terminal (DESIGN 14). */
static void job_read_err(job *j, int drain)
{
	char buf[8192];
	for (;;) {
		ssize_t r = read(j->errfd, buf, sizeof buf);
		if (r < 0 && errno == EINTR)
			continue;
		if (r == 0) {
			close(j->errfd);
			j->errfd = -1;
		}
		if (r <= 0)
			return;
		if (!G.no_log)          /* --no-log: nothing kept */
			job_log(j, buf, (size_t)r);
		j->midline = buf[r - 1] != '\n';
		if (!G.no_details) {    /* --no-details: nothing shown */
			g_line_owner = j;
			lines_take(&j->partial, buf, (size_t)r, out_line);
			g_line_owner = NULL;
			job_out_partial(j);
		}
		if (!drain)
			return;
	}
}

/* The end of the .do's output: an unfinished last line is ended, in
 * the log and on the screen. */
static void job_flush_partial(job *j)
{
	if (j->midline && !G.no_log)
		job_log(j, "\n", 1);
	if (j->partial.len || g_open_line == j) {
		sb_addc(&j->partial, '\n');
		out_write_as(j, j->partial.s, j->partial.len);
	}
	j->partial.len = 0;
	j->midline = 0;
}

/* ---- committing a job's result ---- */


/* Copies the .do's stdout, from its start, into fd.  Returns 0 or the
 * exit code of the failure, having said what it was. */
static int copy_stdout(job *j, int fd)
{
	int rc = copy_fd(j->outfd, fd);
	if (rc < 0)
		msg_at(j->t->path, "%s: %s", rc == -1 ? "reading stdout" :
		       "writing output", strerror(errno));
	return rc < 0 ? EXIT_SYSTEM : 0;
}

/* The .do wrote to stdout and not to $3: what it wrote becomes $3. */
static int stdout_to_3(job *j)
{
	int rc, fd = xopen(j->tmp3, O_WRONLY | O_CREAT | O_EXCL, 0666);
	if (fd < 0) {
		int e = errno;
		char *d = path_dirname(j->t->path);
		struct stat ds;
		if (stat(d, &ds) < 0)
			msg_at(j->t->path, "target directory does not exist");
		else {
			char *dn = relname(d);
			msg_at(j->t->path, "cannot write output in %s: %s",
			       dn, strerror(e));
			free(dn);
		}
		free(d);
		return EXIT_FAILED;
	}
	rc = copy_stdout(j, fd);
	if (close(fd) < 0 && rc == 0) {
		msg_at(j->t->path, "writing output: %s", strerror(errno));
		rc = EXIT_SYSTEM;
	}
	return rc;
}

/* Checks what the .do left behind ($1 written: its mtime, size or
 * inode moved; a coarse clock may keep the mtime); copies stdout into
 * $3.  Returns 0
 * or the exit code of the mistake, having said what it was. */
static int job_outputs(job *j)
{
	struct stat o, *a = &j->end.st1;
	int rc, has1, has3;
	has1 = j->end.has1 = lstat(j->t->path, a) == 0;
	has3 = j->end.has3 = lstat(j->tmp3, &j->end.st3) == 0;
	if (has1 && !S_ISDIR(a->st_mode) &&
	    (!j->had1 || a->st_mtime != j->st1.st_mtime ||
	     ST_MTIME_NSEC(a) != ST_MTIME_NSEC(&j->st1) ||
	     a->st_size != j->st1.st_size || a->st_ino != j->st1.st_ino)) {
		msg_at(j->t->path, "the .do modified $1 directly; "
		       "write to $3 or stdout");
		return EXIT_MODIFIED_1;
	}
	if (fstat(j->outfd, &o) < 0) {   /* never drop what it wrote */
		msg_at(j->t->path, "reading stdout: %s", strerror(errno));
		return EXIT_SYSTEM;
	}
	if (o.st_size > 0 && has3) {
		msg_at(j->t->path, "the .do wrote to stdout and to $3: write "
		       "the result to $3 or to stdout, not both");
		return EXIT_BOTH_OUTPUTS;
	}
	if (o.st_size == 0)
		return 0;
	rc = stdout_to_3(j);
	j->end.has3 = lstat(j->tmp3, &j->end.st3) == 0;
	return rc;
}

/* A dependency list being assembled, deduplicated on (kind, path). */
typedef struct deplist {
	rec_dep *v;
	size_t n, cap;
	size_t *slots;       /* open addressing: index + 1, 0 = empty */
	size_t nslots;
} deplist;

static uint32_t dep_hash(char kind, const char *path)
{
	return hash_str(path) * 31u + (unsigned char)kind;
}

/* The slot of (kind, path) in l: the one holding it, or the empty one
 * where it would go.  l has slots. */
static size_t deplist_slot(const deplist *l, char kind, const char *path)
{
	size_t h;
	assert(l->nslots > 0);
	h = dep_hash(kind, path) & (l->nslots - 1);
	while (l->slots[h]) {
		const rec_dep *d = &l->v[l->slots[h] - 1];
		if (d->kind == kind && strcmp(d->path, path) == 0)
			break;
		h = (h + 1) & (l->nslots - 1);
	}
	return h;
}

static void deplist_rehash(deplist *l)
{
	size_t i;
	free(l->slots);
	l->nslots = l->nslots ? l->nslots * 2 : 64;
	l->slots = calloc(l->nslots, sizeof *l->slots);
	if (!l->slots)
		die(EXIT_SYSTEM, "out of memory");
	for (i = 0; i < l->n; i++)
		l->slots[deplist_slot(l, l->v[i].kind, l->v[i].path)] = i + 1;
}

/* The index of (kind, path) in l, or -1. */
static long deplist_find(const deplist *l, char kind, const char *path)
{
	size_t h;
	if (!l->nslots)
		return -1;
	h = deplist_slot(l, kind, path);
	return l->slots[h] ? (long)(l->slots[h] - 1) : -1;
}

/* Sets d's fields to src's, the strings copied (the path apart). */
static void dep_copy_fields(rec_dep *d, const rec_dep *src)
{
	d->kind = src->kind;
	d->stamp = xstrdup(src->stamp);
	d->seq = src->seq;
	d->sum = src->sum ? xstrdup(src->sum) : NULL;
	d->content = src->content ? xstrdup(src->content) : NULL;
	d->racy = src->racy;
}

static void dep_free_fields(rec_dep *d)
{
	free(d->stamp);
	free(d->sum);
	free(d->content);
}

/* Adds src or replaces the entry of its (kind, path): a later
 * declaration wins.  Strings are copied. */
static void deplist_put(deplist *l, const rec_dep *src)
{
	size_t h;
	rec_dep *d;
	if ((l->n + 1) * 2 > l->nslots)
		deplist_rehash(l);
	h = deplist_slot(l, src->kind, src->path);
	if (l->slots[h]) {
		d = &l->v[l->slots[h] - 1];
		dep_free_fields(d);
	} else {
		l->v = grow(l->v, &l->cap, l->n + 1, sizeof *l->v);
		d = &l->v[l->n];
		d->path = xstrdup(src->path);
		l->slots[h] = ++l->n;
	}
	dep_copy_fields(d, src);
}

/* deplist_put of an entry without content. */
static void deplist_add(deplist *l, char kind, const char *stamp,
			unsigned long long seq, const char *sum,
			const char *path)
{
	rec_dep d;
	memset(&d, 0, sizeof d);
	d.kind = kind;
	d.stamp = (char *)stamp;
	d.seq = seq;
	d.sum = (char *)sum;
	d.path = (char *)path;
	deplist_put(l, &d);
}

static void deplist_free(deplist *l)
{
	size_t i;
	for (i = 0; i < l->n; i++) {
		dep_free_fields(&l->v[i]);
		free(l->v[i].path);
	}
	free(l->v);
	free(l->slots);
	memset(l, 0, sizeof *l);
}

/* How a record names a file: relative to the target's directory, or
 * absolute when the two share nothing but "/". */
static char *dep_name(const char *abs, const char *tdir)
{
	const char *a = strchr(abs + 1, '/'), *b = strchr(tdir + 1, '/');
	size_t la = a ? (size_t)(a - abs) : strlen(abs);
	size_t lb = b ? (size_t)(b - tdir) : strlen(tdir);
	if (la != lb || strncmp(abs, tdir, la) != 0)
		return xstrdup(abs);
	return path_relative(abs, tdir);
}

/* The whole content of the regular file open on fd, whatever its
 * offset, and its length in *len (a NUL follows it), in a buffer kept
 * for the next call (a C library may give freed pages back to the
 * system at once, and take them again for the next job).  A short read
 * of a regular file is its end. */
static char *read_all_at(int fd, size_t *len)
{
	static char *buf;
	static size_t cap;
	size_t n = 0;
	if (!buf)
		buf = xmalloc((cap = 4096) + 1);
	for (;;) {
		ssize_t r;
		if (n == cap) {
			cap *= 2;
			buf = xrealloc(buf, cap + 1);
		}
		r = pread(fd, buf + n, cap - n, (off_t)n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		n += (size_t)r;
		if (n < cap)
			break;
	}
	buf[n] = 0;
	*len = n;
	return buf;
}

/* A "dep" line of the channel (an absolute name) into deps, named as
 * the record names it; a malformed line is ignored. */
static void channel_dep(char *rest, const char *tdir, deplist *deps)
{
	record tmp;
	size_t c = 0;
	const char *why;
	memset(&tmp, 0, sizeof tmp);
	if (parse_dep_line(rest, &tmp, &c, &why) == 0) {
		rec_dep *d = &tmp.deps[0];
		char *name = d->path[0] == '/' ? dep_name(d->path, tdir)
					       : xstrdup(d->path);
		assert(tmp.ndeps == 1);
		d->path = name;
		deplist_put(deps, d);
		free(name);
	}
	free(tmp.deps);
}

/* What nested commands declared for this job: "dep" lines with
 * absolute names, "built" lines, and a "sum" line from redo-stamp. */
static void job_read_channel(job *j, const char *tdir, deplist *deps,
			     char **sum, names *built)
{
	size_t len;
	char *buf = read_all_at(j->depfd, &len), *p, *end;
	for (p = buf, end = buf + len; p < end;) {
		char *nl = memchr(p, '\n', (size_t)(end - p)), *rest = p, *key;
		if (!nl)
			break;
		*nl = 0;
		p = nl + 1;
		key = next_word(&rest);
		if (!key)
			continue;
		if (strcmp(key, "dep") == 0) {
			channel_dep(rest, tdir, deps);
		} else if (strcmp(key, "sum") == 0 && is_hex40(rest)) {
			free(*sum);
			*sum = xstrdup(rest);
		} else if (strcmp(key, "built") == 0 &&
			   unescape_inplace(rest, strlen(rest)) > 0) {
			names_add_own(built, dep_name(rest, tdir));
		}
	}
}

static long long stamp_mtime_ns(const char *stamp)
{
	long long sec, size;
	long nsec;
	if (!stamp_fields(stamp, &sec, &nsec, &size))
		return -1;
	return sec * 1000000000LL + nsec;
}

/* The file clock K (DESIGN 19), in ns: the times of fd, a file we just
 * made, set to now and read back; LLONG_MAX if they cannot be (then
 * every stamp counts as racy, and there is no summary).  fstat first:
 * Linux's multigrain stamps are then fine-grained. */
static long long file_clock(int fd)
{
	struct stat st;
	if (fstat(fd, &st) < 0 || futimens(fd, NULL) < 0 ||
	    fstat(fd, &st) < 0)
		return LLONG_MAX;
	return (long long)st.st_mtime * 1000000000LL + ST_MTIME_NSEC(&st);
}

/* Marks racy sources (DESIGN 6): a file whose mtime is not older than
 * the filesystem's clock now (K, from the record's temp file) could
 * still change within its tick with its stamp unchanged.  One with its
 * content recorded is marked, and its next check compares the content;
 * one without can only count as changed ("!").  No waiting. */
static void mark_racy(long long fsnow, deplist *deps)
{
	size_t i;
	for (i = 0; i < deps->n; i++) {
		rec_dep *d = &deps->v[i];
		d->racy = 0;
		if (d->seq || stamp_mtime_ns(d->stamp) < fsnow)
			continue;
		if (d->content) {
			d->racy = 1;
		} else if (d->kind == DEP_IFCHANGE || d->kind == DEP_DOFILE) {
			free(d->stamp);
			d->stamp = xstrdup("!");
		}
	}
}

/* ---- the summary a build writes (see summary_clean; DESIGN 19) ----
 * Made from the summaries below where they have one: a small one (at
 * most SUMMARY_INLINE entries) is copied in, a bigger one is named by a
 * `below` line.  A nested build keeps its summary within
 * SUMMARY_PER_DEP entries per dependency line or SUMMARY_MIN in all,
 * whichever is more; a top-level build has no bound.  Nothing here
 * waits for the clock. */
#define SUMMARY_PER_DEP (SUMMARY_INLINE + 2)
#define SUMMARY_MIN 64

typedef struct summary {
	deplist files;       /* kind 'f': file -> stamp; 'b': target below
				-> stamp of its record file; 'q': target
				below -> its build's seq, in decimal; 'd':
				directory -> its stamp (summary_dirs) */
	rec_deep *deep;      /* its lines in the record's order (strings in
				files) */
	size_t ndeep;
	const char *tdir;
	unsigned visit;
	size_t limit;        /* most entries (0: any number) */
	long long clock;     /* the file clock (ns) before anything below was
				looked at: a stamp not older is racy */
} summary;

static long long stamp_newest_ns(const char *stamp)
{
	long long a = stamp_mtime_ns(stamp), b = -1;
	const char *gt = strchr(stamp, '>');
	if (gt)
		b = stamp_mtime_ns(gt + 1);
	return a > b ? a : b;
}

/* Adds one entry ('f' a file, 'b' or 'q' a target below); -1 if it is
 * already there with another stamp (then two targets saw it differently
 * and no summary can be trusted). */
static int summary_add(summary *s, char kind, const char *abs,
		       const char *stamp)
{
	char *name;
	long at;
	if (kind == 'd')    /* made afresh for each summary (summary_dirs) */
		return 0;
	name = dep_name(abs, s->tdir);
	at = deplist_find(&s->files, kind, name);
	if (at >= 0) {
		free(name);
		return strcmp(s->files.v[at].stamp, stamp) == 0 ? 0 : -1;
	}
	if (s->limit && s->files.n >= s->limit) {
		free(name);
		return -1;
	}
	deplist_add(&s->files, kind, stamp, 0, NULL, name);
	free(name);
	return 0;
}

static int summary_dep(summary *s, const char *dir, const rec_dep *d);

/* Adds a target below (DESIGN 19, item 2): by its build (`fresh`) if
 * its record is racy or was read before the clock, by name (`below`) if
 * its own summary is big, else its record file and then its summary or
 * its dependency lines. */
static int summary_target(summary *s, node *c)
{
	record *r;
	char *file, *dir, seq[32];
	size_t i;
	int rc = 0, read_before = c->rec_gen == g_gen;
	if (c->sumvisit == s->visit)
		return 0;
	c->sumvisit = s->visit;
	r = node_record(c);
	if (!r || r->type != REC_TARGET || r->failed || !c->rec_stamp)
		return -1;
	if (r->ndeep > SUMMARY_INLINE)   /* named below: its size will do */
		record_drop_summary(r);
	if (read_before || stamp_newest_ns(c->rec_stamp) >= s->clock) {
		if (!r->ndeep)
			return -1;
		snprintf(seq, sizeof seq, "%llu", r->seq);
		return summary_add(s, 'q', c->path, seq);
	}
	if (r->ndeep > SUMMARY_INLINE)
		return summary_add(s, 'b', c->path, c->rec_stamp);
	file = state_file(c->path, 'r');
	rc = summary_add(s, 'f', file, c->rec_stamp);
	free(file);
	dir = path_dirname(c->path);
	if (r->ndeep) {
		for (i = 0; i < r->ndeep && rc == 0; i++) {
			char *abs = path_join(dir, r->deep[i].path);
			rc = summary_add(s, r->deep[i].kind, abs,
					 r->deep[i].stamp);
			free(abs);
		}
	} else {
		for (i = 0; i < r->ndeps && rc == 0; i++)
			rc = summary_dep(s, dir, &r->deps[i]);
	}
	free(dir);
	return rc;
}

/* Adds a dependency line: its file, and below it if it is a target.  A
 * racy source (DESIGN 6), or one as new as the clock, needs its content
 * compared, which a summary cannot do: no summary. */
static int summary_dep(summary *s, const char *dir, const rec_dep *d)
{
	char *abs;
	int rc;
	if (d->kind == DEP_ALWAYS || strcmp(d->stamp, "!") == 0)
		return -1;
	if (!d->seq && (d->racy || stamp_newest_ns(d->stamp) >= s->clock))
		return -1;
	abs = path_join(dir, d->path);
	rc = summary_add(s, 'f', abs, d->stamp);
	if (rc == 0 && d->seq)
		rc = summary_target(s, node_get_own(abs));
	else
		free(abs);
	return rc;
}

static void summary_free(summary *s)
{
	deplist_free(&s->files);
	free(s->deep);
	memset(s, 0, sizeof *s);
}

/* Appends entry i of s->files to s->deep. */
static void summary_put(summary *s, size_t i)
{
	rec_deep *d = &s->deep[s->ndeep++];
	d->kind = s->files.v[i].kind;
	d->stamp = s->files.v[i].stamp;
	d->path = s->files.v[i].path;
}

static const deplist *g_sort_files;   /* for by_dir, which qsort calls */

/* Orders the indices of missing files by their directory part. */
static int by_dir(const void *x, const void *y)
{
	const char *a = g_sort_files->v[*(const size_t *)x].path;
	const char *b = g_sort_files->v[*(const size_t *)y].path;
	size_t la = name_dirlen(a), lb = name_dirlen(b);
	int c = strncmp(a, b, la < lb ? la : lb);
	if (c)
		return c;
	return la < lb ? -1 : la > lb;
}

/* Groups the files that did not exist behind `dir` lines (DESIGN 19):
 * the directory's stamp first, then each file checked to be still
 * missing; a racy directory gets no `dir` line.  Sets s->deep: the
 * other entries in their order, then each directory followed by its
 * missing files.  Returns -1 if one of them exists now. */
static int summary_dirs(summary *s)
{
	size_t n = s->files.n, i, j, nmiss = 0;
	size_t *miss = xmalloc((n ? n : 1) * sizeof *miss);
	char dst[STAMP_MAX], now[STAMP_MAX];
	int rc = 0;
	/* room for every entry and one directory per missing file */
	s->deep = xmalloc((2 * n + 1) * sizeof *s->deep);
	for (i = 0; i < n; i++)
		if (s->files.v[i].kind == 'f' &&
		    strcmp(s->files.v[i].stamp, "-") == 0)
			miss[nmiss++] = i;
		else
			summary_put(s, i);
	g_sort_files = &s->files;
	qsort(miss, nmiss, sizeof *miss, by_dir);
	for (i = 0; i < nmiss && rc == 0; i = j) {
		const char *first = s->files.v[miss[i]].path;
		size_t dl = name_dirlen(first);
		char *dir = dl ? xstrndup(first, dl) : xstrdup(".");
		char *abs = path_join(s->tdir, dir);
		dir_stamp_at(AT_FDCWD, abs, dst);
		free(abs);
		for (j = i; j < nmiss &&
			    name_in_dir(s->files.v[miss[j]].path, dir); j++) {
			abs = path_join(s->tdir, s->files.v[miss[j]].path);
			stamp_of_path(abs, now);
			free(abs);
			if (strcmp(now, "-") != 0)
				rc = -1;
		}
		if (rc == 0 && strcmp(dst, "-") != 0 &&
		    stamp_mtime_ns(dst) < s->clock) {
			deplist_add(&s->files, 'd', dst, 0, NULL, dir);
			summary_put(s, s->files.n - 1);
		}
		while (i < j)
			summary_put(s, miss[i++]);
		free(dir);
	}
	free(miss);
	return rc;
}

/* Builds t's summary from its new dependency list into s; returns -1 if
 * there can be none.  clock is the file clock K (file_clock()); a stamp
 * not older is racy. */
static int summary_build(summary *s, node *t, deplist *deps, long long clock)
{
	static unsigned visits;
	char *tdir;
	size_t i;
	int rc = 0;
	memset(s, 0, sizeof *s);
	if (clock == LLONG_MAX)
		return -1;
	tdir = path_dirname(t->path);
	s->clock = clock;
	s->tdir = tdir;
	s->visit = ++visits;
	if (G.target) {
		s->limit = deps->n * SUMMARY_PER_DEP;
		if (s->limit < SUMMARY_MIN)
			s->limit = SUMMARY_MIN;
	}
	for (i = 0; i < deps->n && rc == 0; i++)
		rc = summary_dep(s, tdir, &deps->v[i]);
	if (rc == 0)
		rc = summary_dirs(s);
	free(tdir);
	s->tdir = NULL;
	if (rc < 0)
		summary_free(s);
	return rc;
}

/* Writes t's record atomically.  racy: its new dependency list, to be
 * settled (section 6) and summarised; NULL for neither. */
static int record_store(node *t, record *r, deplist *racy)
{
	char *path = state_file(t->path, 'r');
	char *tmp = tmp_name_for(path);
	static strbuf b;     /* kept: see read_all_at() */
	summary sum;
	int fd, rc = -1;
	memset(&sum, 0, sizeof sum);
	fd = state_tmp_open(path, tmp);
	if (fd < 0)
		goto out;
	if (racy) {
		long long clock = file_clock(fd);
		mark_racy(clock, racy);
		r->deps = racy->v;
		r->ndeps = racy->n;
		summary_build(&sum, t, racy, clock);   /* none: sum is empty */
		r->deep = sum.deep;
		r->ndeep = sum.ndeep;
	}
	b.len = 0;
	record_format(r, &b);
	rc = write_atomic_fd(path, fd, tmp, b.s, b.len);
	if (rc == 0 && t->old_format)
		old_record_remove(t);
out:
	if (rc < 0) {
		msg_at(t->path, "cannot write state record %s: %s", path,
		    strerror(errno));
	}
	summary_free(&sum);
	if (racy) {        /* r->deep was sum's */
		r->deep = NULL;
		r->ndeep = 0;
	}
	free(tmp);
	free(path);
	node_forget(t);
	return rc;
}

/* Keeps what the .do wrote to stderr for redo-log: its temp file
 * copied to NAME,l.  Returns 0, or -1 with
 * a message (the old log is removed, not shown as this build's); the
 * log is not part of the target's state. */
static int log_store(job *j)
{
	char *path = state_file(j->t->path, 'l');
	int rc = 0;
	if (j->loglen == 0 || j->logerr) {
		if (unlink(path) < 0 && errno != ENOENT && errno != ENOTDIR)
			rc = -1;
	} else {
		/* no directory, no log: redo never creates it for one */
		char *dir = path_dirname(j->t->path);
		struct stat st;
		if (stat(dir, &st) == 0)
			rc = write_atomic_copy(path, j->logfd);
		free(dir);
	}
	if (rc < 0) {
		msg_at(j->t->path, "cannot write its log %s: %s", path,
		       strerror(errno));
		unlink(path);
	}
	free(path);
	return rc;
}

/* Makes $3 durable before the record that describes it is written
 * (DESIGN 3.9): a file's data; every file and directory of a directory
 * tree, depth first (symlinks inside are left to their directory's
 * fsync); for a symlink $3, the directory that holds it.  Returns 0 or
 * -1 with errno set. */
static int sync_output(const char *path)
{
	struct stat st;
	DIR *d;
	struct dirent *e;
	int rc = 0;
	if (lstat(path, &st) < 0)
		return -1;
	if (S_ISLNK(st.st_mode))
		return fsync_dir_of(path);
	if (!S_ISDIR(st.st_mode))
		return fsync_path(path);
	d = opendir(path);
	if (!d)
		return -1;
	while (rc == 0 && (e = readdir(d)) != NULL) {
		char *sub;
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		sub = path_join(path, e->d_name);
		rc = sync_output(sub);
		free(sub);
	}
	closedir(d);
	return rc < 0 ? -1 : fsync_path(path);
}

/* Puts $3 in place of the target: a directory target replaces an old
 * directory target whole (the old one is put back if the new one
 * cannot take its place).  Returns 0, or -1 with errno set. */
static int install_output(job *j)
{
	struct stat a;
	if (rename(j->tmp3, j->t->path) == 0)
		return 0;
	if ((errno == EEXIST || errno == ENOTEMPTY || errno == EISDIR) &&
	    lstat(j->t->path, &a) == 0 && S_ISDIR(a.st_mode)) {
		strbuf old = {0};
		int rc = -1, e;
		sb_adds(&old, j->tmp3);
		sb_adds(&old, ".old");
		remove_tree(old.s);
		if (rename(j->t->path, old.s) == 0) {
			rc = rename(j->tmp3, j->t->path);
			e = errno;
			if (rc < 0)
				rename(old.s, j->t->path);
			else
				remove_tree(old.s);
			errno = e;
		}
		sb_free(&old);
		return rc;
	}
	return -1;
}

/* The last step of a commit (DESIGN 3.6): $3 onto the target, or a
 * virtual target's stale file removed; with REDO_FSYNC, the target's
 * directory synced after (3.9).  Returns 0, or EXIT_SYSTEM with a
 * message. */
static int commit_install(job *j, int has3)
{
	const char *path = j->t->path;
	struct stat a;
	int changed = has3;
	if (has3) {
		if (install_output(j) < 0) {
			msg_at(path, "cannot rename %s: %s", j->tmp3,
			    strerror(errno));
			return EXIT_SYSTEM;
		}
	} else if (lstat(path, &a) == 0 && !S_ISDIR(a.st_mode)) {
		/* a virtual target leaves no stale file */
		changed = 1;
		if (unlink(path) < 0 && errno != ENOENT) {
			msg_at(path, "cannot remove the old file: %s",
			       strerror(errno));
			return EXIT_SYSTEM;
		}
	}
	if (changed && durable_writes() && fsync_dir_of(path) < 0) {
		msg_at(path, "cannot sync its directory: %s", strerror(errno));
		return EXIT_SYSTEM;
	}
	return 0;
}

/* A build sequence never seen before for this target, even if its
 * record was lost: the clock in microseconds, or one more than the
 * last if the clock stands still or went back. */
static unsigned long long next_seq(unsigned long long last)
{
	struct timespec ts;
	unsigned long long now;
	clock_gettime(CLOCK_REALTIME, &ts);
	now = (unsigned long long)ts.tv_sec * 1000000ULL +
	      (unsigned long long)ts.tv_nsec / 1000;
	return now > last ? now : last + 1;
}

/* The dependencies the .do search gave the job: the .do found, with
 * its content, and the more specific candidates that did not exist, as
 * the search saw them (a directory where a .do could be is no .do:
 * recorded as one, so only a real file appearing counts). */
static void job_dofile_deps(job *j, const char *tdir, deplist *deps)
{
	char *name = dep_name(j->df.path, tdir);
	rec_dep dd;
	size_t i;
	memset(&dd, 0, sizeof dd);
	dd.kind = DEP_DOFILE;
	dd.stamp = j->dostamp;
	dd.content = j->dosum[0] ? j->dosum : NULL;
	dd.path = name;
	deplist_put(deps, &dd);
	free(name);
	for (i = 0; i < j->df.nmissing; i++) {
		name = dep_name(j->df.missing[i], tdir);
		deplist_add(deps, DEP_IFCREATE,
			    j->df.missing_d[i] == 'd' ? "d" : "-", 0, NULL,
			    name);
		free(name);
	}
}

static int job_commit(job *j)
{
	node *t = j->t;
	record *old = node_record(t), r;
	char *tdir = path_dirname(t->path), *sum = NULL;
	char newstamp[STAMP_MAX], prev[STAMP_MAX], content[41];
	deplist deps = {0};
	names built = {0};
	int rc = 0, has3 = j->end.has3;

	/* from what job_outputs() saw */
	if (has3)
		stamp_from_lstat(AT_FDCWD, j->tmp3, &j->end.st3, newstamp);
	else if (j->end.has1 && S_ISDIR(j->end.st1.st_mode))
		strcpy(newstamp, "d");
	else
		strcpy(newstamp, "-");
	if (j->end.has1)
		stamp_from_lstat(AT_FDCWD, t->path, &j->end.st1, prev);
	else
		strcpy(prev, "-");
	job_dofile_deps(j, tdir, &deps);
	job_read_channel(j, tdir, &deps, &sum, &built);

	memset(&r, 0, sizeof r);
	r.name = (char *)path_basename(t->path);
	r.type = REC_TARGET;
	r.seq = next_seq(old && old->type == REC_TARGET ? old->seq : 0);
	r.run = G.session;
	r.stamp = newstamp;
	/* what redo wrote: a moved stamp with these bytes is no edit */
	if (has3 && verify_content() && newstamp[0] == 'f' &&
	    sha1_file(j->tmp3, content) == 0)
		r.content = content;
	r.prev = prev;
	r.sum = sum;
	r.built = built.v;
	r.nbuilt = built.n;
	r.time = j->timeline;

	if (has3 && durable_writes() && sync_output(j->tmp3) < 0) {
		msg_at(t->path, "cannot sync %s: %s", j->tmp3,
		    strerror(errno));
		rc = EXIT_SYSTEM;
	} else if (record_store(t, &r, &deps) < 0) {
		rc = EXIT_SYSTEM;
	} else {
		rc = commit_install(j, has3);
	}
	names_free(&built);
	deplist_free(&deps);
	free(sum);
	free(tdir);
	node_forget(t);
	return rc;
}

static void node_done(node *t, int done, int code)
{
	t->done = done;
	t->failcode = code;
	if (done == DONE_FAIL)
		G.failed = 1;
}

/* A failed build keeps the old dependency list, marks the failure with
 * the session id, and records what the file is now (a build that
 * leaves no file stops being a target). */
static void record_failure(node *t, const char *timeline)
{
	record *old = node_record(t), r;
	char now[STAMP_MAX];
	char *dir = path_dirname(t->path);
	struct stat ds;
	stamp_of_path(t->path, now);
	if (stat(dir, &ds) < 0 || access(dir, W_OK) < 0) {
		/* nothing to keep, or nowhere to keep it: the failure
		 * message was enough */
		free(dir);
		return;
	}
	free(dir);
	if (old && old->type == REC_TARGET) {
		r = *old;
	} else {
		memset(&r, 0, sizeof r);
		r.type = REC_TARGET;
	}
	r.name = (char *)path_basename(t->path);
	r.run = G.session;
	r.failed = 1;
	r.stamp = now;
	r.prev = now;
	r.warned = NULL;
	r.built = NULL;     /* the old build's: its log's marks tell */
	r.nbuilt = 0;
	r.time = timeline;
	record_store(t, &r, NULL);
}

static void job_remove(job *j)
{
	job **pp;
	for (pp = &g_jobs; *pp; pp = &(*pp)->next)
		if (*pp == j) {
			*pp = j->next;
			break;
		}
}

static void job_free(job *j)
{
	xclose(j->errfd);
	xclose(j->outfd);
	xclose(j->depfd);
	job_unlink_channel(j);
	sb_free(&j->partial);
	xclose(j->logfd);
	dofile_free(&j->df);
	free(j->tmp3);
	free(j->dostamp);
	free(j);
}

/* The "time" line of j's run (DESIGN 3.2), for its record: session,
 * start and end (us since the epoch), CPU (us), status, slot. */
static void job_time_line(job *j, int rc)
{
	snprintf(j->timeline, sizeof j->timeline, "%s %llu %llu %llu %d %d",
		 G.session ? G.session : "-", j->t0,
		 j->t1 > j->t0 ? j->t1 : j->t0, j->cpu, rc, j->slot);
}

/* The .do has exited: collect, judge, commit or fail, unlock. */
static void job_finish(job *j)
{
	node *t = j->t;
	int rc, detected = 0, rec_known = t->rec_gen == g_gen;
	if (j->errfd >= 0)
		job_read_err(j, 1);
	job_flush_partial(j);
	if (WIFEXITED(j->status))
		rc = WEXITSTATUS(j->status);
	else if (WIFSIGNALED(j->status))
		rc = 128 + WTERMSIG(j->status);
	else
		rc = EXIT_FAILED;
	g_gen++;    /* the .do may have changed anything */
	if (rec_known)   /* but not t's record: we hold its lock */
		t->rec_gen = g_gen;
	if (rc == 0)
		rc = detected = job_outputs(j);
	/* The log before the record: a kill while the log is written
	 * leaves the old record, so the next run rebuilds and replaces the
	 * log's temp file (else an up-to-date target would keep it). */
	log_store(j);
	job_time_line(j, rc);
	if (rc == 0)
		rc = job_commit(j);
	if (rc != 0) {
		remove_tree(j->tmp3);
		if (detected)   /* not the .do's status: ours */
			msg_at(t->path, "failed (code %d; the .do exited 0)",
			       rc);
		else
			msg_at(t->path, "failed (exit %d)", rc);
		job_time_line(j, rc);
		record_failure(t, j->timeline);
	}
	lock_release(&j->lk);
	status_target(rc == 0 ? NOTE_DONE : NOTE_FAIL, t);
	t->job = NULL;
	t->built = 1;
	/* only what we detected ourselves keeps its code; a .do that
	 * exited 207 because a nested redo said so is just a failure */
	node_done(t, rc == 0 ? DONE_OK : DONE_FAIL,
		  detected ? detected : EXIT_FAILED);
	job_remove(j);
	job_free(j);
	g_js.running--;
	tokens_return_surplus();
}

/* Waits for a job we signalled: SIGTERM after 2 s, SIGKILL after 4 s,
 * so an interrupt always ends redo (DESIGN 8.7). */
static void job_reap_after_signal(job *j)
{
	int st, waited = 0;
	for (;;) {
		pid_t r = waitpid(j->pid, &st, WNOHANG);
		if (r == j->pid || (r < 0 && errno != EINTR))
			return;
		if (waited == 2000)
			kill(j->pid, SIGTERM);
		else if (waited == 4000)
			kill(j->pid, SIGKILL);
		poll(NULL, 0, 20);
		waited += 20;
	}
}

/* SIGINT or SIGTERM: signals the .do scripts (who else hears of it:
 * DESIGN 8.7), removes their temp files, leaves every record as it
 * was, gives the tokens back, exits. */
static void interrupted(void) NORETURN;
static void interrupted(void)
{
	job *j;
	int sig = (int)g_signal;
	if (g_top && getpgrp() == getpid())
		kill(0, sig);
	else if (g_top || g_orphaned)   /* sh may outlive a SIGINT */
		sig = SIGTERM;
	for (j = g_jobs; j; j = j->next)
		kill(j->pid, sig);
	for (j = g_jobs; j; j = j->next) {
		job_reap_after_signal(j);
		remove_tree(j->tmp3);
		job_unlink_channel(j);
	}
	tokens_return(0);
	if (g_js.lent)      /* the pool must not keep the token we lent */
		token_read_blocking();
	exit(EXIT_INTERRUPTED);
}

/* ---- waiting: collecting events ----
 * events_wait() only collects: .do output (copied to the terminal and
 * the log as it comes, so no child ever blocks on a full pipe), exited
 * children (j->exited), a job token (g_js.held), a signal or the end of
 * the lifeline (g_signal), and the terminal's input.  It acts on none
 * of them: the scheduler's loop does, in events_act(). */

static struct {
	struct pollfd *pf;
	size_t n, cap;
	size_t tok, tty, life;   /* their index in pf, or 0 */
	size_t jobs;             /* the jobs' stderr: from this index on */
} g_poll;

static size_t poll_add(int fd)
{
	g_poll.pf = grow(g_poll.pf, &g_poll.cap, g_poll.n + 1,
			 sizeof *g_poll.pf);
	g_poll.pf[g_poll.n].fd = fd;
	g_poll.pf[g_poll.n].events = POLLIN;
	g_poll.pf[g_poll.n].revents = 0;
	return g_poll.n++;
}

/* The descriptors to watch: the signal pipe first, then the lifeline,
 * the terminal, the jobserver (want_token) and every job's stderr. */
static void poll_fill(int want_token)
{
	job *j;
	g_poll.n = 0;
	g_poll.tok = g_poll.tty = g_poll.life = 0;
	poll_add(g_sigpipe[0]);
	if (g_lifeline >= 0)
		g_poll.life = poll_add(g_lifeline);
	if (g_tty.inr >= 0)
		g_poll.tty = poll_add(g_tty.inr);
	if (want_token && g_js.rfd >= 0)
		g_poll.tok = poll_add(g_js.rfd);
	g_poll.jobs = g_poll.n;
	for (j = g_jobs; j; j = j->next)
		if (j->errfd >= 0)
			poll_add(j->errfd);
}

/* Copies what the jobs whose stderr is readable wrote. */
static void poll_read_jobs(void)
{
	size_t i;
	job *j;
	for (i = g_poll.jobs; i < g_poll.n; i++) {
		if (!g_poll.pf[i].revents)
			continue;
		for (j = g_jobs; j; j = j->next)
			if (j->errfd == g_poll.pf[i].fd) {
				job_read_err(j, 0);
				break;
			}
	}
}

/* Waits until something happens, or timeout_ms (-1: no limit) passes.
 * Returns 1 if it read a job token. */
static int events_wait(int want_token, int timeout_ms)
{
	struct pollfd *pf;
	int got = 0;
	events_init();
	lifeline_find();
	poll_fill(want_token);
	pf = g_poll.pf;
	if (poll(pf, (nfds_t)g_poll.n, timeout_ms) < 0) {
		size_t i;
		if (errno != EINTR)
			die(EXIT_SYSTEM, "poll: %s", strerror(errno));
		/* a signal (SIGCHLD, mostly) cut poll() short: it set no
		 * revents, and reading them would act on garbage */
		for (i = 0; i < g_poll.n; i++)
			pf[i].revents = 0;
	}
	if (g_poll.tty && pf[g_poll.tty].revents)
		tty_input();
	if (pf[0].revents) {     /* a short read of a pipe empties it */
		char buf[64];
		while (read(g_sigpipe[0], buf, sizeof buf) == sizeof buf)
			;
	}
	if (g_poll.life && pf[g_poll.life].revents && !g_signal) {
		g_signal = SIGTERM;   /* the session is over */
		g_orphaned = 1;
	}
	poll_read_jobs();
	if (g_poll.tok && (pf[g_poll.tok].revents & POLLIN))
		got = token_read();
	reap_children();
	return got;
}

/* Acts on what the waits collected: an interrupt ends the process;
 * every job that exited is judged and committed (or failed). */
static void events_act(void)
{
	job *j, *next;
	if (g_signal)
		interrupted();
	for (j = g_jobs; j; j = next) {
		next = j->next;
		if (j->exited)
			job_finish(j);
	}
}

/* ---- the session memo (DESIGN 9) ----
 * A target merely found up to date leaves no trace in its record (a
 * no-op never writes there): it is noted in the session's memo file,
 * which a later nested redo-ifchange reads; the top-level process never
 * reads it.  A note's line number says which of two notes came last. */

static struct {
	int loaded;
	deplist lines;       /* '+': a "+" line's stamp, seq and sum; 'r': its
				record stamp, and its number in seq; '-':
				the number of a "-" line, in seq; '!': a
				"!" line's record stamp, its number in seq
				and its reason in sum */
	deplist prefix;      /* '*': the number of a "*" line, in seq */
	strbuf out;          /* "+" and "!" lines not written yet */
} g_memo;

static char *g_memo_dir;   /* set by a top-level run, for cleaning up */

/* The memo file of this session; NULL outside one, and for a top-level
 * process unless it is to write what it found (top_too).  Its directory
 * is made for a writer (make), not for a reader. */
static char *memo_file_as(int top_too, int make)
{
	char *dir, *p;
	if (!G.session || (!G.target && !top_too))
		return NULL;
	dir = user_dir_as("sessions", make);
	if (!dir)
		return NULL;
	p = path_join(dir, G.session);
	free(dir);
	return p;
}

/* One "+ RECSTAMP STAMP SEQ SUM PATH" line (PATH already unescaped). */
static void memo_load_plus(char *rest, unsigned long long line)
{
	char *recstamp = next_word(&rest), *stamp = next_word(&rest);
	char *seq = next_word(&rest), *sum = next_word(&rest);
	unsigned long long v;
	if (!sum || !*rest || parse_ull(seq, &v) < 0)
		return;
	deplist_add(&g_memo.lines, '+', stamp, v,
		    strcmp(sum, "-") ? sum : NULL, rest);
	deplist_add(&g_memo.lines, 'r', recstamp, line, NULL, rest);
}

/* One "! RECSTAMP LEN WHY PATH" line (unescaped; WHY is LEN bytes). */
static void memo_load_dirty(char *rest, unsigned long long line)
{
	char *recstamp = next_word(&rest), *len = next_word(&rest);
	unsigned long long n;
	if (!len || parse_ull(len, &n) < 0 || strlen(rest) < n + 2 ||
	    rest[n] != ' ')
		return;
	rest[n] = 0;
	deplist_add(&g_memo.lines, '!', recstamp, line, rest, rest + n + 1);
}

static void memo_load(void)
{
	char *file, *buf, *p, *nl;
	size_t len;
	unsigned long long line = 0;
	if (g_memo.loaded)
		return;
	g_memo.loaded = 1;
	file = memo_file_as(0, 0);
	buf = file ? read_file(file, &len) : NULL;
	free(file);
	if (!buf)
		return;
	for (p = buf; (nl = strchr(p, '\n')) != NULL; p = nl + 1) {
		char kind = *p;
		*nl = 0;
		line++;
		if (unescape_inplace(p + 1, strlen(p + 1)) <= 0)
			continue;
		if (kind == '+' && p[1] == ' ')
			memo_load_plus(p + 2, line);
		else if (kind == '!' && p[1] == ' ')
			memo_load_dirty(p + 2, line);
		else if (kind == '-')
			deplist_add(&g_memo.lines, '-', "-", line, NULL, p + 1);
		else if (kind == '*')
			deplist_add(&g_memo.prefix, '*', "-", line, NULL,
				    p + 1);
	}
	free(buf);
}

/* Has the session forgotten (redo-recheck) what line `when` of the
 * memo said of path? */
static int memo_forgot(const char *path, unsigned long long when)
{
	long out = deplist_find(&g_memo.lines, '-', path);
	size_t i;
	if (out >= 0 && g_memo.lines.v[out].seq > when)
		return 1;
	for (i = 0; i < g_memo.prefix.n; i++) {
		const rec_dep *p = &g_memo.prefix.v[i];
		if (p->seq > when &&
		    strncmp(path, p->path, strlen(p->path)) == 0)
			return 1;
	}
	return 0;
}

/* Was t found up to date earlier in this session (and not forgotten),
 * and are its record file and its file still as they were then?  Then
 * t->memo holds its "+" line. */
static int memo_clean(node *t)
{
	long at, rat;
	int same;
	memo_load();
	at = deplist_find(&g_memo.lines, '+', t->path);
	if (at < 0)
		return 0;
	rat = deplist_find(&g_memo.lines, 'r', t->path);
	assert(rat >= 0);
	if (memo_forgot(t->path, g_memo.lines.v[rat].seq))
		return 0;
	same = record_stamp_is(t, g_memo.lines.v[rat].stamp) &&
	       strcmp(node_stamp(t), g_memo.lines.v[at].stamp) == 0;
	t->memo = same ? &g_memo.lines.v[at] : NULL;
	return same;
}

/* Was t found out of date earlier in this session, with the record it
 * has now (and not forgotten, nor found up to date since)?  Out of date
 * stays so until t is built, which replaces its record: then t->why is
 * the reason found, and t need not be checked again (DESIGN 9). */
static int memo_dirty(node *t)
{
	long at, rat;
	const rec_dep *e;
	memo_load();
	at = deplist_find(&g_memo.lines, '!', t->path);
	if (at < 0)
		return 0;
	e = &g_memo.lines.v[at];
	rat = deplist_find(&g_memo.lines, 'r', t->path);
	if ((rat >= 0 && g_memo.lines.v[rat].seq > e->seq) ||
	    memo_forgot(t->path, e->seq) || !record_stamp_is(t, e->stamp))
		return 0;
	free(t->why);
	t->why = xstrdup(e->sum);
	return 1;
}

/* Appends lines to the memo file in one write (see memo_file).
 * Returns 0 (also when there is no memo), or -1 with errno set.  A
 * lost "+" or "!" line only costs a later check; a lost "-" line is not. */
static int memo_write(const strbuf *lines, int top_too)
{
	char *file = memo_file_as(top_too, 1);
	int fd = file ? xopen(file, O_WRONLY | O_CREAT | O_APPEND, 0600) : -1;
	int rc = file && fd < 0 && errno != ENOENT ? -1 : 0;
	if (fd >= 0) {
		int e;
		rc = write_all(fd, lines->s, lines->len);
		e = errno;
		if (xclose(fd) < 0 && rc == 0)
			e = errno, rc = -1;
		errno = e;
	}
	free(file);
	return rc;
}

/* A "-" or "*" line (redo-recheck); returns 0 or -1 (said). */
static int memo_append(char kind, const char *path)
{
	strbuf b = {0};
	int rc;
	sb_addc(&b, kind);
	esc_append(&b, path, strlen(path));
	sb_addc(&b, '\n');
	rc = memo_write(&b, 0);
	if (rc < 0)
		msg_at(path, "cannot note the recheck in the session memo: %s",
		       strerror(errno));
	sb_free(&b);
	return rc;
}

/* Queues t's "+" line: t was just found up to date, with the record
 * (and record stamp) and file stamp this process has for it now. */
static void memo_note(node *t)
{
	strbuf *b = &g_memo.out;
	sb_addf(b, "+ %s %s %llu %s ", t->rec_stamp, node_stamp(t),
		t->rec.seq, t->rec.sum ? t->rec.sum : "-");
	esc_append(b, t->path, strlen(t->path));
	sb_addc(b, '\n');
}

/* Queues t's "!" line: t was just found out of date, with the record
 * stamp this process has for it now ("-": none), and the reason. */
static void memo_note_dirty(node *t)
{
	strbuf *b = &g_memo.out;
	const char *why = t->why ? t->why : "";
	/* the length is the reason's once the line is unescaped */
	sb_addf(b, "! %s %lu ", t->rec_stamp ? t->rec_stamp : "-",
		(unsigned long)strlen(why));
	esc_append(b, why, strlen(why));
	sb_addc(b, ' ');
	esc_append(b, t->path, strlen(t->path));
	sb_addc(b, '\n');
}

/* Appends the queued lines to the session memo, in one write:
 * before a .do starts, and when a nested command ends (DESIGN 9). */
static void memo_flush(void)
{
	if (!g_memo.out.len)
		return;
	memo_write(&g_memo.out, 1);
	g_memo.out.len = 0;
}

/* ====================================================================
 * 12. Building
 * The scheduler behind `redo` (force: always run the .do, once per
 * invocation) and `redo-ifchange` (run it only if out of date), one
 * loop (DESIGN 12.1).  Each target asked for is a task in a state:
 *   TS_NEW      not looked at yet
 *   TS_MAYBE    its check said "maybe": the stamped targets below that
 *               must be rebuilt first are tasks queued ahead of it; it
 *               is checked again once they have all settled
 *   TS_READY    out of date, its .do found: waits for a job slot
 *   TS_LOCKWAIT another process holds its lock: tried again every turn
 *   TS_RUNNING  its .do runs (t->job)
 *   TS_DONE     settled: t->done says how (or abandoned after a failure)
 * Whatever happened while a task waited, "did its record change" is one
 * comparison (rec_seen) once the task holds its lock.
 * ==================================================================== */

/* "cycle: a -> b -> c -> a": every target from t's place pos in the
 * stack (REDO_CHAIN names them) up to us, then t again.  Through a lock
 * wait (pos < 0) the other process's part is not known here. */
static void report_cycle(node *t, long pos)
{
	const char *chain = getenv("REDO_CHAIN");
	char *c = G.target ? relname(G.target) : xstrdup("?");
	char *a = relname(t->path);
	strbuf b = {0};
	long i;
	sb_addf(&b, "cycle: %s", a);
	for (i = 0; pos >= 0 && chain && *chain; i++) {
		const char *nl = strchr(chain, '\n');
		size_t n = nl ? (size_t)(nl - chain) : strlen(chain);
		if (i > pos) {
			char *abs = xstrndup(chain, n), *rel;
			unescape_inplace(abs, n);
			rel = relname(abs);
			sb_addf(&b, " -> %s", rel);
			free(rel);
			free(abs);
		}
		chain = nl ? nl + 1 : "";
	}
	if (pos < 0)
		sb_addf(&b, " -> ... -> %s", c);
	msg("%s -> %s%s", b.s, a, pos < 0 ? " (through a lock wait)" : "");
	sb_free(&b);
	free(a);
	free(c);
}

/* Under t's lock: warns once per session that t, edited by hand, is
 * skipped, and notes the warning in its record. */
static void override_warn_locked(node *t)
{
	record *r = node_record(t), copy;
	char *n;
	if (t->mark & 2)
		return;
	t->mark |= 2;
	if (r && r->warned && G.session && strcmp(r->warned, G.session) == 0)
		return;
	n = relname(t->path);
	msg("%s - you modified it; skipping", n);
	free(n);
	if (!r)
		return;
	copy = *r;
	copy.warned = G.session;
	record_store(t, &copy, NULL);
}

/* Is t really edited by hand?  Only under t's lock can we tell: without
 * it, a record read just before another process commits t and a stat
 * just after look like an edit.  OV_BUSY: the lock is held (t is being
 * built); not waited for. */
static int override_confirm(node *t)
{
	dofile df;
	lock lk;
	int found, got = LOCK_GOT, k;
	if (t->job)          /* ours, running: we hold its lock already */
		return OV_BUSY;
	if (t->mark & 2)     /* confirmed earlier by this process */
		return node_kind(t) == K_OVERRIDDEN ? OV_YES : OV_NO;
	found = dofile_find(t->path, &df);
	if (found)
		got = lock_take(t->path, df.dir, &lk);
	if (got == LOCK_BUSY) {
		dofile_free(&df);
		return OV_BUSY;
	}
	node_forget(t);
	k = node_kind(t);
	if (k == K_OVERRIDDEN)
		override_warn_locked(t);
	if (found && got == LOCK_GOT)
		lock_release(&lk);
	dofile_free(&df);
	return k == K_OVERRIDDEN ? OV_YES : OV_NO;
}

/* A target whose .do disappeared while its file stayed is a source. */
static void mark_source(node *t)
{
	record *r = node_record(t), m;
	if (!r || r->type == REC_SOURCE)
		return;
	memset(&m, 0, sizeof m);
	m.name = (char *)path_basename(t->path);
	m.type = REC_SOURCE;
	m.run = G.session;
	m.stamp = (char *)node_stamp(t);
	m.prev = m.stamp;
	record_store(t, &m, NULL);
}

/* ---- acting on what the check found ---- */

/* Asks the lock of every target the check suspected of being edited by
 * hand.  Returns 1 if an answer changes the verdict (not edited, or
 * being built): then a new generation, in which the answers hold. */
static int suspects_confirm(void)
{
	size_t i;
	int changed = 0;
	for (i = 0; i < g_suspects.n; i++) {
		node *dn = g_suspects.v[i];
		dn->suspect = 0;
		dn->ov = override_confirm(dn);
		changed |= dn->ov != OV_YES;
	}
	if (changed) {
		g_gen++;
		for (i = 0; i < g_suspects.n; i++)
			g_suspects.v[i]->ov_gen = g_gen;
	}
	g_suspects.n = 0;
	return changed;
}

/* Hands the targets the check found clean, and those it found out of
 * date, to the session memo, with the stamps they had then (nothing
 * happened since: same generation). */
static void memo_note_found(int keep)
{
	size_t i;
	for (i = 0; i < g_found.n; i++) {
		if (keep)
			memo_note(g_found.v[i]);
		else
			g_found.v[i]->noted_clean = 0;
	}
	g_found.n = 0;
	/* out of date for good, unless it hung on a build in progress; a
	 * task of ours is built here (a new record), so only those below
	 * them are worth telling the nested commands about */
	for (i = 0; i < g_dirty.n; i++)
		if (keep && g_transient_gen != g_gen && !g_dirty.v[i]->task)
			memo_note_dirty(g_dirty.v[i]);
	g_dirty.n = 0;
}

/* -d: why t is out of date, once.  Only t's own reason: a dependency
 * out of date below it is explained by the process that checks it
 * before building it (a nested redo-ifchange, or this one), so each
 * reason is told once in a session, however deep the tree. */
static void explain_why(node *t)
{
	if (t->told_gen == g_gen)
		return;
	t->told_gen = g_gen;
	if (t->why)
		explain(t, "%s", t->why);
}

/* t is out of date for the reason the session memo gave (-d tells). */
static int dirty_told(node *t)
{
	if (G.debug)
		explain_why(t);
	return CHK_DIRTY;
}

static void records_refresh(void);

/* The check, then what the scheduler does with what it found: asks the
 * locks of the targets that look edited by hand (and checks again if
 * an answer changes anything), refreshes the records whose stamps
 * moved, hands what it found clean to the session memo, and (tell)
 * explains the verdict under -d. */
static int check_settled(node *t, int tell)
{
	int c = check(t);
	if (g_suspects.n && suspects_confirm()) {
		memo_note_found(0);
		g_refresh.n = 0;
		c = check(t);
	}
	records_refresh();
	memo_note_found(1);
	if (tell && G.debug > 1 && c == CHK_CLEAN)
		explain(t, "up to date");
	else if (tell && G.debug && c == CHK_DIRTY)
		explain_why(t);
	return c;
}

/* What t's record said when we decided to build t: enough to tell,
 * once we hold t's lock, whether any process has written it since. */
typedef struct rec_seen {
	int have;
	unsigned long long seq;
	int failed;
	char *run;
} rec_seen;

static void rec_seen_take(rec_seen *s, const record *r)
{
	free(s->run);
	s->have = r != NULL;
	s->seq = r ? r->seq : 0;
	s->failed = r ? r->failed : 0;
	s->run = r && r->run ? xstrdup(r->run) : NULL;
}

static int rec_seen_same(const rec_seen *s, const record *r)
{
	if (!s->have || !r)
		return !s->have && !r;
	return s->seq == r->seq && s->failed == r->failed &&
	       (s->run && r->run ? strcmp(s->run, r->run) == 0
				 : !s->run && !r->run);
}

/* ---- refreshing stamps that moved (DESIGN 6) ---- */

/* Did the check find d's file moved but unchanged, so that t's record
 * may take its stamp now?  A source: its content is the recorded one.
 * A target: the same build, whose own record has its stamp now (that
 * target was refreshed first) and the content redo wrote. */
static int dep_restamp(node *dn, const rec_dep *d)
{
	const char *now = node_stamp(dn);
	record *dr;
	if (!stamp_moved(d->stamp, now))
		return 0;
	if (!d->seq)
		return node_content_is(dn, d->content);
	dr = node_record(dn);
	return dr && dr->seq == d->seq && dr->content &&
	       strcmp(dr->stamp, now) == 0;
}

/* Rewrites t's record (held under its lock) with the stamps that moved
 * and its racy marks settled again; its build sequence stays, so for
 * its dependents nothing changed, and its summary is made anew. */
static void record_restamp(node *t, const record *r)
{
	char *tdir = path_dirname(t->path);
	record copy = *r;
	deplist deps = {0};
	size_t i;
	for (i = 0; i < r->ndeps; i++) {
		rec_dep d = r->deps[i];
		if ((d.kind == DEP_IFCHANGE || d.kind == DEP_DOFILE) &&
		    verify_content()) {
			node *dn = dep_node(tdir, &d);
			if (dep_restamp(dn, &d))
				d.stamp = (char *)node_stamp(dn);
		}
		deplist_put(&deps, &d);
	}
	if (own_file_moved(t, r))
		copy.stamp = (char *)node_stamp(t);
	record_store(t, &copy, &deps);
	deplist_free(&deps);
	free(tdir);
}

/* Refreshes t's record under its lock, unless another process holds
 * the lock or has written the record since the check: then it is left
 * for a later check to find again.  (When this process holds t's lock,
 * in task_locked's check, taking it again costs nothing, and the
 * release ends it only just before task_locked lets it go.) */
static void record_refresh(node *t)
{
	record *r = node_record(t);
	rec_seen seen = {0};
	dofile df;
	lock lk;
	int found, got = LOCK_GOT;
	if (!r || r->type != REC_TARGET || r->failed || t->job)
		return;
	rec_seen_take(&seen, r);
	found = dofile_find(t->path, &df);
	if (found)
		got = lock_take(t->path, df.dir, &lk);
	if (got == LOCK_GOT) {
		node_forget(t);
		r = node_record(t);
		if (r && rec_seen_same(&seen, r)) {
			/* a $3 left by a build killed before its record:
			 * nobody builds t now */
			char *t3 = tmp3_name(t->path);
			remove_tree(t3);
			free(t3);
			record_restamp(t, r);
		}
		if (found)
			lock_release(&lk);
	}
	dofile_free(&df);
	free(seen.run);
	node_record(t);     /* the new record, for the session memo */
}

/* The records the check found to refresh, deepest first. */
static void records_refresh(void)
{
	size_t i;
	for (i = 0; i < g_refresh.n; i++)
		record_refresh(g_refresh.v[i]);
	g_refresh.n = 0;
}

/* ---- the tasks ---- */

enum { TS_NEW, TS_MAYBE, TS_READY, TS_LOCKWAIT, TS_RUNNING, TS_DONE };

typedef struct task {
	node *t;
	int force;          /* run its .do even if up to date */
	int state;          /* TS_* */
	int waited;         /* it waited for its lock */
	long next;          /* the next task in order, or -1 */
	node **maybe;       /* TS_MAYBE: the tasks it waits for */
	size_t nmaybe;
	dofile df;          /* TS_READY, TS_LOCKWAIT: its .do */
	lock lk;
	rec_seen seen;      /* its record when it was found out of date */
} task;

static struct {
	task *v;
	size_t n, cap;
	long first, last;   /* the order: a list through task.next */
	int lockdelay;      /* ms to the next try of a busy lock */
	int count[TS_DONE + 1];   /* tasks in each state */
} g_sched = { NULL, 0, 0, -1, -1, 1, {0} };

static void task_set_state(task *k, int state)
{
	assert(g_sched.count[k->state] > 0);
	g_sched.count[k->state]--;
	g_sched.count[state]++;
	if (state == TS_LOCKWAIT)
		g_sched.lockdelay = 1;
	k->state = state;
}

/* Asks for t (forced or not); a target asked for twice is one task.
 * The new task goes after task `after` (-1: at the end).  Returns its
 * index. */
static long sched_add(node *t, int force, long after)
{
	task *k;
	long i;
	if (t->task) {
		k = &g_sched.v[t->task - 1];
		if (force && k->state == TS_NEW)
			k->force = 1;
		return t->task - 1;
	}
	g_sched.v = grow(g_sched.v, &g_sched.cap, g_sched.n + 1,
			 sizeof *g_sched.v);
	i = (long)g_sched.n++;
	k = &g_sched.v[i];
	memset(k, 0, sizeof *k);
	k->t = t;
	k->force = force;
	k->state = TS_NEW;
	g_sched.count[TS_NEW]++;
	t->task = i + 1;
	if (after < 0)
		after = g_sched.last;
	k->next = after < 0 ? -1 : g_sched.v[after].next;
	if (after < 0)
		g_sched.first = i;
	else
		g_sched.v[after].next = i;
	if (g_sched.last == after)
		g_sched.last = i;
	return i;
}

/* The task leaves the scheduler's hands: settled (done is DONE_OK or
 * DONE_FAIL, code the exit code of a failure), or abandoned (DONE_NO)
 * after another target failed. */
static void task_settle(task *k, int done, int code)
{
	if (k->state == TS_LOCKWAIT)
		wait_end(k->t->path);
	dofile_free(&k->df);
	free(k->seen.run);
	k->seen.run = NULL;
	free(k->maybe);
	k->maybe = NULL;
	if (done != DONE_NO)
		node_done(k->t, done, code ? code : EXIT_FAILED);
	task_set_state(k, TS_DONE);
}

/* Out of date: finds its .do, and it waits for a slot (or, without a
 * .do, it is a source now, or an error). */
static void task_find_do(task *k)
{
	node *t = k->t;
	if (!dofile_find(t->path, &k->df)) {
		dofile_free(&k->df);
		if (node_exists(t)) {
			if (k->force)
				msg_at(t->path, "no .do builds it (now a "
				       "source); not redoing.");
			mark_source(t);
			task_settle(k, DONE_OK, 0);
			return;
		}
		msg_at(t->path, "no rule to build it%s",
		       strcmp(path_basename(t->path), "all") ? "" :
		       ": write all.do, or name the target to build");
		task_settle(k, DONE_FAIL, 0);
		return;
	}
	rec_seen_take(&k->seen, node_record(t));
	task_set_state(k, TS_READY);
}

/* The check said "maybe": the stamped targets below go ahead of t. */
static void task_wait_maybe(task *k, long self)
{
	node *t = k->t;
	size_t i, n = 0;
	node **m = xmalloc((t->nmaybe + 1) * sizeof *m);
	for (i = 0; i < t->nmaybe; i++)
		if (t->maybe[i] != t)
			m[n++] = t->maybe[i];
	task_set_state(k, TS_MAYBE);
	for (i = n; i > 0; i--)
		sched_add(m[i - 1], 0, self);
	/* sched_add may have moved the tasks: k is stale from here on */
	g_sched.v[self].maybe = m;
	g_sched.v[self].nmaybe = n;
}

/* A target found edited by hand, not under its lock: it may be one
 * another process is committing.  Returns 1 if that settled the task. */
static int task_override(task *k)
{
	switch (override_confirm(k->t)) {
	case OV_YES:
		task_settle(k, DONE_OK, 0);
		return 1;
	case OV_BUSY:    /* being built: wait for its lock */
		if (dofile_find(k->t->path, &k->df)) {
			rec_seen_take(&k->seen, node_record(k->t));
			task_set_state(k, TS_READY);
		} else {
			task_settle(k, DONE_OK, 0);
		}
		return 1;
	}
	return 0;
}

/* TS_NEW: settles the task without running anything if it can. */
/* `redo` named a source: says why it does not run a .do for it. */
static void source_forced(node *t)
{
	dofile df;
	int found = dofile_find(t->path, &df);
	dofile_free(&df);
	msg_at(t->path, found ? "exists and not marked as generated; not "
	       "redoing." : "no .do builds it (a source); not redoing.");
}

static void task_check(task *k, long self)
{
	node *t = k->t;
	record *r;
	long pos = stack_find(t->path);
	int kind, c;
	if (t->done && !(k->force && !t->forced)) {
		task_set_state(k, TS_DONE);
		return;
	}
	if (pos >= 0) {
		report_cycle(t, pos);
		task_settle(k, DONE_FAIL, EXIT_CYCLE);
		return;
	}
	/* noted up to date in this session, and still as noted: not even
	 * its record is read */
	if (!k->force && G.target && memo_clean(t)) {
		task_settle(k, DONE_OK, 0);
		return;
	}
	kind = node_kind(t);
	if (kind == K_SOURCE) {
		if (k->force)
			source_forced(t);
		task_settle(k, DONE_OK, 0);
		return;
	}
	if (kind == K_OVERRIDDEN && task_override(k))
		return;
	r = node_record(t);
	if (!k->force && r && in_session(r) && r->failed) {
		msg_at(t->path, "failed earlier in this session");
		task_settle(k, DONE_FAIL, 0);
		return;
	}
	/* -B: out of date until built once in this session */
	if (k->force || (G.always_make && !(r && in_session(r) && !r->failed)))
		c = CHK_DIRTY;
	else if (G.target && memo_dirty(t))   /* as found above us */
		c = dirty_told(t);
	else
		c = check_settled(t, 1);
	if (c == CHK_MAYBE)
		task_wait_maybe(k, self);
	else if (c == CHK_CLEAN)
		task_settle(k, DONE_OK, 0);
	else
		task_find_do(k);
}

/* TS_MAYBE: once the stamped targets below have settled, t is checked
 * again; a failure below is t's failure.  Returns 1 if it moved on. */
static int task_after_maybe(task *k)
{
	size_t i;
	int failed = 0;
	for (i = 0; i < k->nmaybe; i++) {
		node *m = k->maybe[i];
		if (g_sched.v[m->task - 1].state != TS_DONE)
			return 0;
		failed |= m->done != DONE_OK;
	}
	if (failed) {
		task_settle(k, DONE_FAIL, 0);
		return 1;
	}
	g_gen++;
	if (check_settled(k->t, 1) == CHK_CLEAN) {
		task_settle(k, DONE_OK, 0);
		return 1;
	}
	free(k->maybe);
	k->maybe = NULL;
	task_find_do(k);
	return 1;
}

/* Starts t's .do; the job owns the .do and the lock from here on. */
static void task_run(task *k)
{
	node *t = k->t;
	memo_flush();
	if (job_start(t, &k->df, &k->lk) < 0) {
		lock_release(&k->lk);
		task_settle(k, DONE_FAIL, 0);
		return;
	}
	memset(&k->df, 0, sizeof k->df);
	t->forced |= k->force;
	task_set_state(k, TS_RUNNING);
}

/* We hold t's lock now: another process may have built t meanwhile
 * (rec_seen tells).  Starts the job if t still needs building; without
 * a free slot (ours was lent while we waited), lets the lock go and
 * waits for one. */
static void task_locked(task *k)
{
	node *t = k->t;
	record *r;
	int same, done = DONE_NO;
	/* While we waited, the process holding the lock built t and maybe
	 * much below it: what we know of the whole graph is stale, not just
	 * of t (else we rebuild t for a dependency someone just rebuilt). */
	if (k->waited)
		g_gen++;
	node_forget(t);
	r = node_record(t);
	same = rec_seen_same(&k->seen, r);
	if (node_kind(t) == K_OVERRIDDEN) {
		override_warn_locked(t);
		done = DONE_OK;
	} else if (r && r->failed &&
		   ((!k->force && in_session(r)) ||
		    (k->waited && (in_session(r) || !same)))) {
		/* after we looked: by the process we waited for, or by one
		 * that had just let the lock go */
		msg_at(t->path, in_session(r) ? "failed earlier in this "
		       "session" : "failed in another redo process");
		done = DONE_FAIL;
	} else if (!k->force && ((r && in_session(r)) ||
				 ((k->waited || !same) &&
				  check_settled(t, 0) == CHK_CLEAN))) {
		done = DONE_OK;
	} else if (slot_free()) {
		task_run(k);
		return;
	}
	lock_release(&k->lk);
	if (done != DONE_NO) {
		task_settle(k, done, 0);
		return;
	}
	rec_seen_take(&k->seen, r);
	k->waited = 0;
	task_set_state(k, TS_READY);
}

/* TS_READY with a free slot, or TS_LOCKWAIT: tries t's lock.  Returns 1
 * if the task moved on. */
static int task_try_lock(task *k)
{
	node *t = k->t;
	switch (lock_take(t->path, k->df.dir, &k->lk)) {
	case LOCK_BUSY:
		if (k->state == TS_LOCKWAIT)
			return 0;
		explain(t, "locked by another process; waiting");
		if (G.debug_locks && !G.debug)
			msg_at(t->path, "locked by another process; waiting");
		if (wait_begin(t->path)) {
			report_cycle(t, -1);
			task_settle(k, DONE_FAIL, EXIT_CYCLE);
			return 1;
		}
		task_set_state(k, TS_LOCKWAIT);
		return 1;
	case LOCK_GOT:
		if (k->state == TS_LOCKWAIT) {
			wait_end(t->path);
			k->waited = 1;
			if (G.debug_locks)
				msg_at(t->path, "got the lock after waiting");
		}
		task_locked(k);
		return 1;
	}
	task_settle(k, DONE_FAIL, 0);
	return 1;
}

/* Moves task i on as far as it goes now.  Returns 1 if it moved. */
static int task_step(long i)
{
	task *k = &g_sched.v[i];
	int stop = G.failed && !G.keep_going;
	switch (k->state) {
	case TS_NEW:
		if (stop)
			return 0;
		task_check(k, i);
		return 1;
	case TS_MAYBE:
		return !stop && task_after_maybe(k);
	case TS_READY:
		return !stop && slot_free() && task_try_lock(k);
	case TS_LOCKWAIT:
		return !stop && task_try_lock(k);
	case TS_RUNNING:
		if (k->t->job)
			return 0;
		task_set_state(k, TS_DONE);   /* job_finish settled t */
		return 1;
	}
	return 0;
}

/* One turn: every task in order, as far as each goes, until none
 * moves (a task settled late in the order may let an earlier one on). */
static void sched_advance(void)
{
	int moved;
	do {
		long i;
		moved = 0;
		for (i = g_sched.first; i >= 0; i = g_sched.v[i].next)
			while (task_step(i))
				moved = 1;
	} while (moved);
}

/* Nothing left to do: no job runs, our slot is not lent out (it is
 * taken back in the loop, where a signal is still acted on), and every
 * task has settled, or a failure (without -k) stops the rest. */
static int sched_finished(void)
{
	size_t active = g_sched.n - (size_t)g_sched.count[TS_DONE];
	if (g_sched.count[TS_RUNNING] || g_js.lent)
		return 0;
	return active == 0 || (G.failed && !G.keep_going);
}

/* No event can move the tasks left: they wait for each other (stamped
 * targets whose records name each other).  They fail as a cycle. */
static void sched_stuck(void)
{
	size_t i;
	for (i = 0; i < g_sched.n; i++) {
		task *k = &g_sched.v[i];
		if (k->state == TS_DONE)
			continue;
		msg_at(k->t->path, "cycle: it waits for targets that wait for "
		       "it");
		task_settle(k, DONE_FAIL, EXIT_CYCLE);
	}
}

/* Waits for the next event: a job token if a task is ready for one, a
 * busy lock's next try (backing off to 50 ms), anything else. */
static void sched_wait(void)
{
	int want = (g_sched.count[TS_READY] > 0 && !slot_free()) ||
		   g_js.lent;
	int timeout = -1;
	if (g_sched.count[TS_LOCKWAIT]) {
		timeout = g_sched.lockdelay;
		if (g_sched.lockdelay < 50)
			g_sched.lockdelay *= 2;
		/* nothing of ours runs and all we do is wait for locks:
		 * their holders may need our slot to finish */
		if (!g_js.running && !g_sched.count[TS_READY])
			token_lend();
	}
	/* progress needs an event: a job that ends, a token, a lock */
	if (!g_sched.count[TS_RUNNING] && !want && timeout < 0) {
		sched_stuck();
		return;
	}
	events_wait(want, timeout);
	events_act();
}

/* Ends a build: tasks left over (after a failure) are abandoned.  Our
 * slot is no longer lent (sched_finished). */
static void sched_end(void)
{
	size_t i;
	for (i = 0; i < g_sched.n; i++) {
		task *k = &g_sched.v[i];
		if (k->state != TS_DONE)
			task_settle(k, DONE_NO, 0);
		k->t->task = 0;
	}
	assert(!g_js.lent);
	g_sched.n = 0;
	g_sched.first = g_sched.last = -1;
	tokens_assert();
}

static void shuffle_nodes(node **v, size_t n)
{
	size_t i;
	static int seeded;
	if (!seeded) {
		srand((unsigned)time(NULL) ^ (unsigned)getpid());
		seeded = 1;
	}
	for (i = n; i > 1; i--) {
		size_t k = (size_t)rand() % i;
		node *tmp = v[i - 1];
		v[i - 1] = v[k];
		v[k] = tmp;
	}
}

/* Brings every node of v up to date (force: run each .do once).
 * Returns EXIT_OK, EXIT_FAILED, or the exit code of a condition this
 * process detected itself (EXIT_CYCLE). */
static int build_list(node **v, size_t n, int force)
{
	node **order = xmalloc((n ? n : 1) * sizeof *order);
	size_t i;
	int rc = EXIT_OK;
	memcpy(order, v, n * sizeof *order);
	if (G.shuffle)
		shuffle_nodes(order, n);
	for (i = 0; i < n; i++)
		sched_add(order[i], force, -1);
	for (;;) {
		sched_advance();
		tokens_return_surplus();
		if (sched_finished())
			break;
		sched_wait();
	}
	sched_end();
	for (i = 0; i < n; i++) {
		node *t = order[i];
		if (t->done == DONE_OK)
			continue;
		if (t->done == DONE_FAIL && t->failcode > EXIT_FAILED)
			rc = t->failcode;
		else if (rc == EXIT_OK)
			rc = EXIT_FAILED;
	}
	free(order);
	return rc;
}

/* ====================================================================
 * 13. Commands
 * One function per command name.  The ones that only make sense inside
 * a .do talk to the caller through the dependency channel (REDO_DEPFD):
 * each declaration is one line written with one write() to a file
 * opened O_APPEND, so concurrent nested commands never mix lines.
 * ==================================================================== */

/* Appends the declaration line (about abs) to the caller's dependency
 * channel, if inside a .do, and frees it.  One that does not get there
 * fails the command, and the .do with it (sh -e): the caller's record
 * would lack it, and a later change to abs would go unseen.  Returns 0
 * or EXIT_SYSTEM (said). */
static int declare_raw(strbuf *line, const char *abs)
{
	int rc = 0;
	if (G.target && (G.depfd < 0 ||
			 write_all(G.depfd, line->s, line->len) < 0)) {
		int e = errno;
		char *rel = relname(abs);
		msg_at(G.target, "cannot record dependency %s: %s", rel,
		       G.depfd < 0 ? "the dependency channel (REDO_DEPFD) "
		       "is closed" : strerror(e));
		free(rel);
		rc = EXIT_SYSTEM;
	}
	sb_free(line);
	return rc;
}

/* Appends the line head, abs (escaped) and a newline to b. */
static void decl_add(strbuf *b, const char *head, const char *abs)
{
	sb_adds(b, head);
	esc_append(b, abs, strlen(abs));
	sb_addc(b, '\n');
}

/* declare_raw of the line head, abs (escaped) and a newline. */
static int declare_line(const char *head, const char *abs)
{
	strbuf b = {0};
	decl_add(&b, head, abs);
	return declare_raw(&b, abs);
}

/* Appends to out the line that declares t an ifchange dependency of
 * the caller's target, with the stamp (and for a target, build sequence
 * and checksum) it has now. */
static void decl_ifchange(strbuf *out, node *t)
{
	strbuf b = {0};
	char sum[41];
	const char *stamp = node_stamp(t);
	/* as the session memo noted it: no need for its record */
	int noted = t->memo && strcmp(stamp, t->memo->stamp) == 0;
	record *r = noted ? NULL : node_record(t);
	int k = noted ? K_TARGET : node_kind(t);
	if (noted || (k == K_TARGET && r && r->type == REC_TARGET)) {
		const char *tsum = noted ? t->memo->sum : r->sum;
		sb_addf(&b, "dep c %s %llu %s - ", stamp,
			noted ? t->memo->seq : r->seq, tsum ? tsum : "-");
	} else if (k == K_OVERRIDDEN) {
		/* compared as a source, but recorded with its build sequence
		 * so that every check looks at it (and warns again) */
		sb_addf(&b, "dep c %s %llu - %s ", stamp, r->seq ? r->seq : 1,
			content_sum(t->path, stamp, sum) ? sum : "-");
	} else {
		sb_addf(&b, "dep c %s - - %s ", stamp,
			content_sum(t->path, stamp, sum) ? sum : "-");
	}
	decl_add(out, b.s, t->path);
	sb_free(&b);
}

static int need_do(void)
{
	if (G.target)
		return 1;
	msg("%s: only makes sense inside a .do script", g_prog);
	return 0;
}

static void usage_error(const char *fmt, ...) NORETURN PRINTF_LIKE(1, 2);

static node **nodes_from_args(int argc, char **argv, size_t *n)
{
	node **v = xmalloc((size_t)(argc > 0 ? argc : 1) * sizeof *v);
	int i;
	*n = 0;
	for (i = 0; i < argc; i++) {
		if (!argv[i][0])
			usage_error("empty target name");
		v[(*n)++] = node_named(argv[i]);
	}
	return v;
}

/* Declares the n targets of a nested redo (force) or redo-ifchange
 * that ended up up to date, in one write (a failure names the first).
 * Returns 0, or an exit code (said). */
static int declare_targets(node **v, size_t n, int force)
{
	strbuf decl = {0};
	const char *first = NULL;
	size_t i;
	for (i = 0; i < n; i++) {
		if (v[i]->done != DONE_OK)
			continue;
		if (!first)
			first = v[i]->path;
		if (!force)
			decl_ifchange(&decl, v[i]);
		if (v[i]->built)    /* for redo-log -r */
			decl_add(&decl, "built ", v[i]->path);
	}
	if (!decl.len)
		return 0;
	return declare_raw(&decl, first);
}

/* redo (force=1) and redo-ifchange (force=0). */
static int cmd_build(int argc, char **argv, int force)
{
	size_t n;
	node **v;
	int rc, declared = 0;
	static char *all[] = {"all"};
	if (argc == 0)     /* nested with no targets: nothing */
		return G.target ? EXIT_OK : cmd_build(1, all, force);
	v = nodes_from_args(argc, argv, &n);
	rc = build_list(v, n, force);
	if (G.target) {
		memo_flush();
		declared = declare_targets(v, n, force);
	}
	free(v);
	return rc ? rc : declared;
}

static int cmd_ifcreate(int argc, char **argv)
{
	int i, rc = EXIT_OK;
	if (argc == 0)
		return EXIT_OK;
	if (!need_do())
		return EXIT_NOT_IN_DO;
	for (i = 0; i < argc; i++) {
		node *t;
		if (!argv[i][0])
			usage_error("empty file name");
		t = node_named(argv[i]);
		if (node_exists(t)) {
			msg_at(t->path, "exists; redo-ifcreate needs it not to");
			rc = EXIT_FAILED;
			continue;
		}
		if (declare_line("dep n - - - - ", t->path) != 0)
			return EXIT_SYSTEM;
	}
	return rc;
}

static int cmd_always(int argc, char **argv)
{
	(void)argc, (void)argv;
	if (!need_do())
		return EXIT_NOT_IN_DO;
	return declare_line("dep a - - - - ", G.target);
}

static int cmd_stamp(int argc, char **argv)
{
	char buf[65536], hex[41];
	unsigned char d[20];
	sha1_ctx c;
	strbuf b = {0};
	(void)argv;
	if (argc > 0)
		usage_error("takes no arguments; it reads standard input");
	if (!need_do())
		return EXIT_NOT_IN_DO;
	if (isatty(0)) {
		msg("redo-stamp: standard input is a terminal; pipe the "
		    "content to checksum into it");
		return EXIT_USAGE;
	}
	sha1_init(&c);
	for (;;) {
		ssize_t r = read(0, buf, sizeof buf);
		if (r == 0)
			break;
		if (r > 0) {
			sha1_update(&c, buf, (size_t)r);
		} else if (errno != EINTR) {
			msg("redo-stamp: reading standard input: %s",
			    strerror(errno));
			return EXIT_SYSTEM;
		}
	}
	sha1_final(&c, d);
	sha1_hex(d, hex);
	sb_addf(&b, "sum %s\n", hex);
	return declare_raw(&b, G.target);
}

/* ---- standard output of the listing commands and redo-log ----
 * Every write is checked; after the first failure nothing more is
 * written, and the command ends with one message and EXIT_SYSTEM. */
static int g_stdout_errno;   /* why the first write failed, or 0 */

static void stdout_write(const char *s, size_t n)
{
	if (!g_stdout_errno && write_all(1, s, n) < 0)
		g_stdout_errno = errno;
}

/* The end of a command that printed: closes stdout (where a write
 * the system deferred can still fail) and returns rc, or EXIT_SYSTEM
 * with a message if anything was lost.  A stdout closed from the
 * start (EBADF) loses nothing unless something was written to it. */
static int stdout_finish(int rc)
{
	if (!g_stdout_errno && close(1) < 0 && errno != EINTR &&
	    errno != EBADF)
		g_stdout_errno = errno;
	if (!g_stdout_errno)
		return rc;
	msg("%s: cannot write standard output: %s", g_prog,
	    strerror(g_stdout_errno));
	return EXIT_SYSTEM;
}

/* The project the listings show relative names in: the top of the .do
 * search (REDO_TOP_DIR, or the nearest .redo/top above us), else the
 * highest directory above us (or ours) that holds a .redo directory. */
static const char *project_top(void)
{
	static char *top;
	char *d;
	struct stat st;
	if (top)
		return top;
	if (top_dir())
		return top = xstrdup(top_dir());
	for (d = xstrdup(g_cwd);; ) {
		char *sd = path_join(d, ".redo"), *up;
		if (stat(sd, &st) == 0 && S_ISDIR(st.st_mode)) {
			free(top);
			top = xstrdup(d);
		}
		free(sd);
		if (dir_is_top(d))   /* a .redo/top marker, or / */
			break;
		up = path_dirname(d);
		free(d);
		d = up;
	}
	free(d);
	return top ? top : (top = xstrdup(g_cwd));
}

/* Is abs inside the project? */
static int in_project(const char *abs)
{
	const char *top = project_top();
	size_t n = strlen(top);
	return strcmp(top, "/") == 0 ||
	       (strncmp(abs, top, n) == 0 && (abs[n] == '/' || !abs[n]));
}

/* A file's name in a listing: relative to the current directory inside
 * the project, absolute outside it (/usr/include/stdio.h, not
 * ../../../usr/include/stdio.h). */
static char *listed_name(const char *abs)
{
	return in_project(abs) ? path_relative(abs, g_cwd) : xstrdup(abs);
}

/* Prints a name for the listing commands: \n and \\ escaped. */
static void print_name(const char *abs)
{
	char *rel = listed_name(abs);
	strbuf b = {0};
	esc_append(&b, rel, strlen(rel));
	sb_addc(&b, '\n');
	stdout_write(b.s, b.len);
	sb_free(&b);
	free(rel);
}

static int cmd_whichdo(int argc, char **argv)
{
	int i, rc = EXIT_OK;
	if (argc == 0)
		usage_error("no TARGET given");
	for (i = 0; i < argc; i++) {
		node *t = node_named(argv[i]);
		dofile df;
		size_t k;
		int found = dofile_find(t->path, &df);
		for (k = 0; k < df.nmissing; k++)
			print_name(df.missing[k]);
		if (found)
			print_name(df.path);
		else
			rc = EXIT_NO_RULE;
		dofile_free(&df);
	}
	return stdout_finish(rc);
}

/* ---- walking the state under a directory ---- */

typedef void (*record_fn)(node *t, void *ctx);

/* Marks t with bit (one per walk); returns 0 if it had it: seen. */
static int first_visit(node *t, int bit)
{
	if (t->mark & bit)
		return 0;
	t->mark |= bit;
	return 1;
}

/* The nodes of the dependencies t's target record names of the kinds
 * in kinds (DEP_* letters), in record order, *n of them; the caller
 * frees the array.  None if t has no target record. */
static node **dep_nodes(node *t, const char *kinds, size_t *n)
{
	record *r = node_record(t);
	node **v;
	char *tdir;
	size_t i;
	assert(DEP_IFCHANGE == 'c' && DEP_IFCREATE == 'n' &&
	       DEP_ALWAYS == 'a' && DEP_DOFILE == 'd');    /* kinds' letters */
	*n = 0;
	if (!r || r->type != REC_TARGET)
		return NULL;
	v = xmalloc((r->ndeps ? r->ndeps : 1) * sizeof *v);
	tdir = path_dirname(t->path);
	for (i = 0; i < r->ndeps; i++)
		if (r->deps[i].kind && strchr(kinds, r->deps[i].kind))
			v[(*n)++] = dep_node(tdir, &r->deps[i]);
	free(tdir);
	return v;
}

/* The target whose record is the state file called name in dir/.redo
 * (sd), or NULL if name is not a record or an unreadable hashed one. */
static node *record_owner(const char *dir, const char *sd, const char *name)
{
	size_t len;
	const char *why;
	record tmp;
	char *file, *buf;
	node *t;
	size_t n = strlen(name);
	if (n < 3 || strcmp(name + n - 2, ",r") != 0)
		return NULL;
	if (name[0] != '#') {
		char *base = xstrndup(name, n - 2);
		t = node_get_own(path_join(dir, base));
		free(base);
		return t;
	}
	/* a hashed name (or one starting with #): the record knows it */
	file = path_join(sd, name);
	buf = read_file(file, &len);
	free(file);
	if (!buf)
		return NULL;
	t = record_parse(buf, len, &tmp, &why) ? NULL
		: node_get_own(path_join(dir, tmp.name));
	record_free(&tmp);
	return t;
}

/* Calls fn for every target with a record under dir. */
static void walk_records(const char *dir, record_fn fn, void *ctx)
{
	char *sd = path_join(dir, ".redo");
	DIR *d = opendir(sd);
	struct dirent *e;
	if (d) {
		while ((e = readdir(d)) != NULL) {
			node *t = record_owner(dir, sd, e->d_name);
			if (t && node_record(t))
				fn(t, ctx);
		}
		closedir(d);
	}
	free(sd);
	d = opendir(dir);
	if (!d)
		return;
	while ((e = readdir(d)) != NULL) {
		char *sub;
		struct stat st;
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0 ||
		    strcmp(e->d_name, ".redo") == 0)
			continue;
		sub = path_join(dir, e->d_name);
		if (lstat(sub, &st) == 0 && S_ISDIR(st.st_mode))
			walk_records(sub, fn, ctx);
		free(sub);
	}
	closedir(d);
}

/* Calls fn for each node named in argv or, with none, for every target
 * with a record under the current directory. */
static void visit_args(int argc, char **argv, record_fn fn, void *ctx)
{
	size_t n, i;
	node **v;
	if (argc == 0) {
		walk_records(g_cwd, fn, ctx);
		return;
	}
	v = nodes_from_args(argc, argv, &n);
	for (i = 0; i < n; i++)
		fn(v[i], ctx);
	free(v);
}

/* Forgets that t was built in this session; a record that cannot be
 * rewritten (record_store said why) sets *(int *)ctx. */
static void recheck_one(node *t, void *ctx)
{
	record *r = node_record(t), copy;
	dofile df;
	lock lk;
	int locked = 0;
	if (!r || !G.session)
		return;
	if (!in_session(r) && !(r->warned && !strcmp(r->warned, G.session)))
		return;
	if (dofile_find(t->path, &df)) {
		if (lock_take(t->path, df.dir, &lk) != LOCK_GOT) {
			dofile_free(&df);
			return;     /* being built right now */
		}
		locked = 1;
	}
	copy = *r;
	copy.run = "-";
	copy.warned = NULL;
	if (record_store(t, &copy, NULL) < 0)
		*(int *)ctx = EXIT_SYSTEM;
	if (locked)
		lock_release(&lk);
	dofile_free(&df);
}

/* recheck_one of a target named: the session memo forgets it too. */
static void recheck_named(node *t, void *ctx)
{
	if (memo_append('-', t->path) < 0)
		*(int *)ctx = EXIT_SYSTEM;
	recheck_one(t, ctx);
}

static int cmd_recheck(int argc, char **argv)
{
	int rc = EXIT_OK;
	if (argc == 0) {
		strbuf pre = {0};
		sb_adds(&pre, g_cwd);
		if (strcmp(g_cwd, "/") != 0)
			sb_addc(&pre, '/');
		if (memo_append('*', pre.s) < 0)
			rc = EXIT_SYSTEM;
		sb_free(&pre);
	}
	visit_args(argc, argv, argc ? recheck_named : recheck_one, &rc);
	return rc;
}

/* ---- redo-targets, redo-sources, redo-ood ---- */

enum { LIST_TARGETS, LIST_SOURCES, LIST_OOD };

typedef struct listing {
	int what;
	nodelist out;
} listing;

/* A target as the listing commands see it: redo built it (or tried,
 * and its old file is still there), and nobody edited it since. */
static int is_listed_target(node *t)
{
	record *r = node_record(t);
	if (!r || r->type != REC_TARGET || node_kind(t) != K_TARGET)
		return 0;
	return node_exists(t) || (!r->failed && !stamp_exists(r->stamp));
}

/* For redo-ood: any target redo knows (deleted ones too) that is out
 * of date now, and any that was never built. */
static int is_ood_target(node *t)
{
	record *r = node_record(t);
	dofile df;
	int found;
	if (!r) {    /* would redo-ifchange run a .do for it? */
		if (t->rec_state == REC_BAD)
			return 1;    /* its record is unreadable */
		if (node_exists(t))
			return 0;
		found = dofile_find(t->path, &df);    /* never built */
		dofile_free(&df);
		return found;
	}
	if (r->type != REC_TARGET || node_kind(t) != K_TARGET)
		return 0;
	if (r->failed && !stamp_exists(r->stamp) && !node_exists(t))
		return 0;    /* failed and left nothing: no longer a target */
	return check(t) != CHK_CLEAN;
}

/* Adds t if it is of the kind listed, then visits what it depends on
 * (redo-ifchange'd, and its .do). */
static void list_visit(node *t, void *ctx)
{
	listing *l = ctx;
	node **deps;
	size_t n, i;
	if (!first_visit(t, 8))
		return;
	if (l->what == LIST_OOD ? is_ood_target(t)
	    : l->what == LIST_TARGETS ? is_listed_target(t)
	    : !is_listed_target(t) && node_exists(t))
		nodelist_add(&l->out, t);    /* once: t is visited once */
	deps = dep_nodes(t, "cd", &n);
	for (i = 0; i < n; i++)
		list_visit(deps[i], l);
	free(deps);
}

static int cmp_nodes(const void *a, const void *b)
{
	return strcmp((*(node *const *)a)->path, (*(node *const *)b)->path);
}

/* The end of a listing: prints l's names in order of path, frees it. */
static int print_sorted(nodelist *l)
{
	size_t i;
	if (l->n)
		qsort(l->v, l->n, sizeof *l->v, cmp_nodes);
	for (i = 0; i < l->n; i++)
		print_name(l->v[i]->path);
	free(l->v);
	return stdout_finish(EXIT_OK);
}

static int cmd_list(int argc, char **argv, int what)
{
	listing l = {what, {0}};
	visit_args(argc, argv, list_visit, &l);
	return print_sorted(&l.out);
}

static int cmd_targets(int argc, char **argv)
{
	return cmd_list(argc, argv, LIST_TARGETS);
}

static int cmd_sources(int argc, char **argv)
{
	return cmd_list(argc, argv, LIST_SOURCES);
}

static int cmd_ood(int argc, char **argv)
{
	return cmd_list(argc, argv, LIST_OOD);
}

/* ---- redo-dot: the recorded graph in Graphviz's language ---- */

static int g_dot_project_only;   /* --project-only: no file outside */

static void dot_name(strbuf *b, const char *abs)
{
	char *rel = listed_name(abs);
	const char *p;
	sb_addc(b, '"');
	for (p = rel; *p; p++) {
		if (*p == '"' || *p == '\\')
			sb_addc(b, '\\');
		if (*p == '\n')
			sb_adds(b, "\\n");
		else
			sb_addc(b, *p);
	}
	sb_addc(b, '"');
	free(rel);
}

/* Declares t (once) and, for a target, its edges; recursion follows
 * the recorded dependencies. */
static void dot_visit(node *t, void *ctx)
{
	strbuf *b = ctx;
	record *r;
	char *tdir;
	size_t i;
	int always = 0;
	if (!first_visit(t, 32) ||
	    (g_dot_project_only && !in_project(t->path)))
		return;
	r = node_record(t);
	sb_adds(b, "  ");
	dot_name(b, t->path);
	if (!r || r->type != REC_TARGET) {
		sb_adds(b, " [shape=ellipse];\n");
		return;
	}
	for (i = 0; i < r->ndeps; i++)
		always |= r->deps[i].kind == DEP_ALWAYS;
	sb_adds(b, always ? " [shape=box,style=bold,color=blue];\n"
		 : r->failed ? " [shape=box,color=red];\n" : " [shape=box];\n");
	tdir = path_dirname(t->path);
	for (i = 0; i < r->ndeps; i++) {
		rec_dep *d = &r->deps[i];
		node *dn;
		if (d->kind != DEP_IFCHANGE && d->kind != DEP_DOFILE)
			continue;
		dn = dep_node(tdir, d);
		if (g_dot_project_only && !in_project(dn->path))
			continue;
		sb_adds(b, "  ");
		dot_name(b, t->path);
		sb_adds(b, " -> ");
		dot_name(b, dn->path);
		sb_adds(b, d->kind == DEP_DOFILE ? " [style=dashed];\n" : ";\n");
		dot_visit(dn, b);
	}
	free(tdir);
}

static int cmd_dot(int argc, char **argv)
{
	strbuf b = {0};
	sb_adds(&b, "digraph redo {\n  rankdir=LR;\n  node [fontsize=10];\n");
	visit_args(argc, argv, dot_visit, &b);
	sb_adds(&b, "}\n");
	stdout_write(b.s, b.len);
	sb_free(&b);
	return stdout_finish(EXIT_OK);
}

/* ---- redo-log ---- */

typedef struct logopts {
	int recursive;   /* -r: follow the targets built while it ran */
	int unchanged;   /* -u: ... only those built in that same session */
	int follow;      /* -f: wait for a build in progress to finish */
	int timings, trace, html;   /* the last build's runs, as ... */
} logopts;

static logopts g_logopts;   /* redo-log's options */

static void log_print(node *t, logopts *o, int depth);

/* -r: the log of name (relative to tdir), built while the log of the
 * target whose record is r was written; with -u, only if that was in
 * the same session. */
static void log_child(const char *tdir, const char *name, const record *r,
		      logopts *o, int depth)
{
	node *c = node_get_own(path_join(tdir, name));
	record *cr = node_record(c);
	if (o->unchanged && (!cr || !cr->run || !r || !r->run ||
			     strcmp(cr->run, r->run) != 0))
		return;      /* rebuilt since: not that session's */
	log_print(c, o, depth + 1);
}

/* A log's lines; at each mark of a target built meanwhile (log_mark()),
 * with -r, that target's log: where its output happened. */
static void log_body(char *buf, size_t len, const char *tdir,
		     const record *r, logopts *o, int depth)
{
	char *p = buf, *end = buf + len;
	while (p < end) {
		char *nl = memchr(p, '\n', (size_t)(end - p));
		char *e = nl ? nl + 1 : end;
		if (nl && nl - p > 2 && p[0] == NOTE_MARK && p[1] == NOTE_LOG) {
			*nl = 0;
			if (o->recursive &&
			    unescape_inplace(p + 2, (size_t)(nl - p - 2)) > 0)
				log_child(tdir, p + 2, r, o, depth);
		} else {
			stdout_write(p, (size_t)(e - p));
		}
		p = e;
	}
}

/* Prints t's log under its name, indented by depth; with -r, the logs
 * of the targets built while it ran, in the order they started, each
 * where its output happened (then any its record names that the log
 * has no mark of: built with stderr sent elsewhere); each target once. */
static void log_print(node *t, logopts *o, int depth)
{
	char *path, *buf, *rel, *tdir;
	size_t len = 0, i;
	record *r = node_record(t);
	strbuf b = {0};
	if (!first_visit(t, 16))
		return;
	rel = path_relative(t->path, g_cwd);
	sb_addf(&b, "redo  %*s%s\n", 2 * depth, "", rel);
	free(rel);
	stdout_write(b.s, b.len);
	sb_free(&b);
	path = state_file(t->path, 'l');
	buf = read_file(path, &len);
	free(path);
	tdir = path_dirname(t->path);
	if (buf && !G.no_details)
		log_body(buf, len, tdir, r, o, depth);
	for (i = 0; o->recursive && r && i < r->nbuilt; i++)
		log_child(tdir, r->built[i], r, o, depth);
	free(tdir);
	free(buf);
}

/* -f: if t is being built right now, wait until that build ends. */
static void log_wait(node *t)
{
	dofile df;
	lock lk;
	if (dofile_find(t->path, &df) &&
	    lock_take_waiting(t->path, df.dir, &lk) == LOCK_GOT)
		lock_release(&lk);
	dofile_free(&df);
	node_forget(t);
}

/* ---- redo-log --timings, --trace, --html: the last build's runs ----
 * A run is a record's "time" line (DESIGN 3.2).  The lanes shown are
 * not the recorded slots: each run takes the lowest lane free when it
 * starts, so the runs of a nested redo (and a .do waiting on them) get
 * lanes of their own; the recorded slot is in the trace's args. */

typedef struct trun {
	node *t;
	char *rel;                          /* its name, relative to cwd */
	char session[64];
	unsigned long long t0, t1, cpu;     /* us */
	int status, slot, lane, crit;
} trun;

typedef struct truns {
	trun *v;
	size_t n, cap;
	int lanes;
	unsigned long long t0, t1, cpu;     /* first start, last end, sum */
} truns;

/* The last run r records, from its time line, into u (its times,
 * status, slot and session).  Returns 0 if r has none that is whole. */
static int timing_parse(const record *r, trun *u)
{
	memset(u, 0, sizeof *u);
	return r && r->time &&
	       sscanf(r->time, "%63s %llu %llu %llu %d %d", u->session,
		      &u->t0, &u->t1, &u->cpu, &u->status, &u->slot) == 6 &&
	       u->t1 >= u->t0;
}

/* Adds t's last run if its record has one, of session (NULL: any). */
static void timing_add(truns *rs, node *t, const char *session)
{
	trun u;
	if (!timing_parse(node_record(t), &u) ||
	    (session && strcmp(session, u.session) != 0))
		return;
	u.t = t;
	u.rel = path_relative(t->path, g_cwd);
	rs->v = grow(rs->v, &rs->cap, rs->n + 1, sizeof *rs->v);
	rs->v[rs->n++] = u;
}

/* t's run in session, then those of the targets it waited for (its
 * recorded dependencies and the targets built while it ran), once. */
static void timing_visit(truns *rs, node *t, const char *session)
{
	record *r;
	char *tdir;
	size_t i;
	if (!first_visit(t, 256))
		return;
	r = node_record(t);
	if (!r || r->type != REC_TARGET)
		return;
	timing_add(rs, t, session);
	tdir = path_dirname(t->path);
	for (i = 0; i < r->ndeps; i++)
		if (r->deps[i].kind == DEP_IFCHANGE)
			timing_visit(rs, dep_node(tdir, &r->deps[i]), session);
	for (i = 0; i < r->nbuilt; i++)
		timing_visit(rs, node_get_own(path_join(tdir, r->built[i])),
			     session);
	free(tdir);
}

static void timing_add_any(node *t, void *ctx)
{
	timing_add(ctx, t, NULL);
}

/* With no TARGET: the runs under the cwd of the session of the run
 * that ended last; else each TARGET's last run and the runs of its
 * session below it.  Returns -1 (said why) if a TARGET has no run. */
static int timing_collect(truns *rs, int argc, char **argv)
{
	size_t n, i, k = 0, last = 0;
	node **v;
	if (argc == 0) {
		walk_records(g_cwd, timing_add_any, rs);
		for (i = 1; i < rs->n; i++)
			if (rs->v[i].t1 > rs->v[last].t1)
				last = i;
		for (i = 0; i < rs->n; i++)
			if (strcmp(rs->v[i].session, rs->v[last].session) == 0)
				rs->v[k++] = rs->v[i];
			else
				free(rs->v[i].rel);
		rs->n = k;
		return 0;
	}
	v = nodes_from_args(argc, argv, &n);
	for (i = 0; i < n; i++) {
		trun u;
		if (!timing_parse(node_record(v[i]), &u)) {
			char *nm = relname(v[i]->path);
			msg("%s: no timings: its .do never ran", nm);
			free(nm);
			break;
		}
		timing_visit(rs, v[i], u.session);
	}
	free(v);
	return i < n ? -1 : 0;
}

static int trun_by_path(const void *a, const void *b)
{
	return strcmp(((const trun *)a)->t->path, ((const trun *)b)->t->path);
}

static int trun_by_start(const void *a, const void *b)
{
	const trun *x = a, *y = b;
	if (x->t0 != y->t0)
		return x->t0 < y->t0 ? -1 : 1;
	if (x->t1 != y->t1)
		return x->t1 > y->t1 ? -1 : 1;  /* the enclosing one first */
	return strcmp(x->t->path, y->t->path);
}

static int trun_by_wall(const void *a, const void *b)
{
	const trun *x = a, *y = b;
	if (x->t1 - x->t0 != y->t1 - y->t0)
		return x->t1 - x->t0 > y->t1 - y->t0 ? -1 : 1;
	return strcmp(x->t->path, y->t->path);
}

static int trun_path_is(const void *path, const void *u)
{
	return strcmp(path, ((const trun *)u)->t->path);
}

/* rs's run of the target at path (rs sorted by path), or NULL. */
static trun *timing_find(truns *rs, const char *path)
{
	return bsearch(path, rs->v, rs->n, sizeof *rs->v, trun_path_is);
}

/* Of the runs cur waited for (its recorded dependencies and the targets
 * built while it ran), the one that ended last, not after cur; rs is
 * sorted by path. */
static trun *timing_blocker(truns *rs, trun *cur)
{
	record *r = node_record(cur->t);
	char *tdir = path_dirname(cur->t->path), *p;
	trun *best = NULL, *d;
	size_t i, nd = r ? r->ndeps : 0;
	for (i = 0; r && i < nd + r->nbuilt; i++) {
		if (i < nd && r->deps[i].kind != DEP_IFCHANGE)
			continue;
		p = path_join(tdir, i < nd ? r->deps[i].path
				    : r->built[i - nd]);
		d = timing_find(rs, p);
		free(p);
		if (d && d != cur && !d->crit && d->t1 <= cur->t1 &&
		    (!best || d->t1 > best->t1))
			best = d;
	}
	/* a failed run's record kept the old dependencies (DESIGN 3.7):
	 * the runs within its time stand in for the ones it waited for */
	for (i = 0; r && r->failed && i < rs->n; i++) {
		d = &rs->v[i];
		if (d != cur && !d->crit && d->t0 >= cur->t0 &&
		    d->t1 <= cur->t1 && (!best || d->t1 > best->t1))
			best = d;
	}
	free(tdir);
	return best;
}

/* Marks the critical path: from the run that ended last, step to the
 * run it waited for that ended last, and so on.  Then the lanes: each
 * run, in order of start, takes the lowest lane free at its start. */
static void timing_analyse(truns *rs)
{
	size_t i, last = 0, cap = 0;
	unsigned long long *ends = NULL;
	trun *cur;
	int l;
	assert(rs->n > 0);
	qsort(rs->v, rs->n, sizeof *rs->v, trun_by_path);
	for (i = 1; i < rs->n; i++)
		if (rs->v[i].t1 > rs->v[last].t1)
			last = i;
	for (cur = &rs->v[last]; cur; cur = timing_blocker(rs, cur))
		cur->crit = 1;
	qsort(rs->v, rs->n, sizeof *rs->v, trun_by_start);
	rs->t0 = rs->v[0].t0;
	for (i = 0; i < rs->n; i++) {
		trun *u = &rs->v[i];
		for (l = 0; l < rs->lanes && ends[l] > u->t0; l++)
			;
		if (l == rs->lanes)
			ends = grow(ends, &cap, (size_t)++rs->lanes,
				    sizeof *ends);
		ends[l] = u->t1;
		u->lane = l;
		rs->t1 = u->t1 > rs->t1 ? u->t1 : rs->t1;
		rs->cpu += u->cpu;
	}
	free(ends);
}

static double secs(unsigned long long us)
{
	return (double)us / 1e6;
}

/* --timings: one line per run, slowest first: start (s from the first
 * start), wall, CPU, status, "*" on the critical path, target.  On a
 * terminal, aligned under a header, with a total; else single spaces. */
static void timing_table(truns *rs, strbuf *b)
{
	int tty = isatty(1);
	size_t i;
	qsort(rs->v, rs->n, sizeof *rs->v, trun_by_wall);
	if (tty)
		sb_adds(b, "   start     wall      cpu status crit target\n");
	for (i = 0; i < rs->n; i++) {
		trun *u = &rs->v[i];
		sb_addf(b, tty ? "%8.3f %8.3f %8.3f %6d %4s %s\n"
			: "%.3f %.3f %.3f %d %s %s\n", secs(u->t0 - rs->t0),
			secs(u->t1 - u->t0), secs(u->cpu), u->status,
			u->crit ? "*" : "-", u->rel);
	}
	if (tty)
		sb_addf(b, "%lu runs in %.3f s (CPU %.3f s) in %d lanes; "
			"* the critical path\n", (unsigned long)rs->n,
			secs(rs->t1 - rs->t0), secs(rs->cpu), rs->lanes);
}

/* s as the inside of a JSON string (bytes from 128 up as they are). */
static void json_esc(strbuf *b, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\')
			sb_addf(b, "\\%c", c);
		else if (c < 32)
			sb_addf(b, "\\u%04x", c);
		else
			sb_addc(b, (char)c);
	}
}

/* --trace: Chrome's trace-event JSON, one complete event per run. */
static void timing_trace(truns *rs, strbuf *b)
{
	size_t i;
	int l;
	sb_adds(b, "{\"displayTimeUnit\":\"ms\",\"traceEvents\":[\n");
	for (l = 0; l < rs->lanes; l++)
		sb_addf(b, "{\"name\":\"thread_name\",\"ph\":\"M\",\"pid\":1,"
			"\"tid\":%d,\"args\":{\"name\":\"lane %d\"}},\n", l, l);
	for (i = 0; i < rs->n; i++) {
		trun *u = &rs->v[i];
		sb_adds(b, "{\"name\":\"");
		json_esc(b, u->rel);
		sb_addf(b, "\",\"cat\":\"%s\",\"ph\":\"X\",\"ts\":%llu,"
			"\"dur\":%llu,\"pid\":1,\"tid\":%d,\"args\":{\"target\":"
			"\"", u->crit ? "critical" : "run", u->t0 - rs->t0,
			u->t1 - u->t0, u->lane);
		json_esc(b, u->rel);
		sb_addf(b, "\",\"status\":%d,\"cpu_us\":%llu,\"slot\":%d,"
			"\"critical\":%s,\"session\":\"", u->status, u->cpu,
			u->slot, u->crit ? "true" : "false");
		json_esc(b, u->session);
		sb_adds(b, i + 1 < rs->n ? "\"}},\n" : "\"}}\n");
	}
	sb_adds(b, "]}\n");
}

/* s with HTML's special characters escaped. */
static void html_esc(strbuf *b, const char *s)
{
	for (; *s; s++)
		switch (*s) {
		case '&': sb_adds(b, "&amp;"); break;
		case '<': sb_adds(b, "&lt;"); break;
		case '>': sb_adds(b, "&gt;"); break;
		case '"': sb_adds(b, "&quot;"); break;
		default: sb_addc(b, *s);
		}
}

#define TL_LEFT 60.0     /* the timeline: lane labels' width, */
#define TL_WIDTH 1100.0  /* ... the bars' width, */
#define TL_TOP 24.0      /* ... the time axis' height, */
#define TL_LANE 18       /* ... one lane's height */

/* The page's head, its style and the summary line. */
static void html_head(truns *rs, strbuf *b)
{
	size_t i, failed = 0, ncrit = 0;
	for (i = 0; i < rs->n; i++) {
		failed += rs->v[i].status != 0;
		ncrit += rs->v[i].crit;
	}
	sb_adds(b, "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
		"<title>redo build timings</title>\n<style>\n"
		"body{font:13px sans-serif;margin:16px;color:#222}\n"
		"svg{display:block;border:1px solid #ccc;background:#fafafa}\n"
		".ok{fill:#6a9be8}.fail{fill:#e5484d}.crit{fill:#f0a020}\n"
		".fail.crit{fill:#e5484d;stroke:#000}.agg{fill:#a9c1ea}\n"
		"rect.bar:hover{opacity:.7}.grid{stroke:#ddd}\n"
		"text{font:11px sans-serif;fill:#555}text.lbl{fill:#fff;"
		"pointer-events:none}\n.key{display:inline-block;width:12px;"
		"height:12px;margin:0 4px 0 12px;vertical-align:middle}\n"
		"table{border-collapse:collapse;margin-top:12px}td,th{padding:"
		"2px 10px;text-align:right}td.n,th.n{text-align:left}\n"
		"tr.crit td{background:#fde7c0}tr.fail td{color:#c00}\n"
		"</style></head><body>\n<h2>redo build timings</h2>\n<p>");
	sb_addf(b, "%lu runs, %.3f s wall, %.3f s CPU, %d lanes, %lu failed"
		"; %lu on the critical path.", (unsigned long)rs->n,
		secs(rs->t1 - rs->t0), secs(rs->cpu), rs->lanes,
		(unsigned long)failed, (unsigned long)ncrit);
	sb_adds(b, "<span class=\"key ok\" style=\"background:#6a9be8\">"
		"</span>ok<span class=\"key\" style=\"background:#e5484d\">"
		"</span>failed<span class=\"key\" style=\"background:#f0a020\">"
		"</span>critical path<span class=\"key\" style=\"background:"
		"#a9c1ea\"></span>many short runs</p>\n<p>critical path:");
	for (i = 0, ncrit = 0; i < rs->n; i++)      /* rs is by start */
		if (rs->v[i].crit && ncrit++ < 20) {
			sb_adds(b, ncrit > 1 ? " &rarr; " : " ");
			html_esc(b, rs->v[i].rel);
			sb_addf(b, " (%.3f s)",
				secs(rs->v[i].t1 - rs->v[i].t0));
		}
	sb_adds(b, ncrit > 20 ? " ...</p>\n" : "</p>\n");
}

/* A tick every 1, 2 or 5 times a power of ten microseconds, at most
 * a dozen over span. */
static double tick_step(double span)
{
	double p = 1;
	while (span > 60 * p)
		p *= 10;
	return span <= 12 * p ? p : span <= 24 * p ? 2 * p : 5 * p;
}

/* The time axis and its grid lines; then the lanes' names. */
static void html_axis(truns *rs, strbuf *b, double span)
{
	double step = tick_step(span), x;
	int l, k;
	for (k = 0; k * step <= span; k++) {
		x = TL_LEFT + k * step / span * TL_WIDTH;
		sb_addf(b, "<line class=\"grid\" x1=\"%.1f\" x2=\"%.1f\" y1=\""
			"16\" y2=\"%d\"/><text x=\"%.1f\" y=\"12\">%g s</text>\n",
			x, x, (int)TL_TOP + rs->lanes * TL_LANE, x + 2,
			k * step / 1e6);
	}
	for (l = 0; l < rs->lanes; l++)
		sb_addf(b, "<text x=\"4\" y=\"%d\">lane %d</text>\n",
			(int)TL_TOP + l * TL_LANE + 13, l);
}

/* A lane's run of merged short runs, not drawn yet. */
typedef struct tl_agg {
	double x0, x1;
	size_t n;
} tl_agg;

static void html_agg_flush(strbuf *b, tl_agg *a, int lane)
{
	if (a->n)
		sb_addf(b, "<rect class=\"agg\" data-runs=\"%lu\" x=\"%.1f\" "
			"y=\"%d\" width=\"%.1f\" height=\"%d\"><title>%lu short "
			"runs</title></rect>\n", (unsigned long)a->n, a->x0,
			(int)TL_TOP + lane * TL_LANE + 1,
			a->x1 - a->x0 < 1 ? 1 : a->x1 - a->x0, TL_LANE - 2,
			(unsigned long)a->n);
	a->n = 0;
}

/* One bar per run, its name on it where it fits; with more than 500
 * runs, the runs narrower than a pixel (not on the critical path) are
 * merged per lane into "agg" bars, so the page stays small. */
static void html_bars(truns *rs, strbuf *b, double span)
{
	tl_agg *agg = calloc((size_t)rs->lanes, sizeof *agg);
	size_t i;
	int l;
	if (!agg)
		die(EXIT_SYSTEM, "out of memory");
	for (i = 0; i < rs->n; i++) {
		trun *u = &rs->v[i];
		tl_agg *a = &agg[u->lane];
		double x = TL_LEFT + (double)(u->t0 - rs->t0) / span * TL_WIDTH;
		double w = (double)(u->t1 - u->t0) / span * TL_WIDTH;
		int y = (int)TL_TOP + u->lane * TL_LANE + 1;
		if (rs->n > 500 && w < 1 && !u->crit) {
			if (a->n && x > a->x1 + 2)
				html_agg_flush(b, a, u->lane);
			if (!a->n)
				a->x0 = x;
			a->x1 = x + w;
			a->n++;
			continue;
		}
		html_agg_flush(b, a, u->lane);
		sb_addf(b, "<rect class=\"bar %s%s\" x=\"%.1f\" y=\"%d\" "
			"width=\"%.1f\" height=\"%d\"><title>", u->status ? "fail"
			: "ok", u->crit ? " crit" : "", x, y, w < 1 ? 1 : w,
			TL_LANE - 2);
		html_esc(b, u->rel);
		sb_addf(b, ": %.3f s, CPU %.3f s, status %d</title></rect>\n",
			secs(u->t1 - u->t0), secs(u->cpu), u->status);
		if (w > 7.0 * (double)strlen(u->rel) + 6) {
			sb_addf(b, "<text class=\"lbl\" x=\"%.1f\" y=\"%d\">",
				x + 3, y + 12);
			html_esc(b, u->rel);
			sb_adds(b, "</text>\n");
		}
	}
	for (l = 0; l < rs->lanes; l++)
		html_agg_flush(b, &agg[l], l);
	free(agg);
}

/* The slowest 50 runs, the critical path's shaded. */
static void html_table(truns *rs, strbuf *b)
{
	size_t i;
	qsort(rs->v, rs->n, sizeof *rs->v, trun_by_wall);
	sb_adds(b, "<table><tr><th>#</th><th class=\"n\">target</th><th>"
		"wall (s)</th><th>CPU (s)</th><th>start (s)</th><th>status"
		"</th></tr>\n");
	for (i = 0; i < rs->n && i < 50; i++) {
		trun *u = &rs->v[i];
		sb_addf(b, "<tr class=\"%s%s\"><td>%lu</td><td class=\"n\">",
			u->crit ? "crit" : "", u->status ? " fail" : "",
			(unsigned long)i + 1);
		html_esc(b, u->rel);
		sb_addf(b, "</td><td>%.3f</td><td>%.3f</td><td>%.3f</td><td>%d"
			"</td></tr>\n", secs(u->t1 - u->t0), secs(u->cpu),
			secs(u->t0 - rs->t0), u->status);
	}
	sb_adds(b, "</table>\n");
}

/* --html: one page, nothing loaded from elsewhere: the summary, the
 * timeline (an inline SVG, one lane per row), the slowest runs. */
static void timing_html(truns *rs, strbuf *b)
{
	double span = rs->t1 > rs->t0 ? (double)(rs->t1 - rs->t0) : 1;
	html_head(rs, b);
	sb_addf(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" "
		"height=\"%d\">\n", (int)(TL_LEFT + TL_WIDTH) + 40,
		(int)TL_TOP + rs->lanes * TL_LANE + 4);
	html_axis(rs, b, span);
	html_bars(rs, b, span);
	sb_adds(b, "</svg>\n");
	html_table(rs, b);
	sb_adds(b, "</body></html>\n");
}

typedef void (*timing_out)(truns *rs, strbuf *b);

/* redo-log --timings, --trace or --html: out is timing_table,
 * timing_trace or timing_html. */
static int timing_main(timing_out out, int argc, char **argv)
{
	truns rs = {0};
	strbuf b = {0};
	size_t i;
	int rc = EXIT_FAILED;
	if (timing_collect(&rs, argc, argv) == 0 && rs.n) {
		timing_analyse(&rs);
		out(&rs, &b);
		stdout_write(b.s, b.len);
		sb_free(&b);
		rc = stdout_finish(EXIT_OK);
	} else if (rs.n == 0 && argc == 0) {
		msg("%s: no timings: no .do ran here", g_prog);
	}
	for (i = 0; i < rs.n; i++)
		free(rs.v[i].rel);
	free(rs.v);
	return rc;
}

static int cmd_log(int argc, char **argv)
{
	logopts *o = &g_logopts;
	size_t n, i;
	node **v;
	int rc = EXIT_OK;
	if (o->timings + o->trace + o->html > 1)
		usage_error("--timings, --trace and --html go alone");
	if (o->timings + o->trace + o->html)
		return timing_main(o->timings ? timing_table : o->trace ?
				   timing_trace : timing_html, argc, argv);
	if (argc == 0)
		usage_error("no TARGET given");
	v = nodes_from_args(argc, argv, &n);
	for (i = 0; i < n && rc == EXIT_OK; i++) {
		char *path;
		if (o->follow)
			log_wait(v[i]);
		path = state_file(v[i]->path, 'l');
		if (node_record(v[i]) || access(path, F_OK) == 0) {
			log_print(v[i], o, 0);
		} else {
			char *nm = relname(v[i]->path);
			msg("%s: no log: redo never built it", nm);
			free(nm);
			rc = EXIT_FAILED;
		}
		free(path);
	}
	free(v);
	return stdout_finish(rc);
}

/* ---- redo -n and redo -q: what a build would do, doing nothing ----
 * Only the check's verdicts (it reads, never writes): what a .do
 * declares only when it runs, no record knows yet. */

/* Would a build run t's .do?  Not a source's, nor an edited target's;
 * under -B every other target's. */
static int would_run(node *t)
{
	return node_kind(t) == K_TARGET &&
	       (G.always_make || check(t) != CHK_CLEAN);
}

/* -n: prints t's name indented by depth, then below it the recorded
 * dependencies whose .do would run; each once. */
static void dry_print(node *t, int depth)
{
	strbuf b = {0};
	char *rel;
	node **deps;
	size_t n, i;
	if (!first_visit(t, 64))
		return;
	rel = path_relative(t->path, g_cwd);
	sb_addf(&b, "%*s", 2 * depth, "");
	esc_append(&b, rel, strlen(rel));
	sb_addc(&b, '\n');
	stdout_write(b.s, b.len);
	sb_free(&b);
	free(rel);
	deps = dep_nodes(t, "cd", &n);    /* redo-ifchange'd, its .do */
	for (i = 0; i < n; i++)
		if (would_run(deps[i]))
			dry_print(deps[i], depth + 1);
	free(deps);
}

/* redo -n (list) and redo -q (exit 1 if a target is out of date). */
static int cmd_dry(int argc, char **argv)
{
	size_t n, i;
	node **v;
	int rc = EXIT_OK;
	static char *all[] = {"all"};
	if (argc == 0)
		return cmd_dry(1, all);
	v = nodes_from_args(argc, argv, &n);
	for (i = 0; i < n; i++) {
		dofile df;
		int found;
		if (G.question) {
			if (would_run(v[i]))
				rc = EXIT_FAILED;
			continue;
		}
		if (node_kind(v[i]) != K_TARGET)
			continue;     /* redo would not run its .do */
		found = dofile_find(v[i]->path, &df);
		dofile_free(&df);
		if (found) {
			dry_print(v[i], 0);
		} else {
			msg_at(v[i]->path, "no rule to build it");
			rc = EXIT_FAILED;
		}
	}
	free(v);
	return G.question ? rc : stdout_finish(rc);
}

/* ---- redo-clean: removing what redo built ---- */

static int g_clean_state;   /* --state */

typedef struct cleaning {
	int follow;   /* targets named: also what they depend on */
	int rc;
} cleaning;

/* Drops t's record and log. */
static void clean_record(node *t, cleaning *c)
{
	char *rf = state_file(t->path, 'r'), *lf = state_file(t->path, 'l');
	if ((unlink(rf) < 0 && errno != ENOENT) ||
	    (unlink(lf) < 0 && errno != ENOENT)) {
		msg_at(t->path, "cannot remove its record: %s",
		       strerror(errno));
		c->rc = EXIT_SYSTEM;
	}
	free(rf);
	free(lf);
	node_forget(t);
}

/* Under t's lock: removes t's file if it is as redo left it, then its
 * record; a file redo no longer finds keeps its record unless
 * --state. */
static void clean_locked(node *t, cleaning *c)
{
	record *r = node_record(t);
	struct stat st;
	int k = node_kind(t);
	if (!r || r->type != REC_TARGET || k == K_SOURCE)
		return;
	if (k == K_OVERRIDDEN) {
		msg_at(t->path, "you modified it; not removed");
		return;
	}
	if (node_exists(t)) {
		print_name(t->path);
		remove_tree(t->path);
		if (lstat(t->path, &st) == 0) {
			msg_at(t->path, "cannot remove it");
			c->rc = EXIT_SYSTEM;
			return;
		}
	} else if (stamp_exists(r->stamp) && !r->failed && !g_clean_state) {
		return;       /* gone by other hands: --state forgets it */
	}
	clean_record(t, c);
}

/* Cleans t (and, when following, what it depends on first). */
static void clean_visit(node *t, void *ctx)
{
	cleaning *c = ctx;
	record *r = node_record(t);
	dofile df;
	lock lk;
	node **deps;
	size_t n, i;
	if (!r || r->type != REC_TARGET || !first_visit(t, 64))
		return;       /* a source, or seen */
	deps = dep_nodes(t, c->follow ? "c" : "", &n);  /* redo-ifchange'd */
	for (i = 0; i < n; i++)
		clean_visit(deps[i], c);
	free(deps);
	if (!dofile_find(t->path, &df)) {
		if (g_clean_state)   /* its .do is gone: a source now */
			clean_record(t, c);
	} else if (lock_take(t->path, df.dir, &lk) != LOCK_GOT) {
		msg_at(t->path, "being built; not removed");
		c->rc = EXIT_FAILED;
	} else {
		node_forget(t);
		clean_locked(t, c);
		lock_release(&lk);
	}
	dofile_free(&df);
}

static int cmd_clean(int argc, char **argv)
{
	cleaning c = {argc > 0, EXIT_OK};
	visit_args(argc, argv, clean_visit, &c);
	return stdout_finish(c.rc);
}

/* ---- redo-affects: the targets that depend on a file ---- */

static int g_affects_direct;   /* -1 */

/* Does t's record name a node marked 128 (a FILE, or a target found
 * to depend on one)? */
static int depends_on_marked(node *t)
{
	size_t n, i;
	node **deps = dep_nodes(t, "cnd", &n);    /* all but redo-always */
	int hit = 0;
	for (i = 0; i < n && !hit; i++)
		hit = deps[i]->mark & 128;
	free(deps);
	return hit;
}

static void affects_collect(node *t, void *ctx)
{
	if (node_record(t)->type == REC_TARGET)
		nodelist_add(ctx, t);
}

static int cmd_affects(int argc, char **argv)
{
	nodelist all = {0}, out = {0};
	size_t n, i;
	node **v;
	if (argc == 0)
		usage_error("no FILE given");
	v = nodes_from_args(argc, argv, &n);
	for (i = 0; i < n; i++)
		v[i]->mark |= 128;
	walk_records(g_cwd, affects_collect, &all);
	do {     /* each round: the targets one step further up */
		size_t had = out.n;
		for (i = 0; i < all.n; i++)
			if (!(all.v[i]->mark & 128) &&
			    depends_on_marked(all.v[i]))
				nodelist_add(&out, all.v[i]);
		for (i = had; i < out.n; i++)
			out.v[i]->mark |= 128;
		if (out.n == had)
			break;
	} while (!g_affects_direct);
	free(v);
	free(all.v);
	return print_sorted(&out);
}

/* ====================================================================
 * 14. Main
 * Reads the session from the environment (or starts one), parses the
 * options, sets up the job pool and the PATH, and runs the command
 * named by argv[0].
 * ==================================================================== */

/* ---- the commands and their options ---- */

/* The groups of commands that share options (an option names the
 * groups that take it; a command, the group it is in). */
enum { CM_REDO = 1, CM_LOG = 2, CM_CLEAN = 4, CM_AFFECTS = 8, CM_LIST = 16,
       CM_DOT = 32 };
#define CM_ANY (CM_REDO | CM_LOG | CM_CLEAN | CM_AFFECTS | CM_LIST | CM_DOT)

static int cmd_redo(int argc, char **argv);
static int cmd_ifchange(int argc, char **argv);

/* Every command name: the function it runs, its group (0: it takes no
 * options, every argument is a name; --help first is the one
 * exception), its synopsis and what it does, for --help. */
static const struct command {
	const char *name;
	int (*run)(int argc, char **argv);
	int group;
	const char *usage;
} g_commands[] = {
	{ "redo", cmd_redo, CM_REDO, "[options] [TARGET...]\n"
	  "Builds each TARGET (default: all): runs its .do script.\n" },
	{ "redo-ifchange", cmd_ifchange, 0, "[FILE...]\n"
	  "Brings each FILE up to date; in a .do, records it as a "
	  "dependency.\n" },
	{ "redo-ifcreate", cmd_ifcreate, 0, "FILE...\n"
	  "In a .do: rebuild its target when FILE comes to exist.\n" },
	{ "redo-always", cmd_always, 0, "\n"
	  "In a .do: rebuild its target every time it is asked for.\n" },
	{ "redo-stamp", cmd_stamp, 0, "<CONTENT\n"
	  "In a .do: its target changed only if CONTENT did.\n" },
	{ "redo-targets", cmd_targets, CM_LIST, "[TARGET...]\n"
	  "Lists the targets redo built here (or that TARGET needs).\n" },
	{ "redo-sources", cmd_sources, CM_LIST, "[TARGET...]\n"
	  "Lists the source files the targets here (or TARGET) need.\n" },
	{ "redo-ood", cmd_ood, CM_LIST, "[TARGET...]\n"
	  "Lists the targets here (or below TARGET) that are out of "
	  "date.\n" },
	{ "redo-whichdo", cmd_whichdo, CM_LIST, "TARGET...\n"
	  "Lists the .do files redo looks for, up to the one it runs.\n" },
	{ "redo-log", cmd_log, CM_LOG, "[-r] [-u] [-f] [--no-details] TARGET...\n"
	  "       redo-log --timings|--trace|--html [TARGET...]\n"
	  "Prints what TARGET's .do wrote to stderr in its last build.\n" },
	{ "redo-recheck", cmd_recheck, CM_LIST, "[TARGET...]\n"
	  "Makes this session check the targets here (or TARGET) "
	  "again.\n" },
	{ "redo-dot", cmd_dot, CM_LIST | CM_DOT, "[--project-only] [TARGET...]\n"
	  "Prints the recorded dependency graph for Graphviz.\n" },
	{ "redo-clean", cmd_clean, CM_CLEAN, "[--state] [TARGET...]\n"
	  "Removes the files redo built here (or that TARGET needs), "
	  "with their records.\n" },
	{ "redo-affects", cmd_affects, CM_AFFECTS, "[-1] FILE...\n"
	  "Lists the targets here that depend on FILE.\n" }
};
#define N_COMMANDS (sizeof g_commands / sizeof g_commands[0])

static const struct command *g_cmd;   /* the one running */
static int g_help, g_version, g_no_pretty, g_jobs_opt;

/* The options: long name (NULL: none), letter (0: none), the groups
 * that take it, the flag it sets (NULL: -j, the one with an argument),
 * the variable that hands it down to the session (NULL: none), and its
 * line in --help (NULL: accepted, not listed). */
static const struct option {
	const char *name;
	char letter;
	int groups;
	int *flag;
	const char *env;
	const char *help;
} g_options[] = {
	{ "jobs", 'j', CM_REDO, NULL, NULL, "run up to N .do scripts at once" },
	{ "keep-going", 'k', CM_REDO, &G.keep_going, "REDO_KEEP_GOING",
	  "keep building what does not depend on a failure" },
	{ "debug", 'd', CM_REDO, &G.debug, "REDO_DEBUG",
	  "explain why each target is or is not rebuilt" },
	{ "verbose", 'v', CM_REDO, &G.verbose, "REDO_VERBOSE",
	  "run .do scripts with sh -v" },
	{ "xtrace", 'x', CM_REDO, &G.xtrace, "REDO_XTRACE",
	  "run .do scripts with sh -x" },
	{ "shuffle", 0, CM_REDO, &G.shuffle, "REDO_SHUFFLE",
	  "build sibling targets in random order" },
	{ "dry-run", 'n', CM_REDO, &G.dry_run, NULL,
	  "list the targets whose .do would run; run nothing" },
	{ "question", 'q', CM_REDO, &G.question, NULL,
	  "exit 0 if every TARGET is up to date, else 1" },
	{ "always-make", 'B', CM_REDO, &G.always_make, "REDO_ALWAYS_MAKE",
	  "rebuild every target below each TARGET, once" },
	{ NULL, 'f', CM_REDO, &G.always_make, NULL, "the same as -B" },
	{ "recursive", 'r', CM_LOG, &g_logopts.recursive, NULL,
	  "also the logs of the targets built while it ran" },
	{ "unchanged", 'u', CM_LOG, &g_logopts.unchanged, NULL,
	  "... only those built in the same session" },
	{ "follow", 'f', CM_LOG, &g_logopts.follow, NULL,
	  "wait for a build in progress to finish first" },
	{ "timings", 0, CM_LOG, &g_logopts.timings, NULL,
	  "the last build's runs: times, critical path" },
	{ "trace", 0, CM_LOG, &g_logopts.trace, NULL,
	  "... as Chrome trace-event JSON" },
	{ "html", 0, CM_LOG, &g_logopts.html, NULL,
	  "... as an HTML page with a timeline" },
	{ "project-only", 0, CM_DOT, &g_dot_project_only, NULL,
	  "leave out the files outside the project" },
	{ "state", 0, CM_CLEAN, &g_clean_state, NULL,
	  "also forget targets that are gone or lost their .do" },
	{ NULL, '1', CM_AFFECTS, &g_affects_direct, NULL,
	  "only the targets that depend on FILE directly" },
	{ "no-status", 0, CM_REDO | CM_LOG, &G.no_status, NULL,
	  "no status line on a terminal" },
	{ "color", 0, CM_REDO | CM_LOG, &G.color, NULL,
	  "failures in red on a terminal, even with NO_COLOR" },
	{ "no-color", 0, CM_REDO | CM_LOG, &G.no_color, NULL,
	  "no colour (NO_COLOR does the same)" },
	{ "no-colour", 0, CM_REDO | CM_LOG, &G.no_color, NULL, NULL },
	{ "no-pretty", 0, CM_REDO | CM_LOG, &g_no_pretty, NULL,
	  "plain lines: no status line, no colour" },
	{ "no-log", 0, CM_REDO | CM_LOG, &G.no_log, "REDO_NO_LOG",
	  "keep no log of what .do scripts write to stderr" },
	{ "no-details", 0, CM_REDO | CM_LOG, &G.no_details, "REDO_NO_DETAILS",
	  "show target names, not what their .do wrote" },
	{ "debug-locks", 0, CM_REDO | CM_LOG, &G.debug_locks,
	  "REDO_DEBUG_LOCKS", "say when a target's lock is waited for" },
	{ "debug-pids", 0, CM_REDO | CM_LOG, &g_debug_pids, "REDO_DEBUG_PIDS",
	  "put the process id on redo's own lines" },
	{ "version", 0, CM_ANY, &g_version, NULL,
	  "print the version and exit" },
	{ "help", 'h', CM_ANY, &g_help, NULL, "print this help and exit" }
};
#define N_OPTIONS (sizeof g_options / sizeof g_options[0])

/* The command called name; any other name acts as redo. */
static const struct command *command_named(const char *name)
{
	size_t i;
	for (i = 0; i < N_COMMANDS; i++)
		if (strcmp(name, g_commands[i].name) == 0)
			return &g_commands[i];
	return &g_commands[0];
}

/* Appends the --help lines of the options of group to b. */
static void usage_options(strbuf *b, int group)
{
	size_t i;
	for (i = 0; i < N_OPTIONS; i++) {
		const struct option *o = &g_options[i];
		char head[32];
		if (!(o->groups & group) || !o->help ||
		    (group != CM_REDO && o->groups != CM_ANY &&
		     (o->groups & CM_REDO)))
			continue;   /* redo's, taken by redo-log too */
		snprintf(head, sizeof head, "%c%c%s%s%s%s",
			 o->letter ? '-' : ' ', o->letter ? o->letter : ' ',
			 o->letter && o->name ? ", " : "  ",
			 o->name ? "--" : "", o->name ? o->name : "",
			 o->flag ? "" : "=N");
		sb_addf(b, "  %-18s %s\n", head, o->help);
	}
}

/* Prints the running command's usage and exits 0. */
static void usage(void) NORETURN;
static void usage(void)
{
	strbuf b = {0};
	size_t i;
	sb_addf(&b, "usage: %s %s", g_cmd->name, g_cmd->usage);
	usage_options(&b, g_cmd->group ? g_cmd->group : 0);
	if (!g_cmd->group)
		sb_adds(&b, "It takes no options.\n");
	if (g_cmd == g_commands) {
		sb_adds(&b, "Commands (each has --help and a man page):");
		for (i = 1; i < N_COMMANDS; i++)
			sb_addf(&b, "%s%s", (i - 1) % 6 ? " " : "\n  ",
				g_commands[i].name);
		sb_addc(&b, '\n');
	}
	if (write_all(1, b.s, b.len) < 0)
		die(EXIT_SYSTEM, "cannot write standard output: %s",
		    strerror(errno));
	exit(0);
}

/* A bad command line: one line saying what is wrong (naming the
 * command unless it is redo) and where to look; exits EXIT_USAGE. */
static void usage_error(const char *fmt, ...) NORETURN PRINTF_LIKE(1, 2);
static void usage_error(const char *fmt, ...)
{
	char buf[1024];
	int other = strcmp(g_prog, "redo") != 0;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	msg("%s%s%s; try '%s --help'", other ? g_prog : "", other ? ": " : "",
	    buf, g_prog);
	exit(EXIT_USAGE);
}

static int parse_jobs(const char *s)
{
	unsigned long long v;
	if (parse_ull(s, &v) < 0 || v < 1 || v > 1000)
		usage_error("-j needs a number from 1 to 1000, not '%s'", s);
	return (int)v;
}

static int env_flag(const char *name)
{
	const char *v = getenv(name);
	return v && *v && strcmp(v, "0") != 0;
}

/* The running command's option "--name" (name of length n) or "-l"
 * (name NULL); an unknown one is a usage error. */
static const struct option *option_find(const char *name, size_t n,
					char letter)
{
	size_t i;
	for (i = 0; i < N_OPTIONS; i++) {
		const struct option *o = &g_options[i];
		if (!(o->groups & g_cmd->group))
			continue;
		if (name ? o->name && strlen(o->name) == n &&
			   memcmp(name, o->name, n) == 0
			 : o->letter == letter)
			return o;
	}
	if (name)
		usage_error("unknown option --%.*s", (int)n, name);
	usage_error("unknown option -%c", letter);
	return NULL;    /* not reached (for compilers without NORETURN) */
}

/* One word of options at argv[i]: --name, --jobs=N, -kdv, -jN, -j N.
 * Returns how many words it took. */
static int option_word(int argc, char **argv, int i)
{
	const char *a = argv[i], *c, *eq = strchr(a, '=');
	const struct option *o;
	if (a[1] == '-') {
		o = option_find(a + 2, eq ? (size_t)(eq - a - 2)
					  : strlen(a + 2), 0);
		if (o->flag && eq)
			usage_error("%.*s takes no value", (int)(eq - a), a);
		if (o->flag)
			(*o->flag)++;    /* -dd: more */
		else if (!eq && i + 1 >= argc)
			usage_error("%s needs a number", a);
		else
			g_jobs_opt = parse_jobs(eq ? eq + 1 : argv[i + 1]);
		return o->flag || eq ? 1 : 2;
	}
	for (c = a + 1; *c; c++) {
		o = option_find(NULL, 0, *c);
		if (o->flag) {
			(*o->flag)++;
			continue;
		}
		if (!c[1] && i + 1 >= argc)
			usage_error("-j needs a number");
		g_jobs_opt = parse_jobs(c[1] ? c + 1 : argv[i + 1]);
		return c[1] ? 1 : 2;
	}
	return 1;
}

/* Parses the running command's options; returns the index of the
 * first name.  --help and --version act once all are read. */
static int parse_options(int argc, char **argv)
{
	int i = 1;
	while (i < argc && argv[i][0] == '-' && argv[i][1]) {
		if (strcmp(argv[i], "--") == 0)
			return i + 1;
		i += option_word(argc, argv, i);
	}
	if (g_help)
		usage();
	if (g_version) {
		if (write_all(1, REDO_VERSION "\n",
			      strlen(REDO_VERSION) + 1) < 0)
			die(EXIT_SYSTEM, "cannot write standard output: %s",
			    strerror(errno));
		exit(0);
	}
	if (g_no_pretty)
		G.no_status = G.no_color = 1;
	return i;
}

/* ---- the job pool ---- */

/* The make variables naming a pool to the scripts: none from here on. */
static void pool_env_clear(void)
{
	unsetenv("MAKEFLAGS");
	unsetenv("GNUMAKEFLAGS");
}

/* The pool r,w named to GNU make (4.0 on), in a variable bmake does
 * not read: redo's own pool, and a bmake's joined, which a GNU make in a
 * .do would otherwise take for "-jN" and a pool of its own. */
static void pool_env_for_gnu_make(int r, int w)
{
	char flags[64];
	snprintf(flags, sizeof flags, " --jobserver-auth=%d,%d", r, w);
	env_must("GNUMAKEFLAGS", flags);
}

/* Names the pool r,w of n slots to the scripts, for GNU make and BSD
 * make at once (DESIGN 12): bmake reads "-J R,W" in MAKEFLAGS and stops
 * at any "--" word, which GNU make 4 reads from GNUMAKEFLAGS before
 * MAKEFLAGS, where it passes over the -J it does not know. */
static void pool_env_export(int n, int r, int w)
{
	char flags[64];
	assert(n > 1 && r >= 0 && w >= 0);
	snprintf(flags, sizeof flags, " -j%d -J %d,%d", n, r, w);
	env_must("MAKEFLAGS", flags);
	pool_env_for_gnu_make(r, w);
}

/* A fresh pool of n slots for this process and everything below it;
 * make or bmake started from a .do shares it (pool_env_export). */
static void pool_create(int n)
{
	int p[2], i;
	g_js.rfd = g_js.wfd = -1;
	if (n <= 1) {
		pool_env_clear();
		return;
	}
	if (pipe(p) < 0)
		die(EXIT_SYSTEM, "pipe: %s", strerror(errno));
	/* above the descriptors scripts like to use */
	for (i = 0; i < 2; i++) {
		int hi = fcntl(p[i], F_DUPFD, 100);
		if (hi >= 0) {
			close(p[i]);
			p[i] = hi;
		}
	}
	g_js.rfd = p[0];
	g_js.wfd = p[1];
	/* a bmake that fails empties the pool with reads that must not
	 * block (GNU make 4 makes it non-blocking too) */
	set_nonblock_new_pipe(g_js.rfd);
	for (i = 0; i < n - 1; i++)
		write_all(g_js.wfd, "+", 1);
	pool_env_export(n, g_js.rfd, g_js.wfd);
}

static int fd_is_pipe(int fd)
{
	struct stat st;
	return fcntl(fd, F_GETFD) >= 0 && fstat(fd, &st) == 0 &&
	       S_ISFIFO(st.st_mode);
}

/* BSD make (bmake -jN) names its pool, a pipe of '+' tokens like GNU
 * make's, with the word "-J" and then "R,W" in MAKEFLAGS; returns where
 * R,W starts, or NULL. */
static const char *bmake_pool_fds(const char *mf)
{
	const char *p = mf;
	while ((p = strstr(p, "-J")) != NULL) {
		int word = p == mf || p[-1] == ' ';
		p += 2;
		while (*p == ' ')
			p++;
		if (word && isdigit((unsigned char)*p))
			return p;
	}
	return NULL;
}

/* make -j with no number runs any number of jobs and shares no pool:
 * noted for cmd_redo, which says so unless given -j. */
static int g_make_j_unshared;

static void make_j_unshared(const char *mf)
{
	const char *p = mf;
	while ((p = strstr(p, "-j")) != NULL) {
		int word = p == mf || p[-1] == ' ';
		p += 2;
		if (word && (*p == ' ' || !*p))
			g_make_j_unshared = 1;
	}
}

/* Joins the pool named in MAKEFLAGS, if any; returns 1 if it did. */
static int pool_join(void)
{
	const char *mf = getenv("MAKEFLAGS"), *p;
	int r, w;
	if (!mf)
		return 0;
	p = strstr(mf, "--jobserver-auth=");
	if (p)
		p += 17;
	else if ((p = strstr(mf, "--jobserver-fds=")) != NULL)
		p += 16;
	else if ((p = bmake_pool_fds(mf)) == NULL) {
		make_j_unshared(mf);
		return 0;
	}
	if (strncmp(p, "fifo:", 5) == 0) {
		strbuf path = {0};
		const char *e = p + 5;
		int fd;
		while (*e && *e != ' ')
			e++;
		sb_addn(&path, p + 5, (size_t)(e - p - 5));
		fd = xopen(path.s, O_RDWR, 0);
		sb_free(&path);
		if (fd < 0 || !fd_is_pipe(fd)) {
			msg("warning: jobserver fifo unavailable; building "
			    "serially");
			xclose(fd);
			return 0;
		}
		g_js.rfd = g_js.wfd = fd;
		return 1;
	}
	if (sscanf(p, "%d,%d", &r, &w) != 2)
		return 0;
	if (r < 0 || w < 0 || !fd_is_pipe(r) || !fd_is_pipe(w)) {
		if (!getenv("REDO_SESSION") || !G.target)
			msg("warning: jobserver descriptors %d,%d are closed; "
			    "building serially (use '+' in the make recipe, "
			    "or .MAKE under bmake)",
			    r, w);
		pool_env_clear();
		return 0;
	}
	g_js.rfd = r;
	g_js.wfd = w;
	if (!strstr(mf, "--jobserver-"))
		pool_env_for_gnu_make(r, w);
	return 1;
}


static void at_exit(void)
{
	if (g_top && G.session && !g_memo_dir)   /* not made at start: */
		g_memo_dir = user_dir("sessions");   /* by a nested one? */
	if (g_top && G.session && g_memo_dir) {
		/* the session is over: its memo with it, and the channel
		 * files that processes killed by SIGKILL left behind */
		char *p = path_join(g_memo_dir, G.session);
		unlink(p);
		free(p);
		if (g_made_channels && channel_dir())
			remove_tree(channel_dir());
	}
	tty_finish();
	if (g_js.wfd >= 0)
		tokens_return(0);
}

/* ---- zero install: the command names on PATH ---- */

static char *find_self(const char *argv0)
{
	const char *path, *p;
	if (strchr(argv0, '/'))
		return realpath(argv0, NULL);
	path = getenv("PATH");
	for (p = path; p && *p;) {
		const char *e = strchr(p, ':');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		strbuf b = {0};
		char *r = NULL;
		sb_addn(&b, n ? p : ".", n ? n : 1);
		sb_addc(&b, '/');
		sb_adds(&b, argv0);
		if (access(b.s, X_OK) == 0)
			r = realpath(b.s, NULL);
		sb_free(&b);
		if (r)
			return r;
		p = e ? e + 1 : NULL;
	}
	return NULL;
}

/* Is dir/name the same file as self? */
static int same_binary(const char *dir, const char *name, const char *self)
{
	char *p = path_join(dir, name), *r = realpath(p, NULL);
	int same = r && strcmp(r, self) == 0;
	free(p);
	free(r);
	return same;
}

/* $TMPDIR/redo-UID/SUB, created if needed (unless only reading: then
 * maybe missing); NULL if redo-UID is not a directory that only we can
 * write (then we do not trust it). */
static char *user_dir_as(const char *sub, int make)
{
	strbuf b = {0};
	struct stat st;
	uid_t uid = geteuid();
	sb_adds(&b, g_tmpdir);
	sb_addf(&b, "/redo-%lu", (unsigned long)uid);
	if (make && mkdir(b.s, 0700) < 0 && errno != EEXIST)
		goto fail;
	if (lstat(b.s, &st) < 0 || !S_ISDIR(st.st_mode) ||
	    st.st_uid != uid || (st.st_mode & 077))
		goto fail;
	sb_addc(&b, '/');
	sb_adds(&b, sub);
	if (make && mkdir(b.s, 0700) < 0 && errno != EEXIST)
		goto fail;
	return sb_steal(&b);
fail:
	sb_free(&b);
	return NULL;
}

static char *user_dir(const char *sub)
{
	return user_dir_as(sub, 1);
}

/* A private directory of links (one per command name) to this binary. */
static char *link_dir(const char *self)
{
	char hex[41], *dir;
	int i;
	sha1_hex_of(self, strlen(self), hex);
	hex[16] = 0;
	dir = user_dir(hex);
	if (!dir)
		return NULL;
	for (i = 0; i < (int)N_COMMANDS; i++) {
		const char *name = g_commands[i].name;
		char *p = path_join(dir, name);
		if (!same_binary(dir, name, self)) {
			strbuf tmp = {0};
			sb_adds(&tmp, p);
			sb_addf(&tmp, ".%ld", (long)getpid());
			unlink(tmp.s);
			if (symlink(self, tmp.s) < 0 || rename(tmp.s, p) < 0)
				unlink(tmp.s);
			sb_free(&tmp);
		}
		free(p);
	}
	return dir;
}

/* Puts a directory holding redo-ifchange & co. (this very binary) first
 * on PATH, so that .do scripts find them with nothing installed. */
static void path_setup(const char *argv0)
{
	char *self = find_self(argv0), *dir, *bin = NULL;
	const char *old = getenv("PATH");
	strbuf b = {0};
	if (!self)
		return;
	dir = path_dirname(self);
	if (same_binary(dir, "redo-ifchange", self) &&
	    same_binary(dir, "redo", self))
		bin = dir;
	else {
		free(dir);
		bin = link_dir(self);
	}
	if (bin && !(old && strncmp(old, bin, strlen(bin)) == 0 &&
		     (old[strlen(bin)] == ':' || !old[strlen(bin)]))) {
		sb_adds(&b, bin);
		if (old && *old) {
			sb_addc(&b, ':');
			sb_adds(&b, old);
		}
		env_must("PATH", b.s);
		sb_free(&b);
	}
	free(bin);
	free(self);
}

/* ---- the session ---- */

/* Starts a session (DESIGN 9): a new run id, and none of the variables
 * that say where a process stands below a .do. */
static void session_start(void)
{
	static const char *const below[] = {
		"REDO_TARGET", "REDO_DEPFD", "REDO_DEPFILE", "REDO_STACK",
		"REDO_CHAIN", "REDO_DEPTH", "REDO_ERRFD", "REDO_LOGPIPE", "REDO_LIFELINE"
	};
	char id[64];
	struct timespec ts;
	size_t i;
	clock_gettime(CLOCK_REALTIME, &ts);
	snprintf(id, sizeof id, "%lx.%lx.%lx", (unsigned long)ts.tv_sec,
		 (unsigned long)ts.tv_nsec, (unsigned long)getpid());
	env_must("REDO_SESSION", id);
	env_must("REDO_STARTDIR", g_cwd);
	G.session = getenv("REDO_SESSION");
	G.startdir = getenv("REDO_STARTDIR");
	for (i = 0; i < sizeof below / sizeof *below; i++)
		unsetenv(below[i]);
}

/* Where messages and .do output go: our stderr, unless it is the pipe
 * our parent reads for its own .do's log; then the session's stderr. */
static void output_setup(int top)
{
	unsigned long long dev, ino;
	int lpfd;
	int errfd = getenv_fd("REDO_ERRFD");
	if (!top && fd_identity("REDO_LOGPIPE", &lpfd, &dev, &ino) == 0 &&
	    errfd >= 0 && fd_is_file(2, dev, ino)) {
		g_outfd = errfd;
		g_log_marks = 1;
		g_notes = env_flag("REDO_STATUS");
		return;
	}
	unsetenv("REDO_STATUS");
	/* our stderr is the real one: hand a copy to nested commands */
	errfd = fcntl(2, F_DUPFD, 100);
	if (errfd >= 0)
		setenv_fd("REDO_ERRFD", errfd);
	else
		unsetenv("REDO_ERRFD");
}

/* What the environment says: the options a session passes down and,
 * inside a session, where this process stands in it.  Outside one, what
 * is left of an old session's variables is ignored (session_start()
 * clears them and sets G.session and G.startdir). */
static void settings_from_env(void)
{
	const char *v;
	size_t i;
	for (i = 0; i < N_OPTIONS; i++)
		if (g_options[i].env)
			*g_options[i].flag = env_flag(g_options[i].env);
	if (G.debug && atoi(getenv("REDO_DEBUG")) > 1)
		G.debug = 2;    /* -dd */
	G.locks_broken = env_flag("REDO_LOCKS_BROKEN");
	G.session = getenv("REDO_SESSION");
	if (!G.session)
		return;
	G.startdir = getenv("REDO_STARTDIR");
	G.target = getenv("REDO_TARGET");
	if (G.target && G.target[0] != '/')
		G.target = NULL;
	G.stack = getenv("REDO_STACK");
	v = getenv("REDO_DEPTH");
	G.depth = v ? atoi(v) : 0;
	G.depfd = getenv_fd("REDO_DEPFD");
	if (G.depfd < 0)
		G.depfd = channel_by_name();
}

/* Hands the options that apply to the whole session down to it. */
static void options_to_env(void)
{
	size_t i;
	for (i = 0; i < N_OPTIONS; i++)
		if (g_options[i].env && *g_options[i].flag)
			env_must(g_options[i].env, *g_options[i].flag > 1 ?
				 "2" : "1");
}

/* For the status line's estimate: the longest of the named targets'
 * (default all) last runs, from their records' time lines. */
static void tty_last_build(int argc, char **argv)
{
	char *all = "all";
	int i;
	if (!g_tty.on)
		return;
	if (argc == 0) {
		argc = 1;
		argv = &all;
	}
	for (i = 0; i < argc; i++) {
		trun u;
		if (timing_parse(node_record(node_named(argv[i])), &u) &&
		    (double)(u.t1 - u.t0) / 1e6 > g_tty.last)
			g_tty.last = (double)(u.t1 - u.t0) / 1e6;
	}
}

/* redo: builds (or, -n and -q, only looks). */
static int cmd_redo(int argc, char **argv)
{
	const char *envjobs = getenv("REDO_JOBS");
	if (G.question || G.dry_run)
		return cmd_dry(argc, argv);
	options_to_env();
	if (g_make_j_unshared && !g_jobs_opt && !G.target)
		msg("warning: make -j without a number shares no job slots; "
		    "building serially (use make -jN and '+' in the recipe, "
		    "or redo -jN)");
	if (!g_jobs_opt && !G.target && g_js.rfd < 0 && envjobs)
		g_jobs_opt = parse_jobs(envjobs);
	if (g_jobs_opt)
		pool_create(G.locks_broken ? 1 : g_jobs_opt);
	if (!G.no_status)
		tty_setup(G.no_color);
	if (G.color && g_tty.on)
		g_tty.color = 1;
	tty_last_build(argc, argv);
	return cmd_build(argc, argv, 1);
}

/* redo-ifchange: every argument is a name, but one that starts with
 * '-' and names no file and no target is taken for an option. */
static int cmd_ifchange(int argc, char **argv)
{
	int i;
	for (i = 0; i < argc; i++) {
		node *t;
		dofile df;
		int found;
		if (argv[i][0] != '-' || !argv[i][1])
			continue;
		t = node_named(argv[i]);
		found = node_exists(t);
		if (!found) {
			found = dofile_find(t->path, &df);
			dofile_free(&df);
		}
		if (!found)
			usage_error("takes no options, only names: %s (a "
				    "file of that name: ./%s)", argv[i],
				    argv[i]);
	}
	tty_setup(0);
	return cmd_build(argc, argv, 0);
}

static int run_command(const char *prog, int argc, char **argv)
{
	int first = 1;
	g_cmd = command_named(prog);
	if (g_cmd->group)
		first = parse_options(argc, argv);
	else if (argc > 1 && strcmp(argv[1], "--help") == 0)
		usage();
	return g_cmd->run(argc - first, argv + first);
}

/* getcwd() into a malloc'd buffer.  getcwd(NULL, 0) is a common
 * extension that POSIX leaves unspecified, so grow a buffer instead. */
static char *xgetcwd(void)
{
	size_t cap = 256;
	for (;;) {
		char *buf = xmalloc(cap);
		if (getcwd(buf, cap))
			return buf;
		free(buf);
		if (errno != ERANGE || cap > (size_t)-1 / 4)
			return NULL;
		cap *= 2;
	}
}

int redo_main(int argc, char **argv)
{
	const char *slash = strrchr(argv[0], '/');
	int top;
	g_prog = slash ? slash + 1 : argv[0];
	/* Descriptors named in the environment are checked before we open
	 * anything that could take their numbers. */
	settings_from_env();
	top = G.session == NULL;
	g_top = top;
	g_cwd = xgetcwd();
	if (!g_cwd)
		die(EXIT_SYSTEM, "cannot get the current directory: %s",
		    strerror(errno));
	if (top)
		session_start();
	output_setup(top);
	g_tmpdir = getenv("TMPDIR");
	if (!g_tmpdir || g_tmpdir[0] != '/')
		g_tmpdir = "/tmp";
	set_handler(SIGPIPE, SIG_IGN, 0);
	{
		struct sigaction sa;
		g_sigint_ignored = sigaction(SIGINT, NULL, &sa) == 0 &&
				   sa.sa_handler == SIG_IGN;
	}
	/* said again, so that it survives the exec of a .do where the
	 * ignoring is emulated (qemu-user catches every signal itself) */
	if (g_sigint_ignored)
		set_handler(SIGINT, SIG_IGN, 0);
	pool_join();
	if (top) {
		path_setup(argv[0]);
		unsetenv("CDPATH");
		env_must("REDO_LOG", "1");
		g_memo_dir = user_dir("sessions");
	}
	atexit(at_exit);
	return run_command(g_prog, argc, argv);
}

#ifndef REDO_NO_MAIN
int main(int argc, char **argv)
{
	return redo_main(argc, argv);
}
#endif
