#if HDF5
    import CHDF5
    import Foundation
    import Tensor

    /// A thin, throwing wrapper over libhdf5 for the flat numeric datasets offline RL files hold (HDF5 trait only).
    struct HDF5File {
        let id: hid_t
        let path: String

        /// Opens `path` read-only.
        init(reading path: String) throws(DatasetError) {
            swiftrl_h5_silence_errors()
            guard FileManager.default.fileExists(atPath: path) else {
                throw DatasetError(.io, "\(path): no such file")
            }
            let handle = H5Fopen(path, swiftrl_h5f_acc_rdonly(), swiftrl_h5p_default())
            guard handle >= 0 else {
                throw DatasetError(.corrupt, "\(path): not a readable HDF5 file (truncated or corrupt)")
            }
            id = handle
            self.path = path
        }

        /// Creates (truncates) `path` for writing.
        init(creating path: String) throws(DatasetError) {
            swiftrl_h5_silence_errors()
            let handle = H5Fcreate(path, swiftrl_h5f_acc_trunc(), swiftrl_h5p_default(), swiftrl_h5p_default())
            guard handle >= 0 else { throw DatasetError(.io, "\(path): cannot create an HDF5 file there") }
            id = handle
            self.path = path
        }

        func close() { H5Fclose(id) }

        /// Whether the object `name` (a path like `episode_0/actions`) exists.
        func exists(_ name: String) -> Bool {
            var prefix = ""
            for part in name.split(separator: "/") {
                prefix += (prefix.isEmpty ? "" : "/") + part
                if H5Lexists(id, prefix, swiftrl_h5p_default()) <= 0 { return false }
            }
            return true
        }

        /// The names directly under group `group` ("/" for the root).
        func children(of group: String) -> [String] {
            final class Names { var values: [String] = [] }
            let names = Names()
            var index: hsize_t = 0
            let box = Unmanaged.passRetained(names)
            defer { box.release() }
            _ = H5Literate_by_name(
                id, group, H5_INDEX_NAME, H5_ITER_INC, &index,
                { _, name, _, data in
                    guard let name, let data else { return 0 }
                    Unmanaged<Names>.fromOpaque(data).takeUnretainedValue().values.append(String(cString: name))
                    return 0
                }, box.toOpaque(), swiftrl_h5p_default())
            return names.values
        }

        /// Reads dataset `name` as `Float` values with its shape (integer, boolean and double data are converted).
        func readFloats(_ name: String) throws(DatasetError) -> (values: [Float], shape: [Int]) {
            guard exists(name) else { throw DatasetError(.missingKey, "\(path): no dataset `\(name)`") }
            let dataset = H5Dopen2(id, name, swiftrl_h5p_default())
            guard dataset >= 0 else { throw DatasetError(.corrupt, "\(path): cannot open dataset `\(name)`") }
            defer { H5Dclose(dataset) }
            let space = H5Dget_space(dataset)
            defer { H5Sclose(space) }
            let rank = Int(H5Sget_simple_extent_ndims(space))
            guard rank >= 0 else { throw DatasetError(.corrupt, "\(path): dataset `\(name)` has no simple shape") }
            guard rank <= 32 else { throw DatasetError(.corrupt, "\(path): dataset `\(name)` has rank \(rank) (> 32)") }
            guard swiftrl_h5_numeric_element_size(dataset) > 0 else {
                throw DatasetError(
                    .corrupt, "\(path): dataset `\(name)` is not numeric (expected integers, floats or booleans)")
            }
            var dims = [hsize_t](repeating: 0, count: max(rank, 1))
            guard H5Sget_simple_extent_dims(space, &dims, nil) >= 0,
                H5Sget_simple_extent_npoints(space) >= 0
            else { throw DatasetError(.corrupt, "\(path): dataset `\(name)` has an unreadable shape") }
            let shape = dims.prefix(rank).compactMap { Int(exactly: $0) }
            guard shape.count == rank else {
                throw DatasetError(.corrupt, "\(path): dataset `\(name)` has a dimension over 2^63")
            }
            let count: Int
            do { count = try CheckedDecoding.elementCount(shape, field: "\(name).shape", file: path) } catch {
                throw DatasetError(.corrupt, error.description)
            }
            // A damaged dataspace can declare far more elements than the file could hold even compressed (deflate
            // expands at most ~1032×): refuse it instead of allocating it.
            var fileSize: hsize_t = 0
            _ = H5Fget_filesize(id, &fileSize)
            let limit = (Int(clamping: fileSize) / 4).multipliedReportingOverflow(by: 1100)
            guard limit.overflow || count <= limit.partialValue + (1 << 18) else {
                throw DatasetError(
                    .corrupt,
                    "\(path): dataset `\(name)` declares shape \(shape) (\(count) values), more than a file of "
                        + "\(fileSize) bytes can hold; the file is damaged")
            }
            guard Int(H5Sget_simple_extent_npoints(space)) == count else {
                throw DatasetError(.corrupt, "\(path): dataset `\(name)` has inconsistent dimensions")
            }
            var values = [Float](repeating: 0, count: count)
            if count == 0 { return (values, shape) }  // nothing to read (and no buffer to pass)
            let status = values.withUnsafeMutableBytes { buffer in
                H5Dread(
                    dataset, swiftrl_h5t_native_float(), swiftrl_h5s_all(), swiftrl_h5s_all(), swiftrl_h5p_default(),
                    buffer.baseAddress)
            }
            guard status >= 0 else {
                throw DatasetError(
                    .corrupt, "\(path): cannot read `\(name)` as numbers (truncated file or non-numeric type)")
            }
            return (values, shape)
        }

        /// Creates the groups along `name` ("a/b" creates "a").
        func makeGroups(for name: String) {
            let parts = name.split(separator: "/").dropLast()
            var prefix = ""
            for part in parts {
                prefix += (prefix.isEmpty ? "" : "/") + part
                if H5Lexists(id, prefix, swiftrl_h5p_default()) <= 0 {
                    let group = H5Gcreate2(
                        id, prefix, swiftrl_h5p_default(), swiftrl_h5p_default(), swiftrl_h5p_default())
                    if group >= 0 { H5Gclose(group) }
                }
            }
        }

        /// Writes a float32 dataset (gzip level 4 when large enough to matter).
        func write(_ name: String, floats values: [Float], shape: [Int]) throws(DatasetError) {
            try write(name, type: swiftrl_h5t_native_float(), shape: shape, bytes: values.withUnsafeBytes { Array($0) })
        }

        /// Writes a boolean dataset as 8-bit unsigned 0/1 (h5py reads it as `uint8`; SwiftRL reads it back as flags).
        func write(_ name: String, bools values: [Bool], shape: [Int]) throws(DatasetError) {
            try write(name, type: swiftrl_h5t_native_hbool(), shape: shape, bytes: values.map { $0 ? 1 : 0 })
        }

        /// Writes an int64 dataset.
        func write(_ name: String, ints values: [Int64], shape: [Int]) throws(DatasetError) {
            try write(name, type: swiftrl_h5t_native_int64(), shape: shape, bytes: values.withUnsafeBytes { Array($0) })
        }

        private func write(_ name: String, type: hid_t, shape: [Int], bytes: [UInt8]) throws(DatasetError) {
            makeGroups(for: name)
            var dims = shape.map { hsize_t($0) }
            let space = H5Screate_simple(Int32(dims.count), &dims, nil)
            defer { H5Sclose(space) }
            let dataset = H5Dcreate2(
                id, name, type, space, swiftrl_h5p_default(), swiftrl_h5p_default(), swiftrl_h5p_default())
            guard dataset >= 0 else { throw DatasetError(.io, "\(path): cannot create dataset `\(name)`") }
            defer { H5Dclose(dataset) }
            let status = bytes.withUnsafeBytes { buffer in
                H5Dwrite(dataset, type, swiftrl_h5s_all(), swiftrl_h5s_all(), swiftrl_h5p_default(), buffer.baseAddress)
            }
            guard status >= 0 else { throw DatasetError(.io, "\(path): cannot write dataset `\(name)`") }
        }
    }
#endif
