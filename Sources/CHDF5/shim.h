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
