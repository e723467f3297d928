#ifndef SHUHUI_CSHUHUI_H
#define SHUHUI_CSHUHUI_H

// What Swift cannot reach on its own: a CPU prefetch, glibc's malloc_trim and mallopt, and C's standard
// output stream (a global Swift 6 refuses to touch).

#include <stdio.h>
#include <stdlib.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

/// Asks the CPU to bring the cache line at `address` in for writing, without waiting for it.
/// Swift has no prefetch of its own; batch uniqueness uses this to fetch a key's slot while
/// the row's other rules run (see BatchUniqueness.swift).
static inline void shuhui_prefetch(const void *address) {
    __builtin_prefetch(address, 1, 3);
}

/// Hands memory that malloc holds free back to the system (glibc keeps it in its free lists);
/// nothing where the C library is not glibc.
static inline void shuhui_release_free_memory(void) {
#if defined(__GLIBC__)
    malloc_trim(0);
#endif
}

/// Lets malloc serve blocks up to 2 MB from its heaps instead of mapping each, and keep up to
/// 4 MB it freed instead of handing it back at once. An ingest allocates and frees the same
/// few buffers of a megabyte or so for every chunk it reads; with glibc's defaults their pages
/// were often mapped and zeroed again for each chunk (8 % of a dry run's time went to page
/// faults). Larger blocks, such as batch uniqueness's key tables, are still mapped and returned
/// when freed; bench/quality measured 8 and 16 MB no faster and 1 and 2 MB slower. Nothing
/// where the C library is not glibc.
static inline void shuhui_tune_malloc(void) {
#if defined(__GLIBC__)
    mallopt(M_MMAP_THRESHOLD, 2 << 20);
    mallopt(M_TRIM_THRESHOLD, 4 << 20);
#endif
}

/// Writes `line` to standard output under the stream's lock and flushes it, as swift-log's
/// stream handler does, so that log lines keep their order with what `print` writes.
static inline void shuhui_write_stdout(const char *line) {
    flockfile(stdout);
    fputs(line, stdout);
    fflush(stdout);
    funlockfile(stdout);
}

#endif
