// The OpenCL C sources (opencl/kernels/*.cl), embedded at build time as two programs: the
// Keccak PBKDF2 and VRF kernels, which do not depend on N, and the ROMix kernels, compiled per
// (N, lookup gap, work-group size) so that drivers' program caches serve the first across runs.
#pragma once

#include <string_view>

namespace sm::opencl {

std::string_view KdfSource();    // keccak.cl, vrf.cl: pbkdf2_in, pbkdf2_out, vrf_min
std::string_view RomixSource();  // scratch.cl, romix_lane1.cl, romix_lane4.cl: romix

}  // namespace sm::opencl
