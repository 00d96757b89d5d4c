import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Raw-deflate decompression (ZIP method 8) through the system zlib, loaded at run time with `dlopen` so the
/// build needs no system library.
enum Inflate {
    private typealias InflateInit2 =
        @convention(c) (UnsafeMutableRawPointer, Int32, UnsafePointer<CChar>, Int32) -> Int32
    private typealias InflateStep = @convention(c) (UnsafeMutableRawPointer, Int32) -> Int32
    private typealias InflateEnd = @convention(c) (UnsafeMutableRawPointer) -> Int32

    /// Decompresses raw deflate `input` into exactly `outputCount` bytes.
    /// - Throws: ``DatasetError`` when zlib is missing or the stream is corrupt.
    static func decompress(_ input: [UInt8], outputCount: Int, name: String) throws(DatasetError) -> [UInt8] {
        guard
            let library = dlopen("libz.so.1", RTLD_NOW) ?? dlopen("libz.so", RTLD_NOW)
                ?? dlopen("libz.dylib", RTLD_NOW),
            let initSymbol = dlsym(library, "inflateInit2_"), let stepSymbol = dlsym(library, "inflate"),
            let endSymbol = dlsym(library, "inflateEnd"), let versionSymbol = dlsym(library, "zlibVersion")
        else {
            throw DatasetError(
                .unsupported,
                "\(name) is deflate-compressed but zlib (libz.so.1) could not be loaded; install zlib "
                    + "or save with numpy.savez (uncompressed)")
        }
        // Deflate cannot expand beyond 1032:1; a larger declared size is a damaged header, not a reason to allocate.
        guard outputCount >= 0, outputCount <= Int(UInt32.max), input.count <= Int(UInt32.max),
            outputCount <= input.count * 1_032 + 64
        else {
            throw DatasetError(
                .corrupt,
                "\(name): declared size \(outputCount) bytes cannot come from \(input.count) deflated bytes")
        }
        let initialize = unsafeBitCast(initSymbol, to: InflateInit2.self)
        let step = unsafeBitCast(stepSymbol, to: InflateStep.self)
        let end = unsafeBitCast(endSymbol, to: InflateEnd.self)
        let version = unsafeBitCast(versionSymbol, to: (@convention(c) () -> UnsafePointer<CChar>).self)()
        // z_stream on LP64: next_in@0, avail_in@8, total_in@16, next_out@24, avail_out@32, total_out@40, msg@48,
        // state@56, zalloc@64, zfree@72, opaque@80, data_type@88, adler@96, reserved@104; 112 bytes.
        let streamSize = 112
        let stream = UnsafeMutableRawPointer.allocate(byteCount: streamSize, alignment: 16)
        defer { stream.deallocate() }
        stream.initializeMemory(as: UInt8.self, repeating: 0, count: streamSize)
        var output = [UInt8](repeating: 0, count: outputCount)
        var input = input
        let status: Int32 = input.withUnsafeMutableBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                guard initialize(stream, -15, version, Int32(streamSize)) == 0 else { return -100 }
                defer { _ = end(stream) }
                stream.storeBytes(of: source.baseAddress, toByteOffset: 0, as: UnsafeMutablePointer<UInt8>?.self)
                stream.storeBytes(of: UInt32(source.count), toByteOffset: 8, as: UInt32.self)
                stream.storeBytes(of: target.baseAddress, toByteOffset: 24, as: UnsafeMutablePointer<UInt8>?.self)
                stream.storeBytes(of: UInt32(target.count), toByteOffset: 32, as: UInt32.self)
                let result = step(stream, 4)  // Z_FINISH
                let produced = stream.load(fromByteOffset: 40, as: UInt.self)
                return result == 1 && Int(produced) == target.count ? 0 : result
            }
        }
        guard status == 0 else {
            throw DatasetError(.corrupt, "\(name): deflate stream is corrupt or truncated (zlib status \(status))")
        }
        return output
    }
}
