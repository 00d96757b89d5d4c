// HDF5's type and property constants are macros over run-time globals, which Swift cannot import; these
// static inline functions return them. Used only by the Offline target's HDF5 trait.
#include <hdf5.h>

static inline hid_t swiftrl_h5t_native_float(void) { return H5T_NATIVE_FLOAT; }
static inline hid_t swiftrl_h5t_native_double(void) { return H5T_NATIVE_DOUBLE; }
static inline hid_t swiftrl_h5t_native_int64(void) { return H5T_NATIVE_INT64; }
static inline hid_t swiftrl_h5t_native_uint8(void) { return H5T_NATIVE_UINT8; }
static inline hid_t swiftrl_h5t_native_hbool(void) { return H5T_NATIVE_HBOOL; }
static inline hid_t swiftrl_h5p_default(void) { return H5P_DEFAULT; }
static inline hid_t swiftrl_h5s_all(void) { return H5S_ALL; }
static inline hid_t swiftrl_h5p_dataset_create(void) { return H5P_DATASET_CREATE; }
static inline unsigned swiftrl_h5f_acc_rdonly(void) { return H5F_ACC_RDONLY; }
static inline unsigned swiftrl_h5f_acc_trunc(void) { return H5F_ACC_TRUNC; }
/// Turns off libhdf5's automatic error-stack printing (SwiftRL reports errors itself).
static inline void swiftrl_h5_silence_errors(void) { H5Eset_auto2(H5E_DEFAULT, NULL, NULL); }
/// The element size in bytes of a dataset whose type is an integer, a float, or an enum over an integer (h5py's
/// booleans), when it is at most 8 bytes; -1 for any other type (strings, compounds, arrays, a damaged type).
static inline int swiftrl_h5_numeric_element_size(hid_t dataset) {
    hid_t type = H5Dget_type(dataset);
    if (type < 0) return -1;
    H5T_class_t kind = H5Tget_class(type);
    size_t size = H5Tget_size(type);
    int result = -1;
    if ((kind == H5T_INTEGER || kind == H5T_FLOAT || kind == H5T_ENUM) && size >= 1 && size <= 8) {
        result = (int)size;
        if (kind == H5T_ENUM) {
            hid_t base = H5Tget_super(type);
            if (base < 0 || H5Tget_class(base) != H5T_INTEGER) result = -1;
            if (base >= 0) H5Tclose(base);
        }
    }
    H5Tclose(type);
    return result;
}
