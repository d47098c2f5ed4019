// Shared helpers for the sm_opencl tests: vectors and an initializer on the test device.
#pragma once

#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "sm/opencl/initializer.h"

namespace sm::opencl::testing {

nlohmann::json LoadVectors(const std::string& file);  // from SM_TEST_VECTORS_DIR
// Hex from the vector files, which are well-formed (a bad one fails the test).
std::vector<uint8_t> VectorBytes(const std::string& hex);
base::Hash32 VectorHash32(const std::string& hex);

// The first OpenCL provider (PoCL in CI).
uint32_t TestProvider();

// An initializer on TestProvider(); fails the test if Create fails.
std::unique_ptr<GpuInitializer> MakeInitializer(uint32_t scrypt_n, const Options& options);

// Full 32-byte outputs of [first, first + count), hex each.
std::vector<std::string> FullHex(GpuInitializer& init, const base::Hash32& commitment, uint64_t first, uint64_t count);

}  // namespace sm::opencl::testing
