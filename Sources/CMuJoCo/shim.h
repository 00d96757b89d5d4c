// MuJoCo's C API (mj_loadXML, mj_step, mj_forward, …). Used only by the Environments target's MuJoCo trait.
// Headers and library come from pkg-config's `mujoco` entry when one exists (Scripts/mujoco-wheel.sh writes one
// for the PyPI wheel), else from the system paths (Debian's libmujoco-dev: /usr/include/mujoco, -lmujoco).
#include <mujoco/mujoco.h>

// Routes MuJoCo's warnings (otherwise appended to MUJOCO_LOG.TXT in the working directory) to `handler`; a C
// helper because Swift 6 cannot assign the imported global function pointer (shared mutable state). Exists in
// every MuJoCo version (newer ones also have mju_setLogHandler).
static inline void swiftrl_mujoco_set_warning_handler(void (*handler)(const char*)) {
    mju_user_warning = handler;
}
