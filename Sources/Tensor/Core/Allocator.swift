#if canImport(Glibc)
import Glibc
#endif

/// Process-wide allocator tuning, applied once when the first tensor is created.
///
/// glibc serves blocks above 128 KiB with fresh `mmap`s and unmaps them on free, so every large activation or
/// gradient of a training step paid page faults and page clearing (≈ 8% of a transformer step). Raising the
/// mmap and trim thresholds keeps those blocks in the heap for reuse. `mallopt` is looked up at run time (the
/// Glibc module does not export it); other C libraries are left alone.
enum AllocatorTuning {
    static let applied: Bool = {
        #if os(Linux)
        typealias MallOpt = @convention(c) (Int32, Int32) -> Int32
        guard let handle = dlopen(nil, RTLD_NOW), let symbol = dlsym(handle, "mallopt") else { return false }
        let mallopt = unsafeBitCast(symbol, to: MallOpt.self)
        let mmapThreshold: Int32 = -3, trimThreshold: Int32 = -1  // M_MMAP_THRESHOLD, M_TRIM_THRESHOLD (malloc.h)
        _ = mallopt(mmapThreshold, 256 << 20)
        _ = mallopt(trimThreshold, 512 << 20)
        return true
        #else
        return false
        #endif
    }()
}
