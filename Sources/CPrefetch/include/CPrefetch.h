#ifndef SHUHUI_CPREFETCH_H
#define SHUHUI_CPREFETCH_H

/// Asks the CPU to bring the cache line at `address` in for writing, without waiting for it.
/// Swift has no prefetch of its own; batch uniqueness uses this to fetch a key's slot while
/// the row's other rules run (see BatchUniqueness.swift).
static inline void shuhui_prefetch(const void *address) {
    __builtin_prefetch(address, 1, 3);
}

#endif
