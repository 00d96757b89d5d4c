#!/usr/bin/env bash
# Points the MuJoCo package trait at the libmujoco inside the `mujoco` PyPI wheel (the library Gymnasium uses), so
# SwiftRL and Gymnasium run the same physics. Source it with the venv that has `pip install mujoco`:
#   source Scripts/mujoco-wheel.sh .venv && swift build --traits MuJoCo
# It writes <venv>/swiftrl-mujoco/{mujoco.pc, libmujoco.so} and exports PKG_CONFIG_PATH (headers and -L for the
# build) and LD_LIBRARY_PATH (the library at run time).
venv="${1:-.venv}"
python="$venv/bin/python"
if [ ! -x "$python" ]; then
    echo "mujoco-wheel.sh: no Python at $python; create the venv and run \`$venv/bin/pip install mujoco\`" >&2
    return 1 2>/dev/null || exit 1
fi
package="$("$python" -c 'import mujoco, os; print(os.path.dirname(mujoco.__file__))')" || {
    echo "mujoco-wheel.sh: \`import mujoco\` failed; run \`$venv/bin/pip install mujoco\`" >&2
    return 1 2>/dev/null || exit 1
}
library="$(ls "$package"/libmujoco.so.* 2>/dev/null | head -n 1)"
if [ -z "$library" ] || [ ! -d "$package/include/mujoco" ]; then
    echo "mujoco-wheel.sh: $package has no libmujoco.so.* or include/mujoco (mujoco ≥ 3 wheels ship both)" >&2
    return 1 2>/dev/null || exit 1
fi
version="${library##*libmujoco.so.}"
out="$(cd "$venv" && pwd)/swiftrl-mujoco"
mkdir -p "$out"
ln -sf "$library" "$out/libmujoco.so"
ln -sf "$library" "$out/$(basename "$library")"
cat >"$out/mujoco.pc" <<PC
Name: mujoco
Description: MuJoCo physics from the PyPI wheel at $package
Version: $version
Cflags: -I$package/include
Libs: -L$out -lmujoco
PC
export PKG_CONFIG_PATH="$out${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}"
export LD_LIBRARY_PATH="$out${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
echo "MuJoCo $version from $package (PKG_CONFIG_PATH and LD_LIBRARY_PATH set)"
