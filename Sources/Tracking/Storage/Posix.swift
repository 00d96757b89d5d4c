#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Thin wrappers over the POSIX calls Tracking needs, so the platform module is named in one place.
enum Posix {
    /// Writes all of `bytes` to `descriptor`, retrying on `EINTR` and short writes.
    /// - Returns: `nil` on success, otherwise the `errno` of the failed call.
    static func writeAll(_ descriptor: Int32, _ bytes: [UInt8]) -> Int32? {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer in
                systemWrite(descriptor, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                return errno
            }
            if written == 0 { return EIO }
            offset += written
        }
        return nil
    }

    /// Closes a descriptor, ignoring errors (used on teardown paths).
    static func closeQuietly(_ descriptor: Int32) {
        _ = systemClose(descriptor)
    }

    /// The host name of this machine, or `"localhost"` if it cannot be read.
    static func hostName() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "localhost" }
        let name = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return name.isEmpty ? "localhost" : name
    }

    #if canImport(Glibc)
        private static let systemWrite = Glibc.write
        private static let systemClose = Glibc.close
    #elseif canImport(Darwin)
        private static let systemWrite = Darwin.write
        private static let systemClose = Darwin.close
    #endif
}
