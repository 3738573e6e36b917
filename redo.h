/*
 * redo.h - the portability knobs, the types and the functions of redo.c
 * that the unit tests in t/ call.
 *
 * Everything else in redo.c is static.  Build the tests by compiling
 * redo.c with -DREDO_NO_MAIN and linking a test program that includes
 * this header.
 */
#ifndef REDO_H
#define REDO_H

/*
 * What redo.c assumes of the system: C99 and POSIX.1-2008 with the XSI
 * option, nothing Linux- or GNU-specific.  Beyond C99 it calls:
 *   POSIX.1-2008 base  realpath(p, NULL), open(O_CLOEXEC), futimens(),
 *                      clock_gettime(CLOCK_REALTIME), mkstemp(), poll(),
 *                      fcntl() byte-range locks, sigaction(), symlink(),
 *                      pread(), fstatat(), open(O_DIRECTORY)
 *   XSI                setitimer() (obsolescent, but everywhere)
 * getcwd() is always given a buffer (getcwd(NULL, 0) is an extension).
 * Not POSIX.1-2008, used only where defined: <sys/ioctl.h> with
 * TIOCGWINSZ, and SIGWINCH, for the terminal's width (the status line,
 * DESIGN 14); without them $COLUMNS, then 80.  Build with
 * -DREDO_NO_WINSIZE where <sys/ioctl.h> is missing.
 * Known to build: glibc and musl (gcc, clang, tcc) on x86-64; glibc on
 * i686 (32-bit) and s390x (big-endian), whose suites CI runs (`make
 * check-i686`, `make check-s390x`).  Expected to build
 * on FreeBSD, NetBSD >= 7, OpenBSD, illumos and macOS >= 10.13 (futimens,
 * clock_gettime); older systems lack one of the calls above.
 *
 * Feature test macros: we ask for POSIX.1-2008 with XSI and nothing
 * else.  macOS hides st_mtimespec (below) in that mode unless
 * _DARWIN_C_SOURCE is defined too.  _FILE_OFFSET_BITS asks 32-bit
 * systems for a 64-bit off_t (byte-range locks at hashed offsets need
 * it); systems that do not know it ignore it.
 */
#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700      /* POSIX.1-2008 with XSI: realpath() */
#endif
#if defined(__APPLE__) && !defined(_DARWIN_C_SOURCE)
#define _DARWIN_C_SOURCE 1
#endif
#ifndef _FILE_OFFSET_BITS
#define _FILE_OFFSET_BITS 64
#endif

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <sys/stat.h>

#define REDO_VERSION "0.9.0"

/* Function attributes where the compiler knows them (gcc, clang, tcc
 * understand __attribute__), nothing elsewhere.  NORETURN marks what
 * never returns; PRINTF_LIKE(f, a) lets the compiler check the format
 * in argument f against the arguments from a on. */
#if defined(__GNUC__) || defined(__clang__) || defined(__TINYC__)
#define NORETURN __attribute__((noreturn))
#define PRINTF_LIKE(f, a) __attribute__((format(printf, f, a)))
#else
#define NORETURN
#define PRINTF_LIKE(f, a)
#endif

/* The first line of every state record; bump the number on any change. */
#define RECORD_MAGIC "redo-record"
#define RECORD_VERSION 2

/*
 * Nanosecond modification times, behind one macro.  POSIX.1-2008 spells
 * them st_mtim (glibc, musl, FreeBSD, NetBSD >= 7, OpenBSD, illumos);
 * macOS spells them st_mtimespec (__APPLE__ selects it).  For other
 * systems, cc -DREDO_MTIMESPEC (st_mtimespec, older BSDs),
 * -DREDO_MTIMENSEC (st_mtimensec, BSDs in strict POSIX mode) or
 * -DREDO_MTIME_SEC_ONLY (whole seconds; the racy-source check of SPEC
 * §4 still catches same-second edits, at the cost of short waits).
 */
#if defined(REDO_MTIME_SEC_ONLY)
#define ST_MTIME_NSEC(st) ((void)(st), 0L)
#elif defined(REDO_MTIMENSEC)
#define ST_MTIME_NSEC(st) ((long)(st)->st_mtimensec)
#elif defined(__APPLE__) || defined(REDO_MTIMESPEC)
#define ST_MTIME_NSEC(st) ((long)(st)->st_mtimespec.tv_nsec)
#else
#define ST_MTIME_NSEC(st) ((long)(st)->st_mtim.tv_nsec)
#endif

/* NAME_MAX is optional in <limits.h>; 255 is what every filesystem we
 * know allows for one path component. */
#define REDO_NAME_MAX 255

/*
 * Exit codes.  Only the process that detects a condition uses its
 * specific code; a redo or redo-ifchange whose targets failed exits 1.
 * The table is in doc/redo.1 and doc/DESIGN.md.
 */
enum redo_exit {
	EXIT_OK = 0,            /* success */
	EXIT_FAILED = 1,        /* a target failed to build */
	EXIT_USAGE = 2,         /* bad command line */
	EXIT_NOT_IN_DO = 3,     /* command only makes sense inside a .do */
	EXIT_SYSTEM = 4,        /* the system refused (I/O, memory, fork) */
	EXIT_NO_RULE = 5,       /* redo-whichdo: no .do file exists */
	EXIT_INTERRUPTED = 130, /* SIGINT or SIGTERM */
	EXIT_MODIFIED_1 = 206,  /* the .do wrote $1 directly */
	EXIT_BOTH_OUTPUTS = 207,/* the .do wrote both stdout and $3 */
	EXIT_CYCLE = 208        /* dependency cycle */
};

/* ---- growable byte string ------------------------------------------ */
typedef struct strbuf {
	char *s;       /* always NUL-terminated when cap > 0 */
	size_t len;
	size_t cap;
} strbuf;

void sb_addn(strbuf *b, const char *s, size_t n);
void sb_adds(strbuf *b, const char *s);
void sb_addc(strbuf *b, char c);
void sb_free(strbuf *b);

/* ---- SHA-1 (FIPS 180-4) --------------------------------------------- */
typedef struct sha1_ctx {
	uint32_t h[5];
	uint64_t nbytes;
	unsigned char block[64];
	size_t used;
} sha1_ctx;

void sha1_init(sha1_ctx *c);
void sha1_update(sha1_ctx *c, const void *data, size_t n);
void sha1_final(sha1_ctx *c, unsigned char digest[20]);
void sha1_hex(const unsigned char digest[20], char hex[41]);

/* ---- escaping of names in line-oriented text ------------------------- */
/* Appends s with '\\' -> "\\\\" and '\n' -> "\\n" (and '\r' -> "\\r"). */
void esc_append(strbuf *b, const char *s, size_t n);
/* Undoes esc_append in place; returns the new length, or -1 if s holds
 * a bad escape. */
long unescape_inplace(char *s, size_t n);

/* ---- paths ------------------------------------------------------------ */
/* Joins dir (absolute, canonical) and rel, folding "." and "..";
 * rel may be absolute.  Returns a malloc'd string. */
char *path_join(const char *dir, const char *rel);
/* The path of abs relative to the directory base (both absolute and
 * canonical), with "../" as needed; "." for the same path.  malloc'd. */
char *path_relative(const char *abs, const char *base);

/* ---- stamps ----------------------------------------------------------- */
/* A stamp is a short text: "-" missing, "d" directory, "f:..." file,
 * "l:...>X" a symlink whose target has stamp X, "!" never equal. */
#define STAMP_MAX 512
void stamp_from_stat(const struct stat *st, char out[STAMP_MAX]);
void stamp_of_path(const char *path, char out[STAMP_MAX]);
/* The mtime (seconds, nanoseconds) and size in a "f:" or "l:" stamp;
 * returns 0 if the stamp has none. */
int stamp_fields(const char *stamp, long long *sec, long *nsec,
		 long long *size);

/* ---- state records ---------------------------------------------------- */
enum dep_kind {
	DEP_IFCHANGE = 'c',  /* redo-ifchange: rebuild when it changes */
	DEP_IFCREATE = 'n',  /* redo-ifcreate: rebuild when it appears */
	DEP_ALWAYS = 'a',    /* redo-always: rebuild in every session */
	DEP_DOFILE = 'd'     /* the .do that built the target */
};

typedef struct rec_dep {
	char kind;           /* enum dep_kind */
	char *stamp;         /* as recorded */
	unsigned long long seq; /* build sequence of a target dep, else 0 */
	char *sum;           /* 40 hex digits or NULL */
	char *content;       /* a file's SHA-1 when declared, or NULL */
	int racy;            /* its stamp was as new as the file clock:
				compare content even when it is equal */
	char *path;          /* relative to the target's dir, or absolute */
} rec_dep;

enum rec_type { REC_TARGET = 't', REC_SOURCE = 's' };

/* One line of a record's summary: a file anywhere below the target
 * (a dependency, or the record of a target dependency) and its stamp. */
typedef struct rec_deep {
	char kind;           /* 'f' (deep): a file and the stamp it must have;
				'b' (below): a target whose own summary stands
				for all below it, and the stamp its record
				file must have;
				'q' (fresh): the same, named by the build
				sequence its record must have (stamp holds
				it), for a record of the summary's tick;
				'd' (dir): a directory and its stamp */
	char *stamp;
	char *path;          /* relative to the target's dir, or absolute */
} rec_deep;

typedef struct record {
	char *name;                /* the target's basename */
	char type;                 /* enum rec_type */
	unsigned long long seq;    /* changes on every successful build */
	char *run;                 /* session id of last build attempt or "-" */
	int failed;                /* that attempt failed */
	char *stamp;               /* the target as redo left it */
	char *content;             /* SHA-1 of that file, or NULL */
	char *prev;                /* the target before that (see DESIGN) */
	char *sum;                 /* redo-stamp checksum or NULL */
	char *warned;              /* session id of last override warning */
	const char *time;          /* the last run's "time" line (DESIGN
				      3.2), unparsed, or NULL */
	rec_dep *deps;
	size_t ndeps;
	char **built;              /* targets built while its .do ran */
	size_t nbuilt;
	rec_deep *deep;            /* the summary (see DESIGN): every file */
	size_t ndeep;              /* below it and the stamp it must have;
				      NULL deep with ndeep > 0: a summary
				      let go once checked (only its size
				      is known) */
	char *buf;                 /* owns the strings above */
	void *tail;                /* NULL, or a block of tailcap bytes */
	size_t tailcap;            /* owning deep[] and its strings */
} record;

/* Parses buf[0..n) (it takes ownership of buf, which must be malloc'd
 * with room for one more byte).  Returns 0, or -1 with *why set to a
 * static message. */
int record_parse(char *buf, size_t n, record *r, const char **why);
/* Serialises r; record_parse(record_format(r)) gives r back. */
void record_format(const record *r, strbuf *out);
void record_free(record *r);

/* The whole program: main() calls it (the unit tests do not). */
int redo_main(int argc, char **argv);

#endif /* REDO_H */
