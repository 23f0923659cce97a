// Giving memory back to the system while the pipeline runs (not part of the public API): the
// heap's freed small blocks (TrimHeap), and a vector emptied from its end, while it is being
// emptied (ReleaseSparePages). A vector frees its storage only whole, so turning one large array
// into another (ten million documents into report entries) holds both whole at once; emptying the
// first from its end and giving back the pages past its last element as it shrinks holds the
// two about as long as one.
#ifndef TRENDSCAN_SRC_UTIL_SPARE_PAGES_HPP_
#define TRENDSCAN_SRC_UTIL_SPARE_PAGES_HPP_

#include <cstdint>
#include <vector>

#if defined(__linux__)
#include <sys/mman.h>
#include <unistd.h>
#endif
#if defined(__GLIBC__)
#include <malloc.h>
#endif

// Built with a sanitizer whose allocator replaces glibc's (its malloc_trim would then set up a
// heap nobody uses, racing when threads call it at once: seen crashing under ASan).
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define TRENDSCAN_SANITIZER_ALLOCATOR 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) || \
    __has_feature(memory_sanitizer)
#define TRENDSCAN_SANITIZER_ALLOCATOR 1
#endif
#endif

namespace trendscan::internal {

// The pages of the heap's free blocks go back to the system (glibc's malloc_trim), after a stage
// has freed many small blocks (texts, identities, rows of counts) that glibc would otherwise keep
// resident for reuse. A no-op without glibc or under a sanitizer's allocator.
inline void TrimHeap() {
#if defined(__GLIBC__) && !defined(TRENDSCAN_SANITIZER_ALLOCATOR)
  malloc_trim(0);
#endif
}

// For the whole process, once, before threads start: blocks of 4 MB and more get mappings of
// their own, given back when freed. glibc raises that size each time such a block is freed (up
// to 32 MB): after the first file of posts is read, the next files' buffers and the vectors of a
// few MB came from the heap and left holes there it could not give back (a million posts, 911 ->
// 844 MB at the peak: BENCHMARKS.md, "Short posts, third pass"). A no-op without glibc.
inline void MapLargeBlocksApart() {
#if defined(__GLIBC__) && !defined(TRENDSCAN_SANITIZER_ALLOCATOR)
  mallopt(M_MMAP_THRESHOLD, 4 << 20);
#endif
}

// The whole pages of `v`'s storage past its last element go back to the system (Linux: madvise
// MADV_DONTNEED, which reads them back as zeros if they are written again: no element lives
// there, and the vector constructs any new one in place). A no-op elsewhere, or when the spare
// storage holds no whole page. The storage stays allocated and `v` valid.
template <typename T>
void ReleaseSparePages(std::vector<T>& v) {
#if defined(__linux__)
  static const auto page = static_cast<std::uintptr_t>(::sysconf(_SC_PAGESIZE));
  const auto used_end = reinterpret_cast<std::uintptr_t>(v.data() + v.size());
  const auto storage_end = reinterpret_cast<std::uintptr_t>(v.data() + v.capacity());
  const std::uintptr_t first = (used_end + page - 1) / page * page;
  const std::uintptr_t last = storage_end / page * page;
  if (v.data() == nullptr || last <= first) return;
  ::madvise(reinterpret_cast<void*>(first), last - first, MADV_DONTNEED);
#else
  (void)v;
#endif
}

}  // namespace trendscan::internal

#endif  // TRENDSCAN_SRC_UTIL_SPARE_PAGES_HPP_
