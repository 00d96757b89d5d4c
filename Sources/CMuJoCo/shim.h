// MuJoCo's C API (mj_loadXML, mj_step, mj_forward, …). Used only by the Environments target's MuJoCo trait.
// Headers and library come from pkg-config's `mujoco` entry when one exists (Scripts/mujoco-wheel.sh writes one
// for the PyPI wheel), else from the system paths (Debian's libmujoco-dev: /usr/include/mujoco, -lmujoco).
#include <mujoco/mujoco.h>
