"""Marks the wheel as what it is: one Linux x86-64 binary (glibc >= 2.35), any Python 3."""

import os

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

TAG = "py3-none-manylinux_2_35_x86_64"


class PortableBinaryHook(BuildHookInterface):
    def initialize(self, version, build_data):
        if self.target_name != "wheel":
            return
        binary = os.path.join(self.root, "src", "batt", "bin", "batt")
        if not os.access(binary, os.X_OK):
            raise RuntimeError(
                f"no batt binary at {binary}: build the wheel with Scripts/build-wheel.sh, "
                "which builds the portable binary and copies it there"
            )
        build_data["pure_python"] = False
        build_data["tag"] = TAG
